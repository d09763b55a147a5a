"""Item 5, host part: ours alone with --ipvs-record, N real servers with
TCP_CHECK (delay_loop 1) against one listener answering on N addresses in
a namespace: CPU share of the checker child, share of checks done, and
the lateness of each check against its schedule (interval between two
connections to the same address, minus delay_loop)."""
import os
import subprocess
import sys
import time

from . import confgen
from .env import OURS, child_pid, cpu_ns, rss_kib, wait_until
from . import stats

HERE = os.path.dirname(os.path.abspath(__file__))


def topology(env, n):
    d, s = env.ns("dir"), env.ns("srv")
    env.veth(d, s, "10.49.0.1/24", "10.49.0.2/24", "ck0")
    d.ip("route", "add", "10.64.0.0/10", "via", "10.49.0.2")
    batch = os.path.join(env.workdir, "addrs.batch")
    with open(batch, "w") as f:
        for i in range(n):
            f.write(f"addr add {confgen.rs_addr(i)}/32 dev lo\n")
    s.ip("-batch", batch, timeout=300)
    return d, s


def seen(ready):
    """Distinct addresses the listener has had a connection on."""
    try:
        with open(ready + ".count") as f:
            return int(f.read().split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def tcp_counters(ns):
    """TcpExt counters of a namespace: a listener whose accept queue
    overflows drops SYNs, and the checker's connect() then retransmits
    its SYN a second later: lateness that is the instrument's, not the
    checker's."""
    out = ns.run(["cat", "/proc/net/netstat"]).stdout.splitlines()
    for names, values in zip(out[::2], out[1::2]):
        if names.startswith("TcpExt:"):
            return dict(zip(names.split()[1:], map(int, values.split()[1:])))
    return {}


def _delta(a, b, key):
    return b.get(key, 0) - a.get(key, 0)


def run(env, n, window, warmup, record_dir):
    d, s = topology(env, n)
    out = os.path.join(env.workdir, "accepts.txt")
    ready = os.path.join(env.workdir, "listener.ready")
    table = os.path.join(record_dir, f"kabench-{os.getpid()}-ipvs.txt")
    lst = s.popen([sys.executable, os.path.join(HERE, "listener.py"),
                   "8080", out, ready], stdin=subprocess.DEVNULL,
                  start_new_session=True)
    try:
        wait_until(lambda: os.path.exists(ready), 20, 0.05, "listener")
        dm = env.daemon(d, confgen.checker_config(n), OURS, "checker",
                        vrrp_only=False,
                        extra_args=("-C", f"--ipvs-record={table}"))
        ck = child_pid(dm, "-c")
        t_start = time.monotonic()
        wait_until(lambda: seen(ready) >= n, 600, 0.2,
                   "every real server checked once")
        first_round = time.monotonic() - t_start
        time.sleep(warmup)
        t_from = time.time_ns()
        s0, d0 = tcp_counters(s), tcp_counters(d)
        c0, m0, l0 = cpu_ns(ck), time.monotonic(), cpu_ns(lst.pid)
        time.sleep(window)
        c1, m1, l1 = cpu_ns(ck), time.monotonic(), cpu_ns(lst.pid)
        s1, d1 = tcp_counters(s), tcp_counters(d)
        t_to = time.time_ns()
        rss = rss_kib(ck) / 1024
    finally:
        lst.terminate()
        lst.wait(60)
        env.close_daemons()     # before the file goes: it would rewrite it
        if os.path.exists(table):
            os.unlink(table)
    per = {}
    with open(out) as f:
        for line in f:
            t, a = line.split()
            per.setdefault(a, []).append(int(t))
    late, done = [], 0
    for ts in per.values():
        inside = [t for t in ts if t_from <= t <= t_to]
        done += len(inside)
        prev = [t for t in ts if t < t_from][-1:]
        seq = prev + inside
        late += [(b - a) / 1e6 - 1000.0 for a, b in zip(seq, seq[1:])]
    return {"n": n, "cpu_pct": (c1 - c0) / 1e9 / (m1 - m0) * 100,
            "done_share": done / (n * window),
            "late_p50_ms": stats.percentile(late, 50),
            "late_p99_ms": stats.percentile(late, 99),
            "late_max_ms": max(late) if late else None,
            "addresses_seen": len(per), "rss_mib": rss,
            "first_round_s": first_round,
            "listener_cpu_pct": (l1 - l0) / 1e9 / (m1 - m0) * 100,
            "listen_overflows": _delta(s0, s1, "ListenOverflows"),
            "syn_retrans": _delta(d0, d1, "TCPSynRetrans")}
