"""vrrp_script and track_script with the real daemon, in two namespaces
joined by a veth: our node tracks a shell script whose exit status (or
hanging) the test controls through a file, and the peer (Debian's
keepalived 2.2.7, or ours) must take over and give back the virtual
address as the script's weight or a FAULT says."""
import json
import os
import pathlib
import pwd
import shutil
import signal
import tempfile

import pytest

from kalib import wait_until

OURS_ARGS = ("-n", "-l", "-G", "-D")
REF_ARGS = ("-n", "-l", "-D")
VIP = "192.168.84.100"


def has_vip(ns):
    links = json.loads(ns.ip("-j", "addr", "show", "dev", "vr0") or "[]")
    return any(a["local"] == VIP for link in links
               for a in link.get("addr_info", []))


def instance(prio, extra=""):
    return ("vrrp_instance VI_1 {\n    state BACKUP\n    interface vr0\n"
            "    virtual_router_id 61\n"
            f"    priority {prio}\n    advert_int 1\n{extra}"
            f"    virtual_ipaddress {{\n        {VIP}/24\n    }}\n}}\n")


GLOBAL = ("global_defs {\n    enable_script_security\n"
          "    script_user root\n    vrrp_garp_master_delay 0\n}\n")


class Script:
    """A tracked shell script in its own directory: it exits with the
    status written in the file 'ctl', or hangs (with a child of its own)
    while 'ctl' says "hang", recording the pids of what it started."""

    def __init__(self, path):
        self.dir = path
        self.ctl = path / "ctl"
        self.pids = path / "pids"
        self.path = path / "chk.sh"
        self.set("0")
        self.runs = path / "runs"
        self.path.write_text(
            "#!/bin/sh\n"
            f"echo run >> {self.runs}\n"
            f"s=$(cat {self.ctl})\n"
            'if [ "$s" = hang ]; then\n'
            "    sleep 60 &\n"
            f"    echo $$ $! >> {self.pids}\n"
            "    wait\n"
            "fi\n"
            'exit "$s"\n')
        self.path.chmod(0o755)

    def set(self, what):
        tmp = self.dir / "ctl.new"
        tmp.write_text(what + "\n")
        os.replace(tmp, self.ctl)

    def run_count(self):
        return len(self.runs.read_text().splitlines()) \
            if self.runs.exists() else 0

    def recorded_pids(self):
        if not self.pids.exists():
            return []
        return [int(p) for line in self.pids.read_text().splitlines()
                for p in line.split()]


