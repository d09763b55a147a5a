"""KEEPALIVED-MIB's check subtree, served by our checker child through a
private Debian snmpd (AgentX master) and read with Debian's snmpwalk, with
the checker's traps caught by Debian's snmptrapd.

The director runs our daemon with --ipvs-record (the host has no IPVS:
the counters are the recording backend's zeroes, but they come through
the backend like the kernel's). Two virtual servers: one from a
virtual_server_group (an address, a range and an fwmark), with a
TCP_CHECK and an HTTP_GET real server; one fwmark virtual server with a
quorum its single real server's weight exactly meets, and a sorry server.
Real servers are python3 http.server in their own namespaces.

Values are compared with the checker's JSON dump (keepalived_check.json)
and with the configuration; every wait has a time-out.
"""
import json
import signal

import pytest

from kalib import wait_until
from kalib.snmplib import (KEEPALIVED_OID, SNMP_TRAP_OID, Snmpd,
                           TrapReceiver, snmp_unavailable_reason,
                           wait_registered)

from checklib import stop_servers  # noqa: F401 (autouse fixture)
from checklib import (VIP, TcpServer, director_topology, start_director,
                      wait_dest)

pytestmark = pytest.mark.skipif(snmp_unavailable_reason() is not None,
                                reason=str(snmp_unavailable_reason()))

CHECK = KEEPALIVED_OID + ".3"
VSG_TABLE = CHECK + ".1.1"
MEMBER_TABLE = CHECK + ".2.1"
VS_TABLE = CHECK + ".3.1"
RS_TABLE = CHECK + ".4.1"
TIMEOUTS = CHECK + ".7"
TRAP_RS = CHECK + ".5.0.1"
TRAP_QUORUM = CHECK + ".5.0.2"
ROUTER_ID = KEEPALIVED_OID + ".1.2.0"

RANGE = ("10.77.0.101", "10.77.0.103")
FWMARK = 5
GROUP_FWMARK = 7


def rs_block(addr, weight, check):
    return f"""
    real_server {addr} 8080 {{
        weight {weight}
        {check}
    }}"""


TCP = "TCP_CHECK {\n            connect_timeout 1\n        }"
# A fwmark service has no port: the check says where to connect.
TCP_8080 = ("TCP_CHECK {\n            connect_port 8080\n"
            "            connect_timeout 1\n        }")
HTTP = ("HTTP_GET {\n            url {\n                path /\n"
        "                status_code 200\n            }\n"
        "            connect_timeout 1\n        }")


def config(tmp_path, agentx, rs, extra_rs=""):
    """rs: the real servers' addresses [group TCP, group HTTP, fwmark]."""
    return f"""
global_defs {{
    router_id snmpcheck
    enable_script_security
    script_user root
    enable_snmp_checker
    enable_traps
    snmp_socket {agentx}
    json_dump_file {tmp_path}/ka.json
    lvs_timeouts tcp 900 tcpfin 30 udp 300
}}
virtual_server_group web {{
    {VIP} 80
    {RANGE[0]}-{RANGE[1].rsplit('.', 1)[1]} 81
    fwmark {GROUP_FWMARK}
}}
virtual_server group web {{
    delay_loop 1
    retry 1
    delay_before_retry 1
    warmup 0
    lvs_sched rr
    lvs_method NAT
    protocol TCP
    quorum 1
    hysteresis 0
    {rs_block(rs[0], 1, TCP)}
    {rs_block(rs[1], 2, HTTP)}
    {extra_rs}
}}
virtual_server fwmark {FWMARK} {{
    delay_loop 1
    lvs_sched wlc
    lvs_method DR
    protocol TCP
    quorum 3
    quorum_up "/bin/true up"
    quorum_down "/bin/true down"
    sorry_server 10.77.0.60 8080
    {rs_block(rs[2], 3, TCP_8080)}
}}
"""


def by_oid(walk):
    return {o: (t, v) for o, t, v in walk}


def col(rows, table, column, *index):
    key = f"{table}.{column}." + ".".join(str(i) for i in index)
    return rows.get(key, (None, None))


def json_dump(d, tmp_path):
    path = tmp_path / "ka_check.json"
    if path.exists():
        path.unlink()
    d.signal(signal.SIGRTMIN + 2)
    wait_until(lambda: path.exists() and path.stat().st_size > 0, 20, 0.2,
               "the JSON dump")
    return json.loads(path.read_text())["virtual_servers"]


