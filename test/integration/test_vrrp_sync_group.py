"""vrrp_sync_group with the real daemon. Two nodes joined by two veth
pairs (vr0 and vr1); on each, VI_1 runs on vr0 and VI_2 on vr1. Ours
(priority 150) groups them in G1, and VI_1 tracks tr0, a veth to a third
namespace; the peer is Debian's keepalived 2.2.7 (priority 120, no
group). Taking tr0 down faults VI_1 only, yet the group must move both
virtual addresses to the peer; up brings both back. The group's notify
scripts must run with keepalived's arguments at each step."""
import json
import os
import pathlib
import shutil
import tempfile

import pytest

from kalib import wait_until

OURS_ARGS = ("-n", "-l", "-G", "-D")
REF_ARGS = ("-n", "-l", "-D")
VIPS = {"vr0": "192.168.87.100", "vr1": "192.168.88.100"}


def has_vip(ns, ifname):
    links = json.loads(ns.ip("-j", "addr", "show", "dev", ifname) or "[]")
    return any(a["local"] == VIPS[ifname] for link in links
               for a in link.get("addr_info", []))


def holders(a, b):
    return tuple(has_vip(ns, i) for ns in (a, b) for i in ("vr0", "vr1"))


def instances(prio, track=""):
    text = ""
    for n, ifname in ((1, "vr0"), (2, "vr1")):
        text += (f"vrrp_instance VI_{n} {{\n    state BACKUP\n"
                 f"    interface {ifname}\n"
                 f"    virtual_router_id {70 + n}\n"
                 f"    priority {prio}\n    advert_int 1\n"
                 + (track if n == 1 else "") +
                 f"    virtual_ipaddress {{\n        {VIPS[ifname]}/24\n"
                 "    }\n}\n")
    return text


GLOBAL = ("global_defs {\n    enable_script_security\n"
          "    script_user root\n    vrrp_garp_master_delay 0\n}\n")


@pytest.fixture
def script_dir():
    """Root's, not writable by others (enable_script_security); removed."""
    path = tempfile.mkdtemp(prefix="ka-vrsync-", dir="/tmp")
    os.chmod(path, 0o755)
    yield pathlib.Path(path)
    shutil.rmtree(path, ignore_errors=True)


class Records:
    """A notify script that appends its arguments to a file."""

    def __init__(self, d):
        self.log = d / "log"
        self.log.write_text("")
        self.script = d / "rec.sh"
        self.script.write_text(f'#!/bin/sh\necho "$*" >> {self.log}\n')
        self.script.chmod(0o755)

    def lines(self):
        return self.log.read_text().splitlines()

    def wait_for(self, line, timeout=30):
        wait_until(lambda: line in self.lines(), timeout,
                   what=f"notify record {line!r}")


@pytest.fixture
def nodes(netns, veth, daemon, keepalived_ref):
    a, b, t = netns("vsa"), netns("vsb"), netns("vst")
    veth(a, b, "192.168.87.1/24", "192.168.87.2/24", ifname_a="vr0",
         ifname_b="vr0")
    veth(a, b, "192.168.88.1/24", "192.168.88.2/24", ifname_a="vr1",
         ifname_b="vr1")
    veth(a, t, None, None, ifname_a="tr0", ifname_b="tr1")
    daemon(b, GLOBAL + instances(120), args=REF_ARGS, binary=keepalived_ref,
           name="peer")
    return a, b


def test_group_moves_as_one(nodes, daemon, script_dir):
    a, b = nodes
    rec = Records(script_dir)
    group = ("vrrp_sync_group G1 {\n    group {\n        VI_1\n"
             "        VI_2\n    }\n"
             f'    notify_master "{rec.script} specific-master"\n'
             f'    notify_fault "{rec.script} specific-fault"\n'
             f"    notify {rec.script}\n}}\n")
    track = "    track_interface {\n        tr0\n    }\n"
    d = daemon(a, GLOBAL + group + instances(150, track), args=OURS_ARGS,
               name="ours")
    wait_until(lambda: holders(a, b) == (True, True, False, False), 30,
               what="both VIPs on our node")
    rec.wait_for("GROUP G1 MASTER 0")
    rec.wait_for("specific-master")

    mark = d.mark()
    a.ip("link", "set", "tr0", "down")
    d.wait_for_log(r"VRRP_Group\(G1\) Syncing instances to FAULT state",
                   timeout=20, since=mark)
    wait_until(lambda: holders(a, b) == (False, False, True, True), 30,
               what="both VIPs on the peer")
    log = d.log()[mark:]
    assert "(VI_1) Entering FAULT STATE" in log
    assert "(VI_2) Entering FAULT STATE" in log
    rec.wait_for("GROUP G1 FAULT 0")
    rec.wait_for("specific-fault")

    mark = d.mark()
    a.ip("link", "set", "tr0", "up")
    d.wait_for_log(r"VRRP_Group\(G1\) Syncing instances to BACKUP state",
                   timeout=20, since=mark)
    wait_until(lambda: holders(a, b) == (True, True, False, False), 30,
               what="both VIPs back on our node")
    assert "(VI_2) Entering BACKUP STATE" in d.log()[mark:]
    rec.wait_for("GROUP G1 BACKUP 0")
    assert d.running()
    d.stop()
    rec.wait_for("GROUP G1 STOP 0")
    # the group's scripts only: no instance has notify scripts here
    assert all(line.startswith(("GROUP G1 ", "specific-"))
               for line in rec.lines()), rec.lines()


