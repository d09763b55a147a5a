"""Debian's snmpd as a private AgentX master, and the tools to question it.

Snmpd runs with a configuration of its own in a temporary directory
(no system file is read or written): `master agentx` on a Unix socket in
that directory, a read-only community on a 127.0.0.1 UDP port, and
optionally a trap sink pointing at a private snmptrapd. The daemon under
test is pointed at the socket with `-A unix:PATH` or snmp_socket.

Debian has no IETF MIB modules; test/integration/mibs holds stand-ins for
the few that KEEPALIVED-MIB, VRRP-MIB and VRRPV3-MIB import, so names can be
used (names=True).
"""
import os
import signal
import socket
import subprocess
import tempfile
import time

from .paths import REPO_ROOT
from .wait import wait_until

MIB_DIR = os.path.join(REPO_ROOT, "test", "integration", "mibs")
MIB_MODULES = "KEEPALIVED-MIB:VRRP-MIB:VRRPV3-MIB"

KEEPALIVED_OID = ".1.3.6.1.4.1.9586.100.5"
VRRP_RFC2787_OID = ".1.3.6.1.2.1.68"
VRRP_RFC6527_OID = ".1.3.6.1.2.1.207"
SNMP_TRAP_OID = ".1.3.6.1.6.3.1.1.4.1.0"


def snmp_unavailable_reason():
    """Why the SNMP tests cannot run here, or None."""
    for tool in ("snmpd", "snmpwalk", "snmpget", "snmptrapd"):
        if not any(os.access(os.path.join(d, tool), os.X_OK)
                   for d in ("/usr/sbin", "/usr/bin", "/sbin", "/bin")):
            return f"{tool} is not installed (Debian packages snmpd, snmp, snmptrapd)"
    return None


