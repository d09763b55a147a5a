"""Two VRRP nodes, A (priority 100) and B (priority 90), joined by veths
vr0..vrK in namespaces of their own, both running the same daemon."""
import time

from .env import wait_until
from . import confgen

PRIO_A, PRIO_B = 100, 90


def link_addr(node, link):
    return f"192.168.{100 + link}.{node}"


class Pair:
    def __init__(self, env, who, n, advert, version, links=1, rt=False):
        self.env, self.who = env, who
        self.n, self.advert, self.version = n, advert, version
        self.a, self.b = env.ns("a"), env.ns("b")
        self.ifnames = [f"vr{i}" for i in range(links)]
        for i, ifn in enumerate(self.ifnames):
            env.veth(self.a, self.b, link_addr(1, i) + "/24",
                     link_addr(2, i) + "/24", ifn)
        self.addr_a = link_addr(1, 0)
        self.text_a = confgen.vrrp_config("A", n, PRIO_A, advert, version,
                                          self.ifnames)
        self.text_b = confgen.vrrp_config("B", n, PRIO_B, advert, version,
                                          self.ifnames)
        if rt:      # the VRRP child at a real-time priority (SCHED_RR)
            self.text_a, self.text_b = (
                t.replace("global_defs {\n",
                          "global_defs {\n    vrrp_rt_priority 50\n", 1)
                for t in (self.text_a, self.text_b))
        self.da = self.db = None
        self.starts = 0

    def start_a(self):
        self.starts += 1
        self.da = self.env.daemon(self.a, self.text_a, self.who,
                                  f"{self.who}-A{self.starts}")
        return self.da

    def start_b(self):
        self.db = self.env.daemon(self.b, self.text_b, self.who,
                                  f"{self.who}-B")
        return self.db

    def vips(self, ns):
        """How many of the pair's virtual addresses ns holds."""
        out = ns.ip("-o", "-4", "addr", "show")
        return sum(1 for line in out.splitlines() if " 10.2" in line
                   and "/32" in line)

    def wait_master(self, ns, count, timeout=120, only=True):
        other = self.b if ns is self.a else self.a
        wait_until(lambda: self.vips(ns) == count and
                   (not only or self.vips(other) == 0),
                   timeout, 0.05, f"{count} VIPs on {ns.name}")

    def start_settled(self, timeout=300):
        """B first, until it is master of all; then A, which preempts:
        B is then a backup that has seen A's adverts, the same state as
        after every later preemption (B alone first also lets its links
        come up: a daemon started on a link without carrier yet begins
        in FAULT, and its first moments are not steady state)."""
        self.start_b()
        self.wait_master(self.b, self.n, timeout)
        self.start_a()
        self.wait_master(self.a, self.n, timeout)

    def clear_vips(self, ns):
        """Removes the addresses a SIGKILLed daemon left behind."""
        ns.ip("addr", "flush", "to", "10.200.0.0/13", check=False)


def skew(prio, advert):
    return (256 - prio) / 256 * advert


def master_down(prio, advert):
    return 3 * advert + skew(prio, advert)


def sleep(s):
    time.sleep(max(0.0, s))

