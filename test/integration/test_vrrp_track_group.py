"""track_group: static addresses, routes and rules that name a track
group are followed by the group's instances, as Debian's keepalived 2.2.7
follows them: a deleted static address is put back at once (tracked or
not: keepalived does it for every static address), the interface of a tracked entry going away sends the
instances to FAULT, and when it returns the entries are put back and the
instances leave FAULT. The -t verdicts are compared with keepalived's."""
import json

import pytest

from kalib import wait_until
from verdictlib import assert_same_verdict, host_with_e0

OURS_ARGS = ("-n", "-l", "-G", "-D", "-P")
REF_ARGS = ("-n", "-l", "-D", "-P")
TRACKED = "10.99.5.1"
UNTRACKED = "10.99.8.1"


def config(ifname="vr0", prio=200):
    return f"""track_group TG {{
    group {{
        VI_1
    }}
}}
static_ipaddress {{
    {TRACKED}/24 dev d0 track_group TG
    {UNTRACKED}/24 dev d0
}}
static_routes {{
    10.99.6.0/24 via 10.99.5.2 dev d0 track_group TG
}}
vrrp_instance VI_1 {{
    interface {ifname}
    virtual_router_id 57
    priority {prio}
    advert_int 0.3
    version 3
    virtual_ipaddress {{
        192.168.87.100/24
    }}
}}
"""


def addrs(ns, dev="d0"):
    out = json.loads(ns.ip("-j", "addr", "show", check=False) or "[]")
    return sorted(a["local"] for ln in out if ln["ifname"] == dev
                  for a in ln.get("addr_info", []) if a["family"] == "inet")


def has_route(ns):
    out = json.loads(ns.ip("-j", "route", "show", "10.99.6.0/24") or "[]")
    return len(out) == 1


def two_hosts(netns, veth):
    a, b = netns("tga"), netns("tgb")
    veth(a, b, "192.168.87.1/24", "192.168.87.2/24", ifname_a="vr0",
         ifname_b="vr0")
    veth(a, b, None, None, ifname_a="d0", ifname_b="d0")
    return a, b


@pytest.mark.parametrize("who", ["ours", "keepalived"])
def test_deleted_address_is_restored(netns, veth, daemon, keepalived_ref,
                                     who):
    a, _ = two_hosts(netns, veth)
    binary = keepalived_ref if who == "keepalived" else None
    d = daemon(a, config(), args=REF_ARGS if binary else OURS_ARGS,
               binary=binary, name=who)
    wait_until(lambda: addrs(a) == [TRACKED, UNTRACKED], 20,
               what="the static addresses")
    mark = d.mark()
    a.ip("addr", "del", f"{TRACKED}/24", "dev", "d0")
    a.ip("addr", "del", f"{UNTRACKED}/24", "dev", "d0")
    wait_until(lambda: addrs(a) == [TRACKED, UNTRACKED], 10,
               what="both restored")
    d.wait_for_log(r"Restoring deleted static address 10\.99\.5\.1/24",
                   5, since=mark)
    d.wait_for_log(r"Restoring deleted static address 10\.99\.8\.1/24",
                   5, since=mark)
    assert d.stop(20) == 0


def test_interface_gone_faults_and_returns(netns, veth, daemon,
                                           keepalived_ref):
    a, b = two_hosts(netns, veth)
    ours = daemon(a, config(), args=OURS_ARGS, name="ours")
    ref = daemon(b, "vrrp_instance" + config(prio=100).split(
        "vrrp_instance")[1], args=REF_ARGS, binary=keepalived_ref,
        name="ref")
    ours.wait_for_log(r"\(VI_1\) Entering MASTER STATE", 20)
    ref.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", 20)
    assert has_route(a)
    mark = ours.mark()
    a.ip("link", "del", "d0")
    ours.wait_for_log(r"\(VI_1\) Entering FAULT STATE", 10, since=mark)
    ref.wait_for_log(r"\(VI_1\) Entering MASTER STATE", 10)
    # d0 again: the addresses and the tracked route come back, and the
    # instance leaves FAULT
    veth(a, b, None, None, ifname_a="d0", ifname_b="d1")
    wait_until(lambda: addrs(a) == [TRACKED, UNTRACKED], 10,
               what="d0's addresses restored")
    wait_until(lambda: has_route(a), 10, what="the tracked route back")
    ours.wait_for_log(r"\(VI_1\) Entering (BACKUP|MASTER) STATE", 10,
                      since=mark)
    wait_until(lambda: "Entering MASTER STATE" in ours.log()[mark:], 20,
               what="ours preempts again")
    assert ours.stop(20) == 0
    assert addrs(a) == []
    assert ref.stop(20) == 0


# ---- -t verdicts ---------------------------------------------------------

INST = ("vrrp_instance VI_1 {\n    interface e0\n    virtual_router_id 51\n"
        "    virtual_ipaddress {\n        10.9.0.100/24\n    }\n}\n")
GROUP = "track_group TG {\n    group {\n        VI_1\n    }\n}\n"

# name -> (configuration, line ours must name when the verdict is an error)
CORPUS = {
    "address": (GROUP + "static_ipaddress {\n    10.9.3.1/24 dev e0 "
                "track_group TG\n}\n" + INST, None),
    # keepalived resolves the name where it is used
    "group_after_use": ("static_ipaddress {\n    10.9.3.1/24 dev e0 "
                        "track_group TG\n}\n" + GROUP + INST, 2),
    "unknown_group": (GROUP + "static_ipaddress {\n    10.9.3.1/24 dev e0 "
                      "track_group TG2\n}\n" + INST, 7),
    "route_no_dev": (GROUP + "static_routes {\n    10.9.4.0/24 via "
                     "10.9.0.2 track_group TG\n}\n" + INST, 7),
    "route_dev": (GROUP + "static_routes {\n    10.9.4.0/24 via "
                  "10.9.0.2 dev e0 track_group TG\n}\n" + INST, None),
    "rule_no_iif": (GROUP + "static_rules {\n    from 10.9.5.0/24 table 100 "
                    "priority 100 track_group TG\n}\n" + INST, 7),
    "rule_iif": (GROUP + "static_rules {\n    from 10.9.5.0/24 iif e0 "
                 "table 100 priority 100 track_group TG\n}\n" + INST, None),
}


@pytest.fixture
def host(netns, veth):
    return host_with_e0(netns, veth)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_track_group_verdict_matches_debian(name, host, keepalived_bin,
                                            keepalived_ref, tmp_path):
    text, line = CORPUS[name]
    path = tmp_path / f"{name}.conf"
    path.write_text(text)
    assert_same_verdict(host, keepalived_bin, keepalived_ref, path, line)
