"""VRRP-MIB (RFC 2787) and VRRPV3-MIB (RFC 6527) from our VRRP child, with
Debian's snmpd as the AgentX master (kalib.snmplib), snmpwalk/snmpget and
snmptrapd: the tables walk without error, by number and by name; their
values are those of our JSON and stats dumps (and of the kernel for the
interface index); malformed adverts move the same counters in the dump and
in the walk; a fail-over against Debian's keepalived brings
vrrpTrapNewMaster and vrrpv3NewMaster, a wrong password
vrrpTrapAuthFailure, a bad TTL or checksum vrrpv3ProtoError."""
import json
import re
import signal
import textwrap

import pytest

from kalib import wait_until
from kalib import snmplib

OURS_ARGS = ("-n", "-l", "-G", "-D", "-P")
REF_ARGS = ("-n", "-l", "-D", "-P")

V2 = snmplib.VRRP_RFC2787_OID
V3 = snmplib.VRRP_RFC6527_OID
V2_OPER = V2 + ".1.3.1"
V2_ASSO = V2 + ".1.4.1"
V2_STATS = V2 + ".2.4.1"
V3_OPER = V3 + ".1.1.1.1"
V3_ASSO = V3 + ".1.1.2.1"
V3_STATS = V3 + ".1.2.5.1"
TRAP_NEW_MASTER = V2 + ".0.1"
TRAP_AUTH_FAILURE = V2 + ".0.2"
TRAP_V3_NEW_MASTER = V3 + ".0.1"
TRAP_V3_PROTO_ERROR = V3 + ".0.2"

# vrrpRouterStatsEntry columns -> our counters (the stats dump's names)
V2_STATS_COLS = {1: "become_master", 2: "advert_rcvd",
                 3: "advert_interval_err", 4: "auth_failure",
                 5: "ip_ttl_err", 6: "pri_zero_rcvd", 7: "pri_zero_sent",
                 8: "invalid_type_rcvd", 9: "addr_list_err",
                 10: "invalid_authtype", 11: "authtype_mismatch",
                 12: "packet_len_err"}
# vrrpv3StatisticsEntry counter columns
V3_STATS_COLS = {1: "become_master", 3: "advert_rcvd",
                 4: "advert_interval_err", 5: "ip_ttl_err",
                 7: "pri_zero_rcvd", 8: "pri_zero_sent",
                 9: "invalid_type_rcvd", 10: "addr_list_err",
                 11: "packet_len_err"}


@pytest.fixture
def snmp(tmp_path):
    reason = snmplib.snmp_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with snmplib.TrapReceiver() as traps:
        with snmplib.Snmpd(trap_port=traps.port) as snmpd:
            yield snmpd, traps


def instance(name, vrid, prio, vips, version=2, auth=True):
    lines = [f"vrrp_instance {name} {{", "    state BACKUP",
             "    interface vr0", f"    virtual_router_id {vrid}",
             f"    priority {prio}", "    advert_int 1",
             f"    version {version}"]
    if auth:
        lines += ["    authentication {", "        auth_type PASS",
                  "        auth_pass s3cret", "    }"]
    lines += ["    virtual_ipaddress {"] + [f"        {v}" for v in vips]
    lines += ["    }", "}"]
    return "\n".join(lines) + "\n"


def config(tmp_path, snmpd, prio, ipv6=True, router_id="rfc"):
    text = textwrap.dedent(f"""\
        global_defs {{
            router_id {router_id}
            enable_snmp_rfc
            enable_traps
            snmp_socket {snmpd.agentx}
            json_dump_file {tmp_path}/ka.json
            vrrp_garp_master_delay 0
        }}
        """)
    text += instance("V2", 51, prio, ["192.168.89.100/24"])
    text += instance("V3", 52, prio, ["192.168.89.101/24",
                                      "192.168.89.102/24"], 3, auth=False)
    if ipv6:
        text += instance("V6", 53, prio, ["fd00:89::100/64"], 3,
                         auth=False)
    return text


def link_pair(netns, veth):
    a, b = netns("rfca"), netns("rfcb")
    veth(a, b, "192.168.89.1/24", "192.168.89.2/24", ifname_a="vr0",
         ifname_b="vr0")
    for ns, addr in ((a, "fd00:89::1/64"), (b, "fd00:89::2/64")):
        ns.run(["sysctl", "-qw", "net.ipv6.conf.vr0.accept_dad=0"])
        ns.ip("addr", "add", addr, "dev", "vr0", "nodad")
    return a, b


