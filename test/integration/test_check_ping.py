"""PING_CHECK: our daemon in a director namespace pings a real server in
another namespace (one bridge between them) and records the IPVS table it
programs (--ipvs-record); the tests take the real server's link down and
its address away, and watch it go out of the table and come back.

Both ways of sending are exercised: a raw socket (ping_group_range as a
new namespace has it, "1 0": nobody may use ping sockets) and a ping
socket (the director namespace's ping_group_range opened to every group).
Timers are short (delay_loop 1 s, connect_timeout 1 s); every wait has a
generous time-out and no test asserts on timing.
"""
import pytest

from checklib import VIP, director_topology, start_director, wait_dest

V6_SUBNET = "fd77::"
V6_VIP = "fd77::100"


def ping_config(vip, rs, check_opts=""):
    return f"""
global_defs {{
    router_id pingtest
}}
virtual_server {vip} 80 {{
    delay_loop 1
    retry 1
    delay_before_retry 1
    lvs_sched rr
    protocol TCP
    real_server {rs} 80 {{
        weight 2
        PING_CHECK {{
            connect_timeout 1
            {check_opts}
        }}
    }}
}}
"""


def ifname(ns):
    """The one interface of a namespace besides lo."""
    for line in ns.ip("-o", "link", "show").splitlines():
        name = line.split(":")[1].strip().split("@")[0]
        if name != "lo":
            return name
    raise AssertionError(f"no interface in {ns}")


def open_ping_sockets(ns):
    ns.run(["sysctl", "-q", "-w", "net.ipv4.ping_group_range=0 2147483647"],
           check=True)
    out = ns.run(["sysctl", "-n", "net.ipv4.ping_group_range"],
                 check=True).stdout.split()
    assert out == ["0", "2147483647"]


def add_v6(topo):
    for ns, addr in ((topo.director, "fd77::1"),
                     (topo.servers[0], "fd77::2")):
        # Else the kernel drops IPv6 addresses when the link goes down.
        ns.run(["sysctl", "-q", "-w", "net.ipv6.conf."
                f"{ifname(ns)}.keep_addr_on_down=1"], check=True)
        ns.ip("addr", "add", f"{addr}/64", "dev", ifname(ns), "nodad")
    topo.director.ip("addr", "add", f"{V6_VIP}/128", "dev", "lo")


@pytest.mark.parametrize("sockets", ["raw", "ping"])
def test_link_down_takes_the_real_server_out(netns, bridge, daemon,
                                             tmp_path, sockets):
    topo = director_topology(netns, bridge, servers=1)
    if sockets == "ping":
        open_ping_sockets(topo.director)
    rs_ns, rs = topo.servers[0], topo.rs_addr(0)
    d, table = start_director(daemon, topo, tmp_path, ping_config(VIP, rs))
    svc, dest = f"TCP {VIP}:80", f"{rs}:80"

    wait_dest(table, svc, dest, weight=2)
    rs_ns.ip("link", "set", ifname(rs_ns), "down")
    wait_dest(table, svc, dest, present=False)
    d.wait_for_log(rf"PING_CHECK on service \[{rs}\]:tcp:80 failed: "
                   r"timeout")
    rs_ns.ip("link", "set", ifname(rs_ns), "up")
    wait_dest(table, svc, dest, weight=2)
    assert d.running()


def test_address_removed_takes_the_real_server_out(netns, bridge, daemon,
                                                   tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs_ns, rs = topo.servers[0], topo.rs_addr(0)
    d, table = start_director(daemon, topo, tmp_path, ping_config(VIP, rs))
    svc, dest = f"TCP {VIP}:80", f"{rs}:80"

    wait_dest(table, svc, dest, weight=2)
    rs_ns.ip("addr", "del", f"{rs}/24", "dev", ifname(rs_ns))
    wait_dest(table, svc, dest, present=False)
    rs_ns.ip("addr", "add", f"{rs}/24", "dev", ifname(rs_ns))
    wait_dest(table, svc, dest, weight=2)
    assert d.running()


def test_unreachable_network_is_a_failed_check(netns, bridge, daemon,
                                               tmp_path):
    # No route to 10.78.0.0/16 from the director: connect() fails at once,
    # and the real server (which starts in the table) must go.
    topo = director_topology(netns, bridge, servers=0)
    d, table = start_director(daemon, topo, tmp_path,
                              ping_config(VIP, "10.78.0.9"))
    svc, dest = f"TCP {VIP}:80", "10.78.0.9:80"

    wait_dest(table, svc, dest, present=False)
    # A failed check, not a failure to start one.
    d.wait_for_log(r"PING_CHECK on service \[10\.78\.0\.9\]:tcp:80 failed: "
                   r"Network is unreachable", timeout=30)
    assert d.running()


@pytest.mark.parametrize("sockets", ["raw", "ping"])
def test_ipv6(netns, bridge, daemon, tmp_path, sockets):
    topo = director_topology(netns, bridge, servers=1)
    add_v6(topo)
    if sockets == "ping":
        open_ping_sockets(topo.director)
    rs_ns = topo.servers[0]
    d, table = start_director(daemon, topo, tmp_path,
                              ping_config(V6_VIP, "fd77::2"))
    svc, dest = f"TCP [{V6_VIP}]:80", "[fd77::2]:80"

    wait_dest(table, svc, dest, weight=2)
    rs_ns.ip("link", "set", ifname(rs_ns), "down")
    wait_dest(table, svc, dest, present=False)
    rs_ns.ip("link", "set", ifname(rs_ns), "up")
    wait_dest(table, svc, dest, weight=2)
    assert d.running()