def free_udp_port():
    """A UDP port on 127.0.0.1 that nothing uses right now."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def _tool_env():
    env = dict(os.environ)
    env["MIBS"] = ""
    env["MIBDIRS"] = "/usr/share/snmp/mibs:" + MIB_DIR
    env.pop("SNMPCONFPATH", None)
    return env


def _kill(proc, timeout=5):
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)


class TrapReceiver:
    """snmptrapd on a 127.0.0.1 port, writing one line per notification.

    traps() returns a list of dicts {oid: (type, value)} with numeric OIDs;
    the notification's own OID is under SNMP_TRAP_OID.
    """

    def __init__(self, workdir=None):
        self._own_dir = workdir is None
        self.dir = workdir or tempfile.mkdtemp(prefix="ka-snmptrapd-")
        self.port = free_udp_port()
        self.log = os.path.join(self.dir, "traps.log")
        self.conf = os.path.join(self.dir, "snmptrapd.conf")
        self.proc = None

    def start(self):
        with open(self.conf, "w") as f:
            f.write("disableAuthorization yes\n")
            f.write("doNotRetainNotificationLogs yes\n")
            f.write("format2 TRAP\\t%V\\t%v\\n\n")
        env = _tool_env()
        env["SNMP_PERSISTENT_DIR"] = self.dir
        self.proc = subprocess.Popen(
            ["snmptrapd", "-f", "-C", "-c", self.conf, "-On", "-Lf", self.log,
             f"udp:127.0.0.1:{self.port}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, env=env)
        wait_until(lambda: os.path.exists(self.log), timeout=10,
                   what="snmptrapd's log file")
        return self

    def stop(self):
        _kill(self.proc)
        self.proc = None

    def traps(self):
        out = []
        try:
            with open(self.log, errors="replace") as f:
                lines = f.read().splitlines()
        except FileNotFoundError:
            return out
        for line in lines:
            if not line.startswith("TRAP\t"):
                continue
            trap = {}
            for vb in line.split("\t")[2:]:
                oid, typ, val = _parse_varbind(vb)
                if oid:
                    trap[oid] = (typ, val)
            out.append(trap)
        return out

    def wait_for(self, trap_oid, predicate=None, timeout=15):
        """Waits until a notification with this snmpTrapOID (and, if given,
        for which predicate(trap) is true) has arrived; returns it."""
        found = []

        def seen():
            for t in self.traps():
                if t.get(SNMP_TRAP_OID, (None, None))[1] == trap_oid and \
                        (predicate is None or predicate(t)):
                    found.append(t)
                    return True
            return False
        wait_until(seen, timeout=timeout, what=f"trap {trap_oid}")
        return found[0]

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        if self._own_dir:
            subprocess.run(["rm", "-rf", self.dir], check=False)


class Snmpd:
    """A private snmpd acting as AgentX master.

    agentx: the address to give the daemon (-A or snmp_socket).
    trap_port: where snmpd forwards notifications (a TrapReceiver's port).
    """

    def __init__(self, trap_port=None, workdir=None, extra_args=()):
        self._own_dir = workdir is None
        self.dir = workdir or tempfile.mkdtemp(prefix="ka-snmpd-")
        os.chmod(self.dir, 0o755)
        self.port = free_udp_port()
        self.socket_path = os.path.join(self.dir, "agentx")
        self.agentx = "unix:" + self.socket_path
        self.conf = os.path.join(self.dir, "snmpd.conf")
        self.log = os.path.join(self.dir, "snmpd.log")
        self.trap_port = trap_port
        self.extra_args = list(extra_args)
        self.proc = None

    def _write_conf(self):
        with open(self.conf, "w") as f:
            f.write("master agentx\n")
            f.write(f"agentXSocket {self.agentx}\n")
            f.write("agentXPerms 0660 0755\n")
            f.write("agentXTimeout 5\n")
            f.write("rocommunity public 127.0.0.1\n")
            if self.trap_port:
                f.write(f"trap2sink 127.0.0.1:{self.trap_port} public\n")

    def start(self):
        self._write_conf()
        env = _tool_env()
        env["SNMP_PERSISTENT_DIR"] = self.dir
        self.proc = subprocess.Popen(
            ["snmpd", "-f", "-C", "-c", self.conf, "-Lf", self.log,
             "-I", "-smux,mteTrigger,mteTriggerConf", *self.extra_args,
             f"udp:127.0.0.1:{self.port}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, env=env)
        wait_until(lambda: os.path.exists(self.socket_path) and
                   self._answers(), timeout=15, what="snmpd answering")
        return self

    def _answers(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"snmpd exited: {self.log_text()[-2000:]}")
        r = subprocess.run(
            ["snmpget", "-v2c", "-c", "public", "-t", "1", "-r", "0", "-On",
             f"127.0.0.1:{self.port}", ".1.3.6.1.2.1.1.3.0"],
            capture_output=True, text=True, env=_tool_env(), timeout=10)
        return r.returncode == 0

    def stop(self):
        _kill(self.proc)
        self.proc = None

    def kill(self):
        """Gone at once, as after a crash (the socket file stays)."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=5)
        self.proc = None

    def log_text(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def _cmd(self, tool, names, extra):
        cmd = [tool, "-v2c", "-c", "public", "-t", "2", "-r", "1"]
        if names:
            cmd += ["-M", "+" + MIB_DIR, "-m", MIB_MODULES]
        else:
            cmd += ["-On"]
        cmd += ["-Oe", "-Ot"] + extra + [f"127.0.0.1:{self.port}"]
        return cmd

    def walk(self, oid, names=False, bulk=False, timeout=60):
        """[(oid, type, value)] under oid. Raises on any error the tool
        reports (time-out, OID not increasing, ...)."""
        tool = "snmpbulkwalk" if bulk else "snmpwalk"
        r = subprocess.run(self._cmd(tool, names, []) + [oid],
                           capture_output=True, text=True, env=_tool_env(),
                           timeout=timeout)
        if r.returncode != 0 or r.stderr.strip():
            raise AssertionError(f"{tool} {oid} failed ({r.returncode}): "
                                 f"{r.stderr.strip()}\n{r.stdout[-2000:]}")
        return [v for v in map(_parse_varbind, r.stdout.splitlines())
                if v[0]]

    def get(self, *oids, names=False, timeout=30):
        """{oid: (type, value)} for these OIDs (missing ones have the type
        'No Such Object' / 'No Such Instance')."""
        r = subprocess.run(self._cmd("snmpget", names, []) + list(oids),
                           capture_output=True, text=True, env=_tool_env(),
                           timeout=timeout)
        if r.returncode != 0:
            raise AssertionError(f"snmpget failed ({r.returncode}): "
                                 f"{r.stderr.strip()}")
        return {o: (t, v) for o, t, v in
                map(_parse_varbind, r.stdout.splitlines()) if o}

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        if self._own_dir:
            subprocess.run(["rm", "-rf", self.dir], check=False)


def _parse_varbind(text):
    """'OID = TYPE: value' -> (oid, type, value); strings unquoted.
    Lines net-snmp continues (long strings) come back as (None, None, None)."""
    if " = " not in text:
        return (None, None, None)
    oid, rest = text.split(" = ", 1)
    oid = oid.strip()
    if ": " in rest:
        typ, val = rest.split(": ", 1)
    elif rest.startswith('""'):
        typ, val = "STRING", '""'
    else:
        typ, val = rest, ""
    val = val.strip()
    if typ == "STRING" and len(val) >= 2 and val[0] == '"' and val[-1] == '"':
        val = val[1:-1]
    return (oid, typ.strip(), val)


def wait_registered(snmpd, oid, timeout=20):
    """Waits until a sub-agent answers under oid (its registration reached
    snmpd); returns the walk."""
    rows = []

    def have():
        try:
            got = snmpd.walk(oid)
        except AssertionError:
            return False
        # an unregistered subtree walks as one "No Such Object" row
        got = [r for r in got if not r[1].startswith("No Such")]
        rows[:] = got
        return bool(got)
    wait_until(have, timeout=timeout, interval=0.3,
               what=f"a sub-agent answering under {oid}")
    return rows


def sleep_brief(seconds):
    """For tests that must let time pass (a trap that must NOT come)."""
    time.sleep(seconds)