def ifindex(ns):
    return json.loads(ns.ip("-j", "link", "show", "vr0"))[0]["ifindex"]


def start_ours(daemon, ns, text):
    d = daemon(ns, text, args=OURS_ARGS)
    # a dump asked for before the child runs would be lost
    d.wait_for_log(r"VRRP child \(pid \d+\) is running", timeout=20)
    return d


def dump(d, tmp_path):
    path = tmp_path / "ka.json"
    if path.exists():
        path.unlink()
    d.signal(signal.SIGRTMIN + 2)
    wait_until(lambda: path.exists() and path.stat().st_size > 0, 10,
               what="the JSON dump")
    wait_until(lambda: _loads(path) is not None, 10,
               what="a complete JSON dump")
    return {i["iname"]: i for i in _loads(path)["vrrp_instances"]}


def _loads(path):
    try:
        return json.loads(path.read_text())
    except ValueError:
        return None


def table(rows, entry):
    """{(column, index suffix): (type, value)} of one table's walk."""
    out = {}
    for oid, typ, val in rows:
        if oid.startswith(entry + "."):
            col, _, idx = oid[len(entry) + 1:].partition(".")
            out[(int(col), idx)] = (typ, val)
    return out


def hexbytes(val):
    return bytes(int(x, 16) for x in val.split())


def ip_of(val):
    """An InetAddress (Hex-STRING) or IpAddress value as text."""
    import ipaddress
    if re.fullmatch(r"[\d.]+", val):
        return val
    return str(ipaddress.ip_address(hexbytes(val)))


def v3_idx(ifi, vrid, family):
    return f"{ifi}.{vrid}.{1 if family == 4 else 2}"


def check_tables(snmpd, ifi, insts, dump_after):
    """The walks of both MIBs against the JSON dump taken just before
    (insts): every value equal, but the counters, which may also have
    moved on up to a dump taken just after (dump_after())."""
    w2, w3 = snmpd.walk(V2), snmpd.walk(V3)
    after = dump_after()
    oper, asso, st = (table(w2, V2_OPER), table(w2, V2_ASSO),
                      table(w2, V2_STATS))
    oper3, asso3, st3 = (table(w3, V3_OPER), table(w3, V3_ASSO),
                         table(w3, V3_STATS))
    problems = []

    def want(what, got, expected):
        if got != expected:
            problems.append(f"{what}: {got!r} != {expected!r}")

    def counter(what, got, i, name):
        lo, hi = i["stats"][name], after[i["iname"]]["stats"][name]
        if not lo <= got <= hi:
            problems.append(f"{what}: {got} not in {lo}..{hi}")

    states = {"INIT": "1", "BACKUP": "2", "MASTER": "3", "FAULT": "1"}
    # VRRP-MIB: the version 2 IPv4 instances only
    v2 = {i["vrid"]: i for i in insts.values() if i["version"] == 2 and
          ":" not in i["src_ip"]}
    want("vrrpOperTable rows", sorted({k[1] for k in oper}),
         sorted(f"{ifi}.{r}" for r in v2))
    for vrid, i in v2.items():
        idx = f"{ifi}.{vrid}"
        want(f"{idx} state", oper[(3, idx)][1], states[i["state"]])
        want(f"{idx} admin", oper[(4, idx)][1], "1")
        want(f"{idx} priority", oper[(5, idx)][1],
             str(i["effective_priority"]))
        want(f"{idx} count", oper[(6, idx)][1], str(len(i["vips"])))
        want(f"{idx} master", oper[(7, idx)][1], i.get("master_ip",
                                                       "0.0.0.0"))
        want(f"{idx} primary", oper[(8, idx)][1], i["src_ip"])
        want(f"{idx} vmac", hexbytes(oper[(2, idx)][1]),
             bytes([0, 0, 0x5e, 0, 1, vrid]))
        want(f"{idx} interval", oper[(11, idx)][1],
             str(max(1, round(i["adver_int_cs"] / 100))))
        want(f"{idx} auth key", oper[(10, idx)][1], "")
        want(f"{idx} assoc", sorted(k[1] for k in asso
                                    if k[1].startswith(idx + ".")),
             sorted(f"{idx}.{v.split('/')[0]}" for v in i["vips"]))
        for col, name in V2_STATS_COLS.items():
            counter(f"{idx} stats {name}", int(st[(col, idx)][1]), i, name)
    # VRRPV3-MIB: every instance, indexed with its address type
    want("vrrpv3OperationsTable rows", sorted({k[1] for k in oper3}),
         sorted(v3_idx(ifi, i["vrid"], 6 if ":" in i["src_ip"] else 4)
                for i in insts.values()))
    for i in insts.values():
        fam = 6 if ":" in i["src_ip"] else 4
        idx = v3_idx(ifi, i["vrid"], fam)
        want(f"{idx} status", oper3[(6, idx)][1], states[i["state"]])
        want(f"{idx} priority", oper3[(7, idx)][1],
             str(i["effective_priority"]))
        want(f"{idx} count", oper3[(8, idx)][1], str(len(i["vips"])))
        want(f"{idx} interval", oper3[(9, idx)][1], str(i["adver_int_cs"]))
        want(f"{idx} primary", ip_of(oper3[(4, idx)][1]), i["src_ip"])
        want(f"{idx} master", ip_of(oper3[(3, idx)][1]),
             i.get("master_ip", "0.0.0.0" if fam == 4 else "::"))
        want(f"{idx} vmac", hexbytes(oper3[(5, idx)][1]),
             bytes([0, 0, 0x5e, 0, 1 if fam == 4 else 2, i["vrid"]]))
        want(f"{idx} assoc", sorted(ip_of_index(k[1][len(idx) + 1:])
                                    for k in asso3
                                    if k[1].startswith(idx + ".")),
             sorted(v.split("/")[0] for v in i["vips"]))
        for col, name in V3_STATS_COLS.items():
            counter(f"{idx} v3 stats {name}", int(st3[(col, idx)][1]), i,
                    name)
        # read at each request
        want(f"{idx} refresh rate", st3[(13, idx)][1], "0")
        want(f"{idx} new master reason", st3[(2, idx)][1] != "0",
             i["state"] == "MASTER")
    return problems


