"""VRRP on the wire between our code and Debian's keepalived 2.2.7.

Two namespaces made here, joined by a veth pair: "us" runs
test/tools/vrrptool (the daemon's own socket, advert and announcement
code), "ka" runs /usr/sbin/keepalived. For each kind of advert (VRRPv2
with a password, with AH, unicast with a password and with AH, VRRPv3
over IPv4 and IPv6):
  - our receiver accepts keepalived's adverts, field by field;
  - keepalived accepts ours: as a priority-100 backup it stays BACKUP
    while we advertise priority 200, and takes over once we stop. Had it
    refused our packets (bad checksum, bad AH), it would have become
    master after its Master_Down_Interval, which the sending outlasts
    several times; a wrong password shows that it does.
Gratuitous ARPs and NAs are caught by a packet socket in the peer
namespace, and the peer's neighbour table is checked to have moved to
our MAC.
"""
import json
import os
import re
import subprocess
import sys

import pytest

from kalib import REPO_ROOT, wait_until

US_IF, KA_IF = "vu", "vk"
US4, KA4 = "10.210.1.1", "10.210.1.2"
VIP4, VIP6 = "10.210.1.100", "fd00:210::100"
PASS = "secret12"
KA_ARGS = ("-n", "-l", "-G", "-P")
VRID = 51


class Variant:
    def __init__(self, name, version, family, auth=None, unicast=False,
                 int_cs=100, sends=7):
        self.name, self.version, self.family = name, version, family
        self.auth, self.unicast, self.int_cs = auth, unicast, int_cs
        # adverts we send while keepalived must stay backup: several
        # times its Master_Down_Interval (3 intervals and a skew)
        self.sends = sends

    def __repr__(self):
        return self.name

    @property
    def vip(self):
        return VIP6 if self.family == 6 else VIP4

    def auth_args(self, password=PASS):
        if not self.auth:
            return []
        return ["--auth", self.auth, "--pass", password]

    def unicast_args(self, peer):
        return ["--unicast", peer] if self.unicast else []


VARIANTS = [
    Variant("v2_pass", 2, 4, auth="pass"),
    Variant("v2_ah", 2, 4, auth="ah"),
    Variant("v2_unicast", 2, 4, auth="pass", unicast=True),
    Variant("v2_unicast_ah", 2, 4, auth="ah", unicast=True),
    Variant("v3_ipv4", 3, 4, int_cs=10, sends=40),
    Variant("v3_ipv6", 3, 6, int_cs=10, sends=40),
]


def vrrptool_path():
    path = os.path.join(REPO_ROOT, "test", "tools", "vrrptool")
    if not os.access(path, os.X_OK):
        pytest.fail(f"{path} is not built (run make)")
    return path


def ka_conf(v, state, priority):
    """keepalived's side of variant v."""
    auth = ""
    if v.auth:
        auth = (f"  authentication {{\n    auth_type {v.auth.upper()}\n"
                f"    auth_pass {PASS}\n  }}\n")
    unicast = ""
    if v.unicast:
        unicast = (f"  unicast_src_ip {KA4}\n"
                   f"  unicast_peer {{\n    {US4}\n  }}\n")
    interval = v.int_cs / 100
    return (f"global_defs {{\n  router_id ka\n}}\n"
            f"vrrp_instance VI_1 {{\n  state {state}\n"
            f"  interface {KA_IF}\n  virtual_router_id {VRID}\n"
            f"  version {v.version}\n  priority {priority}\n"
            f"  advert_int {interval:g}\n{auth}{unicast}"
            f"  virtual_ipaddress {{\n    {v.vip}\n  }}\n}}\n")


@pytest.fixture
def link(netns, veth, keepalived_ref):
    """(us, ka): two namespaces and a veth pair, DAD off so that the
    link-local addresses VRRPv3 over IPv6 uses are ready at once. IPv6
    starts on an interface when its carrier comes up, which the kernel
    reports a little later: until then multicast (NA, adverts) is dropped
    for want of a route, so wait for the link-local addresses."""
    us, ka = netns("us"), netns("ka")
    for ns in (us, ka):
        for conf in ("all", "default"):
            ns.run(["sysctl", "-qw", f"net.ipv6.conf.{conf}.accept_dad=0"],
                   check=True)
    veth(us, ka, f"{US4}/24", f"{KA4}/24", ifname_a=US_IF, ifname_b=KA_IF)
    for ns, ifname in ((us, US_IF), (ka, KA_IF)):
        wait_until(lambda: link_local(ns, ifname), 10,
                   what=f"a link-local address on {ifname}")
    return us, ka


def link_local(ns, ifname):
    for link in json.loads(ns.ip("-j", "-6", "addr", "show", "dev", ifname)):
        for a in link.get("addr_info", []):
            if a.get("scope") == "link":
                return a["local"]
    return None


