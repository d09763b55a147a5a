"""IPVS in a real kernel: a Debian kernel booted under qemu by test/vm/run-vm.

The host kernel may have no IPVS at all, so everything runs inside the VM
and is checked there with the real ipvsadm:

- a first boot programs IPVS with ipvsadm, reads the table back, and runs
  our keepalived's --version and config test (-t);
- a second boot runs test/vm/ipvs-kernel.sh, the daemon against the
  kernel: real servers (busybox httpd in namespaces) checked by TCP_CHECK
  and HTTP_GET, a client namespace whose requests go through IPVS NAT,
  failures, inhibit_on_failure, quorum and sorry server, IPv6, fwmark,
  a reload, stop, --dont-release-ipvs, the read-back at start, the
  setsockopt backend and the sync daemon following a VRRP instance. The
  boot happens once (a module fixture); each test asserts on one of the
  script's "== name" sections.

The tests are skipped, with run-vm's reason, only where the VM cannot be
prepared (no qemu, the kernel package cannot be downloaded).
"""
import os
import re
import subprocess

import pytest

import kalib

RUN_VM = os.path.join(kalib.REPO_ROOT, "test", "vm", "run-vm")
KERNEL_SCRIPT = os.path.join(kalib.REPO_ROOT, "test", "vm", "ipvs-kernel.sh")
KERNEL_CONFS = os.path.join(kalib.REPO_ROOT, "test", "vm", "ipvs")
# Each wait inside the script is at most 40 s; a good run takes about a
# minute under TCG.
KERNEL_VM_TIMEOUT_S = 900

# The boot of the kernel script happens in the first test that uses it:
# the suite's per-test time-out would cut it short on a loaded machine.
pytestmark = pytest.mark.timeout(KERNEL_VM_TIMEOUT_S + 120)
EXIT_CANNOT_PREPARE = 200   # run-vm's status for "cannot run here"
VM_TIMEOUT_S = 240          # boot + script; an empty script takes ~10 s

LVS_CONF = """\
global_defs {
	router_id vm_lvs
}

virtual_server 10.0.0.1 80 {
	delay_loop 5
	lb_algo wlc
	lb_kind NAT
	protocol TCP

	real_server 10.0.1.1 80 {
		weight 2
		TCP_CHECK {
			connect_timeout 2
		}
	}
	real_server 10.0.1.2 80 {
		weight 3
		TCP_CHECK {
			connect_timeout 2
		}
	}
}
"""

# Each section starts with "== name"; statuses are printed, not fatal, so
# that one failing step still shows the others.
SCRIPT = """\
section() { echo "== $1"; }
section modprobe
modprobe ip_vs; echo "status=$?"
grep -c '^ip_vs ' /proc/modules
section ipvsadm
ipvsadm -A -t 10.0.0.1:80 -s wlc; echo "status=$?"
ipvsadm -a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 2; echo "status=$?"
ipvsadm -a -t 10.0.0.1:80 -r 10.0.1.2:80 -m -w 3; echo "status=$?"
section list
ipvsadm -Ln
section version
keepalived --version 2>&1; echo "status=$?"
section config-good
keepalived -t -f /test/lvs.conf 2>&1; echo "status=$?"
section config-bad
keepalived -t -f /test/bad.conf 2>&1; echo "status=$?"
section end
"""


def sections(output):
    """{name: text} of the "== name" sections of the VM's output."""
    found = {}
    name = None
    for line in output.splitlines():
        m = re.match(r"^== (\S+)$", line)
        if m:
            name = m.group(1)
            found[name] = []
        elif name is not None:
            found[name].append(line.rstrip())
    return {k: "\n".join(v) for k, v in found.items()}


def statuses(text):
    return [int(s) for s in re.findall(r"^status=(\d+)$", text, re.M)]


def run_in_vm(tmp_path, keepalived_bin):
    script = tmp_path / "script"
    script.write_text(SCRIPT)
    (tmp_path / "lvs.conf").write_text(LVS_CONF)
    (tmp_path / "bad.conf").write_text(
        LVS_CONF.replace("lb_algo wlc", "lb_algo nosuch"))
    env = dict(os.environ, KA_VM_TIMEOUT=str(VM_TIMEOUT_S),
               KA_BIN_DIR=os.path.dirname(keepalived_bin))
    try:
        proc = subprocess.run(
            [RUN_VM, str(script), str(tmp_path / "lvs.conf"),
             str(tmp_path / "bad.conf")],
            env=env, stdin=subprocess.DEVNULL, capture_output=True,
            text=True, timeout=VM_TIMEOUT_S + 60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"run-vm did not return within {VM_TIMEOUT_S + 60} s")
    if proc.returncode == EXIT_CANNOT_PREPARE:
        pytest.skip("the IPVS VM cannot run here: " +
                    proc.stderr.strip().splitlines()[-1])
    return proc


