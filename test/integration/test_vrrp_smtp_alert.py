"""smtp_alert of VRRP instances and sync groups with the real daemon and
a real SMTP server (python3-aiosmtpd, smtp_servers.SmtpSink): an e-mail
per transition of an instance or group with smtp_alert (and none for a
member without it), worded as Debian's keepalived 2.2.7 words them; the
test runs both on the same scenario: start (BACKUP, then MASTER alone on
the link), then the link's carrier lost (FAULT)."""
import email
import os

import pytest

from kalib import wait_until
from smtp_servers import SmtpSink

OURS_ARGS = ("-n", "-l", "-G", "-D")
REF_ARGS = ("-n", "-l", "-D")
PORT = 2525


def config(global_extra="", inst_alert="    smtp_alert\n"):
    return ("global_defs {\n    router_id rid1\n"
            "    notification_email {\n        ops@example.test\n    }\n"
            "    notification_email_from ka@example.test\n"
            f"    smtp_server 127.0.0.1 {PORT}\n"
            "    smtp_connect_timeout 5\n    vrrp_garp_master_delay 0\n"
            f"{global_extra}}}\n"
            "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n"
            "    }\n    smtp_alert\n}\n"
            "vrrp_instance VI_1 {\n    state BACKUP\n    interface vr0\n"
            "    virtual_router_id 70\n    priority 100\n    advert_int 1\n"
            f"{inst_alert}"
            "    virtual_ipaddress {\n        192.168.89.100/24\n    }\n}\n"
            "vrrp_instance VI_2 {\n    state BACKUP\n    interface vr0\n"
            "    virtual_router_id 71\n    priority 100\n    advert_int 1\n"
            "    virtual_ipaddress {\n        192.168.89.101/24\n    }\n}\n")


def mails(sink):
    out = []
    for m in sink.messages():
        msg = email.message_from_string(m["content"])
        out.append((msg["Subject"], msg.get_payload().strip()))
    return out


EXPECTED = [
    ("[rid1] VRRP Instance VI_1 - Entering BACKUP state",
     "=> VRRP Instance is no longer owning VRRP VIPs <="),
    ("[rid1] VRRP Group G1 - Entering BACKUP state",
     "=> All VRRP group instances are now in BACKUP state <="),
    ("[rid1] VRRP Instance VI_1 - Entering MASTER state",
     "=> VRRP Instance is now owning VRRP VIPs <="),
    ("[rid1] VRRP Group G1 - Entering MASTER state",
     "=> All VRRP group instances are now in MASTER state <="),
    ("[rid1] VRRP Instance VI_1 - Entering FAULT state",
     "=> VRRP Instance is no longer owning VRRP VIPs <="),
    ("[rid1] VRRP Group G1 - Entering FAULT state",
     "=> All VRRP group instances are now in FAULT state <="),
]


@pytest.fixture
def setup(netns, veth, tmp_path):
    a, b = netns("sma"), netns("smb")
    veth(a, b, "192.168.89.1/24", "192.168.89.2/24", ifname_a="vr0",
         ifname_b="vr1")
    a.ip("link", "set", "lo", "up")
    sink = SmtpSink(a, str(tmp_path), "127.0.0.1", PORT).start()
    yield a, b, sink
    sink.stop()


def wait_mails(sink, n):
    wait_until(lambda: len(sink.messages()) >= n, 30,
               what=f"{n} e-mails at the SMTP server")
    return mails(sink)


@pytest.mark.parametrize("which", ["ours", "keepalived"])
def test_alert_per_transition(setup, daemon, keepalived_ref, which):
    a, b, sink = setup
    ours = which == "ours"
    d = daemon(a, config(), args=OURS_ARGS if ours else REF_ARGS,
               binary=None if ours else keepalived_ref, name="a")
    got = wait_mails(sink, 4)
    assert sorted(got) == sorted(EXPECTED[:4])

    b.ip("link", "set", "vr1", "down")
    got = wait_mails(sink, 6)
    assert sorted(got) == sorted(EXPECTED)
    m = sink.messages()[0]
    assert m["mail_from"] == "ka@example.test"
    assert m["rcpt_tos"] == ["ops@example.test"]
    assert d.running()


def test_global_smtp_alert_vrrp_is_the_default(setup, daemon):
    """No smtp_alert on VI_1 but global smtp_alert_vrrp: VI_1 and G1
    alert; "smtp_alert false" on VI_2 keeps it quiet."""
    a, _, sink = setup
    conf = config("    smtp_alert_vrrp true\n", inst_alert="")
    conf = conf.replace("virtual_router_id 71\n",
                        "virtual_router_id 71\n    smtp_alert false\n")
    daemon(a, conf, args=OURS_ARGS, name="a")
    got = wait_mails(sink, 4)
    assert sorted(got) == sorted(EXPECTED[:4])
    assert not [s for s, _ in mails(sink) if "VI_2" in s]
