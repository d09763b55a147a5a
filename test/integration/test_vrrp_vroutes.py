"""virtual_routes and virtual_rules: present on the MASTER only, gone when
the instance becomes BACKUP and when the daemon stops; a reload while
MASTER changes only the lines that changed. Our daemon against Debian's
keepalived as the peer, in two namespaces joined by a veth pair."""
import json
import signal

import pytest

from kalib import wait_until
from verdictlib import assert_same_verdict, host_with_e0

OURS_ARGS = ("-n", "-l", "-G", "-D", "-P")
REF_ARGS = ("-n", "-l", "-D", "-P")

ROUTES = ["10.98.1.0/24 via 192.168.84.254 dev vr0",
          "blackhole 10.98.2.0/24 table 100"]
RULES = ["from 10.97.1.0/24 table 100 priority 100",
         "to 10.97.2.0/24 table 101 priority 101"]


def config(prio, routes=ROUTES, rules=RULES):
    lines = ["global_defs {", "    vrrp_garp_master_delay 0", "}",
             "vrrp_instance VI_1 {", "    state BACKUP",
             "    interface vr0", "    virtual_router_id 52",
             f"    priority {prio}", "    advert_int 0.3", "    version 3",
             "    virtual_ipaddress {", "        192.168.84.100/24", "    }",
             "    virtual_routes {"]
    lines += [f"        {r}" for r in routes]
    lines += ["    }", "    virtual_rules {"]
    lines += [f"        {r}" for r in rules]
    lines += ["    }", "}"]
    return "\n".join(lines) + "\n"


def routes(ns):
    """The destinations of keepalived-protocol routes, any table."""
    out = json.loads(ns.ip("-j", "route", "show", "table", "all",
                           "proto", "keepalived") or "[]")
    return sorted(f"{r.get('type', 'unicast')} {r['dst']} "
                  f"{r.get('table', 'main')}" for r in out)


def rules(ns):
    out = json.loads(ns.ip("-j", "rule", "show") or "[]")
    def pfx(r, k):
        if k not in r or r[k] == "all":
            return "all"
        return f"{r[k]}/{r[k + 'len']}" if k + "len" in r else r[k]
    return sorted(f"{r['priority']} {pfx(r, 'src')} {pfx(r, 'dst')} "
                  f"{r.get('table')}"
                  for r in out if r.get("protocol") == "keepalived")


WANT_ROUTES = ["blackhole 10.98.2.0/24 100", "unicast 10.98.1.0/24 main"]
WANT_RULES = ["100 10.97.1.0/24 all 100", "101 all 10.97.2.0/24 101"]


def pair(netns, veth):
    a, b = netns("vta"), netns("vtb")
    veth(a, b, "192.168.84.1/24", "192.168.84.2/24", ifname_a="vr0",
         ifname_b="vr0")
    return a, b


def state_of(ns):
    return (routes(ns), rules(ns))


def test_vroutes_follow_master(netns, veth, daemon, keepalived_ref):
    """Ours alone is MASTER with the routes; a higher priority keepalived
    preempts it: they leave ours and appear on keepalived."""
    a, b = pair(netns, veth)
    ours = daemon(a, config(100), args=OURS_ARGS, name="ours")
    want = (WANT_ROUTES, WANT_RULES)
    wait_until(lambda: state_of(a) == want, 20,
               what="virtual routes and rules on our master")
    ours.wait_for_log(r"\(VI_1\) setting Virtual Routes", 5)
    ours.wait_for_log(r"\(VI_1\) setting Virtual Rules", 5)
    mark = ours.mark()
    ref = daemon(b, config(200), args=REF_ARGS, binary=keepalived_ref,
                 name="ref")
    wait_until(lambda: state_of(b) == want, 20,
               what="virtual routes and rules on keepalived")
    ours.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", 10, since=mark)
    wait_until(lambda: state_of(a) == ([], []), 10,
               what="none left on our backup")
    ours.wait_for_log(r"\(VI_1\) removing Virtual Rules", 5, since=mark)
    ours.wait_for_log(r"\(VI_1\) removing Virtual Routes", 5, since=mark)
    assert ref.stop(20) == 0
    wait_until(lambda: state_of(a) == want, 20, what="ours master again")
    # ours stops: nothing of them is left
    assert ours.stop(20) == 0
    assert state_of(a) == ([], [])