def test_ipvs_table_and_config_test_in_vm(tmp_path, keepalived_bin):
    proc = run_in_vm(tmp_path, keepalived_bin)
    assert proc.returncode == 0, \
        f"run-vm exit {proc.returncode}\n{proc.stderr}\n{proc.stdout}"
    out = sections(proc.stdout)
    assert "end" in out, f"the script did not finish:\n{proc.stdout}"

    assert statuses(out["modprobe"]) == [0]
    assert out["modprobe"].splitlines()[-1] == "1", "ip_vs is not loaded"
    assert statuses(out["ipvsadm"]) == [0, 0, 0], out["ipvsadm"]

    listing = out["list"]
    assert re.search(r"^TCP\s+10\.0\.0\.1:80 wlc\s*$", listing, re.M), \
        listing
    assert re.search(r"^\s+->\s+10\.0\.1\.1:80\s+Masq\s+2\s+0\s+0\s*$",
                     listing, re.M), listing
    assert re.search(r"^\s+->\s+10\.0\.1\.2:80\s+Masq\s+3\s+0\s+0\s*$",
                     listing, re.M), listing

    assert statuses(out["version"]) == [0]
    assert re.search(r"^Keepalived v\d+\.\d+\.\d+", out["version"], re.M), \
        out["version"]

    assert statuses(out["config-good"]) == [0], out["config-good"]
    bad = out["config-bad"]
    assert statuses(bad)[-1] != 0, bad
    assert "nosuch" in bad, bad


# ---- the daemon against the kernel (test/vm/ipvs-kernel.sh) ---------------

def run_vm(args, bin_dir, timeout_s):
    env = dict(os.environ, KA_VM_TIMEOUT=str(timeout_s), KA_BIN_DIR=bin_dir)
    try:
        return subprocess.run([RUN_VM] + args, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=timeout_s + 60)
    except subprocess.TimeoutExpired:
        return None


@pytest.fixture(scope="module")
def kernel_run(keepalived_bin):
    """The sections of one run of ipvs-kernel.sh, or the reason to skip."""
    proc = run_vm([KERNEL_SCRIPT, KERNEL_CONFS],
                  os.path.dirname(keepalived_bin), KERNEL_VM_TIMEOUT_S)
    if proc is None:
        pytest.fail(f"run-vm did not return in {KERNEL_VM_TIMEOUT_S + 60} s")
    if proc.returncode == EXIT_CANNOT_PREPARE:
        pytest.skip("the IPVS VM cannot run here: " +
                    proc.stderr.strip().splitlines()[-1])
    assert proc.returncode == 0, \
        f"run-vm exit {proc.returncode}\n{proc.stderr}\n{proc.stdout}"
    out = sections(proc.stdout)
    assert "end" in out, f"the script did not finish:\n{proc.stdout}"
    return out


def waits(text):
    return re.findall(r"^wait=(.*)$", text, re.M)


def table(text):
    """{service line: [(addr:port, method, weight)]} of "ipvsadm -Ln"
    output; the service line with single spaces ("TCP 10.0.0.1:80 rr")."""
    services = {}
    current = None
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 4 and words[0] == "->" and \
                words[1] != "RemoteAddress:Port" and current is not None:
            services[current].append((words[1], words[2], int(words[3])))
        elif words and words[0] in ("TCP", "UDP", "SCTP", "FWM"):
            current = " ".join(words)
            services[current] = []
    return {k: sorted(v) for k, v in services.items()}


def stats(text):
    """{"addr:port" of the service or a destination: (Conns, InPkts,
    OutPkts, InBytes, OutBytes)} of "ipvsadm -Ln --stats" output."""
    found = {}
    for line in text.splitlines():
        words = line.split()
        if len(words) == 7 and words[0] == "->":
            found[words[1]] = tuple(int(w) for w in words[2:])
        elif len(words) == 7 and words[0] in ("TCP", "UDP"):
            found["service " + words[1]] = tuple(int(w) for w in words[2:])
    return found


UNOWNED = ("TCP 10.9.9.9:80 rr", [("10.0.1.4:80", "Masq", 7)])

