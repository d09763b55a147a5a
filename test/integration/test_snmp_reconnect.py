"""The AgentX sub-agent and a master agent that goes away: snmpd is
killed (by pid) under our running VRRP node, then started again on the
same socket. Our daemon must answer again within a bounded wait, and
while snmpd is gone the VRRP child must not stall: the peer, Debian's
keepalived 2.2.7 at a lower priority, keeps receiving our adverts and
stays BACKUP (no transition in its log), and ours stays MASTER."""
import json
import signal
import time

import pytest

from kalib import wait_until
from kalib.snmplib import KEEPALIVED_OID, Snmpd, snmp_unavailable_reason

pytestmark = pytest.mark.skipif(snmp_unavailable_reason() is not None,
                                reason=str(snmp_unavailable_reason()))

OURS_ARGS = ("-n", "-l", "-G", "-D")
REF_ARGS = ("-n", "-l", "-D")
INST_STATE_1 = KEEPALIVED_OID + ".2.3.1.4.1"    # vrrpInstanceState.1
VIP = "192.168.92.100"


def config(prio, extra=""):
    return f"""global_defs {{
    vrrp_garp_master_delay 0
{extra}}}
vrrp_instance VI_1 {{
    state BACKUP
    interface vr0
    virtual_router_id 64
    priority {prio}
    advert_int 1
    virtual_ipaddress {{
        {VIP}/24
    }}
}}
"""


def ours_state(d, tmp_path):
    path = tmp_path / "ka.json"
    if path.exists():
        path.unlink()
    d.signal(signal.SIGRTMIN + 2)
    wait_until(lambda: path.exists() and path.stat().st_size > 0, 10,
               what="the JSON dump")
    return json.loads(path.read_text())["vrrp_instances"][0]["state"]


def answers(snmpd):
    """vrrpInstanceState.1 is master(2) through this snmpd."""
    try:
        got = snmpd.get(INST_STATE_1)
    except AssertionError:
        return False
    return got.get(INST_STATE_1, (None, None))[1] == "2"


def test_snmpd_restart(netns, veth, daemon, keepalived_ref, tmp_path):
    a, b = netns("sra"), netns("srb")
    veth(a, b, "192.168.92.1/24", "192.168.92.2/24", ifname_a="vr0",
         ifname_b="vr0")
    with Snmpd() as snmpd:
        peer = daemon(b, config(100), args=REF_ARGS, binary=keepalived_ref,
                      name="peer")
        extra = (f"    enable_snmp_vrrp\n    snmp_socket {snmpd.agentx}\n"
                 f"    json_dump_file {tmp_path}/ka.json\n")
        d = daemon(a, config(150, extra), args=OURS_ARGS, name="ours")
        d.wait_for_log(r"VRRP child \(pid \d+\) is running", timeout=20)
        d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=20)
        peer.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20)
        wait_until(lambda: answers(snmpd), 20,
                   what="vrrpInstanceState.1 = master(2)")

        peer_mark, ours_mark = peer.mark(), d.mark()
        snmpd.kill()
        # Something that must NOT happen needs the protocol's own time to
        # pass: more than one Master_Down_Interval (3 x 1 s + skew) and
        # a few of the sub-agent's AgentX pings (every 2 s).
        time.sleep(8)
        assert d.running()
        assert "Entering MASTER STATE" not in peer.log()[peer_mark:]
        assert "Entering" not in d.log()[ours_mark:]
        assert ours_state(d, tmp_path) == "MASTER"

        again = Snmpd(workdir=snmpd.dir)
        again.start()
        try:
            # the sub-agent notices within its ping interval, opens a new
            # session and registers again
            wait_until(lambda: answers(again), 30,
                       what="our tables answering through the new snmpd")
            rows = again.walk(KEEPALIVED_OID + ".2.3")
            assert all("No Such" not in typ for _, typ, _ in rows)
        finally:
            again.stop()
        assert "Entering MASTER STATE" not in peer.log()[peer_mark:]
        assert d.running()
