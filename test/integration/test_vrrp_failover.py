"""VRRP fail-over with the real daemon, in namespaces joined by veth or a
bridge: our daemon against Debian's keepalived 2.2.7 as the peer (VRRPv2
with PASS and with AH, VRRPv3 over IPv4 and IPv6, unicast peers), and two
or three of our own nodes. After every change the virtual address must be
on exactly one live node: the one the protocol elects."""
import json
import re
import signal
import time

import pytest

from kalib import wait_until

OURS_ARGS = ("-n", "-l", "-G", "-D", "-P")
REF_ARGS = ("-n", "-l", "-D", "-P")

VARIANTS = {
    "v2-pass": dict(version=2, family=4, auth="PASS", advert="1"),
    "v2-ah": dict(version=2, family=4, auth="AH", advert="1"),
    "v3-ipv4": dict(version=3, family=4, auth=None, advert="0.3"),
    "v3-ipv6": dict(version=3, family=6, auth=None, advert="0.3"),
    "v2-unicast": dict(version=2, family=4, auth="PASS", advert="1",
                       unicast=True),
}

ADDRS = {4: ("192.168.83.{n}/24", "192.168.83.100/24"),
         6: ("fd00:83::{n}/64", "fd00:83::100/64")}


def config(v, ifname, prio, me, peers, router_id, nopreempt=False,
           extra=""):
    """A keepalived.conf for one node of variant v."""
    vip = ADDRS[v["family"]][1]
    lines = ["global_defs {", f"    router_id {router_id}",
             "    vrrp_garp_master_delay 0", extra.rstrip("\n"), "}",
             "vrrp_instance VI_1 {", "    state BACKUP",
             f"    interface {ifname}", "    virtual_router_id 51",
             f"    priority {prio}", f"    advert_int {v['advert']}",
             f"    version {v['version']}"]
    if nopreempt:
        lines.append("    nopreempt")
    if v.get("auth"):
        lines += ["    authentication {", f"        auth_type {v['auth']}",
                  "        auth_pass s3cret", "    }"]
    if v.get("unicast"):
        lines.append(f"    unicast_src_ip {me}")
        lines.append("    unicast_peer {")
        lines += [f"        {p}" for p in peers]
        lines.append("    }")
    lines += ["    virtual_ipaddress {", f"        {vip}", "    }", "}"]
    return "\n".join(lines) + "\n"


def has_vip(ns, ifname, family):
    vip = ADDRS[family][1].split("/")[0]
    links = json.loads(ns.ip("-j", "addr", "show", "dev", ifname) or "[]")
    return any(a["local"] == vip for link in links
               for a in link.get("addr_info", []))


class Node:
    def __init__(self, ns, ifname, addr, prio, binary):
        self.ns, self.ifname, self.addr = ns, ifname, addr
        self.prio, self.binary = prio, binary
        self.d = None


def start(node, daemon, v, peers, router_id, nopreempt=False, extra=""):
    args = REF_ARGS if node.binary else OURS_ARGS
    node.d = daemon(node.ns, config(v, node.ifname, node.prio,
                                    node.addr.split("/")[0], peers,
                                    router_id, nopreempt, extra),
                    args=args, binary=node.binary, name=router_id)
    return node.d


def holders(nodes, family):
    return [n for n in nodes if has_vip(n.ns, n.ifname, family)]


def only_holder(nodes, family, expected, timeout=20):
    def check():
        h = holders(nodes, family)
        return h == [expected] or [x.prio for x in h]
    wait_until(lambda: check() is True, timeout,
               what=f"the VIP on the priority {expected.prio} node only")


def pair(netns, veth, v):
    a, b = netns("vra"), netns("vrb")
    fmt = ADDRS[v["family"]][0]
    addr_a, addr_b = fmt.format(n=1), fmt.format(n=2)
    veth(a, b, addr_a, addr_b, ifname_a="vr0", ifname_b="vr0")
    if v["family"] == 6:
        for ns in (a, b):
            ns.run(["sysctl", "-qw", "net.ipv6.conf.vr0.accept_dad=0"])
    return (a, addr_a), (b, addr_b)


@pytest.mark.parametrize("ours_wins", [True, False],
                         ids=["ours-higher", "keepalived-higher"])
