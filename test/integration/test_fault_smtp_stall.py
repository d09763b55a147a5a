"""Fault injection: an SMTP server that stalls while the daemon has mail
to send.

Node A (ours, under test) is the backup of node B (ours) and load-balances
one real server with a TCP_CHECK; both its VRRP instance and its real
server have smtp_alert, and its smtp_server is either mute (accepts the
TCP connection, never greets) or stops mid-dialogue (aiosmtpd that never
answers the end of the message). While alerts hang, the daemon must go on:
B stops, A takes over (step by step: BACKUP, then MASTER with the VIP);
the real server goes away and comes back, and the checker sees both. Each
alert gives up after smtp_connect_timeout with a log line; afterwards no
connection to the SMTP server remains open and neither child holds more
descriptors than before; SIGTERM stops A cleanly and removes the VIP.
"""
import os
import re

import pytest

from checklib import TcpServer, wait_dest
from kalib import wait_until
from proclib import wait_children
from smtp_servers import Mute, SmtpSink

SUBNET = "192.168.88"
A, B, RS = f"{SUBNET}.1", f"{SUBNET}.2", f"{SUBNET}.11"
VIP = f"{SUBNET}.100"
VS = f"{SUBNET}.200"
SMTP_PORT = 2525
# Long enough that each step below happens while alerts hang.
TIMEOUT_S = 8
ERROR = r"Error sending SMTP alert to \[127\.0\.0\.1\]:2525: "


def config(name, ifname, prio, with_lvs):
    lvs = f"""
virtual_server {VS} 80 {{
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server {RS} 8080 {{
        smtp_alert
        TCP_CHECK {{
            connect_timeout 1
        }}
    }}
}}
""" if with_lvs else ""
    return f"""
global_defs {{
    router_id {name}
    notification_email {{
        ops@example.test
    }}
    notification_email_from ka@example.test
    smtp_server 127.0.0.1 {SMTP_PORT}
    smtp_connect_timeout {TIMEOUT_S}
    vrrp_garp_master_delay 0
}}
vrrp_instance VI_1 {{
    state BACKUP
    interface {ifname}
    virtual_router_id 62
    priority {prio}
    advert_int 1
    smtp_alert
    virtual_ipaddress {{
        {VIP}/24
    }}
}}
{lvs}"""


def tcp_inodes(pid):
    """{socket inode: remote port} of the TCP connections in pid's
    namespace (not the listening sockets)."""
    out = {}
    for name in ("tcp", "tcp6"):
        try:
            with open(f"/proc/{pid}/net/{name}") as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            col = row.split()
            if col[3] != "0A":          # not LISTEN
                out[col[9]] = int(col[2].rsplit(":", 1)[1], 16)
    return out


def fds(pid):
    """(descriptors that are not TCP connections, SMTP connections)."""
    conns = tcp_inodes(pid)
    other = smtp = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue        # closed meanwhile
        m = re.fullmatch(r"socket:\[(\d+)\]", target)
        if m and m.group(1) in conns:
            smtp += conns[m.group(1)] == SMTP_PORT
        else:
            other += 1
    return other, smtp


def has_vip(ns):
    return f"{VIP}/24" in ns.ip("-br", "addr", "show")


@pytest.mark.parametrize("stall", ["mute", "mid_dialogue"])
def test_stalled_smtp_server_stops_nothing(netns, bridge, daemon, tmp_path,
                                           stall):
    a, b, rs = netns("ssa"), netns("ssb"), netns("ssr")
    br = bridge([(a, f"{A}/24"), (b, f"{B}/24"), (rs, f"{RS}/24")])
    if_a, if_b = br.ports[0].ifname_b, br.ports[1].ifname_b
    if stall == "mute":
        server = Mute(a, str(tmp_path), "127.0.0.1", SMTP_PORT)
        reason = "timeout waiting for the greeting"
    else:
        server = SmtpSink(a, str(tmp_path), "127.0.0.1", SMTP_PORT,
                          stall_s=3600)
        reason = "timeout waiting for the message reply"
    server.start()
    real = TcpServer(rs, RS, 8080).start()
    try:
        _run(a, b, rs, if_a, if_b, daemon, tmp_path, real, reason)
    finally:
        server.stop()


def _run(a, b, rs, if_a, if_b, daemon, tmp_path, real, reason):
    table = os.path.join(str(tmp_path), "ipvs-a.txt")
    db = daemon(b, config("ssb", if_b, 200, False), name="ssb",
                args=("-n", "-l", "-G", "-D", "-P"))
    db.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=20)
    da = daemon(a, config("ssa", if_a, 100, True), name="ssa",
                args=("-n", "-l", "-G", "-D", f"--ipvs-record={table}"))
    vrrp_pid, check_pid = wait_children(da)
    da.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20)
    wait_dest(table, f"TCP {VS}:80", f"{RS}:8080", timeout=20)
    # The first alert (VRRP's BACKUP) gives up; then no SMTP connection
    # is open, and each child's other descriptors are the reference.
    da.wait_for_log(rf"Error sending SMTP alert .*{reason}", timeout=30)
    for pid in (vrrp_pid, check_pid):
        wait_until(lambda p=pid: fds(p)[1] == 0, 30,
                   what=f"pid {pid} without SMTP connections")
    base = {p: fds(p)[0] for p in (vrrp_pid, check_pid)}
    errors = len(re.findall(ERROR, da.log()))

    # B goes: A takes over while its alerts hang.
    mark = da.mark()
    assert db.stop(timeout=20) == 0
    da.wait_for_log(r"\(VI_1\) Entering MASTER STATE", since=mark,
                    timeout=20)
    wait_until(lambda: has_vip(a), 10, what="the VIP on A")
    wait_until(lambda: fds(vrrp_pid)[1], 10,
               what="the MASTER alert connected (and hanging)")
    # The checker goes on: the real server leaves IPVS, then comes back.
    real.stop()
    wait_dest(table, f"TCP {VS}:80", f"{RS}:8080", present=False,
              timeout=20)
    wait_until(lambda: fds(check_pid)[1], 10,
               what="the checker's alert connected (and hanging)")
    real.start()
    wait_dest(table, f"TCP {VS}:80", f"{RS}:8080", timeout=20)

    # Every alert gives up, with a log line naming why.
    wait_until(lambda: len(re.findall(ERROR, da.log())) >= errors + 2,
               4 * TIMEOUT_S + 20, what="the later alerts giving up")
    assert re.search(ERROR + f".*{reason}", da.log()[mark:])
    assert "SMTP alert successfully sent" not in da.log()
    for pid in (vrrp_pid, check_pid):
        wait_until(lambda p=pid: fds(p) == (base[p], 0),
                   4 * TIMEOUT_S + 20,
                   what=f"pid {pid}: {base[pid]} descriptors and no SMTP "
                        f"connection (has {fds(pid)})")
    # The children were not replaced meanwhile (no hang, no crash).
    assert (da.pid_from("-r"), da.pid_from("-c")) == (vrrp_pid, check_pid)
    assert da.stop(timeout=20) == 0
    assert not has_vip(a)
