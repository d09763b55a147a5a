"""Fault injection: HTTP_GET and SSL_GET against web servers that
misbehave (hostile_http.py): accept and never answer, answer one byte a
second, send an endless body, send a 10 MB header, reset mid-response;
SSL_GET against a listener that never starts the handshake, and over
TLS an endless body and a one-byte-a-second answer; and an SSL_GET
server whose certificate is self-signed and expired.

Each misbehaving server must leave the recorded IPVS table within
delay_loop + connect_timeout x (retry + 1) plus a margin of several
seconds (our fetch has one timer for the whole exchange, so a trickle
or an endless body cannot hold a check open), and stay out. The SSL_GET
server stays in: keepalived's SSL_GET does not verify the server's
certificate (no "ca", no verification), which Debian's genhash confirms
against the same server. A healthy server beside them is never flapped,
the checker child's memory stays bounded while the hostile servers keep
being checked, and SIGTERM stops the daemon cleanly, emptying the table.
"""
import hashlib
import os
import subprocess
import sys

from checklib import VIP, director_topology, read_table, start_director
from faultlib import Monotonic, rss_kib, sanitized
from http_servers import port_open
from kalib import run, wait_until
from proclib import wait_children

SVC = f"TCP {VIP}:80"
HERE = os.path.dirname(os.path.abspath(__file__))
# port: (behaviour, checker, why it fails as the -D log line says)
HOSTILE = {
    8081: ("silent", "HTTP_GET", "timeout"),
    8082: ("trickle", "HTTP_GET", "timeout"),
    8083: ("endless", "HTTP_GET", "timeout"),
    8084: ("bigheader", "HTTP_GET", "bad response: line too long"),
    8085: ("reset", "HTTP_GET", "read error: Connection reset by peer"),
    # A TCP listener that never starts the TLS handshake.
    8444: ("silent", "SSL_GET", "timeout"),
    8445: ("tlsendless", "SSL_GET", "timeout"),
    8446: ("tlsdribble", "SSL_GET", "timeout"),
}
HEALTHY, TLS = 8086, 8443
DELAY_LOOP, CONNECT_TIMEOUT, RETRY = 2, 2, 0
BOUND = DELAY_LOOP + CONNECT_TIMEOUT * (RETRY + 1)
HEALTHY_TIMEOUT = 10
MARGIN = 10
# Rounds of checks against the hostile servers over which memory is read.
SOAK_ROUNDS = 8
# A leak of even one 10 MB header a round would add 80 MB.
RSS_GROWTH_KIB = 16 * 1024


def expired_cert(tmp_path):
    """A self-signed certificate that expired in 2020, and its key."""
    d = tmp_path / "ca"
    d.mkdir()
    (d / "index.txt").write_text("")
    (d / "serial").write_text("01\n")
    (d / "ca.cnf").write_text(f"""
[ ca ]
default_ca = ca_default
[ ca_default ]
database = {d}/index.txt
new_certs_dir = {d}
serial = {d}/serial
default_md = sha256
policy = policy_any
[ policy_any ]
commonName = supplied
""")
    key, csr, cert = d / "key.pem", d / "csr.pem", d / "cert.pem"
    res = run(["openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes",
               "-keyout", str(key), "-out", str(csr),
               "-subj", "/CN=expired.example"], timeout=60)
    assert res.returncode == 0, res.stderr
    res = run(["openssl", "ca", "-batch", "-config", str(d / "ca.cnf"),
               "-selfsign", "-keyfile", str(key), "-in", str(csr),
               "-out", str(cert), "-startdate", "20200101000000Z",
               "-enddate", "20200102000000Z"], timeout=60)
    assert res.returncode == 0, res.stderr
    return str(cert), str(key)


def config(rs):
    def server(port, kind, timeout=CONNECT_TIMEOUT, retry=RETRY):
        return f"""
    real_server {rs} {port} {{
        {kind} {{
            connect_timeout {timeout}
            retry {retry}
            delay_before_retry 1
            url {{
                path /
                status_code 200
            }}
        }}
    }}"""
    servers = "".join(server(p, HOSTILE[p][1]) for p in sorted(HOSTILE))
    # The healthy ones get room for a busy machine (a TLS handshake
    # under the sanitizers may take seconds): a flap of theirs must come
    # from the hostile servers, not from the load.
    servers += (server(HEALTHY, "HTTP_GET", HEALTHY_TIMEOUT, 2)
                + server(TLS, "SSL_GET", HEALTHY_TIMEOUT, 2))
    return f"""
global_defs {{
    router_id hostile
}}
virtual_server {VIP} 80 {{
    delay_loop {DELAY_LOOP}
    lvs_sched rr
    lvs_method NAT
    protocol TCP
{servers}
}}
"""


def dests(table):
    return set((read_table(table) or {}).get(SVC, {}))


