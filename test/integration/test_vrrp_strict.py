"""vrrp_strict / strict_mode and no_accept, against Debian's keepalived.

What keepalived 2.2.7 does, seen with "nft list ruleset" in namespaces:
a strict instance that is not the address owner, once master, puts its
addresses in the "vips" set of table "ip keepalived", whose input and
output chains drop packets to and from them; a backup holds no address
(and has no table until it has been master); the owner (priority 255) and
an instance with "accept" (version 3) let the traffic through; the table
goes at stop. A client in a third namespace pings the VIP: refused where
keepalived refuses it, answered where keepalived answers it.

The -t verdicts on strict configurations are compared with Debian's."""
import json

import pytest

from kalib import run, wait_until
from verdictlib import assert_same_verdict, host_with_e0

OURS_ARGS = ("-n", "-l", "-G", "-D", "-P")
REF_ARGS = ("-n", "-l", "-D", "-P")
VIP = "192.168.86.100"
EVIP = "192.168.86.102"
CLIENT = "192.168.86.9"


def config(ifname, prio, extra="", glob="    vrrp_strict\n"):
    return (f"global_defs {{\n{glob}}}\n"
            "vrrp_instance VI_1 {\n"
            f"    interface {ifname}\n    virtual_router_id 56\n"
            f"    priority {prio}\n    advert_int 1\n{extra}"
            f"    virtual_ipaddress {{\n        {VIP}/24\n    }}\n"
            f"    virtual_ipaddress_excluded {{\n        {EVIP}/24\n    }}\n"
            "}\n")


def lan(netns, bridge):
    """Ours (a), keepalived (b) and a client (c) on one bridge."""
    a, b, c = netns("sa"), netns("sb"), netns("sc")
    br = bridge([(a, "192.168.86.1/24"), (b, "192.168.86.2/24"),
                 (c, f"{CLIENT}/24")])
    return (a, br.ports[0].ifname_b), (b, br.ports[1].ifname_b), c


def table(ns, family="ip", name="keepalived"):
    """The elements of the table's vips set, or None without the table."""
    res = ns.run(["nft", "-j", "list", "table", family, name])
    if res.returncode != 0:
        return None
    for item in json.loads(res.stdout)["nftables"]:
        s = item.get("set")
        if s and s["name"] == "vips":
            return sorted(e if isinstance(e, str) else e.get("prefix", e)
                          for e in s.get("elem", []))
    return []


def has_vip(ns):
    out = json.loads(ns.ip("-j", "addr", "show") or "[]")
    return any(a["local"] == VIP for ln in out
               for a in ln.get("addr_info", []))


def reaches(client, addr):
    return client.ping(addr)


@pytest.fixture
def nft_ok():
    if run(["nft", "--version"], timeout=10).returncode != 0:
        pytest.skip("the nft command is missing (tools/install-deps)")


def test_strict_master_drops_like_keepalived(netns, bridge, daemon,
                                             keepalived_ref, nft_ok):
    (a, ifa), (b, ifb), c = lan(netns, bridge)
    ours = daemon(a, config(ifa, 200), args=OURS_ARGS, name="ours")
    wait_until(lambda: has_vip(a), 20, what="our master holds the VIP")
    ours.wait_for_log(r"\(VI_1\) setting firewall drop rule", 5)
    assert table(a) == sorted([VIP, EVIP])
    assert reaches(c, "192.168.86.1"), "the LAN itself works"
    assert not reaches(c, VIP), "our strict master answered for the VIP"

    # keepalived as the backup: no table (it never was master)
    ref = daemon(b, config(ifb, 100), args=REF_ARGS, binary=keepalived_ref,
                 name="ref")
    ref.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", 10)
    assert table(b) is None

    # keepalived takes over and drops the same way; ours stops and
    # leaves no table behind
    assert ours.stop(20) == 0
    wait_until(lambda: has_vip(b), 20, what="keepalived's master")
    wait_until(lambda: table(b) == sorted([VIP, EVIP]), 10,
               what="keepalived's drop set")
    assert table(a) is None
    assert not reaches(c, VIP), "keepalived's strict master answered"

    # ours again, higher: keepalived's set empties, ours fills
    ours2 = daemon(a, config(ifa, 200), args=OURS_ARGS, name="ours2")
    wait_until(lambda: has_vip(a) and not has_vip(b), 20,
               what="ours master again")
    wait_until(lambda: table(b) == [], 10, what="keepalived's empty set")
    assert table(a) == sorted([VIP, EVIP])
    assert not reaches(c, VIP)
    # ours to BACKUP: its set empties (keepalived preempts with 250)
    assert ref.stop(20) == 0
    ref2 = daemon(b, config(ifb, 250), args=REF_ARGS,
                  binary=keepalived_ref, name="ref2")
    wait_until(lambda: has_vip(b) and not has_vip(a), 20,
               what="keepalived preempts")
    wait_until(lambda: table(a) == [], 10, what="our empty set")
    ours2.wait_for_log(r"\(VI_1\) removing firewall drop rule", 5)
    assert ours2.stop(20) == 0
    assert table(a) is None
    assert ref2.stop(20) == 0


