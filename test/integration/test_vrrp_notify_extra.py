"""notify_master_rx_lower_pri, notify_priority_changes and notify_deleted
with the real daemon, checked against Debian's keepalived 2.2.7 with the
same configuration (the test runs both as node A).

Node A has VI_1 (priority 150, unicast to an address nobody has, so that
it never yields) and VI_2. Node B is Debian's keepalived, a unicast
MASTER of VI_1 at priority 100 that never hears A: A, master, receives
its lower priority adverts. A track file with weight -10 moves VI_1's
priority. A reload removes VI_2.

Every script and the vrrp_notify_fifo (read by its fifo script) write
to one record file; the records must show:
  - notify_master_rx_lower_pri run with its configured words, and
    'INSTANCE "VI_1" MASTER_RX_LOWER_PRI 150' on the FIFO;
  - 'INSTANCE "VI_1" MASTER_PRIORITY 130', then 150, on the FIFO;
  - VI_2 removed: 'INSTANCE "VI_2" DELETED 100' on the FIFO, the
    notify_deleted script with its words, "notify" with DELETED, and
    no notify_fault."""
import os
import pathlib
import shutil
import signal
import tempfile

import pytest

from kalib import wait_until

OURS_ARGS = ("-n", "-l", "-G", "-D")
REF_ARGS = ("-n", "-l", "-D")


@pytest.fixture
def public_dir():
    """Root's, not writable by others (enable_script_security); removed."""
    path = tempfile.mkdtemp(prefix="ka-vrnotx-", dir="/tmp")
    os.chmod(path, 0o755)
    yield pathlib.Path(path)
    shutil.rmtree(path, ignore_errors=True)


def vi2(d):
    return ("vrrp_instance VI_2 {\n    state BACKUP\n    interface vr0\n"
            "    virtual_router_id 66\n    priority 100\n    advert_int 1\n"
            f'    notify_deleted "{d}/rec.sh deleted-arg"\n'
            f'    notify "{d}/rec.sh gen2"\n'
            f'    notify_fault "{d}/rec.sh fault2"\n'
            "    virtual_ipaddress {\n        192.168.88.101/24\n    }\n}\n")


def config_a(d, with_vi2=True):
    return ("global_defs {\n    enable_script_security\n"
            "    script_user root\n    vrrp_garp_master_delay 0\n"
            f"    vrrp_notify_fifo {d}/vrrp.fifo\n"
            f"    vrrp_notify_fifo_script {d}/fifo.sh\n}}\n"
            f"track_file tf {{\n    file {d}/tf\n    weight -10\n}}\n"
            "vrrp_instance VI_1 {\n    state BACKUP\n    interface vr0\n"
            "    virtual_router_id 65\n    priority 150\n    advert_int 1\n"
            "    unicast_src_ip 192.168.88.1\n"
            "    unicast_peer {\n        192.168.88.9\n    }\n"
            "    track_file {\n        tf\n    }\n"
            f'    notify_master_rx_lower_pri "{d}/rec.sh rxlower"\n'
            f'    notify "{d}/rec.sh gen"\n'
            "    notify_priority_changes\n"
            "    virtual_ipaddress {\n        192.168.88.100/24\n    }\n}\n"
            + (vi2(d) if with_vi2 else ""))


CONFIG_B = ("global_defs {\n    vrrp_garp_master_delay 0\n}\n"
            "vrrp_instance VI_1 {\n    state MASTER\n    interface vr0\n"
            "    virtual_router_id 65\n    priority 100\n    advert_int 1\n"
            "    unicast_src_ip 192.168.88.2\n"
            "    unicast_peer {\n        192.168.88.1\n    }\n"
            "    virtual_ipaddress {\n        192.168.88.100/24\n    }\n}\n")


class Records:
    def __init__(self, d):
        self.path = d / "log"
        self.path.write_text("")
        self.path.chmod(0o666)
        rec = d / "rec.sh"
        rec.write_text(f'#!/bin/sh\necho "[$#] $*" >> {self.path}\n')
        rec.chmod(0o755)
        fifo = d / "fifo.sh"
        fifo.write_text("#!/bin/sh\nwhile read -r l; do echo \"FIFO: $l\" "
                        f'>> {self.path}; done < "$1"\n')
        fifo.chmod(0o755)

    def lines(self):
        return self.path.read_text().splitlines()

    def wait_for(self, line, timeout=30):
        wait_until(lambda: line in self.lines(), timeout,
                   what=f"record {line!r}")