@pytest.mark.parametrize("name", list(VARIANTS))
def test_against_keepalived(netns, veth, daemon, keepalived_ref, name,
                            ours_wins):
    v = VARIANTS[name]
    (ns_a, addr_a), (ns_b, addr_b) = pair(netns, veth, v)
    hi = Node(ns_a, "vr0", addr_a, 200, None if ours_wins else
              keepalived_ref)
    lo = Node(ns_b, "vr0", addr_b, 100, keepalived_ref if ours_wins else
              None)
    nodes = [hi, lo]
    peers = {hi: [addr_b.split("/")[0]], lo: [addr_a.split("/")[0]]}
    start(lo, daemon, v, peers[lo], "lo")
    start(hi, daemon, v, peers[hi], "hi")
    only_holder(nodes, v["family"], hi)

    # graceful: priority 0, the backup takes over after Skew_Time
    assert hi.d.stop(20) == 0
    only_holder(nodes, v["family"], lo)
    # back, and preempts
    start(hi, daemon, v, peers[hi], "hi2")
    only_holder(nodes, v["family"], hi)
    # hard: the master vanishes without a word
    hi.d.kill()
    wait_until(lambda: has_vip(lo.ns, lo.ifname, v["family"]), 20,
               what="the backup taking over after a hard kill")
    assert lo.d.running()


@pytest.mark.parametrize("ours_high", [True, False],
                         ids=["ours-higher", "keepalived-higher"])
def test_nopreempt_against_keepalived(netns, veth, daemon, keepalived_ref,
                                      ours_high):
    """A higher-priority node with nopreempt that starts second stays
    backup: the running master keeps the address."""
    v = VARIANTS["v2-pass"]
    (ns_a, addr_a), (ns_b, addr_b) = pair(netns, veth, v)
    hi = Node(ns_a, "vr0", addr_a, 200, None if ours_high else
              keepalived_ref)
    lo = Node(ns_b, "vr0", addr_b, 100, keepalived_ref if ours_high else
              None)
    start(lo, daemon, v, [], "lo")
    only_holder([hi, lo], 4, lo)
    start(hi, daemon, v, [], "hi", nopreempt=True)
    hi.d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20)
    # Something that must NOT happen needs the protocol's own time to
    # pass: more than one Master_Down_Interval (3 x 1 s + skew).
    time.sleep(5)
    assert holders([hi, lo], 4) == [lo]
    assert "Entering MASTER STATE" not in hi.d.log()


def test_three_of_ours(netns, bridge, daemon):
    v = VARIANTS["v3-ipv4"]
    nss = [netns(f"vr{i}") for i in range(3)]
    br = bridge([(ns, f"192.168.83.{i + 1}/24") for i, ns in
                 enumerate(nss)])
    nodes = [Node(ns, port.ifname_b, f"192.168.83.{i + 1}/24",
                  100 + 50 * i, None)
             for i, (ns, port) in enumerate(zip(nss, br.ports))]
    for i, n in enumerate(nodes):
        start(n, daemon, v, [], f"n{i}")
    only_holder(nodes, 4, nodes[2])
    assert nodes[2].d.stop(20) == 0
    only_holder(nodes[:2], 4, nodes[1])
    nodes[1].d.kill()
    wait_until(lambda: has_vip(nodes[0].ns, nodes[0].ifname, 4), 20,
               what="the last node taking over")
    assert nodes[0].d.stop(20) == 0
    assert not has_vip(nodes[0].ns, nodes[0].ifname, 4)


def test_two_of_ours_ipv6_and_stats(netns, veth, daemon, tmp_path):
    v = VARIANTS["v3-ipv6"]
    (ns_a, addr_a), (ns_b, addr_b) = pair(netns, veth, v)
    hi = Node(ns_a, "vr0", addr_a, 200, None)
    lo = Node(ns_b, "vr0", addr_b, 100, None)
    start(lo, daemon, v, [], "lo")
    start(hi, daemon, v, [], "hi",
          extra=f"    stats_dump_file {tmp_path}/hi.stats\n")
    only_holder([hi, lo], 6, hi)
    stats = tmp_path / "hi.stats"

    def counters():
        if stats.exists():
            stats.unlink()
        hi.d.signal(signal.SIGUSR2)
        wait_until(stats.exists, 10, what="the stats dump")
        text = stats.read_text()
        return {k: int(n) for k, n in
                re.findall(r"^  ([A-Za-z ]+): (\d+)$", text, re.M)}
    c = wait_until(lambda: (lambda c: c if c["Advertisements sent"] >= 3
                            else None)(counters()), 10,
                   what="adverts counted as sent")
    assert c["Became master"] == 1
    assert c["Released master"] == 0
    # and nothing the backup sent it was refused as malformed
    assert c["Packet length errors"] == c["Checksum errors"] == 0
    assert hi.d.stop(20) == 0
    only_holder([hi, lo], 6, lo)
    lo.d.wait_for_log(r"\(VI_1\) Entering MASTER STATE")


