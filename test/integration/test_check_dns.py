"""DNS_CHECK against a real DNS server (/usr/sbin/dnsmasq) in a real
server's namespace: our daemon in the director namespace records the
IPVS table (--ipvs-record) and the tests watch the real server go out
when the name does not exist (NXDOMAIN), when the server refuses (a
query for a name it has no upstream for) or is stopped, and come back
when it returns.

dnsmasq answers example.test (and below) with 10.9.9.9 and, with
--local=/test/, NXDOMAIN for any other name under test. Timers are short
(delay_loop 1 s, connect_timeout 2 s, retry 1); every wait has a
generous time-out and no test asserts on timing.
"""
import os
import re
import signal
import subprocess

import pytest

from checklib import VIP, director_topology, start_director, wait_dest
from kalib import wait_until

DNSMASQ = "/usr/sbin/dnsmasq"
SVC = f"UDP {VIP}:53"


class Dnsmasq:
    """dnsmasq on addr:53 in ns, in the foreground (-k), killed by pid."""

    def __init__(self, ns, addr, workdir):
        self.ns, self.addr = ns, addr
        self.pidfile = os.path.join(str(workdir), f"dnsmasq-{addr}.pid")
        self.proc = None

    def start(self, timeout=20):
        self.proc = self.ns.popen(
            [DNSMASQ, "-k", "--conf-file=/dev/null", "--no-resolv",
             "--no-hosts", "--port", "53", "--listen-address", self.addr,
             "--bind-interfaces", "--address=/example.test/10.9.9.9",
             "--local=/test/", "--user=root",
             f"--pid-file={self.pidfile}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        wait_until(self._listening, timeout, 0.1,
                   f"dnsmasq on {self.addr}:53")
        return self

    def _listening(self):
        if self.proc.poll() is not None:
            raise RuntimeError(f"dnsmasq exited {self.proc.returncode}")
        return f"{self.addr}:53 " in self.ns.run(["ss", "-Huln"]).stdout

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None


@pytest.fixture
def dnsmasq_ok():
    if not os.access(DNSMASQ, os.X_OK):
        pytest.skip(f"{DNSMASQ} is not installed (Debian package dnsmasq)")


def dns_config(rs, check, vs_opts=""):
    return f"""
global_defs {{
    router_id checktest
}}
virtual_server {VIP} 53 {{
    delay_loop 1
    retry 1
    delay_before_retry 1
    warmup 0
    lvs_sched rr
    lvs_method NAT
    protocol UDP
    {vs_opts}
    real_server {rs} 53 {{
        weight 3
        DNS_CHECK {{
            connect_timeout 2
            retry 1
            {check}
        }}
    }}
}}
"""


def test_dns_server_stops_and_returns(netns, bridge, daemon, tmp_path,
                                      dnsmasq_ok):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    dns = Dnsmasq(topo.servers[0], rs, tmp_path).start()
    try:
        d, table = start_director(
            daemon, topo, tmp_path,
            dns_config(rs, "type A\n            name example.test",
                       vs_opts="alpha"))
        dest = f"{rs}:53"
        wait_dest(table, SVC, dest, weight=3)
        d.wait_for_log(rf"DNS_CHECK on service \[{re.escape(rs)}\]"
                       r":udp:53 success\.")
        dns.stop()
        wait_dest(table, SVC, dest, present=False)
        d.wait_for_log(r"DNS_CHECK on service .* failed: "
                       r"(Connection refused|timeout)\.")
        mark = d.mark()
        dns.start()
        wait_dest(table, SVC, dest, weight=3)
        d.wait_for_log(r"DNS_CHECK on service .* success\.", since=mark)
        assert d.running()
    finally:
        dns.stop()


def test_nxdomain_takes_it_out(netns, bridge, daemon, tmp_path, dnsmasq_ok):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    dns = Dnsmasq(topo.servers[0], rs, tmp_path).start()
    try:
        # without alpha the real server starts in the table
        d, table = start_director(
            daemon, topo, tmp_path,
            dns_config(rs, "type A\n            name nothere.test"))
        d.wait_for_log(rf"Adding service \[{re.escape(rs)}\]:udp:53")
        wait_dest(table, SVC, f"{rs}:53", present=False)
        d.wait_for_log(r"DNS_CHECK on service .* failed: DNS reply "
                       r"NXDOMAIN\.")
    finally:
        dns.stop()


def test_default_soa_of_root_refused(netns, bridge, daemon, tmp_path,
                                     dnsmasq_ok):
    """The default query (SOA of ".") goes nowhere without an upstream:
    dnsmasq says REFUSED, which is a failure."""
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    dns = Dnsmasq(topo.servers[0], rs, tmp_path).start()
    try:
        d, table = start_director(daemon, topo, tmp_path,
                                  dns_config(rs, ""))
        wait_dest(table, SVC, f"{rs}:53", present=False)
        d.wait_for_log(r"DNS_CHECK on service .* failed: DNS reply "
                       r"REFUSED\.")
    finally:
        dns.stop()


def test_answer_for_a_subdomain_keeps_it_in(netns, bridge, daemon, tmp_path,
                                           dnsmasq_ok):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    dns = Dnsmasq(topo.servers[0], rs, tmp_path).start()
    try:
        d, table = start_director(
            daemon, topo, tmp_path,
            dns_config(rs, "type A\n            name www.Example.TEST.",
                       vs_opts="alpha"))
        wait_dest(table, SVC, f"{rs}:53", weight=3)
    finally:
        dns.stop()