def int_of(v):
    """snmpwalk -Oe -Ot prints enums and numbers as bare integers."""
    return int(v.split()[0])


def ip_of(v):
    """An InetAddress as net-snmp prints 4 octets: '0A 4D 00 02'."""
    octets = [int(x, 16) for x in v.split()]
    return ".".join(map(str, octets))


@pytest.fixture
def snmp(tmp_path):
    with TrapReceiver() as traps, Snmpd(trap_port=traps.port) as snmpd:
        yield snmpd, traps


def start(daemon, netns, bridge, tmp_path, snmpd):
    topo = director_topology(netns, bridge, servers=4)
    rs = [topo.rs_addr(i) for i in range(4)]
    servers = [TcpServer(topo.servers[i], rs[i], 8080).start()
               for i in range(3)]
    d, table = start_director(daemon, topo, tmp_path,
                              config(tmp_path, snmpd.agentx, rs[:3]))
    wait_dest(table, f"TCP {VIP}:80", f"{rs[0]}:8080")
    wait_dest(table, f"TCP {VIP}:80", f"{rs[1]}:8080")
    wait_dest(table, f"FWM {FWMARK}", f"{rs[2]}:0")
    wait_registered(snmpd, RS_TABLE)
    return topo, rs, servers, d, table


def wait_walk(snmpd, oid, predicate, what):
    rows = {}

    def ok():
        rows.clear()
        rows.update(by_oid(snmpd.walk(oid)))
        return predicate(rows)
    try:
        wait_until(ok, 30, 0.5, what)
    except AssertionError as e:
        raise AssertionError(f"{e}; walk: {sorted(rows.items())}") from None
    return rows


