#!/usr/bin/python3
"""The benchmark suite beside Debian's keepalived (issue 11).

    test/bench/run [--quick] [ITEM...]      ITEM: 1-6 (default: all)

Runs our bin/keepalived and /usr/sbin/keepalived in the same run, in
network namespaces it creates and removes, and writes RESULTS.md (or
--out). No pass/fail: it reports figures, ratios and where they stand
against the issue's goals."""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from blib import env as E  # noqa: E402
from blib import (failover, steady, scale, cfgtest, checker,  # noqa: E402
                  checker_vm, reload, report)

PLANS = {
    "quick": dict(
        fo=[("2", "1", 1, False), ("3", "0.1", 2, False),
            ("3", "0.05", 2, False), ("3", "0.01", 2, False)],
        steady_adverts=["0.05", "0.01"], steady_n=[1, 10],
        steady_window=3, steady_loads=[False, True],
        steady_rt=[("0.01", 10, True)],
        scale_n=[100], scale_window=3,
        t_sizes=(200, 400, 10), t_reps=1,
        ck_n=[1000], ck_window=5, ck_warm=2,
        vm_n=[100], vm_window=5, vm_warm=2, vm_vanish_n=100,
        vm_vanish_wait=30,
        rl_sizes=(200, 200, 10)),
    "full": dict(
        fo=[("2", "1", 3, False), ("3", "0.1", 5, False),
            ("3", "0.1", 5, True), ("3", "0.05", 5, False),
            ("3", "0.05", 5, True), ("3", "0.01", 5, False),
            ("3", "0.01", 5, True)],
        steady_adverts=["0.05", "0.01"], steady_n=[1, 10, 100],
        steady_window=10, steady_loads=[False, True],
        steady_rt=[("0.01", 100, False), ("0.01", 100, True)],
        scale_n=[100, 500, 1000], scale_window=15,
        t_sizes=(1000, 2000, 10), t_reps=3,
        ck_n=[1000, 10000], ck_window=15, ck_warm=3,
        vm_n=[100, 1000, 5000], vm_window=30, vm_warm=3, vm_vanish_n=1000,
        vm_vanish_wait=120,
        rl_sizes=(1000, 2000, 10)),
}

WHO = (E.OURS, E.REF)


def measure(workdir, tag, fn, *args):
    """fn(env, *args) in a fresh Env; an exception becomes {"error":}."""
    env = E.Env(os.path.join(workdir, tag))
    try:
        return fn(env, *args)
    except Exception as e:   # noqa: BLE001 - the run goes on, reported
        traceback.print_exc()
        return {"error": f"{type(e).__name__}: {str(e).splitlines()[0]}"}
    finally:
        env.close()


def say(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg} (load {E.loadavg()})",
          flush=True)


def item1(plan, wd):
    rows = []
    for version, advert, reps, busy in plan["fo"]:
        res = {}
        for who in WHO:
            say(f"item 1: {who} v{version} advert {advert} "
                f"{'busy' if busy else 'idle'} x{reps}")
            res[who] = measure(wd, f"fo-{who}-{advert}-{busy}", failover.run,
                               who, version, advert, reps, True, busy)
        rows.append((version, advert, busy, res))
    return report.item1(rows)


def item2(plan, wd):
    rows = []
    for advert in plan["steady_adverts"]:
        for n in plan["steady_n"]:
            for busy in plan["steady_loads"]:
                res = {}
                for who in WHO:
                    say(f"item 2: {who} advert {advert} N={n} "
                        f"{'busy' if busy else 'idle'}")
                    res[who] = measure(wd, f"st-{who}-{advert}-{n}-{busy}",
                                       steady.run, who, advert, n,
                                       plan["steady_window"], busy)
                rows.append((advert, n, busy, res))
    for advert, n, busy in plan["steady_rt"]:
        res = {}
        for who in WHO:
            say(f"item 2: {who} advert {advert} N={n} "
                f"{'busy' if busy else 'idle'}, vrrp_rt_priority 50")
            res[who] = measure(wd, f"st-{who}-{advert}-{n}-{busy}-rt",
                               steady.run, who, advert, n,
                               plan["steady_window"], busy, True)
        rows.append((advert, n, (busy, "rt"), res))
    return report.item2(rows, plan["steady_window"])


def item3(plan, wd):
    rows = []
    for n in plan["scale_n"]:
        res = {}
        for who in WHO:
            say(f"item 3: {who} N={n}")
            res[who] = measure(wd, f"sc-{who}-{n}", scale.run, who, n,
                               plan["scale_window"])
        rows.append((n, res))
    return report.item3(rows, plan["scale_window"])