def ip_of_index(suffix):
    """The address of an InetAddress index (length, then the octets)."""
    import ipaddress
    parts = [int(x) for x in suffix.split(".")]
    return str(ipaddress.ip_address(bytes(parts[1:1 + parts[0]])))


def wait_tables(snmpd, d, tmp_path, ifi, timeout=20):
    """Waits until the walks agree with the dumps taken around them (the
    states of a fail-over may be moving); returns the dump before."""
    last = {}

    def agree():
        last["insts"] = dump(d, tmp_path)
        last["problems"] = check_tables(snmpd, ifi, last["insts"],
                                        lambda: dump(d, tmp_path))
        return not last["problems"]
    try:
        wait_until(agree, timeout, interval=0.5,
                   what="the MIB walks matching the JSON dump")
    except Exception:
        raise AssertionError("\n".join(last.get("problems", ["no walk"])))
    return last["insts"]


def test_tables_match_the_dump(netns, veth, daemon, snmp, tmp_path):
    snmpd, traps = snmp
    ours, _ = link_pair(netns, veth)
    d = start_ours(daemon, ours, config(tmp_path, snmpd, 150))
    wait_until(lambda: all(i["state"] == "MASTER" for i in
                           dump(d, tmp_path).values()), 30,
               what="the three instances master")
    snmplib.wait_registered(snmpd, V2_OPER)
    insts = wait_tables(snmpd, d, tmp_path, ifindex(ours))
    assert insts["V2"]["ifindex"] == ifindex(ours)
    # The scalars: version 2, traps enabled, nothing wrong received.
    got = snmpd.get(V2 + ".1.1.0", V2 + ".1.2.0", V2 + ".2.1.0",
                    V3 + ".1.2.1.0", V3 + ".1.2.4.0")
    assert got[V2 + ".1.1.0"][1] == "2"
    assert got[V2 + ".1.2.0"][1] == "1"
    assert got[V2 + ".2.1.0"] == ("Counter32", "0")
    assert got[V3 + ".1.2.1.0"] == ("Counter64", "0")
    # (-Ot prints TimeTicks as a bare number)
    assert got[V3 + ".1.2.4.0"][0].isdigit()
    # Every table walks by name too, with the MIB files' names.
    names2 = " ".join(o for o, _, _ in snmpd.walk(V2, names=True))
    names3 = " ".join(o for o, _, _ in snmpd.walk(V3, names=True))
    for n in ("vrrpNodeVersion", "vrrpOperState", "vrrpAssoIpAddrRowStatus",
              "vrrpRouterChecksumErrors", "vrrpStatsBecomeMaster"):
        assert f"VRRP-MIB::{n}" in names2
    for n in ("vrrpv3OperationsStatus", "vrrpv3AssociatedIpAddrRowStatus",
              "vrrpv3RouterChecksumErrors",
              "vrrpv3StatisticsMasterTransitions",
              "vrrpv3StatisticsRefreshRate"):
        assert f"VRRPV3-MIB::{n}" in names3
    # Each instance became master once: three new-master traps in v3,
    # one in RFC 2787's MIB.
    traps.wait_for(TRAP_NEW_MASTER)
    for vrid in (51, 52, 53):
        traps.wait_for(TRAP_V3_NEW_MASTER, lambda t, v=vrid: any(
            o.startswith(V3 + ".1.1.1.1.3.") and o.split(".")[-2] == str(v)
            for o in t))
    # A bulk walk gives the same rows.
    assert [o for o, _, _ in snmpd.walk(V3, bulk=True)] == \
        [o for o, _, _ in snmpd.walk(V3)]
    # And the daemon stops cleanly with its MIBs registered.
    assert d.stop(20) == 0


