"""The process model with the real daemon: a watchdog parent with a VRRP
child and a checker child, pid files, respawn with back-off, the
heartbeat watchdog, -R, -P, -C, --all, and daemon mode.

The watchdog and back-off numbers are made small through the environment
(see keepalived/core/parent_policy.h). Every wait has a generous time-out;
no pass/fail decision depends on how fast the machine is.
"""
import os
import signal

import pytest

from kalib import wait_until
from proclib import (BOTH, FAST, FG, GLOBAL, LVS, VRRP, alive, comm, count,
                     gone, ppid, running_line, wait_children)


@pytest.fixture
def ns(netns):
    # VRRP's vrrp0 (keepalived refuses lo for VRRP, and so do we).
    n = netns("p")
    n.ip("link", "add", "vrrp0", "type", "veth", "peer", "name", "vrrp1")
    return n


def test_three_processes_with_pid_files(keepalived_bin, ns, daemon):
    d = daemon(ns, BOTH, args=FG, env=FAST)
    vrrp, checker = wait_children(d)
    parent = d.pid_from("-p")
    assert parent == d.pid
    assert ppid(vrrp) == parent and ppid(checker) == parent
    assert comm(parent) == "keepalived"
    assert comm(vrrp) == "keepalived_vrrp"
    assert comm(checker) == "keepalived_ipvs"
    log = d.log()
    assert "Starting Keepalived v" in log
    assert "Command line: '" in log and f"'{d.config_path}'" in log
    assert d.stop() == 0
    for path in d.pidfiles.values():
        assert gone(path), f"{path} left behind"
    assert not alive(vrrp) and not alive(checker)
    log = d.log()
    assert count(d, r"Stopped - used \d+\.\d{6} user time, "
                 r"\d+\.\d{6} system time") == 2
    assert "CPU usage (self/children)" in log
    assert "Stopped Keepalived v" in log


def test_daemon_mode_detaches(keepalived_bin, ns, daemon):
    d = daemon(ns, BOTH, args=("-l", "-G", "--ipvs-record={workdir}/ipvs"),
               env=FAST)
    # The process we started exits at once; the daemon lives on.
    assert d.wait_exit(timeout=10) == 0
    parent = wait_until(lambda: d.pid_from("-p"), 10, what="pid file")
    vrrp = wait_until(lambda: d.pid_from("-r"), 10, what="vrrp pid")
    checker = wait_until(lambda: d.pid_from("-c"), 10, what="checker pid")
    assert parent != d.pid
    assert alive(parent) and alive(vrrp) and alive(checker)
    assert ppid(vrrp) == parent and ppid(checker) == parent
    assert os.getsid(parent) == parent, "the daemon leads its own session"
    os.kill(parent, signal.SIGTERM)
    wait_until(lambda: not alive(parent), 15, what="the parent's exit")
    for path in d.pidfiles.values():
        assert gone(path), f"{path} left behind"
    assert not alive(vrrp) and not alive(checker)


@pytest.mark.parametrize("config,args,vrrp,checker", [
    (GLOBAL + VRRP, FG, True, False),
    (GLOBAL + LVS, FG, False, True),
    (BOTH, FG + ("-P",), True, False),
    (BOTH, FG + ("-C",), False, True),
    (GLOBAL, FG + ("--all",), True, True),
])
def test_which_children(keepalived_bin, ns, daemon, config, args, vrrp,
                        checker):
    d = daemon(ns, config, args=args, env=FAST)
    wait_children(d, vrrp=vrrp, checker=checker)
    assert (d.pid_from("-r") is not None) == vrrp
    assert (d.pid_from("-c") is not None) == checker
    assert count(d, r"Starting VRRP child process") == int(vrrp)
    assert count(d, r"Starting checker child process") == int(checker)
    assert d.stop() == 0


def test_no_children_for_global_only(keepalived_bin, ns, daemon):
    d = daemon(ns, GLOBAL, args=FG, env=FAST)
    d.wait_for_log(r"Running, with no child process")
    assert d.pid_from("-r") is None and d.pid_from("-c") is None
    assert d.stop() == 0


@pytest.mark.parametrize("victim", ["-r", "-c"])
def test_sigkill_child_is_respawned(keepalived_bin, ns, daemon, victim):
    d = daemon(ns, BOTH, args=FG, env=FAST)
    pids = dict(zip(("-r", "-c"), wait_children(d)))
    other = "-c" if victim == "-r" else "-r"
    name = "VRRP" if victim == "-r" else "checker"
    mark = d.mark()
    os.kill(pids[victim], signal.SIGKILL)
    d.wait_for_log(rf"{name} child \(pid {pids[victim]}\) was killed by "
                   r"signal 9", since=mark)
    new = wait_until(lambda: (d.pid_from(victim) or pids[victim])
                     != pids[victim] and d.pid_from(victim), 15,
                     what="a new pid file")
    d.wait_for_log(running_line(name, new), since=mark)
    assert alive(new) and ppid(new) == d.pid
    assert d.pid_from(other) == pids[other] and alive(pids[other])
    assert d.running()
    assert d.stop() == 0


