"""Tests of the harness itself: namespaces, links, teardown, waits."""
import os
import signal
import sys
import time

import pytest

import kalib
from kalib.netns import netns_list


def test_veth_pair_pings_both_ways(netns, veth):
    a, b = netns("a"), netns("b")
    link = veth(a, b, "192.168.77.1/24", "192.168.77.2/24")
    assert link.ifname_a in a.ip("-o", "link", "show")
    assert "192.168.77.1/24" in a.addresses()
    assert "192.168.77.2/24" in b.addresses()
    assert a.ping("192.168.77.2")
    assert b.ping("192.168.77.1")


def test_ping_fails_when_link_is_down(netns, veth):
    # The converse, so that the ping checks here can fail.
    a, b = netns("a"), netns("b")
    link = veth(a, b, "192.168.77.1/24", "192.168.77.2/24")
    b.ip("link", "set", link.ifname_b, "down")
    assert not a.ping("192.168.77.2", wait_s=1)


def test_bridge_connects_three_namespaces(netns, bridge):
    members = [(netns("m"), f"192.168.77.{i}/24") for i in (1, 2, 3)]
    br = bridge(members)
    assert len(br.ports) == 3
    assert br.name in br.hub.ip("-o", "link", "show", "type", "bridge")
    for ns, _ in members:
        for _, addr in members:
            peer = addr.split("/")[0]
            assert ns.ping(peer), f"{ns.name} cannot reach {peer}"


def test_pool_deletes_its_namespaces(netns_ok):
    with kalib.NetnsPool() as pool:
        names = [pool.create("t").name for _ in range(2)]
        present = netns_list()
        assert all(n in present for n in names)
    present = netns_list()
    assert not [n for n in names if n in present]


def test_pool_deletes_namespaces_when_test_fails(netns_ok):
    names = []
    with pytest.raises(ZeroDivisionError):
        with kalib.NetnsPool() as pool:
            names.append(pool.create("f").name)
            assert names[0] in netns_list()
            1 / 0
    assert names[0] not in netns_list()


def test_pool_names_are_unique_between_pools(netns_ok):
    with kalib.NetnsPool() as p1, kalib.NetnsPool() as p2:
        assert p1.prefix != p2.prefix
        assert p1.create().name != p2.create().name


def test_wait_until_returns_first_true_value():
    calls = []

    def third_time():
        calls.append(1)
        return len(calls) if len(calls) >= 3 else None
    assert kalib.wait_until(third_time, timeout=5, interval=0.01) == 3


def test_wait_until_times_out_with_clear_message():
    start = time.monotonic()
    with pytest.raises(kalib.WaitTimeout) as info:
        kalib.wait_until(lambda: 0, timeout=0.3, interval=0.05,
                         what="the impossible")
    elapsed = time.monotonic() - start
    assert 0.3 <= elapsed < 2.0
    assert "the impossible" in str(info.value)
    assert "0.3s" in str(info.value)


def test_wait_until_propagates_predicate_errors():
    def broken():
        raise KeyError("boom")
    with pytest.raises(KeyError):
        kalib.wait_until(broken, timeout=5)


def test_daemon_fixture_runs_logs_and_kills_only_its_pid(netns, daemon):
    # A stand-in for keepalived: a shell that logs, reacts to HUP, and
    # forks a child in its process group, to check the teardown path.
    script = ("trap 'echo reload; ' HUP; trap 'echo bye; exit 0' TERM; "
              "sleep 300 & echo started $$; "
              "while :; do sleep 0.1; done")
    ns = netns("d")
    d = daemon(ns, "# unused\n", args=("-c", script, "sh"),
               binary="/bin/sh", name="fake")
    d.wait_for_log(r"^started \d+", timeout=5)
    mark = d.mark()
    d.signal(signal.SIGHUP)
    d.wait_for_log(r"^reload", timeout=5, since=mark)
    with pytest.raises(kalib.WaitTimeout) as info:
        d.wait_for_log(r"never printed", timeout=0.3)
    assert "started" in str(info.value), "time-out shows the log's end"
    assert d.stop(timeout=5) == 0
    assert "bye" in d.log()
    # The background sleep was in the daemon's group: gone too.
    kalib.wait_until(lambda: not _group_alive(d.pid), timeout=5,
                     what="the daemon's process group to be empty")


def _group_alive(pgid):
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                return True
    return False


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
