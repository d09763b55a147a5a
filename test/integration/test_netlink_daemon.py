"""The netlink reflector inside the daemon itself: the VRRP child sets up
the static_* blocks at start, follows a reload by changing only what
changed, removes them on stop (unless -V), and sees what others change on
the machine: -a log lines, and its interface table in the USR1 dump."""
import os
import signal

import pytest

from kalib import run, wait_until
from kalib.nl import kernel_table, parse_dump
from proclib import FAST, wait_children
from test_netlink import STATIC_CONF, addr_info, routes, rules

FG = ("-n", "-l", "-G", "-D")


def dump_globals(tmp_path):
    return (f"global_defs {{\n    state_dump_file {tmp_path}/ka.data\n"
            f"    stats_dump_file {tmp_path}/ka.stats\n"
            f"    json_dump_file {tmp_path}/ka.json\n}}\n")


@pytest.fixture
def one_ns(netns):
    ns = netns("nld")
    ns.ip("link", "add", "nl0", "type", "veth", "peer", "name", "nl1")
    ns.ip("link", "set", "nl0", "up")
    ns.ip("link", "set", "nl1", "up")
    return ns


def has_statics(ns):
    a = addr_info(ns, "nl0")
    return ("192.168.77.5/24" in a and "2001:db8::5/64" in a
            and "192.168.90.0/24" in routes(ns, "-4", "100")
            and 100 in rules(ns, "-4") and 102 in rules(ns, "-6"))


def no_statics(ns):
    a = addr_info(ns, "nl0")
    return (not {"192.168.77.5/24", "10.1.1.1/32", "2001:db8::5/64",
                 "2001:db8:1::9/128"} & set(a)
            and "192.168.90.0/24" not in routes(ns, "-4", "100")
            and "10.98.0.0/16" not in routes(ns, "-4")
            and not {100, 101} & set(rules(ns, "-4"))
            and 102 not in rules(ns, "-6"))


def test_statics_set_up_reloaded_and_removed(one_ns, daemon, tmp_path):
    ns = one_ns
    d = daemon(ns, dump_globals(tmp_path) + STATIC_CONF,
               args=FG + ("-a",), env=FAST)
    wait_until(lambda: has_statics(ns), 20, what="the static blocks set up")
    a = addr_info(ns, "nl0")
    assert a["192.168.77.5/24"]["label"] == "nl0:vip"
    assert routes(ns, "-4", "100")["192.168.90.0/24"]["metric"] == 7

    # Reload: one address and one route gone, one address new.
    new = (STATIC_CONF.replace("    10.1.1.1/32 dev nl0 scope link\n", "")
           .replace("    10.98.0.0/16 dev nl0 src 192.168.77.5 protocol "
                    "bird\n", "")
           .replace("static_ipaddress {\n",
                    "static_ipaddress {\n    192.168.77.6/24 dev nl0\n"))
    assert new != STATIC_CONF
    with open(d.config_path, "w", encoding="utf-8") as f:
        f.write(dump_globals(tmp_path) + new)
    mark = d.mark()
    d.signal(signal.SIGHUP)

    def reloaded():
        a = addr_info(ns, "nl0")
        return ("10.1.1.1/32" not in a and "192.168.77.6/24" in a
                and "10.98.0.0/16" not in routes(ns, "-4"))
    wait_until(reloaded, 20, what="the reload applied")
    assert has_statics(ns), "unchanged entries must stay"
    # ... and stay without a flap: never removed and added again.
    d.wait_for_log(r"Netlink reflector reports IP 10\.1\.1\.1 removed",
                   since=mark)
    assert "192.168.77.5 removed" not in d.log()[mark:]

    assert d.stop(20) == 0
    wait_until(lambda: no_statics(ns), 10, what="the statics removed")
    assert "192.168.77.6/24" not in addr_info(ns, "nl0")


def test_dont_release_vrrp_leaves_statics(one_ns, daemon, tmp_path):
    ns = one_ns
    d = daemon(ns, dump_globals(tmp_path) + STATIC_CONF, args=FG + ("-V",),
               env=FAST)
    wait_until(lambda: has_statics(ns), 20, what="the static blocks set up")
    assert d.stop(20) == 0
    assert has_statics(ns)


def dumped_table(d, tmp_path):
    path = tmp_path / "ka.data"
    if path.exists():
        path.unlink()
    d.signal(signal.SIGUSR1)
    wait_until(path.exists, 10, what="the USR1 dump")
    return parse_dump(path.read_text())


def tables_agree(d, ns, tmp_path):
    mine, kernel = dumped_table(d, tmp_path), kernel_table(ns)
    return mine == kernel or (mine, kernel)