def test_dont_release_vrrp_keeps_the_vip(netns, veth, daemon):
    """-V: a master that stops leaves its address (and still tells the
    peers with priority 0); without -V it removes it."""
    v = VARIANTS["v3-ipv4"]
    (ns_a, addr_a), (ns_b, addr_b) = pair(netns, veth, v)
    for args, kept in ((OURS_ARGS + ("-V",), True), (OURS_ARGS, False)):
        d = daemon(ns_a, config(v, "vr0", 200, addr_a.split("/")[0], [],
                                "solo"), args=args)
        wait_until(lambda: has_vip(ns_a, "vr0", 4), 20,
                   what="the lone node becoming master")
        assert d.stop(20) == 0
        assert "sent 0 priority" in d.log()
        assert has_vip(ns_a, "vr0", 4) == kept
        if kept:
            ns_a.ip("addr", "del", ADDRS[4][1], "dev", "vr0")


@pytest.mark.parametrize("ours_high", [True, False],
                         ids=["ours-higher", "keepalived-higher"])
def test_preempt_delay_against_keepalived(netns, veth, daemon,
                                          keepalived_ref, ours_high):
    """A higher node with preempt_delay 4 joining a running master waits
    at least 4 s before it takes over, then does."""
    v = VARIANTS["v2-pass"]
    (ns_a, addr_a), (ns_b, addr_b) = pair(netns, veth, v)
    hi = Node(ns_a, "vr0", addr_a, 200, None if ours_high else
              keepalived_ref)
    lo = Node(ns_b, "vr0", addr_b, 100, keepalived_ref if ours_high else
              None)
    start(lo, daemon, v, [], "lo")
    only_holder([hi, lo], 4, lo)
    conf = config(v, "vr0", 200, addr_a.split("/")[0], [], "hi")
    assert "    version 2\n" in conf
    t0 = time.monotonic()
    hi.d = daemon(hi.ns, conf.replace("    version 2\n",
                                      "    version 2\n    preempt_delay 4\n"),
                  args=REF_ARGS if hi.binary else OURS_ARGS,
                  binary=hi.binary, name="hi")
    only_holder([hi, lo], 4, hi, timeout=30)
    assert time.monotonic() - t0 >= 4, "preempted before preempt_delay"


def test_mcast_group_and_src_against_keepalived(netns, veth, daemon,
                                                keepalived_ref):
    """vrrp_mcast_group4 and mcast_src_ip: keepalived, listening on
    224.0.0.19 only, yields to our adverts, and names the source we
    chose. Were the group ignored, both would be master."""
    v = VARIANTS["v2-pass"]
    (ns_a, addr_a), (ns_b, addr_b) = pair(netns, veth, v)
    ns_a.ip("addr", "add", "192.168.83.11/24", "dev", "vr0")
    group = "global_defs {\n    vrrp_mcast_group4 224.0.0.19\n}\n"
    lo = Node(ns_b, "vr0", addr_b, 100, keepalived_ref)
    hi = Node(ns_a, "vr0", addr_a, 200, None)
    lo.d = daemon(ns_b, group + config(v, "vr0", 100, "", [], "lo"),
                  args=REF_ARGS, binary=keepalived_ref, name="lo")
    only_holder([hi, lo], 4, lo)
    conf = config(v, "vr0", 200, "", [], "hi").replace(
        "    version 2\n", "    version 2\n    mcast_src_ip 192.168.83.11\n")
    hi.d = daemon(ns_a, group + conf, args=OURS_ARGS, name="hi")
    only_holder([hi, lo], 4, hi)
    lo.d.wait_for_log(r"\(VI_1\) Master received advert from "
                      r"192\.168\.83\.11 with higher priority 200, ours 100")
