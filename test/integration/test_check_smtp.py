"""SMTP_CHECK against a real SMTP server (aiosmtpd) in a real server's
namespace: our daemon in the director namespace records the IPVS table
(--ipvs-record) and the tests watch the real server go out when the
server stops, stalls or refuses our HELO, and come back when it returns.

Timers are short (delay_loop 1 s, connect_timeout 2 s, retry 1); every
wait has a generous time-out and no test asserts on timing.
"""
import re

from checklib import VIP, director_topology, start_director, wait_dest
from smtp_servers import Mute, SmtpSink

SVC = f"TCP {VIP}:25"


def smtp_config(rs, check="", globals_="", vs_opts=""):
    return f"""
global_defs {{
    router_id checktest
    {globals_}
}}
virtual_server {VIP} 25 {{
    delay_loop 1
    retry 1
    delay_before_retry 1
    warmup 0
    lvs_sched rr
    lvs_method NAT
    protocol TCP
    {vs_opts}
    real_server {rs} 25 {{
        weight 2
        SMTP_CHECK {{
            connect_timeout 2
            {check}
        }}
    }}
}}
"""


def test_smtp_server_stops_and_returns(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    sink = SmtpSink(topo.servers[0], str(tmp_path), rs, 25)
    sink.start()
    try:
        d, table = start_director(daemon, topo, tmp_path,
                                  smtp_config(rs, vs_opts="alpha"))
        dest = f"{rs}:25"
        # alpha: in the table only once a check passed
        wait_dest(table, SVC, dest, weight=2)
        d.wait_for_log(rf"SMTP_CHECK on service \[{re.escape(rs)}\]"
                       r":tcp:25 success\.")
        sink.stop()
        wait_dest(table, SVC, dest, present=False)
        d.wait_for_log(rf"SMTP_CHECK on service \[{re.escape(rs)}\]"
                       r":tcp:25 failed: Connection refused\.")
        mark = d.mark()
        sink.start()
        wait_dest(table, SVC, dest, weight=2)
        d.wait_for_log(r"SMTP_CHECK on service .* success\.", since=mark)
        assert d.running()
    finally:
        sink.stop()


def test_helo_name_reaches_the_server(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    sink = SmtpSink(topo.servers[0], str(tmp_path), rs, 25).start()
    try:
        d, table = start_director(
            daemon, topo, tmp_path,
            smtp_config(rs, check="helo_name checker.example.test",
                        globals_="smtp_helo_name global.example.test",
                        vs_opts="alpha"))
        wait_dest(table, SVC, f"{rs}:25", weight=2)
        assert sink.helos() and set(sink.helos()) == {
            "checker.example.test"}
    finally:
        sink.stop()


def test_global_helo_name_is_the_default(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    sink = SmtpSink(topo.servers[0], str(tmp_path), rs, 25).start()
    try:
        d, table = start_director(
            daemon, topo, tmp_path,
            smtp_config(rs, globals_="smtp_helo_name global.example.test",
                        vs_opts="alpha"))
        wait_dest(table, SVC, f"{rs}:25", weight=2)
        assert set(sink.helos()) == {"global.example.test"}
    finally:
        sink.stop()


def test_refused_helo_takes_it_out(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    sink = SmtpSink(topo.servers[0], str(tmp_path), rs, 25).start()
    try:
        # without alpha the real server starts in the table
        d, table = start_director(
            daemon, topo, tmp_path,
            smtp_config(rs, check="helo_name refused.example.test"))
        d.wait_for_log(rf"Adding service \[{re.escape(rs)}\]:tcp:25")
        wait_dest(table, SVC, f"{rs}:25", present=False)
        d.wait_for_log(r"SMTP_CHECK on service .* failed: SMTP HELO code "
                       r"550 5\.7\.1 not talking to you\.")
    finally:
        sink.stop()


def test_mute_server_takes_it_out(netns, bridge, daemon, tmp_path):
    topo = director_topology(netns, bridge, servers=1)
    rs = topo.rs_addr(0)
    ns = topo.servers[0]
    sink = SmtpSink(ns, str(tmp_path), rs, 25).start()
    mute = Mute(ns, str(tmp_path), rs, 25)
    try:
        d, table = start_director(daemon, topo, tmp_path,
                                  smtp_config(rs, vs_opts="alpha"))
        dest = f"{rs}:25"
        wait_dest(table, SVC, dest, weight=2)
        # the port stays open, but nobody greets
        sink.stop()
        mute.start()
        wait_dest(table, SVC, dest, present=False)
        # The removal may come from the refused connections between the
        # two servers; the mute server's time-out follows one delay_loop
        # and connect_timeout later, later still on a loaded machine.
        d.wait_for_log(r"SMTP_CHECK on service .* failed: timeout waiting "
                       r"for the greeting\.", timeout=60)
        mute.stop()
        mark = d.mark()
        sink.start()
        wait_dest(table, SVC, dest, weight=2)
        d.wait_for_log(r"SMTP_CHECK on service .* success\.", since=mark)
    finally:
        mute.stop()
        sink.stop()