def test_dont_respawn_stops_the_daemon(keepalived_bin, ns, daemon):
    d = daemon(ns, BOTH, args=FG + ("-R",), env=FAST)
    vrrp, checker = wait_children(d)
    os.kill(checker, signal.SIGKILL)
    assert d.wait_exit(timeout=15) == 0
    assert "Not respawning the checker child (-R)" in d.log()
    assert not alive(vrrp)
    for path in d.pidfiles.values():
        assert gone(path)


def test_stopped_child_is_replaced(keepalived_bin, ns, daemon):
    d = daemon(ns, BOTH, args=FG, env=FAST)
    vrrp, checker = wait_children(d)
    mark = d.mark()
    os.kill(vrrp, signal.SIGSTOP)
    d.wait_for_log(rf"VRRP child \(pid {vrrp}\) has not answered 3 "
                   r"watchdog hellos: killing it", since=mark, timeout=15)
    d.wait_for_log(rf"VRRP child \(pid {vrrp}\) was killed by signal 9",
                   since=mark)
    new = wait_until(lambda: d.pid_from("-r") != vrrp and d.pid_from("-r"),
                     15, what="a new VRRP pid file")
    d.wait_for_log(running_line("VRRP", new), since=mark)
    assert not alive(vrrp)
    assert alive(checker) and d.pid_from("-c") == checker
    assert d.stop() == 0


def test_child_failing_at_start_is_not_respawned_forever(
        keepalived_bin, ns, daemon):
    d = daemon(ns, BOTH, args=FG, env=FAST)
    vrrp, checker = wait_children(d)
    # From now on a child that starts cannot read its configuration.
    os.rename(d.config_path, d.config_path + ".away")
    mark = d.mark()
    os.kill(vrrp, signal.SIGKILL)
    status = d.wait_exit(timeout=30)
    assert status == 2, d.log()[mark:]
    log = d.log()[mark:]
    assert "permanent error, stopping" in log
    # Limit 3: the first death was not quick, then 3 quick ones.
    starts = count(d, r"Starting VRRP child process", since=mark)
    assert 1 <= starts <= 3, log
    assert not alive(checker)
    for path in d.pidfiles.values():
        assert gone(path)


class _Host:
    """Runs a command in the test's own network namespace: the daemon
    itself enters the named one (-s)."""

    def popen(self, cmd, **kwargs):
        import subprocess
        return subprocess.Popen(cmd, **kwargs)


def test_namespace_option(keepalived_bin, ns, tmp_path):
    from kalib import Daemon
    piddir = f"/run/keepalived/{ns.name}"
    d = Daemon(_Host(), BOTH, str(tmp_path), args=FG + ("-s", ns.name),
               env=FAST)
    # Default pid files: the ones for this namespace.
    d.pidfiles = {"-p": f"{piddir}/keepalived.pid",
                  "-r": f"{piddir}/vrrp.pid",
                  "-c": f"{piddir}/checkers.pid"}
    d.args = [a.replace("{workdir}", str(tmp_path)) for a in d.args]
    d.argv = lambda: [d.binary] + d.args + ["-f", d.config_path]
    d.start()
    try:
        vrrp, checker = wait_children(d)
        want = os.readlink(f"/proc/{vrrp}/ns/net")
        res = ns.run(["readlink", "/proc/self/ns/net"], check=True)
        assert want == res.stdout.strip()
        assert os.readlink(f"/proc/{d.pid}/ns/net") == want
        assert os.readlink("/proc/self/ns/net") != want
        assert d.stop() == 0
        assert not os.path.exists(piddir)
    finally:
        d.kill()


def test_refuses_to_run_beside_a_live_daemon(keepalived_bin, ns, daemon,
                                             tmp_path):
    from kalib import Daemon
    first = daemon(ns, BOTH, args=FG, env=FAST, name="first")
    wait_children(first)
    second = Daemon(ns, BOTH, str(tmp_path), args=FG, env=FAST,
                    name="second")
    second.pidfiles = first.pidfiles
    second.start()
    try:
        assert second.wait_exit(timeout=15) == 1
    finally:
        second.kill()
    assert f"owns {first.pidfiles['-p']}: not starting" in second.log()
    assert first.running() and first.pid_from("-p") == first.pid
    assert first.stop() == 0


def test_children_exit_when_the_parent_dies(keepalived_bin, ns, daemon):
    d = daemon(ns, BOTH, args=FG, env=FAST)
    vrrp, checker = wait_children(d)
    mark = d.mark()
    os.kill(d.pid, signal.SIGKILL)
    d.wait_exit(timeout=10)
    wait_until(lambda: not alive(vrrp) and not alive(checker), 15,
               what="the children's exit")
    # They stopped in order (their last line), not killed.
    wait_until(lambda: count(d, r"Stopped - used", since=mark) == 2, 10,
               what="both children's stop lines")
