"""linkbeat polling with the real daemon: the carrier of a polled
interface comes from ioctls (MII, ETHTOOL, SIOCGIFFLAGS) once a second,
not from netlink. Our node (150) tracks tr0, a veth to a third
namespace; Debian's keepalived 2.2.7 (120) is the peer on vr0. Taking
the far end of tr0 down must be seen by the poller first ("Linkbeat: tr0
carrier is down" before the FAULT), and up again recovers."""
import json

import pytest

from kalib import wait_until

OURS_ARGS = ("-n", "-l", "-G", "-D")
REF_ARGS = ("-n", "-l", "-D")
VIP = "192.168.90.100"


def has_vip(ns, ifname="vr0"):
    links = json.loads(ns.ip("-j", "addr", "show", "dev", ifname) or "[]")
    return any(a["local"] == VIP for link in links
               for a in link.get("addr_info", []))


def config(prio, global_extra="", extra="", top=""):
    return ("global_defs {\n    vrrp_garp_master_delay 0\n"
            f"{global_extra}}}\n{top}"
            "vrrp_instance VI_1 {\n    state BACKUP\n    interface vr0\n"
            "    virtual_router_id 74\n"
            f"    priority {prio}\n    advert_int 1\n{extra}"
            f"    virtual_ipaddress {{\n        {VIP}/24\n    }}\n}}\n")


TRACK = "    track_interface {\n        tr0\n    }\n"


@pytest.fixture
def nodes(netns, veth, daemon, keepalived_ref):
    a, b, t = netns("lba"), netns("lbb"), netns("lbt")
    veth(a, b, "192.168.90.1/24", "192.168.90.2/24", ifname_a="vr0",
         ifname_b="vr0")
    veth(a, t, None, None, ifname_a="tr0", ifname_b="tr1")
    daemon(b, config(120), args=REF_ARGS, binary=keepalived_ref,
           name="peer")
    return a, b, t


def holder_is(a, b, who, timeout=30):
    want = {"a": (True, False), "b": (False, True)}[who]
    wait_until(lambda: (has_vip(a), has_vip(b)) == want, timeout,
               what=f"the VIP on node {who} only")


def check_polled_fault(d, a, b, t, method):
    holder_is(a, b, "a")
    mark = d.mark()
    t.ip("link", "set", "tr1", "down")
    d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20, since=mark)
    log = d.log()[mark:]
    polled = log.find(f"Linkbeat: tr0 carrier is down ({method} polling)")
    assert 0 <= polled < log.find("(VI_1) Entering FAULT STATE"), log
    holder_is(a, b, "b")

    mark = d.mark()
    t.ip("link", "set", "tr1", "up")
    d.wait_for_log(r"Linkbeat: tr0 carrier is up", timeout=20, since=mark)
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20, since=mark)
    holder_is(a, b, "a")
    assert d.running()


def test_linkbeat_interfaces(nodes, daemon):
    """linkbeat_interfaces { tr0 ETHTOOL }: veth answers ETHTOOL_GLINK."""
    a, b, t = nodes
    d = daemon(a, config(150, extra=TRACK,
                         top="linkbeat_interfaces {\n    tr0 ETHTOOL\n}\n"),
               args=OURS_ARGS, name="ours")
    check_polled_fault(d, a, b, t, "ETHTOOL")


def test_global_polling_covers_tracked_interfaces(nodes, daemon):
    """linkbeat_use_polling: the instance's interface and the tracked
    ones; veth has no MII, so ETHTOOL is the first method that works."""
    a, b, t = nodes
    d = daemon(a, config(150, extra=TRACK, top="linkbeat_use_polling\n"),
               args=OURS_ARGS, name="ours")
    d.wait_for_log(r"Linkbeat: vr0 carrier is up \(ETHTOOL polling\)",
                   timeout=20)
    check_polled_fault(d, a, b, t, "ETHTOOL")


def test_instance_keyword_is_deprecated_but_acted_on(nodes, daemon,
                                                      keepalived_bin,
                                                      keepalived_ref,
                                                      tmp_path):
    a, b, t = nodes
    conf = config(150, extra="    linkbeat_use_polling\n")
    path = tmp_path / "lb.conf"
    path.write_text(conf)
    for binary in (keepalived_ref, keepalived_bin):
        res = a.run([binary, "-t", "-f", str(path)], timeout=20)
        said = res.stdout + res.stderr
        assert res.returncode == 5, (binary, said)
        assert "(VI_1) 'linkbeat_use_polling' in vrrp instance " \
               "deprecated - use linkbeat_interfaces block" in said, said
    d = daemon(a, conf, args=OURS_ARGS, name="ours")
    d.wait_for_log(r"Linkbeat: vr0 carrier is up", timeout=20)
    holder_is(a, b, "a")
    assert "Linkbeat: tr0" not in d.log()
