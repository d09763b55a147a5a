"""Signals with the real daemon: reload (good and broken files), stop,
the dumps of USR1, USR2, STATS_CLEAR and JSON (content checked, a planted
symlink not followed), --signum for every name, and the systemd
notifications on a test NOTIFY_SOCKET.
"""
import json
import os
import re
import signal
import socket

import pytest

from kalib import run, wait_until
from proclib import BOTH, FAST, FG, GLOBAL, LVS, VRRP, alive, wait_children

SIGNUMS = {
    "STOP": signal.SIGTERM,
    "RELOAD": signal.SIGHUP,
    "DATA": signal.SIGUSR1,
    "STATS": signal.SIGUSR2,
    "STATS_CLEAR": signal.SIGRTMAX - 1,
    "JSON": signal.SIGRTMIN + 2,
}


ROUTER_RELOADED = re.compile(r'router_id "?reloaded"?\n')


def dump_config(tmp_path, body=BOTH):
    """body with the three dump files moved into tmp_path."""
    extra = (f"global_defs {{\n    state_dump_file {tmp_path}/ka.data\n"
             f"    stats_dump_file {tmp_path}/ka.stats\n"
             f"    json_dump_file {tmp_path}/ka.json\n}}\n")
    return extra + body


@pytest.fixture
def ns(netns):
    # VRRP's vrrp0 (keepalived refuses lo for VRRP, and so do we).
    n = netns("s")
    n.ip("link", "add", "vrrp0", "type", "veth", "peer", "name", "vrrp1")
    return n


@pytest.mark.parametrize("name", sorted(SIGNUMS))
def test_signum(keepalived_bin, name):
    res = run([keepalived_bin, f"--signum={name}"], timeout=10)
    assert res.returncode == 0
    assert res.stdout.strip() == str(int(SIGNUMS[name]))


def test_signum_numbers_drive_the_daemon(keepalived_bin, ns, daemon,
                                         tmp_path):
    """Each --signum number, sent to the parent, does its job."""
    d = daemon(ns, dump_config(tmp_path), args=FG, env=FAST)
    wait_children(d)

    def sig(name):
        out = run([keepalived_bin, f"--signum={name}"], timeout=10).stdout
        d.signal(int(out))
    for name, path in (("DATA", "ka.data"), ("STATS", "ka.stats"),
                       ("JSON", "ka.json")):
        sig(name)
        wait_until(lambda p=path: (tmp_path / p).exists(), 10, what=path)
    mark = d.mark()
    sig("STATS_CLEAR")
    d.wait_for_log(r"Statistics cleared", since=mark)
    sig("RELOAD")
    d.wait_for_log(r"Configuration reloaded", since=mark)
    sig("STOP")
    assert d.wait_exit(timeout=15) == 0


def test_reload_good_and_broken(keepalived_bin, ns, daemon, tmp_path):
    d = daemon(ns, dump_config(tmp_path), args=FG, env=FAST)
    vrrp, checker = wait_children(d)
    # A good new file: everyone re-reads it, nobody restarts.
    with open(d.config_path, "a", encoding="utf-8") as f:
        f.write("global_defs {\n    router_id reloaded\n}\n")
    mark = d.mark()
    d.signal(signal.SIGHUP)
    d.wait_for_log(r"Running, with", since=mark, timeout=15)
    assert len(re.findall(r"Configuration reloaded", d.log()[mark:])) == 2
    assert alive(vrrp) and alive(checker)
    d.signal(signal.SIGUSR1)
    wait_until(lambda: ROUTER_RELOADED.search(read(tmp_path / "ka.data")),
               10, what="the new router_id in the dump")
    # A broken file: rejected with its errors, the old one kept.
    good = open(d.config_path, encoding="utf-8").read()
    with open(d.config_path, "w", encoding="utf-8") as f:
        f.write(good + "global_defs {\n    smtp_connect_timeout soon\n}\n")
    mark = d.mark()
    d.signal(signal.SIGHUP)
    d.wait_for_log(r"Reload rejected: the new configuration has errors",
                   since=mark)
    assert "smtp_connect_timeout" in d.log()[mark:]
    assert "Configuration reloaded" not in d.log()[mark:]
    assert d.running() and alive(vrrp) and alive(checker)
    # The children kept the old configuration: dumps still say so.
    os.unlink(tmp_path / "ka.data")
    d.signal(signal.SIGUSR1)
    wait_until(lambda: ROUTER_RELOADED.search(read(tmp_path / "ka.data")),
               10, what="the dump of the kept configuration")
    assert d.stop() == 0


