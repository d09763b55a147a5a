"""The netlink reflector against the real kernel, in namespaces made here:
static_ipaddress/static_routes/static_rules applied and removed through
the command socket, external changes seen by the monitor (with the -a log
lines), and an overrun of the monitor socket resynchronised.
"""
import json
import re

import pytest

from kalib import run, wait_until
from kalib.nl import Monitor, kernel_table, nltool_path

STATIC_CONF = """\
static_ipaddress {
    192.168.77.5/24 dev nl0 brd + scope global label nl0:vip
    10.1.1.1/32 dev nl0 scope link
    2001:db8::5/64 dev nl0 -nodad
    2001:db8:1::9/128 dev nl0 -nodad
}
static_routes {
    192.168.90.0/24 via 192.168.77.1 dev nl0 table 100 metric 7
    192.168.91.0/24 via 192.168.77.1 dev nl0 table default
    blackhole 10.99.0.0/16
    10.98.0.0/16 dev nl0 src 192.168.77.5 protocol bird
    2001:db8:99::/48 via 2001:db8::1 dev nl0 metric 1024
    unreachable 2001:db8:98::/48
}
static_rules {
    from 192.168.77.0/24 table 100 priority 100
    to 10.5.0.0/16 fwmark 0x1/0xff iif nl0 table main priority 101
    from 2001:db8::/64 to 2001:db8:5::/64 oif nl0 table 200 priority 102
}
"""


@pytest.fixture
def one_ns(netns):
    ns = netns("nl")
    ns.ip("link", "add", "nl0", "type", "veth", "peer", "name", "nl1")
    ns.ip("link", "set", "nl0", "up")
    ns.ip("link", "set", "nl1", "up")
    return ns


def nltool(ns, *args, timeout=60):
    return ns.run([nltool_path()] + list(args), timeout=timeout)


def ip_json(ns, *args):
    return json.loads(ns.ip("-j", *args) or "[]")


def addr_info(ns, ifname):
    return {f"{a['local']}/{a['prefixlen']}": a
            for link in ip_json(ns, "addr", "show", "dev", ifname)
            for a in link.get("addr_info", [])}


def routes(ns, family, table="all"):
    return {r["dst"]: r for r in ip_json(ns, family, "route", "show",
                                         "table", table)}


def rules(ns, family):
    return {r["priority"]: r for r in ip_json(ns, family, "rule", "show")}


def test_static_blocks_applied_and_removed(one_ns, tmp_path):
    ns = one_ns
    conf = tmp_path / "static.conf"
    conf.write_text(STATIC_CONF)
    res = nltool(ns, "apply", str(conf))
    assert res.returncode == 0, res.stdout + res.stderr

    a = addr_info(ns, "nl0")
    assert a["192.168.77.5/24"]["broadcast"] == "192.168.77.255"
    assert a["192.168.77.5/24"]["label"] == "nl0:vip"
    assert a["192.168.77.5/24"]["scope"] == "global"
    assert a["10.1.1.1/32"]["scope"] == "link"
    assert a["2001:db8::5/64"].get("nodad") is True
    vip6 = a["2001:db8:1::9/128"]
    assert vip6.get("nodad") is True
    assert vip6["preferred_life_time"] == 0   # a /128 VIP is deprecated

    r4 = routes(ns, "-4")
    assert r4["192.168.90.0/24"]["gateway"] == "192.168.77.1"
    assert r4["192.168.90.0/24"]["table"] == "100"
    assert r4["192.168.90.0/24"]["metric"] == 7
    assert r4["192.168.90.0/24"]["protocol"] == "keepalived"
    assert r4["192.168.91.0/24"]["table"] == "default"   # by name
    assert r4["10.99.0.0/16"]["type"] == "blackhole"
    assert r4["10.98.0.0/16"]["prefsrc"] == "192.168.77.5"
    assert r4["10.98.0.0/16"]["protocol"] == "bird"
    assert r4["10.98.0.0/16"]["scope"] == "link"
    r6 = routes(ns, "-6")
    assert r6["2001:db8:99::/48"]["gateway"] == "2001:db8::1"
    assert r6["2001:db8:99::/48"]["metric"] == 1024
    assert r6["2001:db8:98::/48"]["type"] == "unreachable"

    u4 = rules(ns, "-4")
    assert u4[100]["src"] == "192.168.77.0" and u4[100]["srclen"] == 24
    assert u4[100]["table"] == "100"
    assert u4[101]["dst"] == "10.5.0.0" and u4[101]["fwmark"] == "0x1"
    assert u4[101]["fwmask"] == "0xff" and u4[101]["iif"] == "nl0"
    assert u4[101]["table"] == "main"
    u6 = rules(ns, "-6")
    assert u6[102]["src"] == "2001:db8::" and u6[102]["dst"] == "2001:db8:5::"
    assert u6[102]["oif"] == "nl0" and u6[102]["table"] == "200"

    res = nltool(ns, "remove", str(conf))
    assert res.returncode == 0, res.stdout + res.stderr
    left = addr_info(ns, "nl0")
    assert not {"192.168.77.5/24", "10.1.1.1/32", "2001:db8::5/64",
                "2001:db8:1::9/128"} & set(left)
    assert not {"192.168.90.0/24", "192.168.91.0/24", "10.99.0.0/16",
                "10.98.0.0/16"} & set(routes(ns, "-4"))
    assert not {"2001:db8:99::/48", "2001:db8:98::/48"} & set(
        routes(ns, "-6"))
    assert not {100, 101} & set(rules(ns, "-4"))
    assert 102 not in rules(ns, "-6")


