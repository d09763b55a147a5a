"""KEEPALIVED-MIB's global and vrrp parts, with the real daemon under a
private Debian snmpd (AgentX master) and snmpwalk / snmptrapd.

Our node runs two instances in a sync group, with VIPs, an excluded VIP,
a virtual route, a vrrp_script and a track_file; the peer is Debian's
keepalived 2.2.7 at a lower priority. The walks of the global and vrrp
subtrees must succeed without a "No Such" anywhere, resolve to names
with the MIB files, and say what the JSON dump says (states, priorities,
VIPs, script results). The track file then lowers our priority under the
peer's: the walk must show the new states, and the state-change traps
must reach snmptrapd with the instance's name and state, as keepalived
sends them. A reload must show the new configuration; stopping sends
the shutdown traps."""
import json
import signal

import pytest

from kalib import WaitTimeout, wait_until
from kalib.snmplib import (KEEPALIVED_OID, Snmpd, TrapReceiver,
                           snmp_unavailable_reason)

pytestmark = pytest.mark.skipif(snmp_unavailable_reason() is not None,
                                reason=str(snmp_unavailable_reason()))

OURS_ARGS = ("-n", "-l", "-G", "-D")
REF_ARGS = ("-n", "-l", "-D")
GLOBAL = KEEPALIVED_OID + ".1"
VRRP = KEEPALIVED_OID + ".2"
INST = VRRP + ".3.1"          # vrrpInstanceEntry
SYNC = VRRP + ".1.1"          # vrrpSyncGroupEntry
ADDR = VRRP + ".6.1"          # vrrpAddressEntry
ROUTE = VRRP + ".7.1"         # vrrpRouteEntry
NEXTHOP = VRRP + ".11.1"      # vrrpRouteNextHopEntry
SCRIPT = VRRP + ".9.1"        # vrrpScriptEntry
TRAP_INST = VRRP + ".10.0.2"  # vrrpInstanceStateChange
TRAP_SYNC = VRRP + ".10.0.1"  # vrrpSyncGroupStateChange
STATES = {"INIT": "0", "BACKUP": "1", "MASTER": "2", "FAULT": "3"}
VIPS = {"VI_1": "192.168.91.100", "VI_2": "192.168.91.110"}


def ours_config(tmp_path, agentx, prio2=140):
    return f"""global_defs {{
    router_id snmp-a
    vrrp_garp_master_delay 0
    enable_script_security
    script_user root
    enable_snmp_vrrp
    enable_traps
    snmp_socket {agentx}
    json_dump_file {tmp_path}/ka.json
}}
track_file tf1 {{
    file {tmp_path}/track.val
}}
vrrp_script chk_ok {{
    script /bin/true
    interval 1
    rise 1
    fall 1
}}
vrrp_sync_group G1 {{
    group {{
        VI_1
        VI_2
    }}
    sync_group_tracking_weight
}}
vrrp_instance VI_1 {{
    state MASTER
    interface vr0
    virtual_router_id 61
    priority 150
    advert_int 1
    track_script {{
        chk_ok
    }}
    track_file {{
        tf1 weight -1
    }}
    virtual_ipaddress {{
        {VIPS['VI_1']}/24
    }}
    virtual_ipaddress_excluded {{
        192.168.91.101/24
    }}
    virtual_routes {{
        192.168.200.0/24 via 192.168.91.2 dev vr0
        192.168.201.0/24 mtu lock 1400 nexthop via 192.168.91.2 dev vr0 weight 2 nexthop via 192.168.91.3 dev vr0
    }}
}}
vrrp_instance VI_2 {{
    state BACKUP
    interface vr0
    virtual_router_id 62
    priority {prio2}
    advert_int 1
    virtual_ipaddress {{
        {VIPS['VI_2']}/24
    }}
}}
"""


PEER = """global_defs {
    vrrp_garp_master_delay 0
}
""" + "".join(f"""vrrp_instance {name} {{
    state BACKUP
    interface vr0
    virtual_router_id {vrid}
    priority 100
    advert_int 1
    virtual_ipaddress {{
        {VIPS[name]}/24
    }}
}}
""" for name, vrid in (("VI_1", 61), ("VI_2", 62)))


@pytest.fixture
def snmp():
    """(snmpd, snmptrapd), snmpd forwarding notifications to snmptrapd."""
    with TrapReceiver() as trapd:
        with Snmpd(trap_port=trapd.port) as snmpd:
            yield snmpd, trapd


def json_dump(d, tmp_path):
    path = tmp_path / "ka.json"
    if path.exists():
        path.unlink()
    d.signal(signal.SIGRTMIN + 2)
    wait_until(lambda: path.exists() and path.stat().st_size > 0, 10,
               what="the JSON dump")
    return json.loads(path.read_text())


def states(d, tmp_path):
    j = json_dump(d, tmp_path)
    return {i["iname"]: i["state"] for i in j["vrrp_instances"]}


def wait_states(d, tmp_path, want, timeout=30):
    wait_until(lambda: states(d, tmp_path) == want, timeout,
               what=f"instance states {want}")


