"""-g/--log-file, --flush-log-file and -m/--core-dump with the real daemon.

keepalived(8): with -g FILE the parent writes FILE and each child writes
FILE with _vrrp or _healthcheckers inserted before the last dot; the file
is appended to and never opened through a symbolic link. -m lifts the core
size limit of every process of the daemon.
"""
import os
import re

from kalib import wait_until
from proclib import BOTH, FAST, FG, wait_children


def limits_core(pid):
    with open(f"/proc/{pid}/limits") as f:
        for line in f:
            if line.startswith("Max core file size"):
                return line.split()[4:6]
    return None


def read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def test_log_files_per_process(keepalived_bin, netns, daemon, tmp_path):
    ns = netns("lf")
    ns.ip("link", "add", "vrrp0", "type", "veth", "peer", "name", "vrrp1")
    base = tmp_path / "ka.log"
    d = daemon(ns, BOTH, args=FG + ("-g", str(base), "--flush-log-file",
                                    "-m"), env=FAST)
    vrrp, checker = wait_children(d)
    names = {"parent": base, "vrrp": tmp_path / "ka_vrrp.log",
             "checker": tmp_path / "ka_healthcheckers.log"}
    # flushed line by line: visible while the daemon runs
    wait_until(lambda: "Starting VRRP child process" in read(names["parent"]),
               timeout=10, what="the parent's log file")
    wait_until(lambda: "VRRP child: starting" in read(names["vrrp"]),
               timeout=10, what="the VRRP child's log file")
    wait_until(lambda: "checker" in read(names["checker"]).lower(),
               timeout=10, what="the checker's log file")
    stamp = re.compile(r"^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}: ", re.M)
    for who, path in names.items():
        text = read(path)
        assert stamp.search(text), f"{who}: no stamped line in {text[:300]}"
    # each process writes only its own file
    assert "VRRP child: starting" not in read(names["parent"])
    assert "Starting VRRP child process" not in read(names["vrrp"])
    # -m: the limit is lifted in every process
    for pid in (d.pid, vrrp, checker):
        assert limits_core(pid) == ["unlimited", "unlimited"], pid
    assert "not available yet" not in d.log()
    assert d.stop() == 0
    assert "Stopped Keepalived" in read(names["parent"])
    assert os.stat(base).st_mode & 0o777 == 0o640


def test_log_file_appends(keepalived_bin, netns, daemon, tmp_path):
    ns = netns("la")
    ns.ip("link", "add", "vrrp0", "type", "veth", "peer", "name", "vrrp1")
    base = tmp_path / "ka.log"
    base.write_text("an older line\n")
    d = daemon(ns, BOTH, args=FG + ("-g", str(base)), env=FAST)
    wait_children(d)
    assert d.stop() == 0
    text = read(base)
    # without --flush-log-file the lines arrive at the latest at exit
    assert text.startswith("an older line\n")
    assert "Stopped Keepalived" in text


def test_log_file_symlink_refused(keepalived_bin, netns, daemon, tmp_path):
    ns = netns("ls")
    ns.ip("link", "add", "vrrp0", "type", "veth", "peer", "name", "vrrp1")
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    base = tmp_path / "ka.log"
    os.symlink(victim, base)
    d = daemon(ns, BOTH, args=FG + ("-g", str(base)), env=FAST)
    wait_children(d)
    assert d.stop() == 0
    assert victim.read_text() == "precious\n"
    assert re.search(r"Cannot open the log file .*ka\.log", d.log())
