"""track_interface with the real daemon: our node (priority 150) tracks
an interface tr0 (a veth to a third namespace) and its own vr0; the peer
on vr0 is Debian's keepalived 2.2.7 (priority 120). 'ip link set down'
on a tracked interface must move the virtual address to the peer (FAULT
with weight 0, a lower priority with a weight), and 'up' must bring it
back."""
import json

import pytest

from kalib import wait_until

OURS_ARGS = ("-n", "-l", "-G", "-D")
REF_ARGS = ("-n", "-l", "-D")
VIP = "192.168.85.100"


def has_vip(ns, ifname="vr0"):
    links = json.loads(ns.ip("-j", "addr", "show", "dev", ifname) or "[]")
    return any(a["local"] == VIP for link in links
               for a in link.get("addr_info", []))


def instance(prio, extra="", ifname="vr0"):
    return ("global_defs {\n    vrrp_garp_master_delay 0\n}\n"
            "vrrp_instance VI_1 {\n    state BACKUP\n"
            f"    interface {ifname}\n"
            "    virtual_router_id 62\n"
            f"    priority {prio}\n    advert_int 1\n{extra}"
            f"    virtual_ipaddress {{\n        {VIP}/24\n    }}\n}}\n")


@pytest.fixture
def nodes(netns, veth, daemon, keepalived_ref):
    """(ours' namespace, peer's namespace, peer daemon); tr0 in ours."""
    a, b, t = netns("via"), netns("vib"), netns("vit")
    veth(a, b, "192.168.85.1/24", "192.168.85.2/24", ifname_a="vr0",
         ifname_b="vr0")
    veth(a, t, None, None, ifname_a="tr0", ifname_b="tr1")
    peer = daemon(b, instance(120), args=REF_ARGS, binary=keepalived_ref,
                  name="peer")
    return a, b, peer


def holder_is(a, b, who, timeout=30):
    want = {"a": (True, False), "b": (False, True)}[who]
    wait_until(lambda: (has_vip(a), has_vip(b)) == want, timeout,
               what=f"the VIP on node {who} only")


def test_unweighted_interface_down_is_fault(nodes, daemon):
    a, b, peer = nodes
    d = daemon(a, instance(150, "    track_interface {\n        tr0\n"
                                "    }\n"), args=OURS_ARGS, name="ours")
    holder_is(a, b, "a")

    mark, pmark = d.mark(), peer.mark()
    a.ip("link", "set", "tr0", "down")
    d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20, since=mark)
    holder_is(a, b, "b")
    # a master entering FAULT tells the backups with priority 0
    assert "(VI_1) sent 0 priority" in d.log()[mark:]
    peer.wait_for_log(r"\(VI_1\) Backup received priority 0 advertisement",
                      since=pmark)

    mark = d.mark()
    a.ip("link", "set", "tr0", "up")
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20, since=mark)
    holder_is(a, b, "a")
    assert d.running()


def test_weighted_interface_lowers_priority(nodes, daemon):
    """weight -60: down takes 150 to 90 (under the peer's 120) without a
    FAULT; up gives 150 back and ours preempts."""
    a, b, _ = nodes
    d = daemon(a, instance(150, "    track_interface {\n"
                                "        tr0 weight -60\n    }\n"),
               args=OURS_ARGS, name="ours")
    holder_is(a, b, "a")

    mark = d.mark()
    a.ip("link", "set", "tr0", "down")
    d.wait_for_log(r"\(VI_1\) Changing effective priority from 150 to 90",
                   timeout=20, since=mark)
    holder_is(a, b, "b")
    assert "FAULT" not in d.log()[mark:]

    mark = d.mark()
    a.ip("link", "set", "tr0", "up")
    d.wait_for_log(r"\(VI_1\) Changing effective priority from 90 to 150",
                   timeout=20, since=mark)
    holder_is(a, b, "a")


def test_own_interface_down_is_fault(netns, bridge, daemon, keepalived_ref):
    """The instance's own interface is tracked too (no
    dont_track_primary): down is FAULT, up recovers and preempts. On a
    bridge, so that the peer keeps its carrier."""
    a, b = netns("via"), netns("vib")
    br = bridge([(a, "192.168.85.1/24"), (b, "192.168.85.2/24")])
    ifa, ifb = br.ports[0].ifname_b, br.ports[1].ifname_b
    daemon(b, instance(120, ifname=ifb), args=REF_ARGS,
           binary=keepalived_ref, name="peer")
    d = daemon(a, instance(150, ifname=ifa), args=OURS_ARGS, name="ours")

    def holder():
        return has_vip(a, ifa), has_vip(b, ifb)
    wait_until(lambda: holder() == (True, False), 30, what="ours master")
    mark = d.mark()
    a.ip("link", "set", ifa, "down")
    d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20, since=mark)
    wait_until(lambda: holder() == (False, True), 30,
               what="the peer taking over")
    a.ip("link", "set", ifa, "up")
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20, since=mark)
    wait_until(lambda: holder() == (True, False), 30,
               what="ours master again")