def address_bytes(typ, val):
    """An InetAddress as snmpwalk prints it, as a dotted IPv4 string."""
    if typ == "Hex-STRING":
        raw = bytes(int(x, 16) for x in val.split())
    else:
        raw = val.encode("latin-1")
    return ".".join(str(b) for b in raw)


def table(walk, entry):
    """{(column, index): (type, value)} of one table's entry."""
    out = {}
    for oid, typ, val in walk:
        if oid.startswith(entry + "."):
            col, _, idx = oid[len(entry) + 1:].partition(".")
            out[(int(col), idx)] = (typ, val)
    return out


def full_walk(snmpd):
    """Both subtrees; no "No Such" anywhere."""
    rows = snmpd.walk(GLOBAL) + snmpd.walk(VRRP)
    bad = [r for r in rows if "No Such" in r[1] or "No more" in r[1]]
    assert not bad, bad
    return rows


def check_against_json(walk, j):
    inst = table(walk, INST)
    by_name = {}
    for (col, idx), (_, val) in inst.items():
        if col == 2:
            by_name[val] = idx
    assert set(by_name) == {i["iname"] for i in j["vrrp_instances"]}
    addrs = table(walk, ADDR)
    for i in j["vrrp_instances"]:
        idx = by_name[i["iname"]]
        assert inst[(3, idx)][1] == str(i["vrid"])
        assert inst[(4, idx)][1] == STATES[i["state"]]
        assert inst[(7, idx)][1] == str(i["priority"])
        assert inst[(8, idx)][1] == str(i["effective_priority"])
        assert inst[(10, idx)][1] == i["interface"]
        assert inst[(30, idx)][1] == str(i["version"])
        if "sync_group" in i:
            assert inst[(18, idx)][1] == i["sync_group"]
        # the advertised VIPs (vrrpAddressAdvertising 1) are the JSON's
        advertised = sorted(
            address_bytes(*addrs[(3, k)])
            for (col, k), (_, val) in addrs.items()
            if col == 11 and val == "1" and k.startswith(idx + "."))
        assert advertised == sorted(i["vips"])
    groups = {g["gname"]: g for g in j["vrrp_sync_groups"]}
    sync = table(walk, SYNC)
    names = {val: idx for (col, idx), (_, val) in sync.items() if col == 2}
    assert set(names) == set(groups)
    members = table(walk, VRRP + ".2.1")
    for name, idx in names.items():
        assert sync[(3, idx)][1] == STATES[groups[name]["state"]]
        assert sorted(v for (_, k), (_, v) in members.items()
                      if k.startswith(idx + ".")) == \
            sorted(groups[name]["vrrp_instances"])
    # vrrp_script results: good(3) / bad(2) / init(1)
    scripts = table(walk, SCRIPT)
    result = {"GOOD": "3", "BAD": "2", "INIT": "1"}
    for i in j["vrrp_instances"]:
        for s in i["track_scripts"]:
            idx = [k for (col, k), (_, v) in scripts.items()
                   if col == 2 and v == s["name"]]
            assert len(idx) == 1
            assert scripts[(6, idx[0])][1] == result[s["status"]]


def registered(snmpd):
    """vrrpInstanceName.1 answers (our registration reached snmpd)."""
    oid = INST + ".2.1"
    try:
        got = snmpd.get(oid)
    except AssertionError:
        return False
    return got.get(oid, (None, None))[1] == "VI_1"


def walk_matches(snmpd, d, tmp_path):
    """The walk agrees with a JSON dump taken around it (the cache of the
    tables may lag by a second: retried until both agree)."""
    def same():
        try:
            check_against_json(full_walk(snmpd), json_dump(d, tmp_path))
        except AssertionError:
            return False
        return True
    try:
        wait_until(same, 20, interval=1.0,
                   what="the walk agreeing with JSON")
    except WaitTimeout:
        pass    # the check below says where they differ
    walk = full_walk(snmpd)
    check_against_json(walk, json_dump(d, tmp_path))
    return walk


@pytest.fixture
def pair(netns, veth):
    a, b = netns("sna"), netns("snb")
    veth(a, b, "192.168.91.1/24", "192.168.91.2/24", ifname_a="vr0",
         ifname_b="vr0")
    return a, b


def trap_of(trapd, trap_oid, table_entry, name, state, timeout=20):
    """The notification trap_oid whose name varbind is name and whose
    state varbind is state. keepalived 2.2.7 names the columns without
    the row's index (entry.2, entry.4), and so do we."""
    state_col = ".3" if trap_oid == TRAP_SYNC else ".4"

    def match(t):
        return (t.get(table_entry + ".2", (None, None))[1] == name and
                t.get(table_entry + state_col, (None, None))[1] == state)
    return trapd.wait_for(trap_oid, match, timeout=timeout)


