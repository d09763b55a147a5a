"""Malformed adverts against a running master: an injector in the peer
namespace sends, from a raw socket, adverts that claim a HIGHER priority
than ours but are wrong in one way each. Every one must be dropped and
counted in the stats dump, and the instance must stay MASTER; a last,
well-formed higher advert then makes it yield, which shows that the
injector's packets do reach it."""
import re
import signal
import textwrap
import time

from kalib import wait_until

CONF = """\
global_defs {{
    router_id malformed
    stats_dump_file {tmp}/ka.stats
}}
vrrp_instance VI_1 {{
    state BACKUP
    interface vr0
    virtual_router_id 51
    priority 200
    advert_int 1
{extra}    authentication {{
        auth_type PASS
        auth_pass s3cret
    }}
    virtual_ipaddress {{
        192.168.86.100/24
    }}
}}
"""

# Runs inside the injector's namespace: builds each advert by hand.
INJECTOR = textwrap.dedent('''
    import socket, struct, sys

    def csum(b):
        if len(b) % 2:
            b += b"\\0"
        s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
        while s >> 16:
            s = (s & 0xffff) + (s >> 16)
        return ~s & 0xffff

    def vrrp(ver=2, typ=1, vrid=51, prio=250, count=None, auth=1, adv=1,
             addrs=("192.168.86.100",), pw=b"s3cret", bad_ck=False,
             cut=None):
        a = b"".join(socket.inet_aton(x) for x in addrs)
        n = len(addrs) if count is None else count
        body = struct.pack("!BBBBBBH", ver << 4 | typ, vrid, prio, n, auth,
                           adv, 0) + a + pw.ljust(8, b"\\0")[:8]
        ck = csum(body) ^ (1 if bad_ck else 0)
        body = body[:6] + struct.pack("!H", ck) + body[8:]
        return body[:cut] if cut is not None else body

    def ip(payload, ttl=255):
        h = struct.pack("!BBHHHBBH4s4s", 0x45, 0xc0, 20 + len(payload), 1,
                        0, ttl, 112, 0, socket.inet_aton("192.168.86.2"),
                        socket.inet_aton("224.0.0.18"))
        return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload

    KINDS = {
        "ttl": ip(vrrp(), ttl=254),
        "version": ip(vrrp(ver=3)),
        "type": ip(vrrp(typ=2)),
        "vrid": ip(vrrp(vrid=52)),
        "checksum": ip(vrrp(bad_ck=True)),
        "length": ip(vrrp(count=2)),
        "oversized_count": ip(vrrp(count=255)),
        "truncated": ip(vrrp(cut=5)),
        "auth": ip(vrrp(pw=b"wrong")),
        "auth_type_mismatch": ip(vrrp(auth=0)),
        "auth_type_invalid": ip(vrrp(auth=7)),
        "address_list": ip(vrrp(addrs=("192.168.86.200",))),
        "interval": ip(vrrp(adv=2)),
        "valid": ip(vrrp()),
        "lower": ip(vrrp(prio=50)),
    }
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s.setsockopt(socket.SOL_SOCKET, 25, b"vr0")    # SO_BINDTODEVICE
    for kind in sys.argv[1:]:
        for _ in range(3):
            s.sendto(KINDS[kind], ("224.0.0.18", 0))
''')

# kind -> the stats line it must raise (None: not an instance counter)
EXPECTED = {
    "ttl": "TTL errors",
    "version": "Version errors",
    "type": "Invalid type errors",
    "vrid": None,
    "checksum": "Checksum errors",
    "length": "Packet length errors",
    "oversized_count": "Packet length errors",
    "truncated": "Packet length errors",
    "auth": "Authentication failures",
    "auth_type_mismatch": "Authentication type mismatch",
    "auth_type_invalid": "Invalid authentication type",
    "address_list": "Address list errors",
    "interval": "Advertisement interval errors",
}


def has_vip(ns):
    return "192.168.86.100/24" in ns.ip("-br", "addr", "show", "dev", "vr0")


def stats(d, tmp_path):
    path = tmp_path / "ka.stats"
    if path.exists():
        path.unlink()
    d.signal(signal.SIGUSR2)
    wait_until(path.exists, 10, what="the stats dump")
    return {k: int(v) for k, v in
            re.findall(r"^  ([A-Za-z ]+): (\d+)$", path.read_text(), re.M)}


def test_malformed_adverts_are_dropped_and_counted(netns, veth, daemon,
                                                   tmp_path):
    ours, inj = netns("mal"), netns("inj")
    veth(ours, inj, "192.168.86.1/24", "192.168.86.2/24", ifname_a="vr0",
         ifname_b="vr0")
    d = daemon(ours, CONF.format(tmp=tmp_path, extra=""),
               args=("-n", "-l", "-G", "-D", "-P"))
    wait_until(lambda: has_vip(ours), 20, what="our node becoming master")
    d.wait_for_log(r"\(VI_1\) Entering MASTER STATE")
    script = tmp_path / "inject.py"
    script.write_text(INJECTOR)
    before = stats(d, tmp_path)
    mark = d.mark()

    for kind, counter in EXPECTED.items():
        res = inj.run(["/usr/bin/python3", str(script), kind], timeout=20)
        assert res.returncode == 0, res.stderr
        if counter:
            wait_until(lambda c=counter: stats(d, tmp_path)[c] >
                       before[c], 10, what=f"{kind}: {counter} counted")
        before = stats(d, tmp_path)
    # Nothing moved: still master, the address still here.
    assert "Entering BACKUP STATE" not in d.log()[mark:]
    assert has_vip(ours)
    assert before["Advertisements received"] == 0
    assert before["Became master"] == 1

    # The control: a well-formed higher advert is obeyed.
    res = inj.run(["/usr/bin/python3", str(script), "valid"], timeout=20)
    assert res.returncode == 0, res.stderr
    d.wait_for_log(r"\(VI_1\) Master received advert from 192\.168\.86\.2 "
                   r"with higher priority 250, ours 200", since=mark)
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", since=mark)
    wait_until(lambda: not has_vip(ours), 10, what="the VIP removed")
    assert d.running()


def test_lower_priority_advert_re_announces(netns, veth, daemon, tmp_path):
    """garp_lower_prio_delay/_repeat: a master that hears a lower one
    announces its address again after the delay; it stays master."""
    ours, inj = netns("low"), netns("inj")
    veth(ours, inj, "192.168.86.1/24", "192.168.86.2/24", ifname_a="vr0",
         ifname_b="vr0")
    extra = ("    garp_master_delay 0\n    garp_master_repeat 1\n"
             "    garp_lower_prio_delay 1\n    garp_lower_prio_repeat 3\n")
    d = daemon(ours, CONF.format(tmp=tmp_path, extra=extra),
               args=("-n", "-l", "-G", "-D", "-P"))
    d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=20)
    line = r"Sending gratuitous ARP on vr0 for 192\.168\.86\.100"
    wait_until(lambda: len(re.findall(line, d.log())) == 1, 10,
               what="the first burst of one")
    script = tmp_path / "inject.py"
    script.write_text(INJECTOR)
    mark = d.mark()
    res = inj.run(["/usr/bin/python3", str(script), "lower"], timeout=20)
    assert res.returncode == 0, res.stderr
    # three lower adverts close together: one burst of 3, not three
    wait_until(lambda: len(re.findall(line, d.log())) >= 4, 10,
               what="the re-announcement")
    time.sleep(1.5)
    assert len(re.findall(line, d.log())) == 4
    assert has_vip(ours) and "Entering BACKUP" not in d.log()[mark:]