def _item4(env, plan):
    n_vrrp, n_vs, n_rs = plan["t_sizes"]
    ns, ifnames = cfgtest.prepare(env, n_vrrp)
    path = cfgtest.write_big(os.path.join(env.workdir, "big.conf"), n_vrrp,
                             n_vs, n_rs, ifnames)
    helper = cfgtest.build_helper(env.workdir)
    res = {who: [] for who in WHO}
    for _ in range(plan["t_reps"]):
        for who in WHO:
            res[who].append(cfgtest.run_once(ns, who, path, helper))
    return res


def item4(plan, wd):
    say("item 4: -t on the generated file")
    return report.item4(measure(wd, "cfgtest", _item4, plan),
                        plan["t_sizes"])


def item5(plan, wd):
    rows = []
    for n in plan["ck_n"]:
        say(f"item 5: ours, {n} real servers")
        rows.append(measure(wd, f"ck-{n}", checker.run, n,
                            plan["ck_window"], plan["ck_warm"],
                            record_dir()))
    say("item 5: both daemons in the VM with a real IPVS kernel")
    try:
        vm = checker_vm.run(os.path.join(wd, "ck-vm"), plan["vm_n"],
                            ["tcp", "http"], plan["vm_window"],
                            plan["vm_warm"], plan["vm_vanish_n"],
                            plan["vm_vanish_wait"], log=say)
    except Exception as e:   # noqa: BLE001 - reported, the run goes on
        traceback.print_exc()
        vm = {"error": f"{type(e).__name__}: {e}"}
    return report.item5(rows, plan["ck_window"], vm)


def item6(plan, wd):
    res = {}
    for who in WHO:
        say(f"item 6: {who} reload")
        res[who] = measure(wd, f"rl-{who}", reload.run, who,
                           *plan["rl_sizes"], record_dir())
    return report.item6(res, plan["rl_sizes"])


def record_dir():
    """Where --ipvs-record writes: tmpfs if there is one (it is rewritten
    after every IPVS operation)."""
    return "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()


ITEMS = {"1": item1, "2": item2, "3": item3, "4": item4, "5": item5,
         "6": item6}


def versions():
    out = []
    for who in WHO:
        try:
            res = subprocess.run([E.BINARIES[who], "-v"], capture_output=True,
                                 text=True, timeout=10)
            out.append(f"{who}: " + (res.stdout + res.stderr).splitlines()[0])
        except (OSError, IndexError, subprocess.TimeoutExpired) as e:
            out.append(f"{who}: {e}")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="small N, short windows, few repetitions")
    ap.add_argument("--out", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "RESULTS.md"))
    ap.add_argument("--keep", action="store_true",
                    help="keep the work folder (logs, captures)")
    ap.add_argument("items", nargs="*", choices=[[]] + list(ITEMS),
                    help="items to run (default: all)")
    opt = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench: must run as root (network namespaces)")
    reason = E.kalib.netns_unavailable_reason()
    if reason:
        sys.exit(f"bench: {reason}")
    for who in WHO:
        if not os.access(E.BINARIES[who], os.X_OK):
            sys.exit(f"bench: {E.BINARIES[who]} is missing ({who}); build "
                     "with make, install Debian's keepalived "
                     "(tools/install-deps)")
    mode = "quick" if opt.quick else "full"
    plan = dict(PLANS[mode])
    # KABENCH_PLAN='{"scale_n": [1000]}' narrows a run to the rows that
    # matter to a change (measured beside keepalived all the same).
    plan.update(json.loads(os.environ.get("KABENCH_PLAN", "{}")))
    wd = tempfile.mkdtemp(prefix="kabench-")
    started = time.time()
    head = {"mode": mode, "date": time.strftime("%Y-%m-%d %H:%M UTC",
                                                time.gmtime()),
            "host": f"{platform.node()}, {os.cpu_count()} CPUs, kernel "
                    f"{platform.release()}",
            "versions": versions(), "loads": []}
    sections = []
    for key in opt.items or list(ITEMS):
        load0 = E.loadavg()
        t0 = time.time()
        sections.append(ITEMS[key](plan, wd))
        head["loads"].append(f"item {key}: load average {load0} before, "
                             f"{E.loadavg()} after, {time.time() - t0:.0f} s")
    head["duration"] = f"{time.time() - started:.0f} s"
    with open(opt.out, "w") as f:
        f.write(report.document(head, sections))
    say(f"wrote {opt.out}")
    if opt.keep:
        print(f"work folder kept: {wd}")
    else:
        subprocess.run(["rm", "-rf", "--one-file-system", wd], check=False)


if __name__ == "__main__":
    main()