def test_walks_match_json_and_failover_traps(pair, daemon, keepalived_ref,
                                             snmp, tmp_path):
    a, b = pair
    snmpd, trapd = snmp
    (tmp_path / "track.val").write_text("0\n")
    daemon(b, PEER, args=REF_ARGS, binary=keepalived_ref, name="peer")
    d = daemon(a, ours_config(tmp_path, snmpd.agentx), args=OURS_ARGS,
               name="ours")
    # signals only once the parent handles them (RTMIN+2 kills before)
    d.wait_for_log(r"VRRP child \(pid \d+\) is running", timeout=20)
    wait_states(d, tmp_path, {"VI_1": "MASTER", "VI_2": "MASTER"})
    wait_until(lambda: registered(snmpd), 20,
               what="our tables answering through snmpd")

    walk = walk_matches(snmpd, d, tmp_path)
    glob = dict(((o, v) for o, _, v in walk if o.startswith(GLOBAL)))
    assert glob[GLOBAL + ".2.0"] == "snmp-a"             # routerId
    assert glob[GLOBAL + ".1.0"].startswith("Keepalived v")
    assert glob[GLOBAL + ".4.0"] == "1"                  # trapEnable
    # the excluded VIP is listed, not advertised
    addrs = table(walk, ADDR)
    excluded = [address_bytes(*addrs[(3, k)])
                for (col, k), (_, v) in addrs.items()
                if col == 11 and v == "2"]
    assert excluded == ["192.168.91.101"]
    # the virtual route: 192.168.200.0/24 via the peer, set (master)
    routes = table(walk, ROUTE)
    assert address_bytes(*routes[(3, "1.1")]) == "192.168.200.0"
    assert routes[(4, "1.1")][1] == "24"
    assert address_bytes(*routes[(5, "1.1")]) == "192.168.91.2"
    assert routes[(14, "1.1")][1] == "1"
    # the multipath one: ecmp, its mtu locked, and its two next hops
    assert routes[(10, "1.2")][1] == "2"
    assert routes[(22, "1.2")][1] == "1400"
    assert routes[(23, "1.2")][1] == "1"
    hops = table(walk, NEXTHOP)
    assert address_bytes(*hops[(3, "1.2.1")]) == "192.168.91.2"
    assert address_bytes(*hops[(3, "1.2.2")]) == "192.168.91.3"
    assert hops[(6, "1.2.1")][1] == "2"
    assert (6, "1.2.2") not in hops     # no weight given
    assert hops[(5, "1.2.2")][1] == "vr0"
    # the group's tracking weight, and its members by name
    members = table(walk, VRRP + ".2.1")
    assert sorted(v for (_, _), (_, v) in members.items()) == \
        ["VI_1", "VI_2"]

    # names resolve with the MIB files
    named = snmpd.walk("KEEPALIVED-MIB::vrrpInstanceTable", names=True)
    names = {o: v for o, _, v in named}
    assert names["KEEPALIVED-MIB::vrrpInstanceName.1"] == "VI_1"
    assert names["KEEPALIVED-MIB::vrrpInstanceState.1"] in ("2", "master(2)")
    named = snmpd.walk("KEEPALIVED-MIB::global", names=True)
    assert any(o == "KEEPALIVED-MIB::routerId.0" and v == "snmp-a"
               for o, _, v in named)

    # both became master at start: their traps came
    trap_of(trapd, TRAP_INST, INST, "VI_1", "2")
    trap_of(trapd, TRAP_INST, INST, "VI_2", "2")
    t = trap_of(trapd, TRAP_SYNC, SYNC, "G1", "2")
    assert t[GLOBAL + ".2.0"][1] == "snmp-a"

    # the track file takes VI_1 under the peer; the group follows
    (tmp_path / "track.val").write_text("100\n")
    wait_states(d, tmp_path, {"VI_1": "BACKUP", "VI_2": "BACKUP"})
    walk = walk_matches(snmpd, d, tmp_path)
    inst = table(walk, INST)
    assert inst[(4, "1")][1] == inst[(4, "2")][1] == "1"
    assert inst[(8, "1")][1] == "50"
    assert table(walk, ROUTE)[(14, "1.1")][1] == "2"     # unset
    t = trap_of(trapd, TRAP_INST, INST, "VI_1", "1")
    assert t[INST + ".5"][1] == "2"     # initial state: MASTER
    trap_of(trapd, TRAP_INST, INST, "VI_2", "1")
    trap_of(trapd, TRAP_SYNC, SYNC, "G1", "1")

    # a reload: the tables show the new configuration
    with open(d.config_path, "w", encoding="ascii") as f:
        f.write(ours_config(tmp_path, snmpd.agentx, prio2=130))
    mark = d.mark()
    d.signal(signal.SIGHUP)
    d.wait_for_log(r"Configuration reloaded", timeout=20,
                   since=mark)
    wait_until(lambda: table(snmpd.walk(INST + ".7"), INST)
               .get((7, "2"), (None, None))[1] == "130", 20,
               what="VI_2's new base priority in the walk")
    walk_matches(snmpd, d, tmp_path)
    assert d.running()

    # stopping: shutdown(5) for each instance and the group
    assert d.stop(20) == 0
    trap_of(trapd, TRAP_INST, INST, "VI_1", "5")
    trap_of(trapd, TRAP_INST, INST, "VI_2", "5")
    trap_of(trapd, TRAP_SYNC, SYNC, "G1", "5")