STARTED = {
    "TCP 10.0.0.1:80 rr": [("10.0.1.1:80", "Masq", 1),
                           ("10.0.1.2:80", "Masq", 1),
                           ("10.0.1.4:80", "Masq", 1)],
    "TCP 10.0.0.2:80 wlc persistent 120 mask 255.255.255.0":
        [("10.0.1.1:80", "Masq", 2), ("10.0.1.3:80", "Masq", 3)],
    "TCP 10.0.0.3:80 rr": [("10.0.1.1:80", "Masq", 1),
                           ("10.0.1.3:80", "Masq", 1)],
    "TCP [fd00::100]:80 sh (sh-port)": [("[fd00:1::1]:80", "Masq", 1),
                                        ("[fd00:1::2]:80", "Masq", 1)],
    "FWM 5 wrr persistent 30": [("10.0.1.1:0", "Route", 3)],
    UNOWNED[0]: UNOWNED[1],
}


def test_start_programs_every_service(kernel_run):
    """Scheduler, flags, persistence and mask, methods and weights of
    IPv4, IPv6 and fwmark services, as ipvsadm reads them back."""
    out = kernel_run["start"]
    assert waits(out) == ["ok", "ok"], out
    assert table(out) == STARTED, out


def test_nat_traffic_is_round_robin(kernel_run):
    out = kernel_run["traffic"]
    answers = out.split("-- ipv6")[0].split()
    # rr over three servers: six requests, two each, in a fixed cycle.
    assert sorted(answers) == ["rs1", "rs1", "rs2", "rs2", "rs4", "rs4"], out
    assert answers[:3] == answers[3:], out
    assert out.split("-- ipv6")[1].split()[0] in ("rs1", "rs2"), out
    st = stats(out.split("-- stats")[1])
    assert st["service 10.0.0.1:80"][0] >= 6, out
    for rs in ("10.0.1.1:80", "10.0.1.2:80", "10.0.1.4:80"):
        assert st[rs][0] == 2, out


def test_failed_servers_leave_and_come_back(kernel_run):
    fail = kernel_run["fail"]
    assert waits(fail) == ["ok", "ok", "ok"], fail
    t = table(fail)
    assert t["TCP 10.0.0.1:80 rr"] == [("10.0.1.1:80", "Masq", 1),
                                       ("10.0.1.4:80", "Masq", 1)]
    # inhibit_on_failure: weight 0 instead of removal
    assert t["TCP 10.0.0.2:80 wlc persistent 120 mask 255.255.255.0"] == \
        [("10.0.1.1:80", "Masq", 2), ("10.0.1.3:80", "Masq", 0)]
    # quorum 2 lost: the sorry server replaces the live one
    assert t["TCP 10.0.0.3:80 rr"] == [("10.0.1.9:80", "Masq", 1)]
    recover = kernel_run["recover"]
    assert waits(recover) == ["ok", "ok", "ok"], recover
    assert table(recover) == STARTED, recover


def test_reload_applies_only_the_difference(kernel_run):
    before, after = kernel_run["reload-before"], kernel_run["reload-after"]
    assert waits(before) == ["ok", "ok"], before
    assert waits(after) == ["ok"], after
    assert "others=unchanged" in after, after
    st0 = stats(before.split("-- others")[0])
    st1 = stats(after.split("-- others")[0])
    # untouched: counters kept; weight changed: an edit, counters kept
    assert st0["10.0.1.1:80"][0] > 0 and st0["10.0.1.2:80"][0] > 0, before
    assert st1["10.0.1.1:80"] == st0["10.0.1.1:80"], (before, after)
    assert st1["10.0.1.2:80"] == st0["10.0.1.2:80"], (before, after)
    assert "10.0.1.4:80" not in st1 and st1["10.0.1.3:80"][0] == 0, after
    log = after.split("-- log")[1]
    changes = [l.strip() for l in log.splitlines()
               if re.search(r"Removing service|Adding service|Changing "
                            r"weight|Enabling|Disabling", l)]
    assert sorted(changes) == sorted([
        "Removing service [10.0.1.4]:tcp:80 from VS [10.0.0.1]:tcp:80",
        "Changing weight from 1 to 4 for active service [10.0.1.2]:tcp:80 "
        "of VS [10.0.0.1]:tcp:80",
        "Adding service [10.0.1.3]:tcp:80 to VS [10.0.0.1]:tcp:80",
    ]), log


def test_stop_removes_what_was_added(kernel_run):
    out = kernel_run["stop"]
    assert "exit=0" in out, out
    assert table(out) == dict([UNOWNED]), out


def test_dont_release_ipvs_keeps_the_table(kernel_run):
    out = kernel_run["dont-release"]
    assert waits(out) == ["ok", "ok", "ok"], out
    assert "exit=0" in out, out
    assert table(out.split("-- stats")[0]) == STARTED, out


