"""vrrp_instance configurations: our -t verdict against Debian's.

Each configuration of the corpus is checked by both binaries inside a
namespace that has the interfaces it names (e0, e2; lo is refused as
keepalived refuses it). The exit statuses must be the same, and where
ours fails it must name the place of the problem as "(FILE: Line N)".
A configuration Debian's keepalived accepts must pass ours: that is what
an operator runs before a reload.
"""
import re

import pytest

from kalib import run

WHERE = re.compile(r"\(([^()]+?): Line (\d+)\)")

V4 = "    virtual_ipaddress {\n        10.9.0.100/24\n    }\n"
V6 = "    virtual_ipaddress {\n        fd00::100/64\n    }\n"


def inst(body, name="VI_1", iface="e0", vrid="51"):
    head = f"vrrp_instance {name} {{\n"
    if iface:
        head += f"    interface {iface}\n"
    if vrid:
        head += f"    virtual_router_id {vrid}\n"
    return head + body + "}\n"


def auth(kind, pw="secret"):
    text = f"    authentication {{\n        auth_type {kind}\n"
    if pw:
        text += f"        auth_pass {pw}\n"
    return text + "    }\n"


GLOBAL_V3 = "global_defs {\n    vrrp_version 3\n}\n"

# name -> (configuration, line ours must name when the verdict is an error)
CORPUS = {
    "minimal": (inst(V4), None),
    "all_keywords": (inst(
        "    state BACKUP\n    priority 150\n    advert_int 2\n"
        "    version 2\n    preempt_delay 2.5\n    debug 3\n"
        "    no_accept\n    dont_track_primary\n"
        "    skip_check_adv_addr on\n    lower_prio_no_advert\n"
        "    higher_prio_send_advert off\n    garp_master_delay 7\n"
        "    garp_master_repeat 3\n    garp_master_refresh 60\n"
        "    garp_master_refresh_repeat 2\n    garp_lower_prio_delay 9\n"
        "    garp_lower_prio_repeat 4\n    mcast_src_ip 10.9.0.1\n"
        + auth("PASS") + V4 +
        "    virtual_ipaddress_excluded {\n        fd00::7/64 dev e2\n"
        "        10.9.2.7/32\n    }\n"), None),
    "vip_options": (inst(
        "    virtual_ipaddress {\n"
        "        10.9.0.100/24 dev e0 brd + scope link label e0:1\n"
        "        10.9.2.100/24 dev e2\n    }\n"), None),
    "ipv6": (inst(V6), None),
    "ipv6_v3_interval": (inst("    advert_int 0.25\n" + V6), None),
    "ipv6_version2_before": (inst("    version 2\n" + V6), None),
    "ipv6_version2_after": (inst(V6 + "    version 2\n"), 7),
    "ipv6_with_auth": (inst(auth("PASS") + V6), 5),
    "v3_centiseconds": (inst("    version 3\n    advert_int 0.05\n" + V4),
                        None),
    "v3_not_centiseconds": (inst("    version 3\n    advert_int 1.234\n"
                                 + V4), 5),
    "v3_interval_too_long": (inst("    version 3\n    advert_int 41\n"
                                  + V4), 5),
    "v2_fraction": (inst("    advert_int 1.5\n" + V4), 4),
    "interval_too_short": (inst("    version 3\n    advert_int 0.005\n"
                                + V4), 5),
    "interval_zero": (inst("    advert_int 0\n" + V4), 4),
    "global_v3_interval": (GLOBAL_V3 + inst("    advert_int 0.5\n" + V4),
                           None),
    "auth_pass": (inst(auth("PASS") + V4), None),
    "auth_ah": (inst(auth("AH") + V4), None),
    "auth_too_long": (inst(auth("PASS", "secret12345") + V4), 6),
    "auth_no_pass": (inst(auth("PASS", None) + V4), 5),
    "auth_bad_type": (inst(auth("FOO") + V4), 5),
    "auth_ah_v3": (inst("    version 3\n" + auth("AH") + V4), 6),
    "auth_global_v3": (GLOBAL_V3 + inst(auth("PASS") + V4), 8),
    "unicast": (inst("    unicast_src_ip 10.9.0.1\n    unicast_peer {\n"
                     "        10.9.0.2\n"
                     "        10.9.0.3 min_ttl 10 max_ttl 200\n    }\n"
                     "    check_unicast_src\n    unicast_ttl 10\n" + V4),
                None),
    "unicast_ipv6": (inst("    unicast_peer {\n        fd00::2\n    }\n" + V6),
                     None),
    "unicast_peer_family": (inst("    unicast_peer {\n        fd00::2\n"
                                 "    }\n" + V4), 8),
    "unicast_src_family": (inst("    unicast_src_ip fd00::1\n"
                                "    unicast_peer {\n        10.9.0.2\n"
                                "    }\n" + V4), 6),
    "unicast_src_no_peer": (inst("    unicast_src_ip 10.9.0.1\n" + V4), 4),
    "check_unicast_src_no_peer": (inst("    check_unicast_src\n" + V4), 4),
    "unicast_ttl_no_peer": (inst("    unicast_ttl 5\n" + V4), 4),
    "peer_ttl_range": (inst("    unicast_peer {\n"
                            "        10.9.0.2 min_ttl 300\n    }\n" + V4), 5),
    "peer_bad_address": (inst("    unicast_peer {\n        10.9.0.299\n"
                              "    }\n" + V4), 5),
    "mcast_src_family": (inst("    mcast_src_ip fd00::1\n" + V4), 6),
    "mixed_families": (inst("    virtual_ipaddress {\n        10.9.0.100/24\n"
                            "        fd00::100/64\n    }\n"), 6),
    "excluded_other_family": (inst(V4 + "    virtual_ipaddress_excluded {\n"
                                   "        fd00::100/64\n    }\n"), None),
    "excluded_only": (inst("    virtual_ipaddress_excluded {\n"
                           "        10.9.0.100/24\n    }\n"), 1),
    "no_vip": (inst(""), 1),
    "bad_vip": (inst("    virtual_ipaddress {\n        10.9.0.300/24\n"
                     "    }\n"), 5),
    "vip_dev_missing": (inst("    virtual_ipaddress {\n"
                             "        10.9.0.100/24 dev nope9\n    }\n"), 5),
    "no_vrid": (inst(V4, vrid=None), 1),
    "vrid_zero": (inst(V4, vrid="0"), 3),
    "vrid_too_big": (inst(V4, vrid="256"), 3),
    "no_interface": (inst(V4, iface=None), 1),
    "interface_missing": (inst(V4, iface="nope0"), 2),
    "loopback": (inst(V4, iface="lo"), 2),
    "priority_zero": (inst("    priority 0\n" + V4), 4),
    "priority_too_big": (inst("    priority 256\n" + V4), 4),
    "priority_owner_not_owner": (inst("    priority 255\n" + V4), None),
    "state_master": (inst("    state MASTER\n" + V4), None),
    "state_bad": (inst("    state FOO\n" + V4), 4),
    "version_bad": (inst("    version 4\n" + V4), 4),
    "nopreempt": (inst("    nopreempt\n" + V4), None),
    "nopreempt_state_master": (inst("    state MASTER\n    priority 150\n"
                                    "    nopreempt\n" + V4), 6),
    "nopreempt_owner": (inst("    priority 255\n    nopreempt\n" + V4), 5),
    "nopreempt_delay": (inst("    nopreempt\n    preempt_delay 10\n" + V4),
                        5),
    "preempt_delay_state_master": (inst("    state MASTER\n"
                                        "    preempt_delay 5\n" + V4), 5),
    "preempt_delay_too_long": (inst("    preempt_delay 1001\n" + V4), 4),
    "garp_repeat_zero": (inst("    garp_master_repeat 0\n" + V4), 4),
    "garp_delay_too_long": (inst("    garp_master_delay 1000000\n" + V4), 4),
    "debug_bad": (inst("    debug 9\n" + V4), 4),
    "duplicate_vrid": (inst(V4) + inst(
        "    virtual_ipaddress {\n        10.9.0.101/24\n    }\n",
        name="VI_2"), 10),
    "duplicate_vrid_v3": (inst(V4) + inst(
        "    version 3\n    virtual_ipaddress {\n        10.9.0.101/24\n"
        "    }\n", name="VI_2"), 10),
    "same_vrid_other_family": (inst(V4) + inst(V6, name="VI_2"), None),
    "same_vrid_other_interface": (inst(V4) + inst(
        "    virtual_ipaddress {\n        10.9.2.101/24\n    }\n",
        name="VI_2", iface="e2"), None),
    "same_vrid_other_peers": (
        inst("    unicast_peer {\n        10.9.0.4\n    }\n" + V4)
        + inst("    unicast_peer {\n        10.9.0.5\n    }\n"
               "    virtual_ipaddress {\n        10.9.0.101/24\n    }\n",
               name="VI_2"), None),
    "duplicate_name": (inst(V4) + inst(V4, vrid="52"), 8),
    "unknown_keyword": (inst("    frobnicate 1\n" + V4), 4),
}


