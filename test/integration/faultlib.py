"""Shared by the checker-side fault-injection tests (test_fault_*.py):
a server namespace holding many real-server addresses behind one
listener, configurations with many TCP_CHECKs, and /proc readings.

    farm = RsFarm(netns, veth, count=1000, subnet="10.88")
    farm.start_listener(tmp_path)
    conf = many_rs_config(farm.addrs, vip="10.87.0.100")

The director namespace reaches every address through one veth and a
route; the farm holds them on its loopback (the kernel here may lack the dummy
driver) and one asyncio listener
on 0.0.0.0:PORT accepts for all of them and records, per local address,
when each connection came (wall clock, so that the test can compare). A
farm address "vanishes" with vanish(): the address is removed and a
blackhole route put in its place, so the director's packets to it are
dropped without RST or ICMP, as when a host disappears from the network.
"""
import json
import os
import signal
import subprocess
import sys
import time

from kalib import wait_until

PORT = 8080
HERE = os.path.dirname(os.path.abspath(__file__))

# The listener, run with python3 -c inside the farm namespace. Each
# connection is accepted, its local address and time recorded, and
# closed. SIGUSR1 writes the record (JSON {addr: [times]}) to the file
# given as argv[1], atomically; the file also appears once listening.
_LISTENER = r"""
import asyncio, json, os, signal, socket, sys, time
out = sys.argv[1]
port = int(sys.argv[2])
seen = {}
def dump():
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(seen, f)
    os.replace(tmp, out)
def on_conn(reader, writer):
    addr = writer.get_extra_info("sockname")[0]
    seen.setdefault(addr, []).append(time.time())
    writer.transport.abort()
async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, dump)
    srv = await asyncio.start_server(on_conn, "0.0.0.0", port,
                                     backlog=4096, reuse_address=True)
    dump()
    async with srv:
        await srv.serve_forever()
asyncio.run(main())
"""


def _die_with_parent():
    import ctypes
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)


def farm_addr(subnet, i):
    """The i-th address of a farm in subnet ("10.88"): 250 a /24."""
    return f"{subnet}.{i // 250 + 1}.{i % 250 + 1}"


class RsFarm:
    """count real-server addresses in their own namespace, reached from
    director through a veth (director .1, farm .2 of link_net)."""

    def __init__(self, netns, veth, count, subnet="10.88",
                 link_net="10.87.0", director=None):
        self.director = director or netns("fdir")
        self.ns = netns("ffarm")
        self.subnet = subnet
        self.link_net = link_net
        self.addrs = [farm_addr(subnet, i) for i in range(count)]
        veth(self.director, self.ns, f"{link_net}.1/24", f"{link_net}.2/24")
        self.batch(self.ns, [f"addr add {a}/32 dev lo"
                             for a in self.addrs])
        self.director.ip("route", "add", f"{subnet}.0.0/16", "via",
                         f"{link_net}.2")
        self.proc = None
        self.record = None

    @staticmethod
    def batch(ns, commands):
        """Runs many 'ip' commands in ns in one process."""
        res = subprocess.run(["ip", "-n", ns.name, "-batch", "-"],
                             input="\n".join(commands) + "\n", text=True,
                             capture_output=True, timeout=60)
        assert res.returncode == 0, res.stderr

    def start_listener(self, workdir, timeout=20):
        self.record = os.path.join(str(workdir), "farm-seen.json")
        self.proc = self.ns.popen(
            [sys.executable or "/usr/bin/python3", "-c", _LISTENER,
             self.record, str(PORT)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=open(self.record + ".err", "wb"),
            start_new_session=True, preexec_fn=_die_with_parent)
        wait_until(lambda: self.proc.poll() is not None
                   or os.path.exists(self.record), timeout, 0.1,
                   "the farm's listener")
        assert self.proc.poll() is None, open(self.record + ".err").read()
        return self

    def seen(self, timeout=10):
        """{addr: [connection times]} as the listener has it now."""
        before = os.stat(self.record).st_mtime_ns
        self.proc.send_signal(signal.SIGUSR1)
        wait_until(lambda: os.stat(self.record).st_mtime_ns != before,
                   timeout, 0.05, "the listener's record")
        with open(self.record, encoding="utf-8") as f:
            return json.load(f)

    def vanish(self, addrs):
        """Removes addrs from the farm, and has every packet to them
        dropped silently (a blackhole route: no RST, no ICMP)."""
        cmds = [f"addr del {a}/32 dev lo" for a in addrs]
        cmds += [f"route add blackhole {a}/32" for a in addrs]
        self.batch(self.ns, cmds)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


def many_rs_config(addrs, vip, delay_loop=2, connect_timeout=1, retry=1,
                   delay_before_retry=1, router_id="fault", extra=""):
    """One virtual_server vip:80 with a TCP_CHECK per address of addrs,
    and extra (more top-level blocks) after it."""
    rss = "".join(f"""
    real_server {a} {PORT} {{
        TCP_CHECK {{
            connect_timeout {connect_timeout}
            retry {retry}
            delay_before_retry {delay_before_retry}
        }}
    }}""" for a in addrs)
    return f"""
global_defs {{
    router_id {router_id}
    # Releasing 1,000 recorded entries rewrites the record 1,000 times:
    # under the sanitizers on a busy machine that outlasts the default
    # 5 s the parent gives its children before it kills them.
    child_wait_time 60
}}
virtual_server {vip} 80 {{
    delay_loop {delay_loop}
    lvs_sched rr
    lvs_method NAT
    protocol TCP
{rss}
}}
{extra}
"""


def assert_clean_stop(d, timeout=90):
    """SIGTERM: exit 0, and no child had to be killed."""
    assert d.stop(timeout=timeout) == 0
    killed = [line for line in d.log().splitlines()
              if "after TERM: killing them" in line]
    assert not killed, killed


def rss_kib(pid):
    """VmRSS of pid in KiB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError(f"no VmRSS for pid {pid}")


def sanitized(pid):
    """True if pid runs a build with AddressSanitizer."""
    with open(f"/proc/{pid}/maps", encoding="ascii", errors="replace") as f:
        maps = f.read()
    if "libasan" in maps:
        return True
    with open(f"/proc/{pid}/exe", "rb") as f:
        return b"AddressSanitizer" in f.read()


def fd_count(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


class Monotonic:
    """Seconds since it was made, for messages."""

    def __init__(self):
        self.t0 = time.monotonic()

    def __call__(self):
        return time.monotonic() - self.t0