def test_kernel_error_message_reported(one_ns, tmp_path):
    # A gateway that is not on any link: the kernel refuses with its own
    # words, which must reach the log.
    conf = tmp_path / "bad.conf"
    conf.write_text("static_routes {\n"
                    "    10.50.0.0/16 via 10.222.0.1 dev nl0\n}\n")
    res = nltool(one_ns, "apply", str(conf))
    assert res.returncode == 1
    assert "cannot add static route 10.50.0.0/16 via 10.222.0.1" in res.stdout
    # strerror, then the kernel's extended-ack text in parentheses
    assert re.search(r"Network is unreachable \(.+\)", res.stdout), \
        res.stdout


def test_bad_line_is_a_config_error(one_ns, tmp_path):
    conf = tmp_path / "bad.conf"
    conf.write_text("static_ipaddress {\n    10.0.0.1/24 dev nl0 bogus\n}\n")
    res = nltool(one_ns, "apply", str(conf))
    assert res.returncode == 2
    assert "unknown address option 'bogus'" in res.stderr + res.stdout


def test_external_changes_seen(one_ns, tmp_path):
    ns = one_ns
    mon = Monitor(ns, str(tmp_path)).start()
    try:
        mark = len(mon.log())
        ns.ip("addr", "add", "192.168.66.7/24", "dev", "nl0")
        mon.wait_for_log("Netlink reflector reports IP 192.168.66.7 added "
                         "to nl0", since=mark)
        assert "192.168.66.7/24" in mon.table()["nl0"]["addrs"]

        mark = len(mon.log())
        ns.ip("link", "set", "dev", "nl0", "down")
        mon.wait_for_log("Netlink reports nl0 down", since=mark)
        assert mon.table()["nl0"]["up"] is False
        ns.ip("link", "set", "dev", "nl0", "up")
        mon.wait_for_log("Netlink reports nl0 up", since=mark)

        old_index = mon.table()["nl0"]["index"]
        mark = len(mon.log())
        ns.ip("link", "del", "nl0")
        mon.wait_for_log("Interface nl0 deleted", since=mark)
        mon.wait_for_log("Netlink reflector reports IP 192.168.66.7 removed "
                         "from nl0", since=mark)
        assert "nl0" not in mon.table()
        ns.ip("link", "add", "nl0", "type", "veth", "peer", "name", "nl1")
        mon.wait_for_log("Interface nl0 added", since=mark)
        table = mon.table()
        assert table["nl0"]["index"] != old_index
        assert table["nl0"]["index"] == kernel_table(ns)["nl0"]["index"]
        assert table == kernel_table(ns)
    finally:
        mon.stop()


def test_overrun_resynchronises(one_ns, tmp_path):
    ns = one_ns
    mon = Monitor(ns, str(tmp_path), ["--rcvbuf", "4096"]).start()
    try:
        batch = tmp_path / "burst.batch"
        v4 = [f"10.{20 + i // 250}.{i % 250}.1/32" for i in range(6000)]
        lines = [f"addr add {a} dev nl0" for a in v4]
        lines += [f"addr del {a} dev nl0" for a in v4[::3]]
        lines += [f"addr add 2001:db8:7::{i:x}/128 dev nl0 nodad"
                  for i in range(2000)]
        assert len(lines) == 10000
        batch.write_text("\n".join(lines) + "\n")
        # Not read while held: the 10,000 notifications overrun 4 KiB.
        mark = len(mon.log())
        mon.hold(True)
        mon.wait_for_log("reading held", since=mark)
        res = run(["ip", "-n", ns.name, "-batch", str(batch)], timeout=300)
        assert res.returncode == 0, res.stderr
        mon.hold(False)
        mon.wait_for_log("receive buffer overrun (ENOBUFS), "
                         "resynchronising", timeout=60)
        kernel = kernel_table(ns)
        wait_until(lambda: mon.table() == kernel, 60, 0.5,
                   "the monitor's table equals ip -j addr")
        assert len(kernel["nl0"]["addrs"]) >= 6000
        assert mon.proc.poll() is None
    finally:
        mon.stop()
