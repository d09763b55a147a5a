"""Network namespaces, veth pairs and bridges made by the tests.

Everything is created inside namespaces named with a prefix unique to
this process, and a NetnsPool deletes what it made when it is closed,
also when the test failed. Nothing is added to the initial namespace:
veth ends are created directly inside their namespaces.
"""
import os
import secrets
import shutil
import subprocess

from .run import run

_unavailable = []


def netns_unavailable_reason():
    """None if this process can make namespaces, else why not (cached)."""
    if not _unavailable:
        _unavailable.append(_probe())
    return _unavailable[0]


def _probe():
    if os.geteuid() != 0:
        return f"needs root to create network namespaces (uid {os.geteuid()})"
    if shutil.which("ip") is None:
        return "the 'ip' command (iproute2) is not installed"
    name = f"kaprobe-{os.getpid()}-{secrets.token_hex(3)}"
    res = run(["ip", "netns", "add", name], timeout=10)
    if res.returncode != 0:
        return f"'ip netns add' does not work here: {res.stderr.strip()}"
    run(["ip", "netns", "del", name], timeout=10)
    return None


def netns_list():
    """Names of all network namespaces known to 'ip netns'."""
    out = run(["ip", "netns", "list"], timeout=10, check=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


class Netns:
    """One named network namespace."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Netns({self.name!r})"

    def cmd(self, cmd):
        """The argv that runs cmd inside this namespace."""
        return ["ip", "netns", "exec", self.name] + list(cmd)

    def run(self, cmd, timeout=30, check=False):
        """Runs cmd (list, or a string split on spaces) inside."""
        if isinstance(cmd, str):
            cmd = cmd.split()
        return run(self.cmd(cmd), timeout=timeout, check=check)

    def popen(self, cmd, **kwargs):
        """Starts cmd inside. 'ip netns exec' execs it in place, so the
        Popen pid is the pid of cmd itself."""
        return subprocess.Popen(self.cmd(cmd), **kwargs)

    def ip(self, *args, check=True, timeout=10):
        """Runs 'ip -n NAME args' and returns its stdout."""
        res = run(["ip", "-n", self.name] + list(args),
                  timeout=timeout, check=check)
        return res.stdout

    def addresses(self):
        """'ip -o addr' inside, without the interface counters."""
        return self.ip("-o", "addr", "show")

    def ping(self, addr, wait_s=2):
        """True if one echo request to addr gets an answer."""
        res = self.run(["ping", "-n", "-q", "-c", "1", "-W", str(wait_s),
                        addr], timeout=wait_s + 10)
        return res.returncode == 0


class Veth:
    """A veth pair: end a (ifname_a) in ns_a, end b (ifname_b) in ns_b."""

    def __init__(self, ns_a, ifname_a, ns_b, ifname_b):
        self.ns_a, self.ifname_a = ns_a, ifname_a
        self.ns_b, self.ifname_b = ns_b, ifname_b

    def __repr__(self):
        return (f"Veth({self.ns_a.name}:{self.ifname_a} <-> "
                f"{self.ns_b.name}:{self.ifname_b})")


class Bridge:
    """A bridge in namespace hub, one port (a Veth) per member."""

    def __init__(self, hub, name):
        self.hub = hub
        self.name = name
        self.ports = []


class NetnsPool:
    """Creates namespaces and links; close() deletes every namespace made.

    Use as a context manager (or through the pytest fixtures).
    """

    def __init__(self, prefix=None):
        self.prefix = prefix or f"kat{os.getpid()}-{secrets.token_hex(2)}-"
        self.made = []
        self._count = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def _next(self):
        self._count += 1
        return self._count

    def create(self, tag="ns"):
        """A new namespace with its loopback up."""
        reason = netns_unavailable_reason()
        if reason:
            raise RuntimeError(reason)
        ns = Netns(f"{self.prefix}{tag}{self._next()}")
        run(["ip", "netns", "add", ns.name], timeout=10, check=True)
        self.made.append(ns)
        ns.ip("link", "set", "lo", "up")
        return ns

    def veth(self, ns_a, ns_b, addr_a=None, addr_b=None,
             ifname_a=None, ifname_b=None):
        """A veth pair between two namespaces, both ends up.

        addr_a/addr_b are CIDR strings ("192.168.77.1/24") or None.
        Interface names default to kv<N>, unique within this pool.
        """
        n = self._next()
        ifname_a = ifname_a or f"kv{n}"
        ifname_b = ifname_b or f"kv{n}"
        run(["ip", "link", "add", ifname_a, "netns", ns_a.name,
             "type", "veth", "peer", "name", ifname_b,
             "netns", ns_b.name], timeout=10, check=True)
        for ns, ifname, addr in ((ns_a, ifname_a, addr_a),
                                 (ns_b, ifname_b, addr_b)):
            if addr:
                ns.ip("addr", "add", addr, "dev", ifname)
            ns.ip("link", "set", ifname, "up")
        return Veth(ns_a, ifname_a, ns_b, ifname_b)

    def bridge(self, members, hub=None):
        """A bridge in hub (a new namespace if None) with one veth port
        per member; members is a list of (Netns, "addr/len" or None)."""
        hub = hub or self.create("hub")
        br = Bridge(hub, f"kbr{self._next()}")
        hub.ip("link", "add", br.name, "type", "bridge")
        hub.ip("link", "set", br.name, "up")
        for ns, addr in members:
            n = self._next()
            port = self.veth(hub, ns, None, addr,
                             ifname_a=f"kp{n}", ifname_b=f"kv{n}")
            hub.ip("link", "set", port.ifname_a, "master", br.name)
            br.ports.append(port)
        return br

    def close(self):
        """Deletes every namespace this pool made; raises at the end if
        one could not be deleted (after trying all of them)."""
        errors = []
        while self.made:
            ns = self.made.pop()
            res = run(["ip", "netns", "del", ns.name], timeout=10)
            if res.returncode != 0:
                errors.append(f"{ns.name}: {res.stderr.strip()}")
        if errors:
            raise RuntimeError("could not delete namespaces: "
                               + "; ".join(errors))
