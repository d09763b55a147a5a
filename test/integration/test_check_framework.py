"""The checker framework's behaviour, seen in the IPVS table our daemon
records (--ipvs-record) and in its log and scripts: quorum with
hysteresis and its scripts, the sorry server, alpha, omega, reload
without flapping, stop, --dont-release-ipvs, the dumps, and the e-mail
alert of a real server going down.

Real servers are python3 http.server listeners in their own namespaces,
checked with TCP_CHECK; timers are short, waits generous, and no test
asserts on timing.
"""
import json
import signal
import stat

from kalib import wait_until

from smtp_servers import SmtpSink
from checklib import stop_servers  # noqa: F401 (autouse fixture)
from checklib import (VIP, TcpServer, director_topology, lvs_config,
                      read_table, start_director, wait_dest, wait_table)

SVC = f"TCP {VIP}:80"


def script(tmp_path, name):
    """A script that appends its name and arguments to tmp_path/<name>.out."""
    out = tmp_path / f"{name}.out"
    path = tmp_path / f"{name}.sh"
    path.write_text(f'#!/bin/sh\necho {name} "$@" >> {out}\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path, out


def lines(path):
    try:
        return path.read_text().splitlines()
    except FileNotFoundError:
        return []


def servers(topo, n):
    return [TcpServer(topo.servers[i], topo.rs_addr(i), 8080).start()
            for i in range(n)]


def dests(topo, n):
    return [f"{topo.rs_addr(i)}:8080" for i in range(n)]


def test_quorum_with_hysteresis_runs_its_scripts(netns, bridge, daemon,
                                                 tmp_path):
    # Three servers of weight 1, quorum 2, hysteresis 1: lost below 1,
    # gained again at 3.
    topo = director_topology(netns, bridge, servers=3)
    up, up_out = script(tmp_path, "qup")
    down, down_out = script(tmp_path, "qdown")
    srvs = servers(topo, 3)
    conf = lvs_config([topo.rs_addr(i) for i in range(3)],
                      vs_opts=f"quorum 2\n    hysteresis 1\n"
                              f'    quorum_up "{up} {VIP}"\n'
                              f'    quorum_down "{down} {VIP}"')
    d, table = start_director(daemon, topo, tmp_path, conf)
    ds = dests(topo, 3)
    for dest in ds:
        wait_dest(table, SVC, dest)
    # As keepalived: a virtual server starts without its quorum and
    # gains it when its servers are up.
    d.wait_for_log(rf"Gained quorum 2\+1=3 <= 3 for VS \[{VIP}\]:tcp:80")
    wait_until(lambda: lines(up_out) == [f"qup {VIP}"], 20, 0.1,
               "quorum_up ran at start")

    srvs[0].stop()
    srvs[1].stop()
    wait_dest(table, SVC, ds[0], present=False)
    wait_dest(table, SVC, ds[1], present=False)
    srvs[2].stop()
    wait_dest(table, SVC, ds[2], present=False)
    d.wait_for_log(rf"Lost quorum 2-1=1 > 0 for VS \[{VIP}\]:tcp:80")
    wait_until(lambda: lines(down_out) == [f"qdown {VIP}"], 20, 0.1,
               "quorum_down ran once")

    mark = d.mark()
    srvs[0].start()
    srvs[1].start()
    wait_dest(table, SVC, ds[0])
    wait_dest(table, SVC, ds[1])
    # Weight 2 is within the hysteresis: not gained yet.
    assert "Gained quorum" not in d.log()[mark:]
    assert lines(up_out) == [f"qup {VIP}"]
    srvs[2].start()
    wait_dest(table, SVC, ds[2])
    d.wait_for_log(rf"Gained quorum 2\+1=3 <= 3 for VS \[{VIP}\]:tcp:80",
                   since=mark)
    wait_until(lambda: lines(up_out) == [f"qup {VIP}"] * 2, 20, 0.1,
               "quorum_up ran again")
    assert lines(down_out) == [f"qdown {VIP}"]


def test_sorry_server_stands_in_when_all_are_down(netns, bridge, daemon,
                                                  tmp_path):
    topo = director_topology(netns, bridge, servers=2)
    rs, sorry = topo.rs_addr(0), topo.rs_addr(1)
    srv = TcpServer(topo.servers[0], rs, 8080).start()
    d, table = start_director(daemon, topo, tmp_path,
                              lvs_config([rs], sorry=sorry))
    dest, sorry_dest = f"{rs}:8080", f"{sorry}:8080"

    wait_dest(table, SVC, dest)
    assert read_table(table)[SVC].get(sorry_dest) is None
    srv.stop()
    wait_dest(table, SVC, sorry_dest)
    wait_dest(table, SVC, dest, present=False)
    d.wait_for_log(rf"Adding sorry server \[{sorry}\]:tcp:8080 to VS")
    d.wait_for_log(rf"Removing alive servers from the pool for VS "
                   rf"\[{VIP}\]:tcp:80")
    srv.start()
    wait_dest(table, SVC, dest)
    wait_dest(table, SVC, sorry_dest, present=False)
    d.wait_for_log(rf"Removing sorry server \[{sorry}\]:tcp:8080 from VS")
    d.wait_for_log(rf"Adding alive servers to the pool for VS "
                   rf"\[{VIP}\]:tcp:80")


def test_alpha_starts_out_of_the_table(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    d, table = start_director(daemon, topo, tmp_path,
                              lvs_config([rs], vs_opts="alpha"))
    dest = f"{rs}:8080"

    wait_table(table, lambda t: SVC in t, "the service recorded")
    d.wait_for_log(r"Activating healthchecker for service")
    d.wait_for_log(rf"Starting with quorum down 1-0=1 > 0 for VS "
                   rf"\[{VIP}\]:tcp:80")
    # Checks fail (nothing listens): it never entered the table.
    d.wait_for_log(rf"TCP_CHECK on service \[{rs}\]:tcp:8080 failed: "
                   r"Connection refused", timeout=20)
    assert dest not in read_table(table)[SVC]
    assert "Adding service" not in d.log()
    TcpServer(topo.servers[0], rs, 8080).start()
    wait_dest(table, SVC, dest)


def test_without_alpha_starts_in_the_table(netns, bridge, daemon, tmp_path):
    # The counterpart of alpha: in from the first table written, even
    # though nothing listens.
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    d, table = start_director(daemon, topo, tmp_path, lvs_config([rs]))
    wait_dest(table, SVC, f"{rs}:8080")
    wait_dest(table, SVC, f"{rs}:8080", present=False)


def test_omega_runs_down_scripts_on_stop(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    qdown, qdown_out = script(tmp_path, "qdown")
    ndown, ndown_out = script(tmp_path, "ndown")
    TcpServer(topo.servers[0], rs, 8080).start()
    conf = lvs_config([(rs, f'notify_down "{ndown} {rs}"')],
                      vs_opts=f'omega\n    quorum_down "{qdown}"')
    d, table = start_director(daemon, topo, tmp_path, conf)
    wait_dest(table, SVC, f"{rs}:8080")

    assert d.stop(timeout=20) == 0
    assert lines(qdown_out) == ["qdown"]
    assert lines(ndown_out) == [f"ndown {rs}"]
    # Released on stop: nothing left in the table.
    assert read_table(table) == {}


def test_stop_without_omega_runs_no_script(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    qdown, qdown_out = script(tmp_path, "qdown")
    TcpServer(topo.servers[0], rs, 8080).start()
    d, table = start_director(daemon, topo, tmp_path, lvs_config(
        [rs], vs_opts=f'quorum_down "{qdown}"'))
    wait_dest(table, SVC, f"{rs}:8080")
    assert d.stop(timeout=20) == 0
    assert lines(qdown_out) == []
    d_log = d.log()
    assert f"Shutting down service [{rs}]:tcp:8080 from VS" in d_log
    assert read_table(table) == {}


def test_dont_release_ipvs_keeps_the_table(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    TcpServer(topo.servers[0], rs, 8080).start()
    d, table = start_director(daemon, topo, tmp_path, lvs_config([rs]),
                              args=("-n", "-l", "-G", "-D", "-I"))
    wait_dest(table, SVC, f"{rs}:8080")
    assert d.stop(timeout=20) == 0
    assert read_table(table)[SVC] == {f"{rs}:8080": ("Masq", 1)}


def reload(d, mark):
    d.signal(signal.SIGHUP)
    d.wait_for_log(r"Configuration reloaded", since=mark, timeout=20)


def test_reload_that_changes_nothing_changes_nothing(netns, bridge, daemon,
                                                     tmp_path):
    topo = director_topology(netns, bridge, servers=2)
    srvs = servers(topo, 2)
    conf = lvs_config([topo.rs_addr(0), topo.rs_addr(1)])
    d, table = start_director(daemon, topo, tmp_path, conf)
    ds = dests(topo, 2)
    for dest in ds:
        wait_dest(table, SVC, dest)
    srvs[1].stop()
    wait_dest(table, SVC, ds[1], present=False)
    with open(table, encoding="utf-8") as f:
        before = f.read()

    mark = d.mark()
    reload(d, mark)
    # A full check cycle after the reload: still the same.
    d.wait_for_log(r"TCP_CHECK on service .* failed|"
                   r"failed: Connection refused", since=mark, timeout=20)
    after_log = d.log()[mark:]
    assert "Removing" not in after_log
    assert "Adding" not in after_log
    # Unlike keepalived, which restarts every checker on a reload, an
    # unchanged checker just goes on.
    assert "Activating healthchecker" not in after_log
    with open(table, encoding="utf-8") as f:
        assert f.read() == before


def test_reload_edits_a_changed_weight(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    TcpServer(topo.servers[0], rs, 8080).start()
    d, table = start_director(daemon, topo, tmp_path, lvs_config([rs]))
    dest = f"{rs}:8080"
    wait_dest(table, SVC, dest, weight=1)

    with open(d.config_path, "w", encoding="utf-8") as f:
        f.write(lvs_config([(rs, "", 5)]))
    mark = d.mark()
    reload(d, mark)
    wait_dest(table, SVC, dest, weight=5)
    d.wait_for_log(rf"Changing weight from 1 to 5 for active service "
                   rf"\[{rs}\]",
                   since=mark)
    assert "Removing" not in d.log()[mark:]


def test_reload_adds_and_removes_real_servers(netns, bridge, daemon,
                                              tmp_path):
    topo = director_topology(netns, bridge, servers=2)
    servers(topo, 2)
    ds = dests(topo, 2)
    gone = topo.rs_addr(0)
    ndown, ndown_out = script(tmp_path, "ndown")
    d, table = start_director(daemon, topo, tmp_path, lvs_config(
        [(gone, f'notify_down "{ndown} {gone}"')]))
    wait_dest(table, SVC, ds[0])
    d.wait_for_log(rf"TCP connection to \[{gone}\]:tcp:8080 success")

    with open(d.config_path, "w", encoding="utf-8") as f:
        f.write(lvs_config([topo.rs_addr(1)]))
    mark = d.mark()
    reload(d, mark)
    wait_dest(table, SVC, ds[1])
    wait_dest(table, SVC, ds[0], present=False)
    # As keepalived: said, removed, and notify_down run for it.
    d.wait_for_log(rf"service \[{gone}\]:tcp:8080 no longer exist",
                   since=mark)
    d.wait_for_log(rf"Removing service \[{gone}\]:tcp:8080 from VS",
                   since=mark)
    wait_until(lambda: lines(ndown_out) == [f"ndown {gone}"], 20, 0.1,
               "notify_down of the removed server")


def test_dumps_show_servers_and_checkers(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    TcpServer(topo.servers[0], rs, 8080).start()
    dumps = (f"state_dump_file {tmp_path}/ka.data\n"
             f"    stats_dump_file {tmp_path}/ka.stats\n"
             f"    json_dump_file {tmp_path}/ka.json")
    d, table = start_director(daemon, topo, tmp_path,
                              lvs_config([rs], globals_=dumps))
    wait_dest(table, SVC, f"{rs}:8080")
    data = tmp_path / "ka_check.data"
    d.signal(signal.SIGUSR1)

    def data_dump():
        text = data.read_text() if data.exists() else ""
        return "attempts" in text and text

    text = wait_until(data_dump, 20, 0.2, "the data dump")
    assert f"VS [{VIP}]:tcp:80: quorum UP" in text
    assert f"Real server [{rs}]:tcp:8080: UP, weight 1, in IPVS" in text
    assert f"TCP_CHECK [{rs}]:tcp:8080: UP" in text

    stats = tmp_path / "ka_check.stats"
    d.signal(signal.SIGUSR2)
    wait_until(lambda: stats.exists() and "attempts" in stats.read_text(),
               20, 0.2, "the stats dump")
    assert f"RS [{rs}]:tcp:8080: up 0, down 0" in stats.read_text()

    jpath = tmp_path / "ka_check.json"
    d.signal(signal.SIGRTMIN + 2)   # --signum=JSON
    wait_until(jpath.exists, 20, 0.2, "the JSON dump")
    vss = json.loads(jpath.read_text())["virtual_servers"]
    assert [v["name"] for v in vss] == [f"[{VIP}]:tcp:80"]
    assert vss[0]["quorum_up"] is True
    (real,) = vss[0]["real_servers"]
    assert real["name"] == f"[{rs}]:tcp:8080"
    assert real["up"] is True and real["in_ipvs"] is True
    assert real["ipvs_weight"] == 1
    (check,) = real["checkers"]
    assert check["type"] == "TCP_CHECK" and check["up"] is True
    assert check["attempts"] >= 1


def test_smtp_alert_when_a_real_server_changes(netns, bridge, daemon,
                                               tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    srv = TcpServer(topo.servers[0], rs, 8080).start()
    sink = SmtpSink(topo.director, str(tmp_path), "127.0.0.1", 2525).start()
    try:
        mail = ("notification_email {\n        ops@example.com\n    }\n"
                "    notification_email_from ka@example.com\n"
                "    smtp_server 127.0.0.1 2525")
        d, table = start_director(daemon, topo, tmp_path,
                                  lvs_config([rs], globals_=mail))
        wait_dest(table, SVC, f"{rs}:8080")
        srv.stop()
        wait_dest(table, SVC, f"{rs}:8080", present=False)
        subject = (f"Subject: [checktest] Realserver [{rs}]:tcp:8080 of "
                   f"virtual server [{VIP}]:tcp:80 - DOWN")
        msgs = wait_until(lambda: sink.messages(), 20, 0.2, "an alert")
        assert subject in msgs[0]["content"]
        assert "=> TCP_CHECK failed on service <=" in msgs[0]["content"]
        assert msgs[0]["rcpt_tos"] == ["ops@example.com"]
    finally:
        sink.stop()


def test_ha_suspend_follows_the_virtual_address(netns, bridge, daemon,
                                               tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    TcpServer(topo.servers[0], rs, 8080).start()
    topo.director.ip("addr", "del", f"{VIP}/32", "dev", "lo")
    d, table = start_director(daemon, topo, tmp_path, lvs_config(
        [rs], vs_opts="ha_suspend\n    alpha"))
    d.wait_for_log(rf"Suspending healthcheckers of VS \[{VIP}\]:tcp:80: "
                   r"its address is not here")
    # Started (the parent says so once the child is ready) without a
    # single checker running.
    d.wait_for_log(r"checker child \(pid \d+\) is running")
    assert "Activating healthchecker" not in d.log()
    assert read_table(table)[SVC] == {}

    topo.director.ip("addr", "add", f"{VIP}/32", "dev", "lo")
    d.wait_for_log(rf"Resuming healthcheckers of VS \[{VIP}\]:tcp:80")
    wait_dest(table, SVC, f"{rs}:8080")
    mark = d.mark()
    topo.director.ip("addr", "del", f"{VIP}/32", "dev", "lo")
    d.wait_for_log(rf"Suspending healthcheckers of VS \[{VIP}\]:tcp:80",
                   since=mark)