def alive_and_ours(pid, marker):
    """True if pid still runs one of our scripts (its command line names
    the script's directory or is the sleep it started)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z" and (marker in cmd or cmd.startswith("sleep 60"))


@pytest.fixture
def pair(netns, veth):
    a, b = netns("vsa"), netns("vsb")
    veth(a, b, "192.168.84.1/24", "192.168.84.2/24", ifname_a="vr0",
         ifname_b="vr0")
    return a, b


def start_peer(daemon, ns, binary, prio=120):
    return daemon(ns, instance(prio), args=REF_ARGS if binary else
                  OURS_ARGS, binary=binary, name="peer")


def holder_is(a, b, who, timeout=30):
    want = {"a": (True, False), "b": (False, True)}[who]
    wait_until(lambda: (has_vip(a), has_vip(b)) == want, timeout,
               what=f"the VIP on node {who} only")


@pytest.mark.parametrize("peer", ["keepalived", "ours"])
def test_weight_moves_the_master(pair, daemon, keepalived_ref, tmp_path,
                                 peer):
    """weight -60, fall 2, rise 2: a failing script takes the master from
    150 to 90, under the peer's 120; success again gives it 150 back and
    it preempts."""
    a, b = pair
    s = Script(tmp_path)
    dump = tmp_path / "ka.data"
    glob = GLOBAL.replace("}\n", f"    state_dump_file {dump}\n}}\n", 1)
    conf = glob + (
        f'vrrp_script chk {{\n    script "{s.path}"\n    interval 1\n'
        "    weight -60\n    rise 2\n    fall 2\n}\n") + instance(
            150, "    track_script {\n        chk\n    }\n")
    start_peer(daemon, b, keepalived_ref if peer == "keepalived" else None)
    d = daemon(a, conf, args=OURS_ARGS, name="ours")
    holder_is(a, b, "a")
    d.wait_for_log(r"VRRP_Script\(chk\) succeeded")

    mark = d.mark()
    s.set("1")
    d.wait_for_log(r"VRRP_Script\(chk\) failed \(exited with status 1\)",
                   timeout=20, since=mark)
    d.wait_for_log(r"\(VI_1\) Changing effective priority from 150 to 90",
                   timeout=20, since=mark)
    holder_is(a, b, "b")
    # the USR1 dump shows the configured and the effective priority
    d.signal(signal.SIGUSR1)
    wait_until(lambda: dump.exists() and "Effective priority = 90" in
               dump.read_text(), 20, what="the data dump")
    text = dump.read_text()
    assert "Priority = 150" in text
    assert "chk weight -60, BAD" in text

    mark = d.mark()
    s.set("0")
    d.wait_for_log(r"VRRP_Script\(chk\) succeeded", timeout=20, since=mark)
    d.wait_for_log(r"\(VI_1\) Changing effective priority from 90 to 150",
                   timeout=20, since=mark)
    holder_is(a, b, "a")
    assert d.running()


def test_weight_zero_means_fault(pair, daemon, keepalived_ref, tmp_path):
    """An unweighted script that fails puts the instance in FAULT: the
    VIP goes (with a priority-0 advert: keepalived's peer says it got
    one) and comes back when the script succeeds again."""
    a, b = pair
    s = Script(tmp_path)
    conf = GLOBAL + (f'vrrp_script chk {{\n    script "{s.path}"\n'
                     "    interval 1\n}\n") + instance(
        150, "    track_script {\n        chk\n    }\n")
    peer = start_peer(daemon, b, keepalived_ref)
    d = daemon(a, conf, args=OURS_ARGS, name="ours")
    holder_is(a, b, "a")

    mark, pmark = d.mark(), peer.mark()
    s.set("2")
    d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20, since=mark)
    holder_is(a, b, "b")
    assert "sent 0 priority" in d.log()[mark:]
    peer.wait_for_log(r"\(VI_1\) Backup received priority 0 advertisement",
                      since=pmark)

    mark = d.mark()
    s.set("0")
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20, since=mark)
    holder_is(a, b, "a")

    # a reload that changes nothing keeps the instance and the script's
    # runs and state: no new transition, no new first result
    mark = d.mark()
    d.signal(signal.SIGHUP)
    d.wait_for_log("Configuration reloaded", timeout=20, since=mark)
    runs = s.run_count()
    wait_until(lambda: s.run_count() >= runs + 3, 20,
               what="three more runs of the script")
    after = d.log()[mark:]
    assert "Entering" not in after and "VRRP_Script" not in after, after
    assert has_vip(a)


def test_hung_script_is_killed(pair, daemon, tmp_path):
    """A script that hangs past its time-out counts as a failure (FAULT
    with weight 0) and is killed with the child it started: none of the
    recorded pids survives. Runs do not pile up meanwhile."""
    a, b = pair
    # A directory others may enter: the script must be secure for
    # enable_script_security, and tmp_path's parents are private anyway.
    s = Script(tmp_path)
    conf = GLOBAL + (f'vrrp_script hang {{\n    script "{s.path}"\n'
                     "    interval 1\n    timeout 2\n}\n") + instance(
        150, "    track_script {\n        hang\n    }\n")
    start_peer(daemon, b, None)
    d = daemon(a, conf, args=OURS_ARGS, name="ours")
    holder_is(a, b, "a")

    mark = d.mark()
    s.set("hang")
    d.wait_for_log(r"VRRP_Script\(hang\) timed_out", timeout=20, since=mark)
    d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20, since=mark)
    holder_is(a, b, "b")
    marker = str(tmp_path)

    def two_runs_never_together():
        shells = s.recorded_pids()[0::2]
        alive = [p for p in shells if alive_and_ours(p, marker)]
        assert len(alive) <= 1, f"hung runs alive together: {alive}"
        return len(shells) >= 2
    wait_until(two_runs_never_together, 30, what="two hung runs recorded")
    s.set("0")
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=30, since=mark)
    holder_is(a, b, "a")
    pids = s.recorded_pids()
    wait_until(lambda: not [p for p in pids if alive_and_ours(p, marker)],
               20, what=f"the hung scripts' processes {pids} gone")
    assert d.running()
    assert d.stop(20) == 0


@pytest.fixture
def public_dir():
    """A directory user nobody can reach (tmp_path's parents are
    private), root's and secure for enable_script_security; removed."""
    path = tempfile.mkdtemp(prefix="ka-vrscript-", dir="/tmp")
    os.chmod(path, 0o755)
    yield pathlib.Path(path)
    shutil.rmtree(path, ignore_errors=True)


def test_script_runs_as_its_user(pair, daemon, public_dir):
    """user nobody: the script runs with that uid (it records it)."""
    a, _ = pair
    out = public_dir / "out"
    out.mkdir()
    os.chown(out, pwd.getpwnam("nobody").pw_uid, -1)
    record = out / "uid"
    script = public_dir / "who.sh"
    script.write_text(f"#!/bin/sh\nid -u > {record}\n")
    script.chmod(0o755)
    conf = GLOBAL + (f'vrrp_script who {{\n    script "{script}"\n'
                     "    user nobody\n}\n") + instance(
        150, "    track_script {\n        who\n    }\n")
    d = daemon(a, conf, args=OURS_ARGS, name="ours")
    wait_until(lambda: record.exists() and record.read_text().strip(), 20,
               what="the script's record")
    assert record.read_text().strip() == str(pwd.getpwnam("nobody").pw_uid)
    assert d.stop(20) == 0
