"""Notify scripts with the real daemon: one node, alone on its link,
goes BACKUP -> MASTER, then FAULT (a tracked interface down), BACKUP ->
MASTER again, then stops. Every notify script records its uid and
arguments; the records of each step must be exactly those Debian's
keepalived 2.2.7 makes with the same configuration (the test runs both).
The specific scripts get their configured words only; "notify" gets
INSTANCE, the name, the state and the effective priority (90 here: a
weight -10 interface stays down)."""
import os
import pathlib
import pwd
import shutil
import tempfile

import pytest

from kalib import wait_until

OURS_ARGS = ("-n", "-l", "-G", "-D")
REF_ARGS = ("-n", "-l", "-D")


@pytest.fixture
def public_dir():
    """A directory user nobody can reach (tmp_path's parents are
    private), root's and secure for enable_script_security; removed."""
    path = tempfile.mkdtemp(prefix="ka-vrnotify-", dir="/tmp")
    os.chmod(path, 0o755)
    yield pathlib.Path(path)
    shutil.rmtree(path, ignore_errors=True)


def config(d):
    rec = d / "rec.sh"
    return ("global_defs {\n    enable_script_security\n"
            "    script_user root\n    vrrp_garp_master_delay 0\n}\n"
            "vrrp_instance VI_1 {\n    state BACKUP\n    interface vr0\n"
            "    virtual_router_id 63\n    priority 100\n    advert_int 1\n"
            "    track_interface {\n        tr0\n"
            "        tr2 weight -10\n    }\n"
            f'    notify_master "{rec} master-arg"\n'
            f"    notify_backup {rec}\n"
            f"    notify_fault {rec} nobody\n"
            f'    notify_stop "{rec} \'stop arg\'"\n'
            f'    notify "{rec} gen"\n'
            "    virtual_ipaddress {\n        192.168.86.100/24\n    }\n}\n")


class Records:
    def __init__(self, d):
        self.log = d / "log"
        self.log.write_text("")
        self.log.chmod(0o666)
        rec = d / "rec.sh"
        rec.write_text('#!/bin/sh\necho "$(id -u) [$#] $*" >> '
                       f"{self.log}\n")
        rec.chmod(0o755)
        self.seen = 0

    def lines(self):
        return self.log.read_text().splitlines()

    def step(self, n=2, timeout=30):
        """Waits for n new records and returns them sorted (the two
        scripts of one transition run concurrently)."""
        want = self.seen + n
        wait_until(lambda: len(self.lines()) >= want, timeout,
                   what=f"{n} more notify records")
        got = self.lines()[self.seen:want]
        self.seen = want
        return sorted(got)


def gen(state, prio=90):
    return f"0 [5] gen INSTANCE VI_1 {state} {prio}"


@pytest.mark.parametrize("which", ["ours", "keepalived"])
def test_notify_arguments(netns, veth, daemon, keepalived_ref, public_dir,
                          which):
    a, t, peer = netns("vna"), netns("vnt"), netns("vnp")
    veth(a, peer, "192.168.86.1/24", None, ifname_a="vr0", ifname_b="vr9")
    veth(a, t, None, None, ifname_a="tr0", ifname_b="tr1")
    veth(a, t, None, None, ifname_a="tr2", ifname_b="tr3")
    a.ip("link", "set", "tr2", "down")
    nobody = pwd.getpwnam("nobody").pw_uid
    r = Records(public_dir)
    binary = keepalived_ref if which == "keepalived" else None
    d = daemon(a, config(public_dir), binary=binary, name=which,
               args=REF_ARGS if binary else OURS_ARGS)

    assert r.step() == sorted(["0 [0] ", gen("BACKUP")])
    assert r.step() == sorted(["0 [1] master-arg", gen("MASTER")])
    d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=20)

    a.ip("link", "set", "tr0", "down")
    assert r.step() == sorted([f"{nobody} [0] ", gen("FAULT")])
    a.ip("link", "set", "tr0", "up")
    assert r.step() == sorted(["0 [0] ", gen("BACKUP")])
    assert r.step() == sorted(["0 [1] master-arg", gen("MASTER")])

    assert d.stop(20) == 0
    assert r.step() == sorted(["0 [1] stop arg", gen("STOP")])
    # nothing else ran
    assert len(r.lines()) == r.seen