def test_reload_changes_the_children(keepalived_bin, ns, daemon):
    d = daemon(ns, GLOBAL + VRRP, args=FG, env=FAST)
    vrrp, _ = wait_children(d, checker=False)
    with open(d.config_path, "w", encoding="utf-8") as f:
        f.write(GLOBAL + LVS)
    mark = d.mark()
    d.signal(signal.SIGHUP)
    d.wait_for_log(r"Running, with checker child processes", since=mark,
                   timeout=15)
    wait_until(lambda: not alive(vrrp), 10, what="the VRRP child's exit")
    assert d.pid_from("-c") and d.pid_from("-r") is None
    assert d.stop() == 0


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def test_dumps(keepalived_bin, ns, daemon, tmp_path):
    d = daemon(ns, dump_config(tmp_path), args=FG, env=FAST)
    vrrp, checker = wait_children(d)
    d.signal(signal.SIGUSR1)
    d.signal(signal.SIGUSR2)
    d.signal(signal.SIGRTMIN + 2)
    files = ["ka.data", "ka_check.data", "ka_parent.data", "ka.stats",
             "ka_check.stats", "ka.json", "ka_check.json"]
    wait_until(lambda: all((tmp_path / f).exists() for f in files), 10,
               what="all dump files")
    for f in files:
        assert (tmp_path / f).stat().st_mode & 0o777 == 0o600
    data = read(tmp_path / "ka.data")
    assert f"(pid {vrrp})" in data
    assert re.search(r'router_id "?proc-test"?\n', data)
    assert "VRRP Instance = VI_1" in data
    assert "Virtual servers configured = 1" in read(tmp_path /
                                                    "ka_check.data")
    parent = read(tmp_path / "ka_parent.data")
    assert f"pid {vrrp}" in parent and f"pid {checker}" in parent
    assert re.search(r"Reloads = 0", read(tmp_path / "ka.stats"))
    v = json.loads(read(tmp_path / "ka.json"))
    c = json.loads(read(tmp_path / "ka_check.json"))
    assert v["process"] == "vrrp" and v["pid"] == vrrp
    assert c["process"] == "checker" and c["pid"] == checker
    assert v["global"]["router_id"] == "proc-test"
    assert [i["iname"] for i in v["vrrp_instances"]] == ["VI_1"]
    assert v["vrrp_instances"][0]["vrid"] == 51
    assert v["vrrp_instances"][0]["state"] in ("BACKUP", "MASTER", "FAULT")
    assert v["vrrp_sync_groups"] == []
    assert [vs["name"] for vs in c["virtual_servers"]] == \
        ["[192.0.2.10]:tcp:80"]
    rs = c["virtual_servers"][0]["real_servers"]
    assert [r["name"] for r in rs] == ["[192.0.2.11]:tcp:80"]
    assert [k["type"] for k in rs[0]["checkers"]] == ["TCP_CHECK"]
    assert v["stats"]["watchdog_hellos"] >= 0
    # STATS_CLEAR: after a reload the counter shows 1, then is cleared.
    d.signal(signal.SIGHUP)
    d.wait_for_log(r"Configuration reloaded")
    mark = d.mark()
    d.signal(signal.SIGRTMAX - 1)
    # Both children clear theirs, each after writing its dump: wait for
    # both, or the VRRP child's pre-clear dump may land after the mark.
    wait_until(lambda: d.log()[mark:].count("Statistics cleared") >= 2, 10,
               what="both children's 'Statistics cleared'")
    wait_until(lambda: "Reloads = 1" in read(tmp_path / "ka.stats"), 10,
               what="the stats before clearing")
    mark = d.mark()
    d.signal(signal.SIGUSR2)
    d.wait_for_log(r"Wrote the stats dump .*ka\.stats", since=mark)
    assert "Reloads = 0" in read(tmp_path / "ka.stats")
    assert d.stop() == 0