def test_restart_takes_over_the_entries_with_their_counters(kernel_run):
    kept = stats(kernel_run["dont-release"].split("-- stats")[1])
    out = kernel_run["restart"]
    assert waits(out) == ["ok"], out
    assert "exit=0" in out, out
    assert kept["service 10.0.0.1:80"][0] >= 3, kept
    assert stats(out) == kept, out
    # and its stop removes them
    assert table(out.split("exit=0")[1]) == dict([UNOWNED]), out


def test_setsockopt_backend(kernel_run):
    out = kernel_run["sockopt"]
    assert waits(out) == ["ok"], out
    running, stopped = out.split("exit=")
    assert table(running) == {
        "TCP 10.0.0.7:8080 wlc persistent 50": [("10.0.1.1:80", "Masq", 5),
                                                ("10.0.1.2:80", "Masq", 6)],
        "FWM 9 rr": [("10.0.1.2:0", "Route", 2)],
        UNOWNED[0]: UNOWNED[1],
    }, out
    assert stopped.startswith("0"), out
    assert table(stopped) == dict([UNOWNED]), out


def test_sync_daemon_follows_the_instance(kernel_run):
    out = kernel_run["sync"]
    assert waits(out) == ["ok", "ok", "ok", "ok"], out
    daemon = "sync daemon (mcast=syncd0, syncid=51,"

    def part(name, nxt):
        return out.split(f"-- {name}")[1].split(nxt)[0]

    assert re.findall(r"^(\w+) sync daemon", part("backup", "wait="),
                      re.M) == ["backup"], out
    assert daemon in part("backup", "wait="), out
    assert re.findall(r"^(\w+) sync daemon", part("master", "wait="),
                      re.M) == ["master"], out
    # a reload with another id restarts it in the role the instance has
    assert re.findall(r"^(\w+) sync daemon \(mcast=syncd0, syncid=(\d+),",
                      part("reloaded", "wait="), re.M) == \
        [("master", "9")], out
    # FAULT (its interface down) is not MASTER: back to backup
    assert re.findall(r"^(\w+) sync daemon \(mcast=syncd0, syncid=(\d+),",
                      part("fault", "exit="), re.M) == [("backup", "9")], out
    assert "exit=0" in out, out
    assert "sync daemon" not in part("stopped", "-- end"), out


def test_tunnels_persistence_engine_and_group(kernel_run):
    out = kernel_run["tunnel"]
    assert waits(out) == ["ok"], out
    running, stopped = out.split("exit=")
    running, tun_info = running.split("-- tun-info")
    assert table(running) == {
        "UDP 10.0.0.9:5060 rr persistent 60 pe sip":
            [("10.0.1.2:5060", "Tunnel", 1), ("10.0.1.3:5060", "Tunnel", 2),
             ("10.0.1.4:5060", "Tunnel", 3)],
        "TCP [fd00::109]:80 mh (mh-port) persistent 30 mask 64":
            [("[fd00:1::3]:80", "Route", 4)],
        # virtual_server_group: one service per address and per mark
        "TCP 10.0.0.20:80 lc": [("10.0.1.1:80", "Masq", 1)],
        "TCP 10.0.0.21:80 lc": [("10.0.1.1:80", "Masq", 1)],
        "FWM 11 lc": [("10.0.1.1:80", "Masq", 1)],
        UNOWNED[0]: UNOWNED[1],
    }, out
    # --tun-info: type, port and checksum ("+c" on, "-c" off)
    tun = {w[1]: w[3] for w in (l.split() for l in tun_info.splitlines())
           if len(w) > 3 and w[0] == "->" and w[2] == "Tunnel"}
    assert tun == {"10.0.1.2:5060": "gue:6080:+c", "10.0.1.3:5060": "ipip",
                   "10.0.1.4:5060": "gre:-c"}, out
    assert stopped.startswith("0"), out
    assert table(stopped) == dict([UNOWNED]), out


def test_lvs_flush_and_flush_on_stop(kernel_run):
    out = kernel_run["flush"]
    assert waits(out) == ["ok"], out
    running, stopped = out.split("-- added by hand")
    # the service not ours is gone at start, and all is gone at stop
    assert table(running) == {
        "TCP 10.0.0.8:80 rr": [("10.0.1.1:80", "Masq", 1)]}, out
    assert "exit=0" in stopped, out
    assert table(stopped) == {}, out


def test_no_ipvs_errors_logged(kernel_run):
    log = kernel_run["log"]
    assert "IPVS: cannot" not in log, log
    assert "lvs_sync_daemon: cannot" not in log, log
