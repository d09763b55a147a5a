"""The checker child's IPVS backend: without one it can use (this
machine's kernel has no IPVS, and no --ipvs-record=FILE) it says so in one
line and stops for good, and the parent neither restarts it in a loop nor
dies while the VRRP child has work; with --ipvs-record=FILE it runs and
keeps the table in FILE, in the layout of "ipvsadm -Ln"."""
import re
import time

import pytest

from kalib import wait_until

FG = ("-n", "-l", "-G")

# The header "ipvsadm -Ln" prints before the first service.
EMPTY_TABLE = (
    "IP Virtual Server version 1.2.1 (size=4096)\n"
    "Prot LocalAddress:Port Scheduler Flags\n"
    "  -> RemoteAddress:Port           Forward Weight ActiveConn "
    "InActConn\n")

VIRTUAL_SERVER = """\
virtual_server 10.0.0.1 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 10.0.0.2 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 1
        }
    }
}
"""

VRRP_INSTANCE = """\
vrrp_instance VI_1 {
    interface vr0
    virtual_router_id 62
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.168.88.100/24
    }
}
"""

NO_BACKEND = r"Cannot run the health checks: (.*)$"
DROPPED = r"The checker child cannot run on this system: not restarting it"
# Long enough for several respawns at the parent's back-off (100 ms,
# doubling), had the parent tried them.
SETTLE_S = 4


def has_ipvs(ns):
    return ns.run(["test", "-e", "/proc/net/ip_vs"]).returncode == 0


def expected_reason(ns):
    if has_ipvs(ns):
        pytest.skip("this kernel has IPVS: the checker programs it "
                    "(test_vm_ipvs.py tests that)")
    return ("IPVS is not available in this kernel (no /proc/net/ip_vs) and "
            "no --ipvs-record=FILE was given")


def count(log, regex):
    return len(re.findall(regex, log, re.M))


def test_no_backend_and_no_vrrp_stops_the_daemon(netns, daemon):
    ns = netns("ipvs")
    d = daemon(ns, VIRTUAL_SERVER, args=FG)
    status = d.wait_exit(30)
    log = d.log()
    assert status == 2, log
    reasons = re.findall(NO_BACKEND, log, re.M)
    assert reasons == [expected_reason(ns)], log
    assert count(log, DROPPED) == 1, log
    assert count(log, r"No child process left: stopping") == 1, log
    assert count(log, r"Starting checker child process") == 1, log


def test_no_backend_keeps_the_vrrp_child(netns, veth, daemon):
    ns, peer = netns("ipvs"), netns("peer")
    veth(ns, peer, "192.168.88.1/24", "192.168.88.2/24", ifname_a="vr0",
         ifname_b="vr0")
    d = daemon(ns, VIRTUAL_SERVER + VRRP_INSTANCE, args=FG)
    d.wait_for_log(DROPPED, timeout=30)
    d.wait_for_log(r"\(VI_1\) Entering (BACKUP|MASTER) STATE", timeout=30)
    time.sleep(SETTLE_S)
    log = d.log()
    assert d.running(), log
    assert count(log, NO_BACKEND) == 1, log
    assert re.findall(NO_BACKEND, log, re.M) == [expected_reason(ns)]
    assert count(log, DROPPED) == 1, log
    assert count(log, r"Starting checker child process") == 1, log
    assert count(log, r"No child process left") == 0, log
    vrrp_pid = d.pid_from("-r")
    assert vrrp_pid and d._ours(vrrp_pid), log
    assert d.stop(20) == 0


def test_record_file_holds_the_table(netns, daemon, tmp_path):
    ns = netns("ipvs")
    table = tmp_path / "ipvs.txt"
    d = daemon(ns, VIRTUAL_SERVER, args=FG + (f"--ipvs-record={table}",))
    d.wait_for_log(r"checker child \(pid \d+\) is running", timeout=30)
    d.wait_for_log(re.escape(f"IPVS: recording the table in {table}"))
    # The checker framework programs the virtual server.
    wait_until(lambda: "TCP  10.0.0.1:80" in table.read_text(), 20,
               what="the virtual server in the table")
    checker = wait_until(lambda: d.pid_from("-c"), 10, what="checker pid")
    assert d._ours(checker)
    log = d.log()
    assert count(log, NO_BACKEND) == 0, log
    assert d.stop(20) == 0
    # The framework fills the table; once stopped it is empty again.
    assert table.read_text() == EMPTY_TABLE
    # Only the table: no temporary file left beside it.
    leftovers = [p.name for p in tmp_path.iterdir()
                 if p.name.startswith(".ipvs.txt")]
    assert leftovers == []


def test_unwritable_record_file_is_not_retried(netns, daemon, tmp_path):
    ns = netns("ipvs")
    table = tmp_path / "missing-dir" / "ipvs.txt"
    d = daemon(ns, VIRTUAL_SERVER, args=FG + (f"--ipvs-record={table}",))
    status = d.wait_exit(30)
    log = d.log()
    assert status == 2, log
    reasons = re.findall(NO_BACKEND, log, re.M)
    assert reasons == [f"Cannot write the IPVS record file {table}: "
                       "No such file or directory"], log
    assert count(log, DROPPED) == 1, log
    assert not table.exists()
