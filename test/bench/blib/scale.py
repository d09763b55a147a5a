"""Item 3: N instances (250 per interface, VRIDs 1-250 on each), VRRPv2,
advert_int 1: time from start until all N are MASTER on the
higher-priority node (its namespace's address events), CPU of the VRRP
child of master and backup over a steady window, RSS, SIGTERM to exit."""
import signal
import time

from .env import child_pid, cpu_ns, rss_kib, wait_until
from .vrrp_pair import Pair, PRIO_A, master_down, sleep


def run(env, who, n, window):
    links = (n + 249) // 250
    p = Pair(env, who, n, "1", 2, links)
    cap = env.capture(p.a, f"{who}-scale-{n}", vrrp=False)
    t_start = time.time_ns()
    p.start_a()
    p.wait_master(p.a, n, 300)
    events = cap.stop()
    adds = sorted(int(e[1]) for e in events if e[0] == "A+"
                  and e[2].startswith("10.2"))
    all_master = (adds[n - 1] - t_start) / 1e9 if len(adds) >= n else None
    p.start_b()
    vrrp_a, vrrp_b = child_pid(p.da), child_pid(p.db)
    sleep(5)    # more than Master_Down_Interval: B has settled as backup
    ca, cb = cpu_ns(vrrp_a), cpu_ns(vrrp_b)
    t0 = time.monotonic()
    sleep(window)
    ca, cb = cpu_ns(vrrp_a) - ca, cpu_ns(vrrp_b) - cb
    span = time.monotonic() - t0
    res = {"all_master_s": all_master,
           "floor_s": master_down(PRIO_A, 1.0),
           "cpu_master_s": ca / 1e9 * window / span,
           "cpu_backup_s": cb / 1e9 * window / span,
           "rss_parent_mib": rss_kib(p.da.pid) / 1024,
           "rss_vrrp_mib": rss_kib(vrrp_a) / 1024,
           "backup_vips": p.vips(p.b)}
    t0 = time.monotonic()
    p.da.signal(signal.SIGTERM)
    p.da.wait_exit(120)
    res["stop_s"] = time.monotonic() - t0
    res["left_vips"] = p.vips(p.a)
    wait_until(lambda: p.vips(p.b) == n, 120, 0.2, "backup takes over")
    p.db.signal(signal.SIGTERM)
    p.db.wait_exit(120)
    return res
