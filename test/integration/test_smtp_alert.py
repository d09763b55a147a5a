"""E-mail alerts (global_defs notification_email, smtp_server...) sent by
the daemon's alerter (test/tools/alerttool) to a real SMTP server,
aiosmtpd, inside a namespace the test made.

What arrives must be what keepalived sends (observed with Debian's
keepalived 2.2.7 against aiosmtpd): HELO with smtp_helo_name, MAIL FROM
notification_email_from, one RCPT TO per address, and headers Date, From,
"Subject: [router_id] subject", X-Mailer: Keepalived, "To: a, b". A
server that is down or stalls costs a log line, and the alerter still
finishes (within smtp_connect_timeout per step, which the tool's own
give-up time is far above).
"""
import email
import email.utils
import os
import re
import shutil
import socket

import pytest

from kalib import REPO_ROOT
from smtp_servers import Mute, SmtpSink

PORT = 2525
TOOL_GIVE_UP_S = 60


@pytest.fixture
def alerttool():
    path = os.path.join(REPO_ROOT, "test", "tools", "alerttool")
    if not os.access(path, os.X_OK):
        pytest.fail(f"{path} is not built (run make)")
    return path


@pytest.fixture
def servers():
    made = []
    yield made
    for s in made:
        s.stop()


def conf(tmp_path, server="127.0.0.1", extra="", timeout=3,
         emails=("alice@example.test", "bob@example.test")):
    path = tmp_path / "keepalived.conf"
    lines = "\n".join(f"    {e}" for e in emails)
    path.write_text(f"""
global_defs {{
  notification_email {{
{lines}
  }}
  smtp_server {server} {PORT}
  smtp_connect_timeout {timeout}
{extra}
}}
""")
    return str(path)


def send(ns, tool, path, subject, body, count=1):
    res = ns.run([tool, "-n", str(count), "-t", str(TOOL_GIVE_UP_S), path,
                  subject, body], timeout=TOOL_GIVE_UP_S + 30)
    # 0: the alerter finished before the tool gave up
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


def test_alert_arrives_as_keepalived_sends_it(netns, tmp_path, alerttool,
                                              servers):
    ns = netns("mail")
    sink = SmtpSink(ns, str(tmp_path), "127.0.0.1", PORT).start()
    servers.append(sink)
    path = conf(tmp_path, extra="""
  router_id lb-east
  notification_email_from keepalived@lb-east.example.test
  smtp_helo_name lb-east.example.test
""")
    body = ("=> CHECK failed on service : connection error <=\n"
            ".a line that starts with a dot\n\nlast line")
    out = send(ns, alerttool, path, "[10.0.0.2]:tcp:80 - DOWN", body)
    assert "SMTP alert successfully sent." in out
    assert "queued 1 busy 0" in out

    msgs = sink.messages()
    assert len(msgs) == 1, msgs
    m = msgs[0]
    assert m["helo"] == "lb-east.example.test"
    assert m["mail_from"] == "keepalived@lb-east.example.test"
    assert m["rcpt_tos"] == ["alice@example.test", "bob@example.test"]

    # every line ends with CRLF on the wire
    assert "\n" not in m["content"].replace("\r\n", "")
    msg = email.message_from_string(m["content"])
    assert list(msg.keys()) == ["Date", "From", "Subject", "X-Mailer", "To"]
    assert msg["From"] == "keepalived@lb-east.example.test"
    assert msg["To"] == "alice@example.test, bob@example.test"
    assert msg["Subject"] == "[lb-east] [10.0.0.2]:tcp:80 - DOWN"
    assert msg["X-Mailer"] == "Keepalived"
    date = email.utils.parsedate_to_datetime(msg["Date"])
    assert date.tzinfo is not None
    assert re.fullmatch(r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} "
                        r"\d\d:\d\d:\d\d [+-]\d{4}", msg["Date"])
    # the server undid the dot-stuffing: the body is what was given
    assert msg.get_payload() == body.replace("\n", "\r\n") + "\r\n"


def test_defaults_from_host_name(netns, tmp_path, alerttool, servers):
    ns = netns("mail")
    sink = SmtpSink(ns, str(tmp_path), "127.0.0.1", PORT).start()
    servers.append(sink)
    host = socket.gethostname()
    out = send(ns, alerttool, conf(tmp_path, emails=("ops@example.test",)),
               "subject", "body")
    assert "SMTP alert successfully sent." in out
    (m,) = sink.messages()
    assert m["helo"] == host
    assert m["mail_from"] == f"keepalived@{host}"
    assert m["rcpt_tos"] == ["ops@example.test"]
    msg = email.message_from_string(m["content"])
    assert msg["Subject"] == f"[{host}] subject"
    assert msg["From"] == f"keepalived@{host}"


def test_several_alerts_each_arrive(netns, tmp_path, alerttool, servers):
    ns = netns("mail")
    sink = SmtpSink(ns, str(tmp_path), "127.0.0.1", PORT).start()
    servers.append(sink)
    out = send(ns, alerttool, conf(tmp_path), "burst", "x", count=5)
    assert out.count("SMTP alert successfully sent.") == 5
    assert len(sink.messages()) == 5