def test_vroutes_backup_and_stop(netns, veth, daemon, keepalived_ref):
    a, b = pair(netns, veth)
    ref = daemon(b, config(200), args=REF_ARGS, binary=keepalived_ref,
                 name="ref")
    want = (WANT_ROUTES, WANT_RULES)
    wait_until(lambda: state_of(b) == want, 20,
               what="virtual routes and rules on keepalived's master")
    ours = daemon(a, config(100), args=OURS_ARGS, name="ours")
    ours.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", 10)
    assert state_of(a) == ([], [])
    # keepalived stops: ours becomes master and sets them
    assert ref.stop(20) == 0
    wait_until(lambda: state_of(a) == want, 20,
               what="virtual routes and rules after the fail-over")
    assert ours.stop(20) == 0
    assert state_of(a) == ([], [])


def test_vroutes_reload_changes_only_the_difference(netns, veth, daemon):
    a, b = pair(netns, veth)
    ours = daemon(a, config(200), args=OURS_ARGS, name="ours")
    want = (WANT_ROUTES, WANT_RULES)
    wait_until(lambda: state_of(a) == want, 20, what="master's routes")
    # a line the reload keeps is not removed and added again: the
    # "removing" lines say so, and so does the kernel's route cache-free
    # view: the kept route never goes missing while we poll.
    mark = ours.mark()
    with open(ours.config_path, "w", encoding="utf-8") as f:
        f.write(config(200, routes=[ROUTES[0], "10.98.3.0/24 dev vr0"],
                       rules=[RULES[1]]))
    ours.signal(signal.SIGHUP)
    wait_until(lambda: state_of(a) == (
        ["unicast 10.98.1.0/24 main", "unicast 10.98.3.0/24 main"],
        ["101 all 10.97.2.0/24 101"]), 20, what="the reloaded routes")
    log = ours.log()[mark:]
    assert "Entering BACKUP" not in log
    assert "removing Virtual Routes" not in log
    assert ours.stop(20) == 0
    assert state_of(a) == ([], [])


# ---- -t verdicts ---------------------------------------------------------

def inst(routes="", rules=""):
    text = ("vrrp_instance VI_1 {\n    interface e0\n"
            "    virtual_router_id 51\n"
            "    virtual_ipaddress {\n        10.9.0.100/24\n    }\n")
    if routes:
        text += f"    virtual_routes {{\n        {routes}\n    }}\n"
    if rules:
        text += f"    virtual_rules {{\n        {rules}\n    }}\n"
    return text + "}\n"


# name -> (configuration, line ours must name when the verdict is an error)
CORPUS = {
    "route_dev": (inst("10.8.0.0/24 via 10.9.0.2 dev e0"), None),
    "route_no_dev": (inst("10.8.0.0/24 via 10.9.0.2"), 8),
    "route_no_dev_no_track": (inst("10.8.0.0/24 via 10.9.0.2 no_track"),
                              None),
    "blackhole": (inst("blackhole 10.8.1.0/24"), 8),
    "route_track_group": (inst("10.8.0.0/24 dev e0 track_group G"), 8),
    "rule": (inst(rules="from 10.7.0.0/24 table 100 priority 100"), None),
    "rule_no_track": (inst(rules="to 10.7.0.0/24 table 100 priority 101 "
                           "no_track"), None),
}


@pytest.fixture
def host(netns, veth):
    return host_with_e0(netns, veth)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_vroute_verdict_matches_debian(name, host, keepalived_bin,
                                       keepalived_ref, tmp_path):
    text, line = CORPUS[name]
    path = tmp_path / f"{name}.conf"
    path.write_text(text)
    assert_same_verdict(host, keepalived_bin, keepalived_ref, path, line)