def test_dump_does_not_follow_symlink(keepalived_bin, ns, daemon,
                                      tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    os.symlink(victim, tmp_path / "ka.json")
    os.symlink(victim, tmp_path / "ka.data")
    d = daemon(ns, dump_config(tmp_path), args=FG, env=FAST)
    wait_children(d)
    d.signal(signal.SIGRTMIN + 2)
    d.signal(signal.SIGUSR1)
    wait_until(lambda: not (tmp_path / "ka.json").is_symlink()
               and not (tmp_path / "ka.data").is_symlink(), 10,
               what="the dumps replacing the links")
    assert victim.read_text() == "precious\n"
    json.loads((tmp_path / "ka.json").read_text())
    assert d.stop() == 0


def test_dump_refuses_unsafe_directory(keepalived_bin, ns, daemon,
                                       tmp_path):
    unsafe = tmp_path / "open"
    unsafe.mkdir()
    os.chmod(unsafe, 0o777)
    d = daemon(ns, dump_config(unsafe), args=FG, env=FAST)
    wait_children(d)
    d.signal(signal.SIGRTMIN + 2)
    d.wait_for_log(r"Cannot write the JSON dump .*ka\.json: "
                   r"Operation not permitted")
    assert list(unsafe.iterdir()) == []
    assert d.stop() == 0


class NotifySocket:
    """A datagram socket standing in for systemd's notify socket."""

    def __init__(self, path):
        self.path = str(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.messages = []

    def poll(self):
        try:
            while True:
                self.messages.append(self.sock.recv(4096).decode())
        except (socket.timeout, BlockingIOError):
            pass
        return self.messages

    def wait_for(self, line, timeout=15):
        def seen():
            return any(line in m.split("\n") for m in self.poll())
        wait_until(seen, timeout, what=f"{line} on NOTIFY_SOCKET")

    def close(self):
        self.sock.close()


def test_sd_notify_sequence(keepalived_bin, ns, daemon, tmp_path):
    sock = NotifySocket(tmp_path / "notify")
    try:
        env = dict(FAST, NOTIFY_SOCKET=sock.path)
        d = daemon(ns, BOTH, args=FG, env=env)
        sock.wait_for("READY=1")
        wait_children(d)
        d.signal(signal.SIGHUP)
        wait_until(lambda: sum("READY=1" in m for m in sock.poll()) >= 2,
                   15, what="READY=1 after the reload")
        assert d.stop() == 0
        sock.wait_for("STOPPING=1")
        msgs = sock.poll()
    finally:
        sock.close()
    keys = [line for m in msgs for line in m.split("\n")
            if line in ("READY=1", "RELOADING=1", "STOPPING=1")]
    assert keys == ["READY=1", "RELOADING=1", "READY=1", "STOPPING=1"]
    assert any(line.startswith("STATUS=") for m in msgs
               for line in m.split("\n"))
    # Only the parent talks to systemd.
    log = d.log()
    assert "NOTIFY_SOCKET" not in log


def test_sd_notify_ready_after_children(keepalived_bin, ns, daemon,
                                        tmp_path):
    """READY=1 comes once both children have loaded the configuration.
    (An abstract NOTIFY_SOCKET cannot be tested here: abstract names are
    per network namespace; the unit tests cover its address.)"""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "n"))
    sock.settimeout(20)
    try:
        d = daemon(ns, BOTH, args=FG, env=dict(FAST,
                                               NOTIFY_SOCKET=str(
                                                   tmp_path / "n")))
        msg = sock.recv(4096).decode()
        assert "READY=1" in msg.split("\n")
        log = d.log()
        assert re.search(r"VRRP child \(pid \d+\) is running", log)
        assert re.search(r"checker child \(pid \d+\) is running", log)
        assert d.stop() == 0
    finally:
        sock.close()


def test_systemd_unit():
    # The template: make fills in the directories (the installed unit is
    # checked by test/install/test_install.py).
    from kalib import REPO_ROOT
    path = os.path.join(REPO_ROOT, "keepalived", "keepalived.service.in")
    keys = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                k, v = line.rstrip("\n").split("=", 1)
                keys.setdefault(k, []).append(v)
    assert keys["Type"] == ["notify"]
    assert keys["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
    assert keys["EnvironmentFile"] == ["-@sysconfdir@/default/keepalived"]
    assert keys["ExecStart"][0].startswith("@sbindir@/keepalived ")
    assert "$KEEPALIVED_OPTIONS" in keys["ExecStart"][0]
    assert "network-online.target" in keys["After"][0]
    assert keys["PIDFile"] == ["/run/keepalived.pid"]
    assert keys["KillMode"] == ["process"]
