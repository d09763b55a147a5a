"""Item 2: steady state at a short advert interval: spurious transitions
(the backup gaining an address) and the largest gap between the master's
adverts as the backup's namespace received them."""
import time
from .env import Busy, child_pid, cpu_ns
from .vrrp_pair import Pair, sleep


def run(env, who, advert, n, window, busy, rt=False):
    """A dict of the figures of one window of `window` seconds."""
    adv = float(advert)
    p = Pair(env, who, n, advert, 3, rt=rt)
    p.start_settled()
    sleep(max(10 * adv, 1.0))
    vrrp_a = child_pid(p.da)
    load = Busy() if busy else None
    try:
        cap = env.capture(p.b, f"{who}-steady-{advert}-{n}-{busy}",
                          gaps=True)
        cpu0, t0 = cpu_ns(vrrp_a), time.monotonic()
        sleep(window)
        cpu1, t1 = cpu_ns(vrrp_a), time.monotonic()
        events = cap.stop()
    finally:
        if load:
            load.stop()
    gaps = [int(e[4]) for e in events if e[0] == "G" and e[1] == p.addr_a]
    got = sum(int(e[3]) for e in events if e[0] == "G"
              and e[1] == p.addr_a)
    spurious = sum(1 for e in events if e[0] == "A+"
                   and e[2].startswith("10.2"))
    return {"spurious": spurious,
            "max_gap_ms": max(gaps) / 1e6 if gaps else None,
            "adverts_share": got / (n * window / adv),
            "master_cpu_pct": (cpu1 - cpu0) / 1e9 / (t1 - t0) * 100,
            "lost_events": sum(1 for e in events if e[0] == "E")}