# Runs in the peer's namespace: adverts built by hand, three of each.
INJECTOR = textwrap.dedent('''
    import socket, struct, sys

    def csum(b):
        if len(b) % 2:
            b += b"\\0"
        s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
        while s >> 16:
            s = (s & 0xffff) + (s >> 16)
        return ~s & 0xffff

    def v2(vrid, prio=250, pw=b"s3cret", bad_ck=False):
        body = struct.pack("!BBBBBBH", 0x21, vrid, prio, 1, 1, 1, 0) + \\
            socket.inet_aton("192.168.89.100") + pw.ljust(8, b"\\0")[:8]
        ck = csum(body) ^ (1 if bad_ck else 0)
        return body[:6] + struct.pack("!H", ck) + body[8:]

    def v3(vrid, prio=250):
        addrs = b"".join(socket.inet_aton(a) for a in
                         ("192.168.89.101", "192.168.89.102"))
        body = struct.pack("!BBBBHH", 0x31, vrid, prio, 2, 100, 0) + addrs
        pseudo = socket.inet_aton("192.168.89.2") + \\
            socket.inet_aton("224.0.0.18") + struct.pack("!BBH", 0, 112,
                                                         len(body))
        ck = csum(pseudo + body)
        return body[:6] + struct.pack("!H", ck) + body[8:]

    def ip(payload, ttl=255):
        h = struct.pack("!BBHHHBBH4s4s", 0x45, 0xc0, 20 + len(payload), 1,
                        0, ttl, 112, 0, socket.inet_aton("192.168.89.2"),
                        socket.inet_aton("224.0.0.18"))
        return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload

    KINDS = {
        "auth": ip(v2(51, pw=b"wrong")),
        "checksum": ip(v2(51, bad_ck=True)),
        "ttl3": ip(v3(52), ttl=254),
        "vrid": ip(v2(60)),
    }
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s.setsockopt(socket.SOL_SOCKET, 25, b"vr0")    # SO_BINDTODEVICE
    for kind in sys.argv[1:]:
        for _ in range(3):
            s.sendto(KINDS[kind], ("224.0.0.18", 0))
''')


