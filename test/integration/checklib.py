"""Helpers for the checker tests: a director and real servers in network
namespaces, our daemon recording the IPVS table it programs, and the
recorded table read back.

    topo = director_topology(netns, bridge, servers=2)
    srv = TcpServer(topo.servers[0], topo.rs_addr(0), 8080).start()
    d, table = start_director(daemon, topo, tmp_path, conf)
    wait_dest(table, "TCP", f"{topo.vip}:80", f"{topo.rs_addr(0)}:8080")

The kernel here has no IPVS: the daemon runs with --ipvs-record=FILE and
writes the table it would program, in the layout of "ipvsadm -Ln", after
every change. Everything is inside namespaces the test made; every
process is started and stopped by pid.

Servers started with TcpServer are stopped at the end of each test by the
autouse fixture stop_servers, which a test module activates by importing
it (from checklib import stop_servers); they also die with the test
process (PR_SET_PDEATHSIG), so none outlives a crashed run.
"""
import ctypes
import os
import signal
import subprocess
import sys

import pytest

from kalib import wait_until

_running = []   # TcpServers started and not stopped yet


@pytest.fixture(autouse=True)
def stop_servers():
    """Stops, at the end of the test, every TcpServer it started."""
    yield
    while _running:
        _running.pop().stop()


def _die_with_parent():
    # In the child between fork and exec: SIGKILL when the test process
    # ends. "ip netns exec" execs in place, and the setting survives exec.
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG,
                                            signal.SIGKILL, 0, 0, 0)

SUBNET = "10.77.0"
VIP = f"{SUBNET}.100"
# -D for the detail lines; no syslog.
DIRECTOR_ARGS = ("-n", "-l", "-G", "-D")


class Topology:
    """director: the namespace our daemon runs in (.1, and the VIP on
    lo); servers[i]: real server i, at rs_addr(i) (.2, .3, ...)."""

    def __init__(self, director, servers):
        self.director = director
        self.servers = servers
        self.vip = VIP

    @staticmethod
    def rs_addr(i):
        return f"{SUBNET}.{i + 2}"


def director_topology(netns, bridge, servers=1):
    """A director and `servers` real servers on one bridge."""
    director = netns("dir")
    rss = [netns(f"rs{i}") for i in range(servers)]
    members = [(director, f"{SUBNET}.1/24")]
    members += [(ns, f"{Topology.rs_addr(i)}/24") for i, ns in enumerate(rss)]
    bridge(members)
    director.ip("addr", "add", f"{VIP}/32", "dev", "lo")
    return Topology(director, rss)


class TcpServer:
    """A TCP listener in a namespace: python3's http.server bound to
    addr:port. start() returns once it accepts connections."""

    def __init__(self, ns, addr, port):
        self.ns, self.addr, self.port = ns, addr, port
        self.proc = None

    def start(self, timeout=20):
        self.proc = self.ns.popen(
            [sys.executable or "/usr/bin/python3", "-m", "http.server",
             str(self.port), "--bind", self.addr],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
            preexec_fn=_die_with_parent)
        _running.append(self)
        wait_until(self._listening, timeout, 0.1,
                   f"listener on {self.addr}:{self.port}")
        return self

    def _listening(self):
        if self.proc.poll() is not None:
            raise RuntimeError(f"server on {self.addr}:{self.port} "
                               f"exited {self.proc.returncode}")
        out = self.ns.run(["ss", "-Htln"]).stdout
        return f"{self.addr}:{self.port} " in out

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        if self in _running:
            _running.remove(self)


def start_director(daemon, topo, workdir, config_text, args=DIRECTOR_ARGS,
                   name=None):
    """Starts our daemon in the director namespace, recording IPVS into
    workdir/ipvs-<name>.txt. Returns (Daemon, path of the table)."""
    name = name or f"director{len(os.listdir(workdir))}"
    table = os.path.join(str(workdir), f"ipvs-{name}.txt")
    d = daemon(topo.director, config_text,
               args=tuple(args) + (f"--ipvs-record={table}",), name=name)
    return d, table


def lvs_config(real_servers, vs_opts="", rs_opts="", check_opts="",
               globals_="", sorry=None, port=8080):
    """A virtual_server VIP:80 with quick timers and one TCP_CHECK per
    real server. real_servers: addresses, or (address, extra real_server
    lines[, weight]) tuples; the weight is 1 unless given."""
    rss = []
    for rs in real_servers:
        rs = (rs,) if isinstance(rs, str) else tuple(rs)
        addr, extra, weight = rs + ("", 1)[len(rs) - 1:]
        rss.append(f"""
    real_server {addr} {port} {{
        weight {weight}
        {rs_opts}
        {extra}
        TCP_CHECK {{
            connect_timeout 1
            {check_opts}
        }}
    }}""")
    sorry_line = f"sorry_server {sorry} {port}" if sorry else ""
    return f"""
global_defs {{
    router_id checktest
    # Scripts run as root, from the test's private directory.
    enable_script_security
    script_user root
    {globals_}
}}
virtual_server {VIP} 80 {{
    delay_loop 1
    retry 1
    delay_before_retry 1
    warmup 0
    lvs_sched rr
    lvs_method NAT
    protocol TCP
    {sorry_line}
    {vs_opts}
{"".join(rss)}
}}
"""


def parse_table(text):
    """The recorded table as {"TCP 10.0.0.1:80": {"10.0.0.2:80":
    (forward, weight)}}; the service key is protocol and address (or
    "FWM 5"), the scheduler and flags are left out."""
    table, current = {}, None
    for line in text.splitlines():
        words = line.split()
        if not words or words[0] in ("IP", "Prot"):
            continue
        if words[0] == "->":
            if current is None or words[1] == "RemoteAddress:Port":
                continue
            table[current][words[1]] = (words[2], int(words[3]))
        elif words[0] in ("TCP", "UDP", "SCTP", "FWM"):
            current = f"{words[0]} {words[1]}"
            table[current] = {}
    return table


def read_table(path):
    """The recorded table (see parse_table), or None before the daemon
    first wrote it."""
    try:
        with open(path, encoding="utf-8") as f:
            return parse_table(f.read())
    except FileNotFoundError:
        return None


def dest_weight(path, service, dest):
    """The weight of dest in service, or None if it is not there."""
    table = read_table(path) or {}
    entry = table.get(service, {}).get(dest)
    return None if entry is None else entry[1]


def wait_dest(path, service, dest, present=True, weight=None, timeout=30):
    """Waits until dest is in (present) or out of the service of the
    recorded table; with a weight, until it is there with that weight.
    service is "TCP 10.77.0.100:80"."""
    def ok():
        w = dest_weight(path, service, dest)
        if not present:
            return w is None
        return w is not None and (weight is None or w == weight)
    state = "in" if present else "out of"
    extra = "" if weight is None else f" with weight {weight}"
    try:
        return wait_until(ok, timeout, 0.1,
                          f"{dest} {state} {service}{extra}")
    except AssertionError as e:
        raise AssertionError(f"{e}; table: {read_table(path)}") from None


def wait_table(path, predicate, what, timeout=30):
    """Waits until predicate(table) is true for the recorded table."""
    return wait_until(lambda: predicate(read_table(path) or {}), timeout,
                      0.1, what)