@pytest.mark.parametrize("extra,who", [
    ("    priority 255\n", "owner"),
    ("    version 3\n    accept\n", "accept"),
], ids=["owner", "v3-accept"])
def test_strict_lets_through_where_keepalived_does(netns, bridge, daemon,
                                                   keepalived_ref, nft_ok,
                                                   extra, who):
    (a, ifa), (b, ifb), c = lan(netns, bridge)
    for ns, ifname, binary, args in ((b, ifb, keepalived_ref, REF_ARGS),
                                     (a, ifa, None, OURS_ARGS)):
        text = config(ifname, 200).replace("    priority 200\n", "")
        text = text.replace("    advert_int 1\n", "    advert_int 1\n"
                            + extra)
        if who == "owner":
            text = text.replace("priority 255", "priority 255\n"
                                "    state MASTER")
        d = daemon(ns, text, args=args, binary=binary,
                   name=f"{who}-{'ref' if binary else 'ours'}")
        wait_until(lambda: has_vip(ns), 20, what=f"{who} master")
        assert table(ns) in (None, []), f"{who}: a drop set"
        assert reaches(c, VIP), f"{who}: the VIP does not answer"
        assert d.stop(20) == 0
        wait_until(lambda: not has_vip(ns), 10, what="VIP gone at stop")
    assert table(a) is None


def test_no_accept_without_strict(netns, bridge, daemon, nft_ok):
    """no_accept alone, and a named table at another priority."""
    (a, ifa), _, c = lan(netns, bridge)
    glob = ("    nftables kat_test\n    nftables_priority 5\n"
            "    nftables_counters\n")
    ours = daemon(a, config(ifa, 100, "    no_accept\n", glob),
                  args=OURS_ARGS, name="ours")
    wait_until(lambda: has_vip(a), 20, what="master")
    assert table(a, name="kat_test") == sorted([VIP, EVIP])
    rules = a.run(["nft", "list", "table", "ip", "kat_test"]).stdout
    assert "priority filter + 5" in rules
    assert "counter" in rules
    assert not reaches(c, VIP)
    assert reaches(c, "192.168.86.1")
    assert ours.stop(20) == 0
    assert table(a, name="kat_test") is None


# ---- -t verdicts ---------------------------------------------------------

def inst(body):
    return ("vrrp_instance VI_1 {\n    interface e0\n"
            "    virtual_router_id 51\n" + body + "}\n")


V4 = "    virtual_ipaddress {\n        10.9.0.100/24\n    }\n"
STRICT = "global_defs {\n    vrrp_strict\n}\n"

# name -> (configuration, line ours must name when the verdict is an error)
CORPUS = {
    "plain": (STRICT + inst(V4), None),
    "auth": (STRICT + inst("    authentication {\n        auth_type PASS\n"
                           "        auth_pass x\n    }\n" + V4), 8),
    "preempt_delay": (STRICT + inst("    preempt_delay 5\n" + V4), 7),
    "accept_v2": (STRICT + inst("    accept\n" + V4), 4),
    "accept_v3": (STRICT + inst("    version 3\n    accept\n" + V4), None),
    "lower_prio_off": (STRICT + inst("    lower_prio_no_advert false\n"
                                     + V4), 4),
    "higher_prio_on": (STRICT + inst("    higher_prio_send_advert true\n"
                                     + V4), 4),
    "xmit_base": (STRICT + inst("    use_vmac\n    vmac_xmit_base\n" + V4),
                  4),
    "master_not_owner": (STRICT + inst("    state MASTER\n"
                                       "    priority 100\n" + V4), 7),
    "master_owner": (STRICT + inst("    state MASTER\n" + V4), None),
    "ipv6_first_not_ll": (STRICT + inst(
        "    virtual_ipaddress {\n        fd00::100/64\n"
        "        fe80::100/64\n    }\n"), 8),
    "ipv6_first_ll": (STRICT + inst(
        "    virtual_ipaddress {\n        fe80::100/64\n"
        "        fd00::100/64\n    }\n"), None),
    "strict_mode_instance": (inst("    strict_mode\n    state MASTER\n"
                                  "    priority 100\n" + V4), 5),
    "strict_mode_off": (STRICT + inst("    strict_mode off\n"
                                      "    preempt_delay 5\n" + V4), None),
    "unicast_allowed": (STRICT + inst("    unicast_peer {\n        10.9.0.2\n"
                                      "    }\n" + V4), None),
}


@pytest.fixture
def host(netns, veth):
    return host_with_e0(netns, veth)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_strict_verdict_matches_debian(name, host, keepalived_bin,
                                       keepalived_ref, tmp_path):
    text, line = CORPUS[name]
    path = tmp_path / f"{name}.conf"
    path.write_text(text)
    assert_same_verdict(host, keepalived_bin, keepalived_ref, path, line)