def test_ipv6_server(netns, tmp_path, alerttool, servers):
    ns = netns("mail")
    sink = SmtpSink(ns, str(tmp_path), "::1", PORT).start()
    servers.append(sink)
    out = send(ns, alerttool, conf(tmp_path, server="::1"), "v6", "x")
    assert f"Remote SMTP server [::1]:{PORT} connected." in out
    assert "SMTP alert successfully sent." in out
    assert len(sink.messages()) == 1


def test_refused_recipient_does_not_stop_the_others(netns, tmp_path,
                                                   alerttool, servers):
    ns = netns("mail")
    sink = SmtpSink(ns, str(tmp_path), "127.0.0.1", PORT).start()
    servers.append(sink)
    path = conf(tmp_path, emails=("refused@example.test",
                                  "ops@example.test"))
    out = send(ns, alerttool, path, "partly", "x")
    assert re.search(r"refused recipient refused@example.test: 550 ", out)
    assert "SMTP alert successfully sent." in out
    (m,) = sink.messages()
    assert m["rcpt_tos"] == ["ops@example.test"]
    # the To: header still names everyone configured
    msg = email.message_from_string(m["content"])
    assert msg["To"] == "refused@example.test, ops@example.test"


def test_every_recipient_refused(netns, tmp_path, alerttool, servers):
    ns = netns("mail")
    sink = SmtpSink(ns, str(tmp_path), "127.0.0.1", PORT).start()
    servers.append(sink)
    out = send(ns, alerttool, conf(tmp_path, emails=("refused@x.test",)),
               "nobody", "x")
    assert "Error sending SMTP alert to [127.0.0.1]:2525: every " \
        "recipient was refused" in out, out
    assert sink.messages() == []


def test_server_down_costs_a_log_line(netns, tmp_path, alerttool):
    ns = netns("mail")
    out = send(ns, alerttool, conf(tmp_path), "nobody listens", "x")
    lines = [l for l in out.splitlines() if "Error sending SMTP alert" in l]
    assert len(lines) == 1, out
    assert f"[127.0.0.1]:{PORT}" in lines[0]
    assert "Connection refused" in lines[0]


def test_mute_server_times_out(netns, tmp_path, alerttool, servers):
    ns = netns("mail")
    servers.append(Mute(ns, str(tmp_path), "127.0.0.1", PORT).start())
    out = send(ns, alerttool, conf(tmp_path, timeout=2), "stall", "x")
    lines = [l for l in out.splitlines() if "Error sending SMTP alert" in l]
    assert len(lines) == 1, out
    assert "timeout waiting for the greeting" in lines[0]
    assert "successfully sent" not in out


def test_server_stalling_after_data_times_out(netns, tmp_path, alerttool,
                                              servers):
    ns = netns("mail")
    sink = SmtpSink(ns, str(tmp_path), "127.0.0.1", PORT,
                    stall_s=30).start()
    servers.append(sink)
    out = send(ns, alerttool, conf(tmp_path, timeout=2), "stall", "x")
    assert "timeout waiting for the message reply" in out, out
    assert "successfully sent" not in out


def test_alerts_in_flight_are_bounded(netns, tmp_path, alerttool, servers):
    ns = netns("mail")
    servers.append(Mute(ns, str(tmp_path), "127.0.0.1", PORT).start())
    out = send(ns, alerttool, conf(tmp_path, timeout=2), "many", "x",
               count=20)
    assert "queued 16 busy 4" in out, out
    assert "SMTP alert dropped: 16 alerts are already being sent" in out
    # 4 refusals and 16 time-outs, but the log is rate-limited
    errors = len(re.findall(r"SMTP alert dropped|Error sending SMTP", out))
    assert errors < 20, out


def test_server_given_by_name(netns, tmp_path, alerttool, servers):
    """A host name is resolved once when the alerter is made ('ip netns
    exec' gives the namespace its own /etc/hosts from /etc/netns/)."""
    ns = netns("mail")
    etc = f"/etc/netns/{ns.name}"
    os.makedirs(etc)
    try:
        with open(f"{etc}/hosts", "w") as f:
            f.write("127.0.0.1 mailhub.example.test\n")
        sink = SmtpSink(ns, str(tmp_path), "127.0.0.1", PORT).start()
        servers.append(sink)
        out = send(ns, alerttool, conf(tmp_path,
                                       server="mailhub.example.test"),
                   "by name", "x")
        assert "SMTP alert successfully sent." in out
        assert len(sink.messages()) == 1
    finally:
        shutil.rmtree(etc)


def test_unresolvable_name_is_logged(netns, tmp_path, alerttool):
    ns = netns("mail")
    etc = f"/etc/netns/{ns.name}"
    os.makedirs(etc)
    try:
        # no DNS server in the namespace: only this hosts file answers
        with open(f"{etc}/hosts", "w") as f:
            f.write("127.0.0.1 localhost\n")
        with open(f"{etc}/resolv.conf", "w") as f:
            f.write("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n")
        out = send(ns, alerttool, conf(tmp_path, server="nowhere.invalid"),
                   "lost", "x")
        assert "smtp_server nowhere.invalid: cannot resolve" in out, out
        assert "SMTP alert not sent" in out
    finally:
        shutil.rmtree(etc)