def test_without_group_only_the_faulty_instance_moves(nodes, daemon):
    """The control: the same fault without vrrp_sync_group moves VI_1
    only, so the test above does see the group at work."""
    a, b = nodes
    track = "    track_interface {\n        tr0\n    }\n"
    d = daemon(a, GLOBAL + instances(150, track), args=OURS_ARGS,
               name="ours")
    wait_until(lambda: holders(a, b) == (True, True, False, False), 30,
               what="both VIPs on our node")
    mark = d.mark()
    a.ip("link", "set", "tr0", "down")
    d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20, since=mark)
    wait_until(lambda: holders(a, b) == (False, True, True, False), 30,
               what="VI_1's VIP alone on the peer")
    assert "Syncing" not in d.log()[mark:]


def test_group_level_track_interface(nodes, daemon):
    """track_interface on the group itself: every member tracks tr0."""
    a, b = nodes
    group = ("vrrp_sync_group G1 {\n    group {\n        VI_1\n"
             "        VI_2\n    }\n"
             "    track_interface {\n        tr0\n    }\n}\n")
    d = daemon(a, GLOBAL + group + instances(150), args=OURS_ARGS,
               name="ours")
    wait_until(lambda: holders(a, b) == (True, True, False, False), 30,
               what="both VIPs on our node")
    mark = d.mark()
    a.ip("link", "set", "tr0", "down")
    wait_until(lambda: holders(a, b) == (False, False, True, True), 30,
               what="both VIPs on the peer")
    log = d.log()[mark:]
    assert "(VI_1) Entering FAULT STATE" in log
    assert "(VI_2) Entering FAULT STATE" in log
    a.ip("link", "set", "tr0", "up")
    wait_until(lambda: holders(a, b) == (True, True, False, False), 30,
               what="both VIPs back on our node")
    assert d.running()


TWO = ("vrrp_instance VI_1 {\n    interface e0\n    virtual_router_id 51\n"
       "    virtual_ipaddress {\n        10.9.0.100/24\n    }\n}\n"
       "vrrp_instance VI_2 {\n    interface e0\n    virtual_router_id 52\n"
       "    virtual_ipaddress {\n        10.9.0.101/24\n    }\n}\n")
BAD_GROUPS = {
    "unknown_member": ("vrrp_sync_group G1 {\n    group {\n        VI_1\n"
                       "        VI_X\n    }\n}\n",
                       ["Virtual router VI_X specified in sync group G1 "
                        "doesn't exist - ignoring",
                        "Sync group G1 has only 1 virtual router(s) - this "
                        "probably isn't what you want"]),
    "two_groups": ("vrrp_sync_group G1 {\n    group {\n        VI_1\n"
                   "        VI_2\n    }\n}\n"
                   "vrrp_sync_group G2 {\n    group {\n        VI_2\n"
                   "    }\n}\n",
                   ["Virtual router VI_2 cannot exist in more than one sync "
                    "group; ignoring G2",
                    "Sync group G2, no matching virtual router found in "
                    "group declaration - removing"]),
    "global_tracking": ("vrrp_sync_group G1 {\n    group {\n        VI_1\n"
                        "        VI_2\n    }\n    global_tracking\n}\n",
                        ["(G1) global_tracking is deprecated. Use "
                         "track_interface/script/file on the sync group"]),
}


@pytest.mark.parametrize("name", sorted(BAD_GROUPS))
def test_config_test_verdicts_match_debian(name, netns, veth, keepalived_bin,
                                           keepalived_ref, tmp_path):
    """keepalived -t: the same messages and exit status as Debian's."""
    a, b = netns("vsc"), netns("vsd")
    veth(a, b, "10.9.0.1/24", None, ifname_a="e0", ifname_b="e0")
    text, messages = BAD_GROUPS[name]
    path = tmp_path / f"{name}.conf"
    path.write_text(text + TWO)
    for binary in (keepalived_ref, keepalived_bin):
        res = a.run([binary, "-t", "-f", str(path)], timeout=20)
        said = res.stdout + res.stderr
        assert res.returncode == 5, (binary, said)
        for m in messages:
            assert m in said, (binary, said)