@pytest.fixture
def host(netns, veth):
    """A namespace with interfaces e0 (10.9.0.1/24, fd00::1/64) and e2."""
    a, b = netns("a"), netns("b")
    veth(a, b, "10.9.0.1/24", None, ifname_a="e0", ifname_b="e0")
    veth(a, b, "10.9.2.1/24", None, ifname_a="e2", ifname_b="e2")
    a.ip("-6", "addr", "add", "fd00::1/64", "dev", "e0", "nodad")
    return a


def config_test(ns, binary, path):
    return run(ns.cmd([binary, "-t", "-f", path]), timeout=20)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_verdict_matches_debian(name, host, keepalived_bin, keepalived_ref,
                                tmp_path):
    text, line = CORPUS[name]
    path = tmp_path / f"{name}.conf"
    path.write_text(text)
    ref = config_test(host, keepalived_ref, str(path))
    expected = 0 if line is None else 5
    assert ref.returncode == expected, \
        f"Debian's verdict is not the one recorded: {ref}"
    ours = config_test(host, keepalived_bin, str(path))
    said = ours.stdout + ours.stderr
    assert ours.returncode == ref.returncode, \
        f"ours exited {ours.returncode}, Debian's {ref.returncode}\n{said}"
    if line is None:
        return
    places = [(m.group(1), int(m.group(2))) for m in WHERE.finditer(said)]
    assert (str(path), line) in places, \
        f"expected a diagnostic at line {line}, got:\n{said}"


def test_unsupported_keywords_are_named(host, keepalived_bin, tmp_path):
    """Keywords of later work: "not supported yet", never "unknown"."""
    body = ("    track_bfd {\n        b1\n    }\n"
            "    kernel_rx_buf_size 65536\n" + V4)
    path = tmp_path / "unsupported.conf"
    path.write_text(inst(body) + "garp_group G {\n    group {\n"
                    "        VI_1\n    }\n}\n")
    ours = config_test(host, keepalived_bin, str(path))
    said = ours.stdout + ours.stderr
    assert ours.returncode == 5
    assert "nknown" not in said
    for kw in ("track_bfd", "kernel_rx_buf_size", "garp_group"):
        assert f"'{kw}' is not supported yet" in said, said

