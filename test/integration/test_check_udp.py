"""UDP_CHECK: our daemon in a director namespace sends datagrams to a real
server in another namespace (socat, one bridge between them) and records
the IPVS table it programs (--ipvs-record); the tests stop the server or
make it silent and watch the real server go out of the table and back.

Timers are short (delay_loop 1 s, connect_timeout 1 s); every wait has a
generous time-out and no test asserts on timing.
"""
import os
import signal
import subprocess

from kalib import wait_until

from checklib import VIP, director_topology, start_director, wait_dest

SVC = f"UDP {VIP}:53"
PORT = 5300


def udp_config(rs, check_opts):
    return f"""
global_defs {{
    router_id udptest
}}
virtual_server {VIP} 53 {{
    delay_loop 1
    retry 1
    delay_before_retry 1
    lvs_sched rr
    protocol UDP
    real_server {rs} {PORT} {{
        weight 1
        UDP_CHECK {{
            connect_timeout 1
            {check_opts}
        }}
    }}
}}
"""


class Socat:
    """socat in a namespace: "echo" sends every datagram back, "sink"
    takes them without a word and appends them to the file "sink"."""

    def __init__(self, ns, addr, port, mode, sink=None):
        self.ns, self.addr, self.port, self.mode = ns, addr, port, mode
        self.sink = sink
        self.proc = None

    def start(self):
        listen = f"UDP4-RECVFROM:{self.port},bind={self.addr},fork"
        target = "EXEC:cat"
        if self.mode == "sink":
            listen = f"UDP4-RECV:{self.port},bind={self.addr}"
            target = f"OPEN:{self.sink or '/dev/null'},creat,append"
        # -u: from the socket to the file only (the file's end of input
        # must not end socat).
        opts = ["-u"] if self.mode == "sink" else []
        self.proc = self.ns.popen(["socat"] + opts + [listen, target],
                                  stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        wait_until(self._bound, 20, 0.1, f"socat on {self.port}")
        return self

    def _bound(self):
        if self.proc.poll() is not None:
            raise RuntimeError(f"socat exited {self.proc.returncode}")
        out = self.ns.run(["ss", "-Huln"]).stdout
        return f"{self.addr}:{self.port} " in out

    def stop(self):
        if self.proc and self.proc.poll() is None:
            # Its group: the children "fork" made go with it.
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)


def test_require_reply_follows_the_echo(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs_ns, rs = topo.servers[0], topo.rs_addr(0)
    srv = Socat(rs_ns, rs, PORT, "echo").start()
    # "PING" sent; a reply "PI?G" (one nibble free) required.
    d, table = start_director(daemon, topo, tmp_path, udp_config(
        rs, "payload 50494e47\nrequire_reply 5049 4x47"))
    dest = f"{rs}:{PORT}"

    try:
        wait_dest(table, SVC, dest, weight=1)
        # Port closed: ICMP port unreachable.
        srv.stop()
        wait_dest(table, SVC, dest, present=False)
        d.wait_for_log(rf"UDP_CHECK on service \[{rs}\]:udp:{PORT} "
                       r"failed: Connection refused")
        srv = Socat(rs_ns, rs, PORT, "echo").start()
        wait_dest(table, SVC, dest, weight=1)
        # Silence: no reply within connect_timeout.
        mark = d.mark()
        srv.stop()
        srv = Socat(rs_ns, rs, PORT, "sink").start()
        wait_dest(table, SVC, dest, present=False)
        d.wait_for_log(rf"UDP_CHECK on service \[{rs}\]:udp:{PORT} "
                       r"failed: timeout", since=mark)
    finally:
        srv.stop()
    assert d.running()


def test_wrong_reply_is_a_failure(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs_ns, rs = topo.servers[0], topo.rs_addr(0)
    srv = Socat(rs_ns, rs, PORT, "echo").start()
    # The echo of "PONG" is not "PING".
    d, table = start_director(daemon, topo, tmp_path, udp_config(
        rs, "payload 504f4e47\nrequire_reply 50494e47"))
    dest = f"{rs}:{PORT}"

    try:
        wait_dest(table, SVC, dest, present=False)
        d.wait_for_log(rf"UDP_CHECK on service \[{rs}\]:udp:{PORT} "
                       r"failed: reply does not match")
    finally:
        srv.stop()
    assert d.running()


def test_without_require_reply_only_an_icmp_error_fails(netns, bridge,
                                                        daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs_ns, rs = topo.servers[0], topo.rs_addr(0)
    sink = tmp_path / "received"
    srv = Socat(rs_ns, rs, PORT, "sink", sink).start()
    # Random payload, no reply expected: silence is fine.
    d, table = start_director(daemon, topo, tmp_path, udp_config(rs, ""))
    dest = f"{rs}:{PORT}"

    def received():
        try:
            return sink.stat().st_size
        except FileNotFoundError:
            return 0

    try:
        wait_dest(table, SVC, dest, weight=1)
        # Three silent attempts (random payloads) later it is still there.
        wait_until(lambda: received() >= 3 * 16, 30, 0.1,
                   "three datagrams at the server")
        wait_dest(table, SVC, dest, weight=1)
        srv.stop()
        wait_dest(table, SVC, dest, present=False)
        srv = Socat(rs_ns, rs, PORT, "sink", sink).start()
        wait_dest(table, SVC, dest, weight=1)
    finally:
        srv.stop()
    assert d.running()
