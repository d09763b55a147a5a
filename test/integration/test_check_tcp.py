"""TCP_CHECK against real listeners in network namespaces: our daemon in a
director namespace records the IPVS table it programs (--ipvs-record),
and the tests watch real servers go in and out of it as their listeners
stop and start.

Timers are short (delay_loop 1 s, connect_timeout 1 s, retry 1); every
wait has a generous time-out and no test asserts on timing.
"""
import os
import stat

from kalib import wait_until

from checklib import stop_servers  # noqa: F401 (autouse fixture)
from checklib import (VIP, TcpServer, director_topology, lvs_config,
                      read_table, start_director, wait_dest)

SVC = f"TCP {VIP}:80"


def notify_script(tmp_path):
    """A script that appends its arguments to a file; returns both."""
    out = tmp_path / "notify.out"
    script = tmp_path / "notify.sh"
    script.write_text(f'#!/bin/sh\necho "$@" >> {out}\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, out


def lines(path):
    try:
        return path.read_text().splitlines()
    except FileNotFoundError:
        return []


def test_real_server_follows_its_listener(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    srv = TcpServer(topo.servers[0], rs, 8080).start()
    d, table = start_director(daemon, topo, tmp_path, lvs_config([rs]))
    dest = f"{rs}:8080"

    wait_dest(table, SVC, dest, weight=1)
    srv.stop()
    wait_dest(table, SVC, dest, present=False)
    d.wait_for_log(rf"TCP_CHECK on service \[{rs}\]:tcp:8080 failed")
    d.wait_for_log(rf"Removing service \[{rs}\]:tcp:8080 from VS "
                   rf"\[{VIP}\]:tcp:80")
    mark = d.mark()
    srv.start()
    wait_dest(table, SVC, dest, weight=1)
    d.wait_for_log(rf"TCP connection to \[{rs}\]:tcp:8080 success\.",
                   since=mark)
    d.wait_for_log(rf"Adding service \[{rs}\]:tcp:8080 to VS "
                   rf"\[{VIP}\]:tcp:80", since=mark)
    assert d.running()


def test_connect_timeout_takes_a_silent_server_out(netns, bridge, daemon,
                                                    tmp_path):
    # Nobody has .50: the SYN never gets an answer.
    topo = director_topology(netns, bridge, servers=1)
    silent = "10.77.0.50"
    d, table = start_director(daemon, topo, tmp_path, lvs_config([silent]))
    dest = f"{silent}:8080"

    # Without alpha it starts in the table (said with -D only, as
    # keepalived fills IPVS quietly at start), then the checks time out.
    d.wait_for_log(r"Adding service \[10\.77\.0\.50\]:tcp:8080")
    wait_dest(table, SVC, dest, present=False)
    d.wait_for_log(r"TCP connection to \[10\.77\.0\.50\]:tcp:8080 failed: "
                   r"timeout\.")


def test_inhibit_on_failure_keeps_weight_zero(netns, bridge, daemon,
                                             tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    srv = TcpServer(topo.servers[0], rs, 8080).start()
    conf = lvs_config([(rs, "", 3)], vs_opts="inhibit_on_failure")
    d, table = start_director(daemon, topo, tmp_path, conf)
    dest = f"{rs}:8080"

    wait_dest(table, SVC, dest, weight=3)
    srv.stop()
    wait_dest(table, SVC, dest, weight=0)
    d.wait_for_log(rf"Disabling service \[{rs}\]:tcp:8080 of VS")
    srv.start()
    wait_dest(table, SVC, dest, weight=3)
    d.wait_for_log(rf"Enabling service \[{rs}\]:tcp:8080 of VS")


def test_notify_scripts_run_with_their_arguments(netns, bridge, daemon,
                                                 tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    script, out = notify_script(tmp_path)
    srv = TcpServer(topo.servers[0], rs, 8080).start()
    extra = (f'notify_up "{script} UP {rs}"\n'
             f'        notify_down "{script} DOWN {rs}"')
    d, table = start_director(daemon, topo, tmp_path,
                              lvs_config([(rs, extra)], vs_opts="alpha"))
    dest = f"{rs}:8080"

    # alpha: down until the first check passes, then notify_up.
    wait_dest(table, SVC, dest)
    d.wait_for_log(rf"Executing \[{script} UP {rs}\] for service "
                   rf"\[{rs}\]:tcp:8080 in VS \[{VIP}\]:tcp:80")
    wait_until(lambda: lines(out) == [f"UP {rs}"], 20, 0.1, "notify_up")
    srv.stop()
    wait_dest(table, SVC, dest, present=False)
    wait_until(lambda: lines(out) == [f"UP {rs}", f"DOWN {rs}"], 20, 0.1,
               "notify_down")
    assert os.path.exists(table) and read_table(table)[SVC] == {}
