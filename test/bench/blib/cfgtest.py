"""Item 4: `keepalived -t` on a generated file of 1000 vrrp_instances and
2000 virtual_servers x 10 real_servers: wall time and peak RSS, run in a
namespace that has the interfaces the file names."""
import os
import subprocess

from . import confgen
from .env import BINARIES


def write_big(path, n_vrrp, n_vs, n_rs, ifnames, **kw):
    with open(path, "w") as f:
        f.write(confgen.big_config(n_vrrp, n_vs, n_rs, ifnames, **kw))
    return path


def prepare(env, n_vrrp):
    """A namespace with vr0..vrK (veths: this kernel may lack dummy)."""
    ns = env.ns("t")
    ifnames = [f"vr{i}" for i in range((n_vrrp + 249) // 250)]
    for i, ifn in enumerate(ifnames):
        ns.ip("link", "add", ifn, "type", "veth", "peer", "name", ifn + "p")
        ns.ip("link", "set", ifn + "p", "up")
        ns.ip("addr", "add", f"192.168.{100 + i}.1/24", "dev", ifn)
        ns.ip("link", "set", ifn, "up")
    return ns, ifnames


def build_helper(workdir):
    """Compiles peakrss.c into workdir; returns its path."""
    src = os.path.join(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))), "peakrss.c")
    out = os.path.join(workdir, "peakrss")
    subprocess.run(["cc", "-O2", "-Wall", "-Wextra", "-o", out, src],
                   check=True, timeout=60)
    return out


def run_once(ns, who, path, helper):
    """(wall seconds, peak RSS MiB, exit status) of one `-t` run."""
    res = subprocess.run(ns.cmd([helper, BINARIES[who], "-t", "-f", path]),
                         stdin=subprocess.DEVNULL, capture_output=True,
                         text=True, timeout=600)
    status, kib, wall = res.stdout.split()
    return float(wall), int(kib) / 1024, int(status)