def test_check_subtree_matches_the_json_dump(netns, bridge, daemon,
                                             tmp_path, snmp):
    snmpd, _ = snmp
    topo, rs, _, d, _ = start(daemon, netns, bridge, tmp_path, snmpd)
    # Both real servers of the group and the fwmark one are up.
    rows = wait_walk(snmpd, RS_TABLE, lambda r: all(
        col(r, RS_TABLE, 6, v, i)[1] == "1"
        for v, i in ((1, 1), (1, 2), (2, 1))), "all real servers alive")
    walk = by_oid(snmpd.walk(CHECK))
    vss = json_dump(d, tmp_path)
    assert len(vss) == 2

    # Groups and members, in configuration order.
    assert col(walk, VSG_TABLE, 2, 1)[1] == "web"
    assert int_of(col(walk, MEMBER_TABLE, 2, 1, 1)[1]) == 2      # ip
    assert ip_of(col(walk, MEMBER_TABLE, 5, 1, 1)[1]) == VIP
    assert col(walk, MEMBER_TABLE, 8, 1, 1)[1] == "80"
    assert int_of(col(walk, MEMBER_TABLE, 2, 1, 2)[1]) == 3      # iprange
    assert ip_of(col(walk, MEMBER_TABLE, 6, 1, 2)[1]) == RANGE[0]
    assert ip_of(col(walk, MEMBER_TABLE, 7, 1, 2)[1]) == RANGE[1]
    assert int_of(col(walk, MEMBER_TABLE, 2, 1, 3)[1]) == 1      # fwmark
    assert col(walk, MEMBER_TABLE, 3, 1, 3)[1] == str(GROUP_FWMARK)
    # An object a row has no value for is absent, not an error.
    assert col(walk, MEMBER_TABLE, 5, 1, 3) == (None, None)

    # Virtual servers against the JSON dump.
    for i, vs in enumerate(vss, start=1):
        ups = sum(1 for r in vs["real_servers"] if r["up"])
        assert int_of(col(walk, VS_TABLE, 11, i)[1]) == \
            (1 if vs["quorum_up"] else 2)
        assert int_of(col(walk, VS_TABLE, 23, i)[1]) == \
            (1 if vs["quorum_up"] else 2)
        assert int(col(walk, VS_TABLE, 22, i)[1]) == vs["quorum"]
        assert int(col(walk, VS_TABLE, 26, i)[1]) == vs["hysteresis"]
        assert int(col(walk, VS_TABLE, 20, i)[1]) == \
            len(vs["real_servers"])
        assert int(col(walk, VS_TABLE, 21, i)[1]) == ups
        # IPVS counters come from the backend (zero when recording).
        assert col(walk, VS_TABLE, 27, i)[0] == "Gauge32"
        assert col(walk, VS_TABLE, 38, i)[0] == "Counter64"
    # The configuration: type, group name, fwmark, scheduler, method.
    assert int_of(col(walk, VS_TABLE, 2, 1)[1]) == 3
    assert col(walk, VS_TABLE, 3, 1)[1] == "web"
    assert int_of(col(walk, VS_TABLE, 2, 2)[1]) == 1
    assert col(walk, VS_TABLE, 4, 2)[1] == str(FWMARK)
    assert int_of(col(walk, VS_TABLE, 9, 1)[1]) == 1             # rr
    assert int_of(col(walk, VS_TABLE, 9, 2)[1]) == 4             # wlc
    assert int_of(col(walk, VS_TABLE, 10, 1)[1]) == 1            # nat
    assert int_of(col(walk, VS_TABLE, 10, 2)[1]) == 2            # dr
    assert int(col(walk, VS_TABLE, 16, 1)[1]) == 1               # delay
    assert int(col(walk, VS_TABLE, 64, 1)[1]) == 1000000
    assert col(walk, VS_TABLE, 24, 2)[1] == "/bin/true up"
    assert col(walk, VS_TABLE, 6, 2) == (None, None)

    # Real servers against the JSON dump; the sorry server last.
    for v, vs in enumerate(vss, start=1):
        for i, r in enumerate(vs["real_servers"], start=1):
            addr, port = r["name"].split("]:")[0][1:], \
                r["name"].rsplit(":", 1)[1]
            assert int_of(col(walk, RS_TABLE, 2, v, i)[1]) == 1
            assert ip_of(col(walk, RS_TABLE, 4, v, i)[1]) == addr
            assert col(walk, RS_TABLE, 5, v, i)[1] == port
            assert int_of(col(walk, RS_TABLE, 6, v, i)[1]) == \
                (1 if r["up"] else 2)
            assert int(col(walk, RS_TABLE, 7, v, i)[1]) == r["weight"]
            failed = sum(1 for c in r["checkers"] if not c["up"])
            assert int(col(walk, RS_TABLE, 13, v, i)[1]) == failed
            if r["in_ipvs"]:
                assert col(walk, RS_TABLE, 15, v, i)[0] == "Gauge32"
                assert col(walk, RS_TABLE, 27, v, i)[0] == "Counter64"
        if "sorry_server" in vs:
            n = len(vs["real_servers"]) + 1
            assert int_of(col(walk, RS_TABLE, 2, v, n)[1]) == 2
            assert ip_of(col(walk, RS_TABLE, 4, v, n)[1]) == "10.77.0.60"
    assert int_of(col(walk, RS_TABLE, 40, 2, 1)[1]) == 2         # dr

    # lvsTimeouts, from lvs_timeouts.
    assert col(walk, TIMEOUTS, 1, 0)[1] == "900"
    assert col(walk, TIMEOUTS, 2, 0)[1] == "30"
    assert col(walk, TIMEOUTS, 3, 0)[1] == "300"

    # The names resolve with KEEPALIVED-MIB, and a bulk walk agrees.
    named = snmpd.walk(CHECK, names=True)
    names = {o.split("::", 1)[-1].split(".")[0] for o, _, _ in named}
    for n in ("virtualServerGroupName", "virtualServerGroupMemberType",
              "virtualServerType", "virtualServerQuorumStatus",
              "realServerStatus", "realServerWeight", "lvsTimeoutTcp"):
        assert n in names, n
    assert len(snmpd.walk(CHECK, bulk=True)) == len(walk)


