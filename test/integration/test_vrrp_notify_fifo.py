"""notify_fifo and vrrp_notify_fifo with the real daemon, and the same
run with Debian's keepalived 2.2.7 (parametrized): one node alone on its
links runs VI_1 (on vr0, tracking tr0) and VI_2 (on vr1) in sync group
G1; it becomes master, faults (tr0 down), recovers and becomes master
again, then stops. Both FIFOs must receive, step by step, exactly the
lines keepalived writes, the group's line after its members' (before
them when the group starts); vrrp_notify_fifo_script must be started
with the FIFO's name as its last argument. The FIFOs do not exist
beforehand: the daemon creates them (mode 0600), and removes them when
it stops."""
import errno
import os
import pathlib
import select
import shutil
import signal
import stat
import tempfile
import time

import pytest

from kalib import wait_until

OURS_ARGS = ("-n", "-l", "-G", "-D")
REF_ARGS = ("-n", "-l", "-D")


@pytest.fixture
def fifo_dir():
    path = tempfile.mkdtemp(prefix="ka-vrfifo-", dir="/tmp")
    os.chmod(path, 0o755)
    yield pathlib.Path(path)
    shutil.rmtree(path, ignore_errors=True)


def config(d, extra=""):
    inst = ""
    for n, ifname in ((1, "vr0"), (2, "vr1")):
        track = "    track_interface {\n        tr0\n    }\n" if n == 1 \
            else ""
        inst += (f"vrrp_instance VI_{n} {{\n    state BACKUP\n"
                 f"    interface {ifname}\n"
                 f"    virtual_router_id {80 + n}\n"
                 f"    priority 150\n    advert_int 1\n{track}"
                 f"    virtual_ipaddress {{\n        192.168.{88 + n}.100/24"
                 "\n    }\n}\n")
    return ("global_defs {\n    enable_script_security\n"
            "    script_user root\n    vrrp_garp_master_delay 0\n"
            f"    notify_fifo {d}/all.fifo\n"
            f"    vrrp_notify_fifo {d}/vrrp.fifo\n"
            f'    vrrp_notify_fifo_script "{d}/rec.sh fifo-script"\n'
            f"{extra}}}\n"
            "vrrp_sync_group G1 {\n    group {\n        VI_1\n"
            "        VI_2\n    }\n}\n" + inst)


class FifoReader:
    """Reads lines from a FIFO the daemon made, without blocking."""

    def __init__(self, path, timeout=10):
        wait_until(lambda: path.exists(), timeout,
                   what=f"{path} to be created")
        st = path.stat()
        assert stat.S_ISFIFO(st.st_mode)
        assert stat.S_IMODE(st.st_mode) == 0o600
        self.fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        self.buf = b""

    def take(self, n, timeout=30):
        """The next n lines, waiting at most timeout seconds."""
        deadline = time.monotonic() + timeout
        while self.buf.count(b"\n") < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"wanted {n} lines, have "
                                     f"{self.buf!r}")
            select.select([self.fd], [], [], min(left, 0.5))
            try:
                self.buf += os.read(self.fd, 4096)
            except OSError as e:
                if e.errno != errno.EAGAIN:
                    raise
        lines = self.buf.split(b"\n")
        self.buf = b"\n".join(lines[n:])
        return [x.decode() for x in lines[:n]]

    def close(self):
        os.close(self.fd)


def inst(name, state):
    return f'INSTANCE "{name}" {state} 150'


def group(state):
    return f'GROUP "G1" {state} 0'


def members(state):
    return sorted([inst("VI_1", state), inst("VI_2", state)])


def check_step(lines, state, group_first=False):
    """Two instance lines and the group's, the group's last (or
    first)."""
    assert len(lines) == 3, lines
    g = lines[0] if group_first else lines[-1]
    rest = lines[1:] if group_first else lines[:-1]
    assert g == group(state), lines
    assert sorted(rest) == members(state), lines


@pytest.mark.parametrize("which", ["ours", "keepalived"])
def test_fifo_lines(netns, veth, daemon, keepalived_bin, keepalived_ref,
                    fifo_dir, which):
    a, b, t = netns("vfa"), netns("vfb"), netns("vft")
    veth(a, b, "192.168.89.1/24", None, ifname_a="vr0", ifname_b="vr0")
    veth(a, b, "192.168.90.1/24", None, ifname_a="vr1", ifname_b="vr1")
    veth(a, t, None, None, ifname_a="tr0", ifname_b="tr1")
    args_log = fifo_dir / "args"
    rec = fifo_dir / "rec.sh"
    rec.write_text(f'#!/bin/sh\necho "$*" >> {args_log}\n')
    rec.chmod(0o755)
    binary, args = ((keepalived_bin, OURS_ARGS) if which == "ours" else
                    (keepalived_ref, REF_ARGS))
    d = daemon(a, config(fifo_dir), args=args, binary=binary, name=which)
    readers = [FifoReader(fifo_dir / "all.fifo"),
               FifoReader(fifo_dir / "vrrp.fifo")]
    try:
        for r in readers:
            check_step(r.take(3), "BACKUP", group_first=True)
            check_step(r.take(3), "MASTER")

        a.ip("link", "set", "tr0", "down")
        for r in readers:
            first = r.take(3)
            # VI_1 faults itself, VI_2 follows it
            assert first[0] == inst("VI_1", "FAULT"), first
            check_step(first, "FAULT")

        a.ip("link", "set", "tr0", "up")
        for r in readers:
            check_step(r.take(3), "BACKUP")
            check_step(r.take(3), "MASTER")

        d.stop()
        for r in readers:
            check_step(r.take(3), "STOP")
    finally:
        for r in readers:
            r.close()
    # the daemon made them, so it removes them
    for name in ("all.fifo", "vrrp.fifo"):
        assert not (fifo_dir / name).exists(), name
    wait_until(lambda: args_log.exists() and args_log.read_text(), 10,
               what="the fifo script's record")
    assert args_log.read_text().splitlines()[0] == \
        f"fifo-script {fifo_dir}/vrrp.fifo"


def test_states_on_reload(netns, veth, daemon, keepalived_bin, fifo_dir):
    """fifo_write_vrrp_states_on_reload (ours only: keepalived 2.2.7
    makes its FIFO anew on a reload, so a reader of the old one sees
    nothing): a reload writes every instance's state, then the
    group's."""
    a, b, t = netns("vfa"), netns("vfb"), netns("vft")
    veth(a, b, "192.168.89.1/24", None, ifname_a="vr0", ifname_b="vr0")
    veth(a, b, "192.168.90.1/24", None, ifname_a="vr1", ifname_b="vr1")
    veth(a, t, None, None, ifname_a="tr0", ifname_b="tr1")
    rec = fifo_dir / "rec.sh"
    rec.write_text("#!/bin/sh\n")
    rec.chmod(0o755)
    d = daemon(a, config(fifo_dir, "    fifo_write_vrrp_states_on_reload\n"),
               args=OURS_ARGS, binary=keepalived_bin, name="ours")
    r = FifoReader(fifo_dir / "vrrp.fifo")
    try:
        check_step(r.take(3), "BACKUP", group_first=True)
        check_step(r.take(3), "MASTER")
        mark = d.mark()
        d.signal(signal.SIGHUP)
        wait_until(lambda: d.log().count("Configuration reloaded", mark),
                   10, what="the reload")
        check_step(r.take(3), "MASTER")
        d.stop()
        check_step(r.take(3), "STOP")
    finally:
        r.close()
