"""Fault injection: the VRRP child, then the checker child, SIGKILLed 50
times in a row while adverts go out and checks run, on the master of a
pair of our daemons that also load-balances two real servers.

Afterwards nothing may be lost: the virtual address is on the master
only, the recorded IPVS table holds exactly the healthy real servers, the
namespace holds no stray process of ours, the parent holds as many
descriptors as before, and SIGTERM still stops everything cleanly. The
VIP may move to the backup while the master's VRRP child is being killed
(that is the protocol doing its job); it must come back and stay alone.
"""
import json
import os
import signal
import time

import pytest

from checklib import TcpServer, read_table, stop_servers  # noqa: F401
from kalib import wait_until
from proclib import FG, alive, ppid, running_line, wait_children

KILLS = 50
SUBNET = "192.168.84"
VIP = f"{SUBNET}.100"
VS = f"{SUBNET}.200"
# A child counts as started quickly only within 200 ms: each one lives
# longer than that before the next kill, so the back-off never engages
# and the parent never gives up.
ENV = {
    "KEEPALIVED_WATCHDOG_INTERVAL_MS": "500",
    "KEEPALIVED_WATCHDOG_MISSES": "3",
    "KEEPALIVED_RESPAWN_WINDOW_MS": "200",
    "KEEPALIVED_RESPAWN_LIMIT": "3",
}


def config(name, ifname, prio, rs_addrs):
    servers = "".join(f"""
    real_server {a} 8080 {{
        TCP_CHECK {{
            connect_timeout 1
        }}
    }}""" for a in rs_addrs)
    lvs = f"""
virtual_server {VS} 80 {{
    delay_loop 1
    lvs_sched rr
    lvs_method NAT
    protocol TCP
{servers}
}}
""" if rs_addrs else ""
    return f"""
global_defs {{
    router_id {name}
    vrrp_garp_master_delay 0
}}
vrrp_instance VI_1 {{
    state BACKUP
    interface {ifname}
    virtual_router_id 52
    priority {prio}
    advert_int 1
    virtual_ipaddress {{
        {VIP}/24
    }}
}}
{lvs}"""


def has_vip(ns, ifname):
    links = json.loads(ns.ip("-j", "addr", "show", "dev", ifname) or "[]")
    return any(a["local"] == VIP for link in links
               for a in link.get("addr_info", []))


def fd_count(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def ns_pids(ns):
    out = ns.run(["ip", "netns", "pids", ns.name]).stdout
    return {int(p) for p in out.split()}


def our_pids(ns):
    pids = set()
    for p in ns_pids(ns):
        try:
            with open(f"/proc/{p}/comm", encoding="ascii") as f:
                if f.read().startswith("keepalived"):
                    pids.add(p)
        except OSError:
            pass
    return pids


@pytest.fixture
def pair(netns, bridge, daemon, tmp_path):
    a, b, rs0, rs1 = (netns("fka"), netns("fkb"), netns("fkr"),
                      netns("fkr"))
    br = bridge([(a, f"{SUBNET}.1/24"), (b, f"{SUBNET}.2/24"),
                 (rs0, f"{SUBNET}.11/24"), (rs1, f"{SUBNET}.12/24")])
    if_a, if_b = br.ports[0].ifname_b, br.ports[1].ifname_b
    rs = [f"{SUBNET}.11", f"{SUBNET}.12"]
    for ns, addr in ((rs0, rs[0]), (rs1, rs[1])):
        TcpServer(ns, addr, 8080).start()
    table = os.path.join(str(tmp_path), "ipvs-a.txt")
    db = daemon(b, config("fkb", if_b, 50, []), name="fkb",
                args=("-n", "-l", "-G", "-D", "-P"))
    da = daemon(a, config("fka", if_a, 100, rs), name="fka", env=ENV,
                args=("-n", "-l", "-G", "-D", f"--ipvs-record={table}"))
    wait_children(da)
    nodes = {"a": (a, if_a), "b": (b, if_b)}
    yield da, db, nodes, table, rs


def vip_on_master_only(nodes, timeout=30):
    (a, if_a), (b, if_b) = nodes["a"], nodes["b"]
    wait_until(lambda: has_vip(a, if_a) and not has_vip(b, if_b), timeout,
               what="the VIP on the master only")


def healthy_table(table, rs, timeout=30):
    want = {f"{a}:8080" for a in rs}

    def ok():
        t = read_table(table)
        dests = t.get(f"TCP {VS}:80", {})
        return set(dests) == want and all(w == 1 for _, w in dests.values())
    wait_until(ok, timeout, what=f"exactly {sorted(want)} in {table}")


@pytest.mark.parametrize("victim", ["-r", "-c"], ids=["vrrp", "checker"])
def test_kill_child_fifty_times(pair, victim):
    da, db, nodes, table, rs = pair
    name = "VRRP" if victim == "-r" else "checker"
    other = "-c" if victim == "-r" else "-r"
    vip_on_master_only(nodes)
    healthy_table(table, rs)
    parent = da.pid
    fds_before = fd_count(parent)
    other_pid = da.pid_from(other)
    killed = []
    for i in range(KILLS):
        old = da.pid_from(victim)
        mark = da.mark()
        os.kill(old, signal.SIGKILL)
        killed.append(old)
        new = wait_until(lambda: (da.pid_from(victim) or old) != old and
                         da.pid_from(victim), 15,
                         what=f"{name} child {i + 1} after pid {old}")
        da.wait_for_log(running_line(name, new), since=mark, timeout=15)
        assert ppid(new) == parent
        time.sleep(0.3)
    assert da.running(), "the parent gave up"
    assert not any(alive(p) for p in killed), "a killed child lingers"
    assert da.pid_from(other) == other_pid and alive(other_pid)
    vip_on_master_only(nodes)
    healthy_table(table, rs)
    wait_until(lambda: fd_count(parent) == fds_before, 10,
               what=f"the parent's {fds_before} descriptors "
                    f"(has {fd_count(parent)})")
    a_ns = nodes["a"][0]
    assert our_pids(a_ns) == {parent, da.pid_from("-r"), da.pid_from("-c")}
    log = da.log()
    assert "Sanitizer" not in log and "runtime error" not in log
    assert da.stop() == 0
    assert our_pids(a_ns) == set()
    (b, if_b) = nodes["b"]
    wait_until(lambda: has_vip(b, if_b) and not has_vip(*nodes["a"]), 30,
               what="the VIP on the backup once the master stopped")