def test_real_server_down_changes_status_and_traps(netns, bridge, daemon,
                                                   tmp_path, snmp):
    snmpd, traps = snmp
    topo, rs, servers, d, table = start(daemon, netns, bridge, tmp_path,
                                        snmpd)
    wait_walk(snmpd, RS_TABLE,
              lambda r: col(r, RS_TABLE, 6, 1, 1)[1] == "1",
              "the first real server alive")
    servers[0].stop()
    wait_dest(table, f"TCP {VIP}:80", f"{rs[0]}:8080", present=False)
    rows = wait_walk(snmpd, RS_TABLE,
                     lambda r: col(r, RS_TABLE, 6, 1, 1)[1] == "2",
                     "the first real server dead")
    assert col(rows, RS_TABLE, 6, 1, 2)[1] == "1"
    assert col(rows, RS_TABLE, 13, 1, 1)[1] == "1"

    def is_rs0_down(t):
        return t.get(f"{RS_TABLE}.6.1.1", (None, None))[1] == "2"
    trap = traps.wait_for(TRAP_RS, is_rs0_down)
    assert ip_of(trap[f"{RS_TABLE}.4.1.1"][1]) == rs[0]
    assert trap[f"{RS_TABLE}.5.1.1"][1] == "8080"
    assert trap[f"{VS_TABLE}.2.1"][1] == "3"            # group
    assert trap[f"{VS_TABLE}.3.1"][1] == "web"
    assert trap[f"{VS_TABLE}.21.1"][1] == "1"           # one of two up
    assert trap[f"{VS_TABLE}.20.1"][1] == "2"
    assert trap[ROUTER_ID][1] == "snmpcheck"
    vss = json_dump(d, tmp_path)
    assert vss[0]["real_servers"][0]["up"] is False

    # And back up.
    servers[0].start()
    traps.wait_for(TRAP_RS, lambda t: t.get(
        f"{RS_TABLE}.6.1.1", (None, None))[1] == "1")


def test_quorum_lost_sends_its_trap(netns, bridge, daemon, tmp_path, snmp):
    snmpd, traps = snmp
    topo, rs, servers, d, table = start(daemon, netns, bridge, tmp_path,
                                        snmpd)
    wait_walk(snmpd, VS_TABLE,
              lambda r: col(r, VS_TABLE, 23, 2)[1] == "1", "quorum met")
    servers[2].stop()
    trap = traps.wait_for(TRAP_QUORUM, lambda t: t.get(
        f"{VS_TABLE}.23.2", (None, None))[1] == "2")
    assert trap[f"{VS_TABLE}.2.2"][1] == "1"            # fwmark
    assert trap[f"{VS_TABLE}.4.2"][1] == str(FWMARK)
    assert trap[f"{VS_TABLE}.22.2"][1] == "3"
    assert trap[f"{VS_TABLE}.21.2"][1] == "0"
    assert trap[ROUTER_ID][1] == "snmpcheck"
    rows = by_oid(snmpd.walk(VS_TABLE))
    assert col(rows, VS_TABLE, 23, 2)[1] == "2"
    assert col(rows, VS_TABLE, 11, 2)[1] == "2"
    assert json_dump(d, tmp_path)[1]["quorum_up"] is False


def test_reload_adds_the_new_real_servers_row(netns, bridge, daemon,
                                              tmp_path, snmp):
    snmpd, _ = snmp
    topo, rs, _, d, table = start(daemon, netns, bridge, tmp_path, snmpd)
    rows = by_oid(snmpd.walk(RS_TABLE))
    assert col(rows, RS_TABLE, 2, 1, 3) == (None, None)
    TcpServer(topo.servers[3], rs[3], 8080).start()
    with open(d.config_path, "w") as f:
        f.write(config(tmp_path, snmpd.agentx, rs[:3],
                       extra_rs=rs_block(rs[3], 4, TCP)))
    d.signal(signal.SIGHUP)
    rows = wait_walk(snmpd, RS_TABLE,
                     lambda r: col(r, RS_TABLE, 4, 1, 3)[1] is not None,
                     "the new real server's row")
    assert ip_of(col(rows, RS_TABLE, 4, 1, 3)[1]) == rs[3]
    assert col(rows, RS_TABLE, 7, 1, 3)[1] == "4"
    # The fwmark virtual server's rows stay where they were.
    assert int_of(col(rows, RS_TABLE, 2, 2, 2)[1]) == 2
    vss = wait_until(lambda: (lambda v: len(v[0]["real_servers"]) == 3
                              and v)(json_dump(d, tmp_path)),
                     20, 0.5, "the reload in the JSON dump")
    assert int(col(rows, RS_TABLE, 7, 1, 3)[1]) == \
        vss[0]["real_servers"][2]["weight"]
    assert d.running()
