"""MISC_CHECK: our daemon in a director namespace runs real shell scripts
and records the IPVS table it programs (--ipvs-record); the tests change
what the scripts exit with and watch the real server go out of the table
and back, and its weight follow misc_dynamic.

The scripts read their verdict from a control file the test writes, so one
running daemon sees success, failure, a hang and dynamic weights in turn.
Timers are short (delay_loop 1 s); every wait has a generous time-out and
no test asserts on timing.
"""
import os

from kalib import wait_until

from checklib import VIP, director_topology, read_table, start_director, \
    wait_dest

SVC = f"TCP {VIP}:80"
# Nothing needs to listen there: MISC_CHECK only runs the script.
RS = "10.77.0.2"
DEST = f"{RS}:8080"

# The verdict comes from "ctl": a number to exit with, or "hang".
SCRIPT = """#!/bin/sh
echo $$ > {dir}/pid.$$
v=$(cat {dir}/ctl)
if [ "$v" = hang ]; then
    echo $$ > {dir}/hung
    exec sleep 60
fi
exit "$v"
"""


def misc_config(script, rs_weight=1, misc_opts=""):
    return f"""
global_defs {{
    router_id misctest
    script_user root
    enable_script_security
}}
virtual_server {VIP} 80 {{
    delay_loop 1
    lvs_sched rr
    protocol TCP
    real_server {RS} 8080 {{
        weight {rs_weight}
        MISC_CHECK {{
            misc_path "{script} arg1"
            misc_timeout 2
            {misc_opts}
        }}
    }}
}}
"""


def make_script(tmp_path, first="0"):
    ctl = tmp_path / "ctl"
    ctl.write_text(first + "\n")
    script = tmp_path / "check.sh"
    script.write_text(SCRIPT.format(dir=tmp_path))
    script.chmod(0o755)
    return script, ctl


def set_verdict(ctl, value):
    # Renamed into place: the script never reads half a file.
    tmp = ctl.with_name("ctl.new")
    tmp.write_text(f"{value}\n")
    os.replace(tmp, ctl)


def pid_alive(pid):
    """True if pid runs (a zombie does not count)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_exit_status_moves_the_real_server(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=0)
    script, ctl = make_script(tmp_path, "0")
    d, table = start_director(daemon, topo, tmp_path,
                              misc_config(script, rs_weight=3))

    wait_dest(table, SVC, DEST, weight=3)
    # The script really runs, with its argument, again and again.
    wait_until(lambda: len(list(tmp_path.glob("pid.*"))) >= 2, 30, 0.1,
               "two runs of the script")
    set_verdict(ctl, 1)
    wait_dest(table, SVC, DEST, present=False)
    set_verdict(ctl, 0)
    wait_dest(table, SVC, DEST, weight=3)
    # Without misc_dynamic any status but 0 is a failure.
    set_verdict(ctl, 7)
    wait_dest(table, SVC, DEST, present=False)
    set_verdict(ctl, 0)
    wait_dest(table, SVC, DEST, weight=3)
    assert d.running()


def test_hanging_script_is_killed_and_counts_as_failure(netns, bridge,
                                                        daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=0)
    script, ctl = make_script(tmp_path, "0")
    d, table = start_director(daemon, topo, tmp_path, misc_config(script))

    wait_dest(table, SVC, DEST, weight=1)
    set_verdict(ctl, "hang")
    wait_until(lambda: (tmp_path / "hung").exists(), 30, 0.1,
               "a script hanging")
    hung = int((tmp_path / "hung").read_text())
    # misc_timeout 2: killed, then the real server goes.
    wait_dest(table, SVC, DEST, present=False)
    d.wait_for_log(r"MISC_CHECK on service \[10\.77\.0\.2\]:tcp:8080 "
                   r"failed: timed out", timeout=30)
    wait_until(lambda: not pid_alive(hung), 30, 0.1,
               f"hung script {hung} killed")
    # The loop was not blocked: the next run heals it.
    set_verdict(ctl, 0)
    wait_dest(table, SVC, DEST, weight=1)
    assert d.running()


def test_misc_dynamic_sets_the_weight(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=0)
    script, ctl = make_script(tmp_path, "12")
    d, table = start_director(daemon, topo, tmp_path,
                              misc_config(script, rs_weight=5,
                                          misc_opts="misc_dynamic"))

    # Exit 12: weight 12 - 2 = 10, whatever the configured 5.
    wait_dest(table, SVC, DEST, weight=10)
    set_verdict(ctl, 22)
    wait_dest(table, SVC, DEST, weight=20)
    # 0: success, the weight stays as it was.
    set_verdict(ctl, 0)
    runs = len(list(tmp_path.glob("pid.*")))
    wait_until(lambda: len(list(tmp_path.glob("pid.*"))) >= runs + 2, 30,
               0.1, "two runs exiting 0")
    assert read_table(table)[SVC][DEST][1] == 20
    # 1: failure even with misc_dynamic.
    set_verdict(ctl, 1)
    wait_dest(table, SVC, DEST, present=False)
    set_verdict(ctl, 3)
    wait_dest(table, SVC, DEST, weight=1)
    assert d.running()
