"""Traps planted where the daemon writes: a notify FIFO path that is a
symbolic link (to a file, or to a FIFO), a FIFO that another user made,
and pid file paths that are symbolic links to a victim file. The daemon
must refuse the FIFO with a clear line and write nothing through it, and
replace a pid file's link rather than write through it; it keeps running
and does its job (the instance becomes MASTER)."""
import os
import pathlib
import shutil
import tempfile

import pytest

from kalib import wait_until

ARGS = ("-n", "-l", "-G", "-D")
VICTIM_TEXT = "do not touch\n"


@pytest.fixture
def trap_dir():
    path = tempfile.mkdtemp(prefix="ka-traps-", dir="/tmp")
    os.chmod(path, 0o755)
    yield pathlib.Path(path)
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def node(netns, veth):
    a, b = netns("tra"), netns("trb")
    veth(a, b, "192.168.91.1/24", "192.168.91.2/24", ifname_a="vr0",
         ifname_b="vr0")
    return a


def config(fifo):
    return ("global_defs {\n    vrrp_garp_master_delay 0\n"
            f"    vrrp_notify_fifo {fifo}\n}}\n"
            "vrrp_instance VI_1 {\n    state BACKUP\n    interface vr0\n"
            "    virtual_router_id 91\n    priority 150\n"
            "    advert_int 1\n    virtual_ipaddress {\n"
            "        192.168.91.100/24\n    }\n}\n")


def victim(d):
    v = d / "victim"
    v.write_text(VICTIM_TEXT)
    return v


@pytest.mark.parametrize("trap", ["link-to-file", "link-to-fifo",
                                  "other-users-fifo"])
def test_notify_fifo_traps(node, daemon, trap_dir, trap):
    fifo = trap_dir / "notify.fifo"
    v = victim(trap_dir)
    if trap == "link-to-file":
        fifo.symlink_to(v)
        why = "it exists and is not a fifo"
    elif trap == "link-to-fifo":
        real = trap_dir / "real.fifo"
        os.mkfifo(real, 0o600)
        fifo.symlink_to(real)
        why = "it is a symbolic link"
    else:
        os.mkfifo(fifo, 0o666)
        os.chown(fifo, 65534, 65534)
        why = "another user owns it"
    d = daemon(node, config(fifo), args=ARGS)
    d.wait_for_log(rf"notify fifo {fifo}: {why}", timeout=15)
    d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=20)
    assert v.read_text() == VICTIM_TEXT
    assert d.running()
    assert d.stop() == 0
    # Not ours: left where it was.
    assert fifo.is_symlink() or fifo.exists()
    assert v.read_text() == VICTIM_TEXT


def test_pid_file_links_are_replaced(node, daemon, trap_dir, tmp_path):
    v = victim(trap_dir)
    # The pool keeps a daemon's pid files in tmp_path, named after it:
    # plant the links there before it starts.
    links = [tmp_path / f"trap{suffix}.pid"
             for suffix in ("", "-vrrp", "-checkers")]
    for link in links:
        os.symlink(v, link)
    d = daemon(node, config(trap_dir / "n.fifo"), args=ARGS, name="trap")
    assert sorted(d.pidfiles.values()) == sorted(map(str, links))
    d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=20)
    wait_until(lambda: not os.path.islink(d.pidfiles["-p"]), 10,
               what="the parent's pid file written")
    assert v.read_text() == VICTIM_TEXT
    assert int(pathlib.Path(d.pidfiles["-p"]).read_text()) == d.pid
    assert d.stop() == 0
    assert v.read_text() == VICTIM_TEXT
