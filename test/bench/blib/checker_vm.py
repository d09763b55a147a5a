"""Item 5, VM part: both daemons' checkers against a real IPVS kernel.

One boot of test/vm/run-vm runs blib/checker-vm.sh over every (daemon,
check, N); this module writes the configurations and the parameters,
builds the listener, and turns the RESULT lines into rows."""
import os
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
RUN_VM = os.path.join(ROOT, "test", "vm", "run-vm")
DEBIAN_KEEPALIVED = "/usr/sbin/keepalived"

CONNECT_TIMEOUT = 3
RETRY = 1
DELAY_BEFORE_RETRY = 1
DELAY_LOOP = 1

CHECKS = {
    "tcp": "TCP_CHECK {{ connect_timeout {ct} retry {r} "
           "delay_before_retry {d} }}",
    "http": "HTTP_GET {{ url {{ path / status_code 200 }} connect_timeout "
            "{ct} retry {r} delay_before_retry {d} }}",
}


def vanish_bound_s():
    """delay_loop + connect_timeout x (retry + 1) + the retry delays: when
    the issue expects a vanished server to be out."""
    return DELAY_LOOP + CONNECT_TIMEOUT * (RETRY + 1) + DELAY_BEFORE_RETRY * RETRY


def config(check, n):
    body = CHECKS[check].format(ct=CONNECT_TIMEOUT, r=RETRY,
                                d=DELAY_BEFORE_RETRY)
    lines = ["global_defs {", "    router_id bench_vm", "}",
             "virtual_server 10.0.0.100 80 {",
             f"    delay_loop {DELAY_LOOP}", "    lb_algo rr",
             "    lb_kind NAT", "    protocol TCP"]
    for i in range(n):
        lines.append(f"    real_server 10.1.{i // 250}.{i % 250 + 1} 80 "
                     f"{{ weight 1\n        {body}\n    }}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def unavailable_reason():
    if not os.access(RUN_VM, os.X_OK):
        return "test/vm/run-vm is missing"
    if not shutil.which("qemu-system-x86_64"):
        return "qemu-system-x86_64 is not installed (tools/install-deps)"
    if not os.access(DEBIAN_KEEPALIVED, os.X_OK):
        return "Debian's keepalived is not installed"
    if not shutil.which("cc"):
        return "no C compiler for the listener"
    return None


def _parse(line):
    out = {}
    for word in line.split()[1:]:
        if "=" in word:
            k, v = word.split("=", 1)
            out[k] = v
    return out


def _num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _row(r):
    n, window = int(r["n"]), _num(r.get("window")) or 1
    conns = _num(r.get("conns")) or 0
    ticks, hz = _num(r.get("cpu_ticks")) or 0, _num(r.get("hz")) or 100
    cpu_s = ticks / hz
    return {
        "who": r["who"], "check": r["check"], "n": n,
        "full_s": _num(r.get("full_s")),
        "on_schedule": conns / (n * window / DELAY_LOOP) if n else None,
        "distinct": int(_num(r.get("distinct")) or 0),
        "cpu_pct": 100.0 * cpu_s / window,
        "cpu_ms_per_check": 1000.0 * cpu_s / conns if conns else None,
        "rss_ck_mib": (_num(r.get("rss_ck_kb")) or 0) / 1024,
        "rss_parent_mib": (_num(r.get("rss_parent_kb")) or 0) / 1024,
        "vanish": r.get("vanish_s", "-"),
        "stop": r.get("stop_s"),
        "left_after_stop": int(_num(r.get("left_after_stop")) or 0),
    }


def run(workdir, ns, checks, window, warm, vanish_n, vanish_wait,
        log=print):
    """Returns {"rows": [...]} or {"error": why}. Each (daemon, check, N)
    of the plan is one row."""
    why = unavailable_reason()
    if why:
        return {"error": f"not run: {why}"}
    os.makedirs(workdir, exist_ok=True)
    files = []
    lst = os.path.join(workdir, "vmlistener")
    subprocess.run(["cc", "-O2", "-static", "-o", lst,
                    os.path.join(HERE, "vmlistener.c")], check=True)
    files.append(lst)
    for check in checks:
        for n in ns:
            p = os.path.join(workdir, f"ck-{check}-{n}.conf")
            with open(p, "w") as f:
                f.write(config(check, n))
            files.append(p)
    runs = [f"{who}:{check}:{n}" for n in ns for check in checks
            for who in ("ours", "ref")]
    params = os.path.join(workdir, "params")
    with open(params, "w") as f:
        f.write(f'RUNS="{" ".join(runs)}"\nWINDOW={window}\nWARM={warm}\n'
                f"VANISH_N={vanish_n}\nVANISH_WAIT={vanish_wait}\n"
                "FULL_WAIT=120\n")
    files.append(params)
    env = dict(os.environ)
    env["KA_VM_EXTRA_PROGRAMS"] = \
        f"{DEBIAN_KEEPALIVED}:/usr/local/sbin/keepalived-debian"
    env.setdefault("KA_VM_MEM", "1024")
    per_run = 30 + warm + window + (vanish_wait if vanish_n in ns else 0)
    env["KA_VM_TIMEOUT"] = str(120 + per_run * len(runs) * 2)
    log(f"item 5 VM: {len(runs)} runs in one boot "
        f"(time-out {env['KA_VM_TIMEOUT']} s)")
    res = subprocess.run([RUN_VM, os.path.join(HERE, "checker-vm.sh")] +
                         files, capture_output=True, text=True, env=env)
    with open(os.path.join(workdir, "vm-output.txt"), "w") as f:
        f.write(res.stdout + "\n--- stderr ---\n" + res.stderr)
    rows = [_row(_parse(x)) for x in res.stdout.splitlines()
            if x.startswith("RESULT ")]
    if res.returncode != 0 or not rows:
        tail = (res.stderr or res.stdout).strip().splitlines()[-3:]
        return {"error": f"run-vm exited {res.returncode}: "
                         + " / ".join(tail), "rows": rows}
    return {"rows": rows, "vanish_bound_s": vanish_bound_s(),
            "window": window}