def mac_of(ns, ifname):
    return json.loads(ns.ip("-j", "link", "show", "dev", ifname))[0]["address"]


def parse_lines(text, kind):
    """The key=value lines of vrrptool that start with kind."""
    out = []
    for line in text.splitlines():
        words = line.split()
        if words and words[0] == kind:
            out.append(dict(w.split("=", 1) for w in words[1:] if "=" in w))
    return out


# ---- (1) keepalived's adverts, received by us ---------------------------

@pytest.mark.parametrize("v", VARIANTS, ids=repr)
def test_our_receiver_accepts_keepalived(link, daemon, keepalived_ref, v):
    us, ka = link
    d = daemon(ka, ka_conf(v, "MASTER", 150), args=KA_ARGS,
               binary=keepalived_ref, name="ka")
    res = us.run([vrrptool_path(), "recv", "--if", US_IF, "--vrid", str(VRID),
                  "--version", str(v.version), "--int", str(v.int_cs),
                  "--addr", v.vip, "--for", "30", "--count", "3"]
                 + v.auth_args() + v.unicast_args(KA4), timeout=60)
    assert res.returncode == 0, res.stderr
    adverts = parse_lines(res.stdout, "advert")
    assert len(adverts) == 3, res.stdout + "\n" + d.log()
    assert not parse_lines(res.stdout, "drop"), res.stdout
    assert not parse_lines(res.stdout, "bad"), res.stdout
    src = link_local(ka, KA_IF) if v.family == 6 else KA4
    dst = US4 if v.unicast else ("ff02::12" if v.family == 6
                                 else "224.0.0.18")
    for a in adverts:
        assert a["src"] == src and a["dst"] == dst
        assert a["ttl"] == "255"
        assert a["version"] == str(v.version)
        assert (a["vrid"], a["prio"]) == (str(VRID), "150")
        assert a["int_cs"] == str(v.int_cs)
        assert a["addrs"] == v.vip
        assert a["auth"] == {None: "0", "pass": "1", "ah": "2"}[v.auth]
    if v.auth == "ah":
        # keepalived's SPI is its address; sequence numbers go up by one
        assert {a["ah_spi"] for a in adverts} == {"0x0ad20102"}
        seqs = [int(a["ah_seq"]) for a in adverts]
        assert seqs == list(range(seqs[0], seqs[0] + 3))


# ---- (2) our adverts, accepted by keepalived ----------------------------

def start_sender(us, v, password=PASS, count=None):
    argv = [vrrptool_path(), "send", "--if", US_IF, "--vrid", str(VRID),
            "--prio", "200", "--version", str(v.version),
            "--int", str(v.int_cs), "--count", str(count or v.sends),
            "--addr", v.vip] + v.auth_args(password) + v.unicast_args(KA4)
    return us.popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE, text=True)


def stop(proc):
    if proc.poll() is None:
        proc.kill()
    proc.communicate(timeout=10)


@pytest.mark.parametrize("v", VARIANTS, ids=repr)
def test_keepalived_accepts_our_adverts(link, daemon, keepalived_ref, v):
    us, ka = link
    sender = start_sender(us, v)
    try:
        d = daemon(ka, ka_conf(v, "BACKUP", 100), args=KA_ARGS,
                   binary=keepalived_ref, name="ka")
        d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20)
        out, err = sender.communicate(timeout=v.sends * v.int_cs / 100 + 30)
    finally:
        stop(sender)
    assert sender.returncode == 0, err
    sent = parse_lines(out, "sent")
    assert len(sent) == v.sends and all(s["err"] == "0" for s in sent), out
    # while we sent, keepalived stayed backup ...
    mark = d.mark()
    assert "Entering MASTER STATE" not in d.log(), d.log()
    # ... and it takes over once we are silent
    d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=30,
                   since=mark)


def test_keepalived_refuses_a_wrong_ah_key(link, daemon, keepalived_ref):
    """The check above can fail: keepalived ignores adverts signed with
    another key and takes over while we are still sending them."""
    us, ka = link
    v = VARIANTS[1]
    sender = start_sender(us, v, password="wrongkey", count=60)
    try:
        d = daemon(ka, ka_conf(v, "BACKUP", 100), args=KA_ARGS,
                   binary=keepalived_ref, name="ka")
        d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=30)
        assert sender.poll() is None, "the sender stopped too early"
    finally:
        stop(sender)


# ---- (3) gratuitous ARP and unsolicited NA ------------------------------