def test_malformed_adverts_counted_and_trapped(netns, veth, daemon, snmp,
                                               tmp_path):
    snmpd, traps = snmp
    ours, inj = link_pair(netns, veth)
    d = start_ours(daemon, ours, config(tmp_path, snmpd, 150, ipv6=False))
    wait_until(lambda: all(i["state"] == "MASTER" for i in
                           dump(d, tmp_path).values()), 30,
               what="both instances master")
    snmplib.wait_registered(snmpd, V2_OPER)
    ifi = ifindex(ours)
    wait_tables(snmpd, d, tmp_path, ifi)
    script = tmp_path / "inject.py"
    script.write_text(INJECTOR)

    def inject(kind):
        res = inj.run(["/usr/bin/python3", str(script), kind], timeout=20)
        assert res.returncode == 0, res.stderr

    # A wrong password: counted, and vrrpTrapAuthFailure from the sender
    # with authFailure(3).
    inject("auth")
    wait_until(lambda: dump(d, tmp_path)["V2"]["stats"]["auth_failure"] ==
               3, 10, what="the auth failures in the dump")
    insts = wait_tables(snmpd, d, tmp_path, ifi)
    assert insts["V2"]["stats"]["auth_failure"] == 3
    t = traps.wait_for(TRAP_AUTH_FAILURE)
    assert t[f"{V2}.1.5.{ifi}.51"] == ("IpAddress", "192.168.89.2")
    assert t[f"{V2}.1.6.{ifi}.51"] == ("INTEGER", "3")

    # A bad checksum: the instance's and the router's counters, and
    # vrrpv3ProtoError with checksumError(3) on the version 2 row.
    inject("checksum")
    wait_until(lambda: dump(d, tmp_path)["V2"]["stats"]["checksum_err"] ==
               3, 10, what="the checksum errors in the dump")
    wait_tables(snmpd, d, tmp_path, ifi)
    wait_until(lambda: snmpd.get(V2 + ".2.1.0")[V2 + ".2.1.0"] ==
               ("Counter32", "3"), 10, what="vrrpRouterChecksumErrors 3")
    assert snmpd.get(V3 + ".1.2.1.0")[V3 + ".1.2.1.0"] == ("Counter64", "3")
    traps.wait_for(TRAP_V3_PROTO_ERROR, lambda t: t.get(
        f"{V3}.1.2.5.1.6.{ifi}.51.1") == ("INTEGER", "3"))

    # A bad TTL on the version 3 instance: ipTtlError(1).
    inject("ttl3")
    wait_until(lambda: dump(d, tmp_path)["V3"]["stats"]["ip_ttl_err"] == 3,
               10, what="the TTL errors in the dump")
    wait_tables(snmpd, d, tmp_path, ifi)
    traps.wait_for(TRAP_V3_PROTO_ERROR, lambda t: t.get(
        f"{V3}.1.2.5.1.6.{ifi}.52.1") == ("INTEGER", "1"))
    assert snmpd.get(f"{V3_STATS}.6.{ifi}.52.1")[
        f"{V3_STATS}.6.{ifi}.52.1"] == ("INTEGER", "1")

    # A VRID we do not run: vrrpRouterVrIdErrors in both MIBs.
    inject("vrid")
    wait_until(lambda: snmpd.get(V2 + ".2.3.0")[V2 + ".2.3.0"] ==
               ("Counter32", "3"), 10, what="vrrpRouterVrIdErrors 3")
    assert snmpd.get(V3 + ".1.2.3.0")[V3 + ".1.2.3.0"] == ("Counter64", "3")
    # None of it moved the instances.
    assert all(i["state"] == "MASTER" for i in dump(d, tmp_path).values())
    assert d.running()


