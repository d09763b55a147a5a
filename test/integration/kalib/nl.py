"""The netlink reflector's test tool (test/tools/nltool) and the kernel's
own view of a namespace, in one comparable shape.

Table shape: {ifname: {"index": int, "up": bool, "addrs": {"a/len", ...}}}
"""
import json
import os
import signal
import subprocess

from .paths import REPO_ROOT
from .wait import WaitTimeout, wait_until


def nltool_path():
    path = os.path.join(REPO_ROOT, "test", "tools", "nltool")
    if not os.access(path, os.X_OK):
        raise FileNotFoundError(f"{path} is not built (run make)")
    return path


def kernel_table(ns):
    """What 'ip -j addr' says inside ns, as a table."""
    table = {}
    for link in json.loads(ns.ip("-j", "addr", "show") or "[]"):
        table[link["ifname"]] = {
            "index": link["ifindex"],
            "up": "UP" in link.get("flags", []),
            "addrs": {f"{a['local']}/{a['prefixlen']}"
                      for a in link.get("addr_info", [])},
        }
    return table


def parse_dump(text):
    """The interface table that nltool wrote."""
    table, cur = {}, None
    for line in text.splitlines():
        words = line.split()
        if line.startswith("Interface "):
            cur = {"index": int(words[3]),
                   "up": "UP" in words[words.index("flags") + 1].split(","),
                   "addrs": set()}
            table[words[1]] = cur
        elif line.startswith("  addr ") and cur is not None:
            cur["addrs"].add(words[1])
    return table


class Monitor:
    """'nltool monitor' running inside a namespace."""

    def __init__(self, ns, workdir, args=()):
        self.ns = ns
        self.log_path = os.path.join(workdir, "nltool.log")
        self.dump_path = os.path.join(workdir, "nltool.dump")
        self.hold_path = os.path.join(workdir, "nltool.hold")
        self.ready_path = os.path.join(workdir, "nltool.ready")
        self.args = ["monitor", "-a", "--dump-file", self.dump_path,
                     "--hold-file", self.hold_path,
                     "--ready-file", self.ready_path] + list(args)
        self.proc = None

    def start(self, timeout=20):
        with open(self.log_path, "ab") as log:
            self.proc = self.ns.popen([nltool_path()] + self.args,
                                      stdin=subprocess.DEVNULL, stdout=log,
                                      stderr=subprocess.STDOUT,
                                      start_new_session=True)
        wait_until(lambda: os.path.exists(self.ready_path)
                   or self.proc.poll() is not None, timeout, 0.05,
                   "nltool ready")
        if self.proc.poll() is not None:
            raise RuntimeError(f"nltool exited: {self.log()}")
        return self

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def wait_for_log(self, text, timeout=20, since=0):
        try:
            wait_until(lambda: text in self.log()[since:], timeout, 0.05,
                       f"log line {text!r}")
        except WaitTimeout as e:
            raise WaitTimeout(f"{e}; log:\n{self.log()[-3000:]}") from None

    def hold(self, on):
        if on:
            open(self.hold_path, "w").close()
        elif os.path.exists(self.hold_path):
            os.unlink(self.hold_path)

    def table(self, timeout=20):
        """Asks for a dump (SIGUSR1) and returns it parsed."""
        before = os.stat(self.dump_path).st_mtime_ns \
            if os.path.exists(self.dump_path) else 0
        marker = self.log().count("table written")
        self.proc.send_signal(signal.SIGUSR1)
        wait_until(lambda: self.log().count("table written") > marker,
                   timeout, 0.05, "table dump")
        assert os.stat(self.dump_path).st_mtime_ns >= before
        with open(self.dump_path, encoding="utf-8") as f:
            return parse_dump(f.read())

    def stop(self, timeout=20):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
