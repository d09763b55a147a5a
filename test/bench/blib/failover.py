"""Item 1: fail-over latency over the RFC floor, from events captured in
the backup's namespace (VRRP packets with kernel timestamps, the
rtnetlink event of the virtual address)."""
import signal
import time

from .env import Busy
from .vrrp_pair import Pair, PRIO_B, skew, master_down, sleep

VIP = "10.200.0.1"


def first(events, kind, after, pred=lambda e: True):
    for e in events:
        if e[0] == kind and int(e[1]) > after and pred(e):
            return int(e[1])
    return None


def graceful_overhead(events, t_term, src, advert):
    """(latency - Skew_Time) in ms for the stop at t_term, or None."""
    t0 = first(events, "V", t_term,
               lambda e: e[2] == src and e[4] == "0" and e[5] == "in")
    t_vip = first(events, "A+", t_term, lambda e: e[2] == VIP)
    if t0 is None or t_vip is None:
        return None
    return (t_vip - t0) / 1e6 - skew(PRIO_B, advert) * 1e3


def hard_overhead(events, t_kill, src, advert):
    """(latency from the last advert - Master_Down_Interval) in ms."""
    t_vip = first(events, "A+", t_kill, lambda e: e[2] == VIP)
    if t_vip is None:
        return None
    last = None
    for e in events:
        if e[0] == "V" and e[2] == src and e[5] == "in" and e[4] != "0" \
                and int(e[1]) < t_vip:
            last = int(e[1])
    if last is None:
        return None
    return (t_vip - last) / 1e6 - master_down(PRIO_B, advert) * 1e3


def run(env, who, version, advert, reps, graceful=True, busy=False):
    """{"graceful": [ms...], "hard": [ms...]} over `reps` repetitions."""
    adv = float(advert)
    p = Pair(env, who, 1, advert, version)
    res = {"graceful": [], "hard": []}
    p.start_settled()
    load = Busy() if busy else None
    try:
        for rep in range(reps):
            sleep(max(4 * adv, 0.3))
            cap = env.capture(p.b, f"{who}-fo-{advert}-{rep}")
            t_term = None
            if graceful:
                t_term = time.time_ns()
                p.da.signal(signal.SIGTERM)
                p.da.wait_exit(30)
                p.wait_master(p.b, 1, 30)
                p.start_a()
                p.wait_master(p.a, 1, 60)
                sleep(max(4 * adv, 0.3))
            t_kill = time.time_ns()
            p.da.kill()
            p.wait_master(p.b, 1, 30, only=False)
            p.clear_vips(p.a)
            events = cap.stop()
            if graceful:
                res["graceful"].append(
                    graceful_overhead(events, t_term, p.addr_a, adv))
            res["hard"].append(hard_overhead(events, t_kill, p.addr_a, adv))
            p.start_a()
            p.wait_master(p.a, 1, 60)
    finally:
        if load:
            load.stop()
    return res