def test_failover_against_keepalived_traps_new_master(
        netns, veth, daemon, keepalived_ref, snmp, tmp_path):
    snmpd, traps = snmp
    ours, peer = link_pair(netns, veth)
    peer_dir = tmp_path / "peer"
    peer_dir.mkdir()
    peer_conf = config(peer_dir, snmpd, 200, ipv6=False,
                       router_id="peer").replace(
        "    enable_snmp_rfc\n    enable_traps\n", "").replace(
        f"    snmp_socket {snmpd.agentx}\n", "")
    p = daemon(peer, peer_conf, args=REF_ARGS, binary=keepalived_ref,
               name="peer")
    wait_until(lambda: "192.168.89.101" in peer.ip("-br", "addr", "show",
                                                   "dev", "vr0"), 30,
               what="Debian's keepalived master")
    d = start_ours(daemon, ours, config(tmp_path, snmpd, 100, ipv6=False))
    wait_until(lambda: all(i["state"] == "BACKUP" and
                           i.get("master_ip") == "192.168.89.2"
                           for i in dump(d, tmp_path).values()), 30,
               what="ours backup, with the peer as master")
    snmplib.wait_registered(snmpd, V2_OPER)
    ifi = ifindex(ours)
    insts = wait_tables(snmpd, d, tmp_path, ifi)
    assert insts["V2"]["stats"]["advert_rcvd"] > 0
    assert not [t for t in traps.traps() if t.get(snmplib.SNMP_TRAP_OID,
                (None, None))[1] in (TRAP_NEW_MASTER, TRAP_V3_NEW_MASTER)]

    # The master goes (priority 0): ours takes over and says so.
    assert p.stop(20) == 0
    t = traps.wait_for(TRAP_NEW_MASTER, timeout=20)
    assert t[f"{V2_OPER}.7.{ifi}.51"] == ("IpAddress", "192.168.89.1")
    t = traps.wait_for(TRAP_V3_NEW_MASTER, lambda t: f"{V3_OPER}.3.{ifi}.52.1"
                       in t, timeout=20)
    assert ip_of(t[f"{V3_OPER}.3.{ifi}.52.1"][1]) == "192.168.89.1"
    # masterNoResponse(3): it went silent after its priority 0
    assert t[f"{V3_STATS}.2.{ifi}.52.1"] == ("INTEGER", "3")
    insts = wait_tables(snmpd, d, tmp_path, ifi)
    assert insts["V2"]["state"] == "MASTER"
    assert insts["V2"]["stats"]["pri_zero_rcvd"] >= 1


def test_without_traps_and_after_reload(netns, veth, daemon, snmp, tmp_path):
    """enable_snmp_rfcv3 alone: no VRRP-MIB, vrrpv3 rows only; a reload
    that adds an instance shows its row with the others still there."""
    snmpd, _ = snmp
    ours, _ = link_pair(netns, veth)
    text = config(tmp_path, snmpd, 150, ipv6=False).replace(
        "    enable_snmp_rfc\n    enable_traps\n", "    enable_snmp_rfcv3\n")
    d = start_ours(daemon, ours, text)
    wait_until(lambda: all(i["state"] == "MASTER" for i in
                           dump(d, tmp_path).values()), 30,
               what="both instances master")
    snmplib.wait_registered(snmpd, V3_OPER)
    ifi = ifindex(ours)
    assert [t for _, t, _ in snmpd.walk(V2)] == \
        ["No Such Object available on this agent at this OID"]

    def v3_rows():
        return {o[len(V3_OPER + ".6."):] for o, _, _ in
                snmpd.walk(V3_OPER + ".6")}
    assert v3_rows() == {f"{ifi}.51.1", f"{ifi}.52.1"}

    with open(d.config_path, "w") as f:
        f.write(text + instance("V4", 54, 150, ["192.168.89.104/24"]))
    mark = d.mark()
    d.signal(signal.SIGHUP)
    d.wait_for_log(r"\(V4\) Entering MASTER STATE", since=mark, timeout=30)
    wait_until(lambda: v3_rows() == {f"{ifi}.51.1", f"{ifi}.52.1",
                                     f"{ifi}.54.1"}, 10,
               what="the new instance's row")
    assert d.stop(20) == 0


def test_command_line_x_and_A(netns, veth, daemon, snmp, tmp_path):
    """-x turns every part on and -A names the master agent, with no SNMP
    keyword in the file (keepalived(8))."""
    snmpd, _ = snmp
    ours, _ = link_pair(netns, veth)
    text = config(tmp_path, snmpd, 150, ipv6=False).replace(
        "    enable_snmp_rfc\n    enable_traps\n", "").replace(
        f"    snmp_socket {snmpd.agentx}\n", "")
    assert "snmp" not in text
    d = daemon(ours, text, args=OURS_ARGS + ("-x", "-A", snmpd.agentx))
    d.wait_for_log(r"VRRP child \(pid \d+\) is running", timeout=20)
    assert snmplib.wait_registered(snmpd, V2_OPER)
    assert snmplib.wait_registered(snmpd, V3_OPER)
    rows = snmplib.wait_registered(snmpd, snmplib.KEEPALIVED_OID + ".2")
    assert any(v == "V2" for _, _, v in rows), rows[:5]
    assert "not available" not in d.log()
    assert d.stop(20) == 0