def test_external_changes_are_seen(one_ns, daemon, tmp_path):
    ns = one_ns
    conf = dump_globals(tmp_path) + ("static_ipaddress {\n"
                                     "    192.168.77.5/24 dev nl0\n}\n")
    d = daemon(ns, conf, args=FG + ("-a",), env=FAST)
    wait_until(lambda: "192.168.77.5/24" in addr_info(ns, "nl0"), 20,
               what="the daemon up")
    d.wait_for_log(r"VRRP child: starting")

    mark = d.mark()
    ns.ip("addr", "add", "192.168.78.9/24", "dev", "nl1")
    d.wait_for_log(r"Netlink reflector reports IP 192\.168\.78\.9 added",
                   since=mark)
    ns.ip("link", "set", "nl1", "down")
    d.wait_for_log(r"Netlink reports nl1 down", since=mark)
    wait_until(lambda: tables_agree(d, ns, tmp_path) is True, 20,
               what="the dumped interface table to match ip addr")
    assert not dumped_table(d, tmp_path)["nl1"]["up"]

    # A veth deleted and made again: a new index, seen as such.
    old_index = kernel_table(ns)["nl1"]["index"]
    mark = d.mark()
    ns.ip("link", "del", "nl0")
    d.wait_for_log(r"Interface nl1 deleted", since=mark)
    ns.ip("link", "add", "nl0", "type", "veth", "peer", "name", "nl1")
    ns.ip("link", "set", "nl1", "up")
    ns.ip("addr", "add", "2001:db8:7::7/64", "dev", "nl1", "nodad")
    d.wait_for_log(r"Interface nl1 added", since=mark)
    d.wait_for_log(r"Netlink reflector reports IP 2001:db8:7::7 added",
                   since=mark)
    wait_until(lambda: tables_agree(d, ns, tmp_path) is True, 20,
               what="the dumped interface table to match ip addr")
    table = dumped_table(d, tmp_path)
    assert table["nl1"]["index"] != old_index
    assert "2001:db8:7::7/64" in table["nl1"]["addrs"]
    assert d.stop(20) == 0


def test_checker_child_keeps_its_own_table(one_ns, daemon, tmp_path):
    """The checker child (here alone, with -C) has a reflector too."""
    ns = one_ns
    conf = dump_globals(tmp_path) + ("virtual_server 192.0.2.10 80 {\n"
                                     "    lb_algo rr\n    lb_kind NAT\n"
                                     "    protocol TCP\n"
                                     "    real_server 192.0.2.11 80 {\n"
                                     "    }\n}\n")
    d = daemon(ns, conf, args=FG + ("-C", "-a", "--ipvs-record={workdir}/t"),
               env=FAST)
    d.wait_for_log(r"checker child: starting")
    mark = d.mark()
    ns.ip("addr", "add", "192.168.78.10/24", "dev", "nl1")
    d.wait_for_log(r"Netlink reflector reports IP 192\.168\.78\.10 added",
                   since=mark)
    path = tmp_path / "ka_check.data"

    def dumped():
        if path.exists():
            path.unlink()
        d.signal(signal.SIGUSR1)
        wait_until(path.exists, 10, what="the checker's USR1 dump")
        mine = parse_dump(path.read_text())
        return mine == kernel_table(ns) or (mine, kernel_table(ns))
    wait_until(lambda: dumped() is True, 20,
               what="the checker's table to match ip addr")
    assert d.stop(20) == 0


def test_overrun_in_the_daemon(one_ns, daemon, tmp_path):
    """10,000 address changes while the VRRP child is stopped, with a
    4 KiB monitor buffer (vrrp_netlink_monitor_rcv_bufs): it reports the
    overrun, resynchronises, and its table equals the kernel's."""
    ns = one_ns
    conf = (dump_globals(tmp_path).replace(
        "global_defs {\n",
        "global_defs {\n    vrrp_netlink_monitor_rcv_bufs 4096\n")
        + "static_ipaddress {\n    192.168.77.5/24 dev nl0\n}\n")
    # The child stays stopped for as long as the burst takes, which on a
    # loaded machine can outlast the default watchdog (2 s x 3): allow 60
    # misses, the 120 s the burst itself is given. -R would stop the
    # daemon if the child were replaced anyway, failing the test loudly.
    d = daemon(ns, conf, args=FG + ("-R",),
               env={"KEEPALIVED_WATCHDOG_MISSES": "60"})
    vrrp_pid, _ = wait_children(d, vrrp=True, checker=False)
    batch = tmp_path / "burst.batch"
    v4 = [f"10.{20 + i // 250}.{i % 250}.1/32" for i in range(6000)]
    lines = [f"addr add {a} dev nl1" for a in v4]
    lines += [f"addr del {a} dev nl1" for a in v4[::3]]
    lines += [f"addr add 2001:db8:7::{i:x}/128 dev nl1 nodad"
              for i in range(2000)]
    assert len(lines) == 10000
    batch.write_text("\n".join(lines) + "\n")
    mark = d.mark()
    os.kill(vrrp_pid, signal.SIGSTOP)
    try:
        res = run(["ip", "-n", ns.name, "-batch", str(batch)], timeout=120)
    finally:
        os.kill(vrrp_pid, signal.SIGCONT)
    assert res.returncode == 0, res.stderr
    d.wait_for_log(r"receive buffer overrun \(ENOBUFS\), resynchronising",
                   since=mark, timeout=30)
    wait_until(lambda: tables_agree(d, ns, tmp_path) is True, 60, 0.5,
               what="the dumped interface table to match ip addr")
    assert len(kernel_table(ns)["nl1"]["addrs"]) >= 6000
    assert d.running() and d.pid_from("-r") == vrrp_pid
    assert d.stop(20) == 0
