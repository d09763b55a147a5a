"""IPVS in a real kernel: a Debian kernel booted under qemu by test/vm/run-vm.

The host kernel may have no IPVS at all, so the script below runs inside
the VM: it programs IPVS with ipvsadm, reads the table back, and runs our
keepalived's --version and config test (-t) on an LVS configuration. The
test is skipped, with run-vm's reason, where the VM cannot be prepared (no
qemu, the kernel package cannot be downloaded).
"""
import os
import re
import subprocess

import pytest

import kalib

RUN_VM = os.path.join(kalib.REPO_ROOT, "test", "vm", "run-vm")
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