def start_servers(ns, rs, tmp_path, name, specs, tls, last_port):
    """One hostile_http.py process in ns; returns it once last_port
    accepts."""
    log = open(tmp_path / f"servers-{name}.log", "wb")
    srv = ns.popen([sys.executable, os.path.join(HERE, "hostile_http.py"),
                    "--bind", rs, "--tls", tls[0], tls[1]] + specs,
                   stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    log.close()
    wait_until(lambda: srv.poll() is not None
               or port_open(ns, rs, last_port), 20, 0.2, f"the {name} "
               "servers")
    assert srv.poll() is None, (
        (tmp_path / f"servers-{name}.log").read_text())
    return srv


def test_hostile_web_servers(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    ns = topo.servers[0]
    tls = expired_cert(tmp_path)
    procs = []
    try:
        # The healthy servers in a process of their own: the endless
        # senders' threads hold the interpreter's lock for long spells.
        procs.append(start_servers(
            ns, rs, tmp_path, "hostile",
            [f"{p}={k}" for p, (k, _, _) in HOSTILE.items()], tls, 8446))
        procs.append(start_servers(
            ns, rs, tmp_path, "healthy",
            [f"{HEALTHY}=healthy", f"{TLS}=tls"], tls, TLS))
        run_checks(topo, rs, daemon, tmp_path)
    finally:
        for srv in procs:
            if srv.poll() is None:
                srv.kill()
            srv.wait(10)


def run_checks(topo, rs, daemon, tmp_path):
    # What keepalived's own tool makes of the expired, self-signed
    # certificate: it fetches the page all the same.
    if os.access("/usr/bin/genhash", os.X_OK):
        res = topo.director.run(["/usr/bin/genhash", "-S", "-s", rs, "-p",
                                 str(TLS), "-u", "/"], timeout=30)
        ok_md5 = hashlib.md5(b"ok").hexdigest()
        assert res.returncode == 0 and ok_md5 in res.stdout, (
            f"Debian's genhash: {res.returncode} {res.stdout} {res.stderr}")

    clock = Monotonic()
    d, table = start_director(daemon, topo, tmp_path, config(rs),
                              args=("-n", "-l", "-G", "-D"),
                              name="hostile")
    _, checker = wait_children(d, vrrp=False)
    keep = {f"{rs}:{HEALTHY}", f"{rs}:{TLS}"}
    hostile = {f"{rs}:{p}" for p in HOSTILE}
    left_at, flapped, back = {}, set(), set()
    synced = []

    def poll():
        now = dests(table)
        # The daemon writes the table after each server it adds at
        # start, the healthy ones last: only once they are in does an
        # absence mean a removal.
        if not synced:
            if not keep <= now:
                return False
            synced.append(True)
        for dest in hostile - now:
            left_at.setdefault(dest, clock())
        back.update(dest for dest in hostile & now if dest in left_at)
        flapped.update(keep - now)
        return set(left_at) == hostile

    wait_until(poll, BOUND + MARGIN + 30, 0.1,
               f"the hostile servers out of the table ({sorted(hostile)})")
    slowest = max(left_at.values())
    assert slowest <= BOUND + MARGIN, (
        f"hostile servers left after {left_at} s (since the start), "
        f"bound {BOUND}s + margin {MARGIN}s")
    rss_before = rss_kib(checker)

    # Keep them being checked for a while: they stay out, the others in.
    mark = d.mark()
    wait_until(lambda: poll() and d.log().count(
        f"HTTP_GET on service [{rs}]:tcp:8084 failed", mark) >= SOAK_ROUNDS,
        SOAK_ROUNDS * (BOUND + 2) + 30, 0.2,
        f"{SOAK_ROUNDS} more failed checks of the 10 MB header")
    assert not back, f"hostile servers came back: {sorted(back)}"
    assert not flapped, f"healthy servers left the table: {sorted(flapped)}"
    assert dests(table) == keep
    rss_after = rss_kib(checker)
    # Under AddressSanitizer freed memory waits in quarantine, so RSS
    # grows without a leak; LeakSanitizer checks at exit there instead.
    grown = rss_after - rss_before
    assert sanitized(checker) or grown <= RSS_GROWTH_KIB, (
        f"the checker child grew from {rss_before} KiB to {rss_after} KiB "
        f"over {SOAK_ROUNDS} rounds")
    log = d.log()
    for port, (_, kind, why) in HOSTILE.items():
        line = f"{kind} on service [{rs}]:tcp:{port} failed: /: {why}"
        assert line in log, f"no '{line}' in the log"
    print(f"hostile servers out after {sorted(left_at.values())} s; "
          f"checker RSS {rss_before} -> {rss_after} KiB")

    assert d.stop(timeout=60) == 0
    assert dests(table) == set()