@pytest.mark.parametrize("which", ["ours", "keepalived"])
def test_notify_extras(netns, veth, daemon, keepalived_ref, public_dir,
                       which):
    d = public_dir
    rec = Records(d)
    (d / "tf").write_text("0\n")
    a, b = netns("nxa"), netns("nxb")
    veth(a, b, "192.168.88.1/24", "192.168.88.2/24", ifname_a="vr0",
         ifname_b="vr0")
    ours = which == "ours"
    node = daemon(a, config_a(d), args=OURS_ARGS if ours else REF_ARGS,
                  binary=None if ours else keepalived_ref, name="a")
    rec.wait_for('FIFO: INSTANCE "VI_1" MASTER 150')
    daemon(b, CONFIG_B, args=REF_ARGS, binary=keepalived_ref, name="b")

    rec.wait_for('FIFO: INSTANCE "VI_1" MASTER_RX_LOWER_PRI 150')
    rec.wait_for("[1] rxlower")
    # the generic notify is not told about lower adverts
    assert not [x for x in rec.lines() if "RX_LOWER" in x and "gen" in x]

    (d / "tf").write_text("2\n")
    rec.wait_for('FIFO: INSTANCE "VI_1" MASTER_PRIORITY 130')
    (d / "tf").write_text("0\n")
    rec.wait_for('FIFO: INSTANCE "VI_1" MASTER_PRIORITY 150')
    assert not [x for x in rec.lines() if "PRIORITY" in x and "gen" in x]

    with open(node.config_path, "w", encoding="utf-8") as f:
        f.write(config_a(d, with_vi2=False))
    node.signal(signal.SIGHUP)
    rec.wait_for('FIFO: INSTANCE "VI_2" DELETED 100')
    rec.wait_for("[1] deleted-arg")
    rec.wait_for("[5] gen2 INSTANCE VI_2 DELETED 100")
    assert "[1] fault2" not in rec.lines()
    assert node.running()


def group_config(d):
    return ("global_defs {\n    vrrp_garp_master_delay 0\n"
            f"    vrrp_notify_fifo {d}/vrrp.fifo\n"
            f"    vrrp_notify_fifo_script {d}/fifo.sh\n}}\n"
            f"track_file tf {{\n    file {d}/tf\n    weight -10\n}}\n"
            "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n"
            "    }\n    notify_priority_changes\n"
            "    sync_group_tracking_weight\n}\n"
            "vrrp_instance VI_1 {\n    state BACKUP\n    interface vr0\n"
            "    virtual_router_id 65\n    priority 150\n    advert_int 1\n"
            "    track_file {\n        tf\n    }\n"
            "    virtual_ipaddress {\n        192.168.88.100/24\n    }\n}\n"
            "vrrp_instance VI_2 {\n    state BACKUP\n    interface vr0\n"
            "    virtual_router_id 66\n    priority 150\n    advert_int 1\n"
            "    virtual_ipaddress {\n        192.168.88.101/24\n    }\n}\n")


@pytest.mark.parametrize("which", ["ours", "keepalived"])
def test_group_priority_changes_apply_to_members(netns, veth, daemon,
                                                 keepalived_ref, public_dir,
                                                 which):
    """A sync group's notify_priority_changes: its members write
    INSTANCE ... MASTER_PRIORITY lines (keepalived 2.2.7 does)."""
    d = public_dir
    rec = Records(d)
    (d / "tf").write_text("0\n")
    a, b = netns("nxa"), netns("nxb")
    veth(a, b, "192.168.88.1/24", "192.168.88.2/24", ifname_a="vr0",
         ifname_b="vr0")
    ours = which == "ours"
    daemon(a, group_config(d), args=OURS_ARGS if ours else REF_ARGS,
           binary=None if ours else keepalived_ref, name="a")
    rec.wait_for('FIFO: GROUP "G1" MASTER 0')
    (d / "tf").write_text("2\n")
    rec.wait_for('FIFO: INSTANCE "VI_1" MASTER_PRIORITY 130')
    assert not [x for x in rec.lines() if "GROUP" in x and "PRIORITY" in x]
