"""Item 6: SIGHUP on the item-4 configuration (real servers without
checks, so that the table is the configuration) with 1% of it changed:
10 of the 1000 instances get another address, 100 of the 20,000 real
servers another weight, 50 are replaced by others. Time to apply,
address flaps, IPVS operations issued (ours: rewrites of the
--ipvs-record file) against the diff of the recorded tables."""
import os
import signal
import time

from . import confgen
from .env import OURS, wait_until
from .inotify import RenameCounter



def read_table(path):
    """The recorded table ("ipvsadm -Ln" layout) as {service line:
    {dest: (forward, weight)}}, or None before it was first written."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return None
    table, cur = {}, None
    for line in text.splitlines():
        w = line.split()
        if not w or w[0] in ("IP", "Prot"):
            continue
        if w[0] == "->" and cur is not None and len(w) >= 4 \
                and w[1] != "RemoteAddress:Port":
            table[cur][w[1]] = (w[2], w[3])
        elif w[0] in ("TCP", "UDP", "SCTP", "FWM"):
            cur = f"{w[0]} {w[1]}"
            table[cur] = {}
    return table


def change_sets(n_vrrp, n_rs):
    changed = set(range(0, n_vrrp, 100))
    weights = {i: 2 for i in range(7, n_rs, n_rs // 100)}
    replaced = set(range(3, n_rs, n_rs // 50))
    return changed, weights, replaced


def table_diff(old, new):
    """Operations that turn table old into new (dest add/del/edit)."""
    ops = 0
    for svc in set(old) | set(new):
        a, b = old.get(svc, {}), new.get(svc, {})
        ops += len(set(a) ^ set(b))
        ops += sum(1 for d in set(a) & set(b) if a[d] != b[d])
    return ops


def n_dests(table):
    return sum(len(v) for v in (table or {}).values())


def vip_set(ns):
    out = ns.ip("-o", "-4", "addr", "show")
    return {line.split()[3].split("/")[0] for line in out.splitlines()
            if " 10.2" in line}


def run(env, who, n_vrrp, n_vs, n_rs, record_dir):
    r, hub = env.ns("r"), env.ns("hub")
    ifnames = [f"vr{i}" for i in range((n_vrrp + 249) // 250)]
    for i, ifn in enumerate(ifnames):
        env.veth(r, hub, f"192.168.{100 + i}.1/24", None, ifn)
    total_rs = n_vs * n_rs
    changed, weights, replaced = change_sets(n_vrrp, total_rs)
    before = confgen.big_config(n_vrrp, n_vs, n_rs, ifnames, check=False)
    after = confgen.big_config(n_vrrp, n_vs, n_rs, ifnames, check=False,
                               changed_vrrp=changed, weights=weights,
                               replaced=replaced)
    table = os.path.join(record_dir, f"kabench-{os.getpid()}-reload.txt")
    extra = (f"--ipvs-record={table}",) if who == OURS else ()
    d = env.daemon(r, before, who, f"{who}-reload", vrrp_only=who != OURS,
                   extra_args=extra)
    try:
        return _measure(env, d, r, who, n_vrrp, total_rs, changed, after,
                        table)
    finally:
        env.close_daemons()     # before the file goes: it would rewrite it
        if os.path.exists(table):
            os.unlink(table)


def _measure(env, d, r, who, n_vrrp, total_rs, changed, after, table):
    wait_until(lambda: len(vip_set(r)) == n_vrrp, 300, 0.5,
               f"{n_vrrp} instances MASTER")
    old_t = None
    if who == OURS:
        wait_until(lambda: n_dests(read_table(table)) == total_rs,
                   300, 0.5, f"{total_rs} real servers in the table")
        old_t = read_table(table)
    time.sleep(2)
    old_vips = {confgen.vip_of(i) for i in changed}
    new_vips = {confgen.vip_of(i + 200000) for i in changed}
    cap = env.capture(r, f"{who}-reload", vrrp=False)
    counter = RenameCounter(table) if who == OURS else None
    with open(d.config_path, "w") as f:
        f.write(after)
    t_hup = time.time_ns()
    d.signal(signal.SIGHUP)
    try:
        wait_until(lambda: new_vips <= vip_set(r)
                   and not old_vips & vip_set(r), 120, 0.2,
                   "the changed addresses applied")
        vrrp_ok = True
    except AssertionError:
        vrrp_ok = False
    time.sleep(3)     # room for late operations and flaps to show
    renames = counter.stop() if counter else []
    events = cap.stop()
    mine = [e for e in events if e[0] in ("A+", "A-")
            and e[2].startswith("10.2")]
    applied = [int(e[1]) for e in mine if e[2] in old_vips | new_vips]
    flaps = sum(1 for e in mine if e[2] not in old_vips | new_vips)
    res = {"vrrp_applied": vrrp_ok,
           "vrrp_apply_s": (max(applied) - t_hup) / 1e9 if applied else None,
           "flaps": flaps, "vip_events": len(mine)}
    if who == OURS:
        new_t = read_table(table)
        res.update({"ipvs_ops": len(renames),
                    "ipvs_diff": table_diff(old_t, new_t),
                    "ipvs_apply_s": (max(renames) - t_hup) / 1e9
                    if renames else None,
                    "overflow": counter.overflow})
    return res