CAPTURE = r"""
import json, socket, struct, sys, time
ifname, seconds, want = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux's value
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((ifname, 0))
s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
s.settimeout(0.2)
print("ready", flush=True)
found, end = [], time.monotonic() + seconds
while len(found) < want and time.monotonic() < end:
    try:
        frame, anc, _, addr = s.recvmsg(2048, 64)
    except socket.timeout:
        continue
    if addr[2] == socket.PACKET_OUTGOING:
        continue
    ts = None
    for level, kind, data in anc:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
            sec, nsec = struct.unpack("qq", data[:16])
            ts = sec + nsec / 1e9
    ethertype = frame[12:14].hex()
    rec = {"t": ts, "eth_dst": frame[0:6].hex(":"),
           "eth_src": frame[6:12].hex(":")}
    if ethertype == "0806" and frame[20:22] == b"\x00\x01":
        rec.update(kind="arp", sha=frame[22:28].hex(":"),
                   spa=socket.inet_ntoa(frame[28:32]),
                   tha=frame[32:38].hex(":"),
                   tpa=socket.inet_ntoa(frame[38:42]))
    elif ethertype == "86dd" and frame[20] == 58 and frame[54] == 136:
        rec.update(kind="na", hlim=frame[21],
                   src=socket.inet_ntop(socket.AF_INET6, frame[22:38]),
                   dst=socket.inet_ntop(socket.AF_INET6, frame[38:54]),
                   flags=frame[58], target=socket.inet_ntop(
                       socket.AF_INET6, frame[62:78]),
                   opt_type=frame[78], opt_mac=frame[80:86].hex(":"))
    else:
        continue
    found.append(rec)
print(json.dumps(found), flush=True)
"""


def neigh_mac(ns, ifname, addr):
    for n in json.loads(ns.ip("-j", "neigh", "show", "dev", ifname) or "[]"):
        if n.get("dst") == addr:
            return n.get("lladdr")
    return None


def test_gratuitous_arp_and_na_reach_the_peer(link):
    us, ka = link
    repeat, interval_ms = 3, 100
    # the addresses are ours, as after a take-over
    us.ip("addr", "add", f"{VIP4}/32", "dev", US_IF)
    us.ip("addr", "add", f"{VIP6}/64", "dev", US_IF, "nodad")
    ours = mac_of(us, US_IF)
    # the peer remembers the addresses at a stale MAC: the announcements
    # must move them to ours
    old = "02:00:00:00:00:99"
    for addr in (VIP4, VIP6):
        ka.ip("neigh", "replace", addr, "lladdr", old, "dev", KA_IF,
              "nud", "stale")
    cap = ka.popen([sys.executable, "-c", CAPTURE, KA_IF, "20",
                    str(2 * repeat)], stdin=subprocess.DEVNULL,
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready = cap.stdout.readline().strip()
        if ready != "ready":
            cap.wait(10)
            pytest.fail(f"capture did not start: {cap.stderr.read()}")
        res = us.run([vrrptool_path(), "garp", "--if", US_IF, "--addr",
                      VIP4, VIP6, "--repeat", str(repeat), "--interval-ms",
                      str(interval_ms)], timeout=30)
        out, err = cap.communicate(timeout=40)
    finally:
        stop(cap)
    assert res.returncode == 0, res.stdout + res.stderr
    assert f"mac={ours}" in res.stdout
    assert re.search(rf"done arp={repeat} na={repeat} errors=0", res.stdout)
    frames = json.loads(out.splitlines()[-1])
    arps = [f for f in frames if f["kind"] == "arp"]
    nas = [f for f in frames if f["kind"] == "na"]
    assert len(arps) == repeat and len(nas) == repeat, frames
    for f in arps:
        assert (f["eth_src"], f["sha"]) == (ours, ours)
        assert f["eth_dst"] == f["tha"] == "ff:ff:ff:ff:ff:ff"
        assert f["spa"] == f["tpa"] == VIP4
    for f in nas:
        assert f["eth_src"] == ours and f["eth_dst"] == "33:33:00:00:00:01"
        assert (f["src"], f["dst"], f["target"]) == (VIP6, "ff02::1", VIP6)
        assert f["hlim"] == 255
        assert f["flags"] & 0x20 and not f["flags"] & 0x40  # O, not S
        assert (f["opt_type"], f["opt_mac"]) == (2, ours)
    # timers never fire early: the messages are at least the gap apart
    for kind in (arps, nas):
        times = [f["t"] for f in kind]
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert all(g >= interval_ms / 1000 * 0.95 for g in gaps), gaps
    # and the peer now sends to us
    for addr in (VIP4, VIP6):
        wait_until(lambda: neigh_mac(ka, KA_IF, addr) == ours, 10,
                   what=f"{addr} at {ours} in the peer's table: "
                   + ka.ip("neigh", "show", "dev", KA_IF))
