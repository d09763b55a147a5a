"""What every benchmark item needs: the two daemons, namespaces, the
capture process, process statistics, CPU load, and a clock.

Namespaces, veths and daemons are kalib's (test/integration/kalib), so
the benchmark creates and removes them exactly as the tests do: only
inside namespaces it made, processes ended by pid."""
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(REPO, "test", "integration"))

import kalib  # noqa: E402
from kalib import wait_until  # noqa: E402,F401

OURS = "ours"
REF = "keepalived"
BINARIES = {OURS: kalib.our_binary(), REF: "/usr/sbin/keepalived"}
ARGS = ("-n", "-l", "-G")


def now_ns():
    return time.time_ns()


def start_daemon(ns, text, workdir, who, name, extra_args=(), vrrp_only=True):
    """A started kalib.Daemon of `who` (OURS or REF) in ns."""
    args = list(ARGS) + (["-P"] if vrrp_only else []) + list(extra_args)
    d = kalib.Daemon(ns, text, workdir, binary=BINARIES[who], args=args,
                     name=name)
    return d.start()


def child_pid(d, opt="-r", timeout=30):
    """The pid of d's VRRP (-r) or checker (-c) child, once written."""
    return wait_until(lambda: d.pid_from(opt) if d._ours(d.pid_from(opt)
                                                         or 0) else None,
                      timeout, 0.05, f"pid file {opt} of {d.name}")


def cpu_ns(pid):
    """CPU time used so far by all threads of pid, in nanoseconds."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except OSError:
            pass
    return total


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


class Capture:
    """blib/capture.py running inside a namespace."""

    def __init__(self, ns, workdir, tag, gaps=False, vrrp=True):
        self.out = os.path.join(workdir, f"capture-{tag}.txt")
        self.ready = os.path.join(workdir, f"capture-{tag}.ready")
        for p in (self.out, self.ready):
            if os.path.exists(p):
                os.unlink(p)
        argv = [sys.executable, os.path.join(HERE, "capture.py"), self.out,
                self.ready]
        if gaps:
            argv.append("--gaps")
        if not vrrp:
            argv.append("--no-vrrp")
        self.proc = ns.popen(argv, stdin=subprocess.DEVNULL,
                             start_new_session=True)
        wait_until(lambda: os.path.exists(self.ready)
                   or self.proc.poll() is not None, 20, 0.02, "capture ready")
        if self.proc.poll() is not None:
            raise RuntimeError("capture.py exited at start")

    def stop(self):
        """Ends the capture; returns its events as lists of words."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        # A capture that wrote nothing is a broken instrument, not an
        # empty result: raise, so that the item reports an error.
        with open(self.out) as f:
            lines = f.readlines()
        if not lines or lines[-1] != "END\n":
            raise RuntimeError(f"capture {self.out} incomplete")
        return [line.split() for line in lines[:-1]]


class Busy:
    """One CPU-bound process per core (both cores busy), killed by pid."""

    def __init__(self, n=None):
        self.procs = []
        n = n or os.cpu_count() or 2
        for _ in range(n):
            self.procs.append(subprocess.Popen(
                [sys.executable, "-c", "while True: pass"],
                stdin=subprocess.DEVNULL, start_new_session=True))

    def stop(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
            p.wait(10)
        self.procs = []


class Env:
    """Namespaces and daemons of one measurement; close() removes all."""

    def __init__(self, workdir):
        self.workdir = workdir
        os.makedirs(workdir, exist_ok=True)
        self.pool = kalib.NetnsPool(prefix=f"kab{os.getpid()}-")
        self.daemons = []
        self.others = []

    def ns(self, tag):
        return self.pool.create(tag)

    def veth(self, a, b, addr_a, addr_b, ifname):
        return self.pool.veth(a, b, addr_a, addr_b, ifname_a=ifname,
                              ifname_b=ifname)

    def daemon(self, ns, text, who, name, **kw):
        d = start_daemon(ns, text, self.workdir, who, name, **kw)
        self.daemons.append(d)
        return d

    def capture(self, ns, tag, **kw):
        c = Capture(ns, self.workdir, tag, **kw)
        self.others.append(c)
        return c

    def close_daemons(self):
        for d in self.daemons:
            try:
                d.kill()
            except Exception:   # noqa: BLE001 - clean up the rest anyway
                pass

    def close(self):
        self.close_daemons()
        for c in self.others:
            if c.proc.poll() is None:
                c.proc.kill()
                c.proc.wait(10)
        self.pool.close()
