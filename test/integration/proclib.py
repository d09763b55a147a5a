"""Shared by the process-model tests (test_process.py, test_proc_*.py):
configurations, fast watchdog settings, and helpers that read the pid
files and /proc."""
import os
import re

from kalib import wait_until

# Small numbers so that the watchdog and the back-off act within seconds.
FAST = {
    "KEEPALIVED_WATCHDOG_INTERVAL_MS": "200",
    "KEEPALIVED_WATCHDOG_MISSES": "3",
    "KEEPALIVED_RESPAWN_WINDOW_MS": "1500",
    "KEEPALIVED_RESPAWN_LIMIT": "3",
}

GLOBAL = """\
global_defs {
    router_id proc-test
}
"""
VRRP = """\
vrrp_instance VI_1 {
    state BACKUP
    interface vrrp0
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        192.0.2.1/32
    }
}
"""
LVS = """\
virtual_server 192.0.2.10 80 {
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 192.0.2.11 80 {
        TCP_CHECK {
        }
    }
}
"""
BOTH = GLOBAL + VRRP + LVS
# The kernel here has no IPVS: the checker records its table instead.
FG = ("-n", "-l", "-G", "-D", "--ipvs-record={workdir}/ipvs.table")


def alive(pid):
    """True if pid runs and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def comm(pid):
    with open(f"/proc/{pid}/comm", encoding="ascii") as f:
        return f.read().strip()


def ppid(pid):
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


def running_line(name, pid=None):
    """The parent's line once a child has loaded its configuration."""
    p = str(pid) if pid else r"\d+"
    return rf"{name} child \(pid {p}\) is running"


def wait_children(d, vrrp=True, checker=True, timeout=15):
    """Waits until the wanted children run and have written pid files;
    returns (vrrp pid, checker pid) (None for a child not wanted)."""
    d.wait_for_log(r"Running, with", timeout=timeout)
    pids = []
    for opt, want, name in (("-r", vrrp, "VRRP"), ("-c", checker,
                                                    "checker")):
        if not want:
            pids.append(None)
            continue
        pid = wait_until(lambda o=opt: d.pid_from(o), timeout,
                         what=f"pid file {d.pidfiles[opt]}")
        d.wait_for_log(running_line(name, pid), timeout=timeout)
        pids.append(pid)
    return tuple(pids)


def count(d, regex, since=0):
    return len(re.findall(regex, d.log()[since:], re.M))


def gone(path):
    return not os.path.exists(path)
