"""vrrp_track_process with the real daemon: our node (priority 150)
tracks a `sleep` with a unique argument, matched by its parameters; the
peer on vr0 is Debian's keepalived 2.2.7 (priority 120). The process
exiting must send ours to FAULT (weight 0) or lower it under the peer (a
negative weight), and the VIP to the peer; the process started again
must bring it back. Events come from the kernel's process connector
(the daemon runs in a network namespace, so it listens in the initial
one, and says so)."""
import json
import os
import subprocess

import pytest

from kalib import wait_until

OURS_ARGS = ("-n", "-l", "-G", "-D")
REF_ARGS = ("-n", "-l", "-D")
VIP = "192.168.87.100"


def has_vip(ns, ifname="vr0"):
    links = json.loads(ns.ip("-j", "addr", "show", "dev", ifname) or "[]")
    return any(a["local"] == VIP for link in links
               for a in link.get("addr_info", []))


def config(prio, block="", lines="tp"):
    tp = f"vrrp_track_process tp {{\n{block}}}\n" if block else ""
    track = (f"    track_process {{\n        {lines}\n    }}\n"
             if block else "")
    return ("global_defs {\n    vrrp_garp_master_delay 0\n}\n" + tp +
            "vrrp_instance VI_1 {\n    state BACKUP\n    interface vr0\n"
            "    virtual_router_id 64\n"
            f"    priority {prio}\n    advert_int 1\n{track}"
            f"    virtual_ipaddress {{\n        {VIP}/24\n    }}\n}}\n")


@pytest.fixture
def nodes(netns, veth, daemon, keepalived_ref):
    a, b = netns("tpa"), netns("tpb")
    veth(a, b, "192.168.87.1/24", "192.168.87.2/24", ifname_a="vr0",
         ifname_b="vr0")
    daemon(b, config(120), args=REF_ARGS, binary=keepalived_ref,
           name="peer")
    return a, b


class Sleeper:
    """`sleep <unique>` processes this test starts and kills by pid."""

    def __init__(self):
        self.arg = f"{3000 + os.getpid() % 1000}.{os.getpid()}7"
        self.procs = []

    def start(self):
        self.procs.append(subprocess.Popen(["sleep", self.arg]))

    def stop_all(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait(timeout=10)
        self.procs = []


@pytest.fixture
def sleeper():
    s = Sleeper()
    yield s
    s.stop_all()


def holder_is(a, b, who, timeout=30):
    want = {"a": (True, False), "b": (False, True)}[who]
    wait_until(lambda: (has_vip(a), has_vip(b)) == want, timeout,
               what=f"the VIP on node {who} only")


def test_exit_is_fault_and_restart_recovers(nodes, daemon, sleeper):
    a, b = nodes
    sleeper.start()
    d = daemon(a, config(150, f"    process sleep {sleeper.arg}\n"
                              "    weight 0\n"),
               args=OURS_ARGS, name="ours")
    holder_is(a, b, "a")
    assert "initial network namespace" in d.log()

    mark = d.mark()
    sleeper.stop_all()
    d.wait_for_log(r"Track process tp is now down", timeout=20, since=mark)
    d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20, since=mark)
    holder_is(a, b, "b")

    mark = d.mark()
    sleeper.start()
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20, since=mark)
    holder_is(a, b, "a")
    assert d.running()


def test_not_running_at_start_is_fault(nodes, daemon, sleeper):
    """The start-up scan finds nothing: FAULT at once, no master."""
    a, b = nodes
    d = daemon(a, config(150, f"    process sleep {sleeper.arg}\n"
                              "    weight 0\n"),
               args=OURS_ARGS, name="ours")
    d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20)
    holder_is(a, b, "b")
    mark = d.mark()
    sleeper.start()
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20, since=mark)
    holder_is(a, b, "a")


def test_quorum_and_negative_weight(nodes, daemon, sleeper):
    """quorum 2, the line's weight -60: with one process left 150 drops
    to 90, under the peer, without a FAULT; two again give 150 back."""
    a, b = nodes
    sleeper.start()
    sleeper.start()
    d = daemon(a, config(150, f"    process sleep {sleeper.arg}\n"
                              "    quorum 2\n",
                         lines="tp weight -60"),
               args=OURS_ARGS, name="ours")
    holder_is(a, b, "a")

    mark = d.mark()
    p = sleeper.procs.pop()
    p.kill()
    p.wait(timeout=10)
    d.wait_for_log(r"\(VI_1\) Changing effective priority from 150 to 90",
                   timeout=20, since=mark)
    holder_is(a, b, "b")
    assert "FAULT" not in d.log()[mark:]

    mark = d.mark()
    sleeper.start()
    d.wait_for_log(r"\(VI_1\) Changing effective priority from 90 to 150",
                   timeout=20, since=mark)
    holder_is(a, b, "a")


def test_other_parameters_do_not_match(nodes, daemon, sleeper):
    """A sleep with another argument is not the tracked process."""
    a, b = nodes
    other = subprocess.Popen(["sleep", sleeper.arg + "1"])
    try:
        d = daemon(a, config(150, f"    process sleep {sleeper.arg}\n"
                                  "    weight 0\n"),
                   args=OURS_ARGS, name="ours")
        d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20)
        holder_is(a, b, "b")
    finally:
        other.kill()
        other.wait(timeout=10)
