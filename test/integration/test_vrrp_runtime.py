"""Settings of the VRRP child that are not about packets: its scheduling
(vrrp_priority, vrrp_rt_priority, vrrp_no_swap, vrrp_cpu_affinity, seen
in /proc), vrrp_startup_delay, and the warning for stored settings that
this build does not act on yet (never silently ignored)."""
import re
import signal
import time

from kalib import wait_until

FG = ("-n", "-l", "-G", "-D", "-P")

INSTANCE = """\
vrrp_instance VI_1 {{
    interface vr0
    virtual_router_id 61
    priority 100
    advert_int 1
{extra}    virtual_ipaddress {{
        192.168.87.100/24
    }}
}}
"""


def node(netns, veth):
    a, b = netns("rta"), netns("rtb")
    veth(a, b, "192.168.87.1/24", "192.168.87.2/24", ifname_a="vr0",
         ifname_b="vr0")
    return a


def proc(pid, name):
    with open(f"/proc/{pid}/{name}", encoding="utf-8") as f:
        return f.read()


def test_scheduling_settings_apply_to_the_vrrp_child(netns, veth, daemon):
    ns = node(netns, veth)
    conf = ("global_defs {\n    vrrp_priority -5\n    vrrp_no_swap\n"
            "    vrrp_cpu_affinity 0\n    vrrp_rt_priority 10\n}\n"
            + INSTANCE.format(extra=""))
    d = daemon(ns, conf, args=FG)
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE")
    pid = wait_until(lambda: d.pid_from("-r"), 10, what="the VRRP pid")
    status = proc(pid, "status")
    assert re.search(r"^Cpus_allowed_list:\s+0$", status, re.M), status
    assert int(re.search(r"^VmLck:\s+(\d+) kB$", status, re.M)[1]) > 0
    # real-time: SCHED_RR (2) at priority 10; nice is not used then
    sched = proc(pid, "sched")
    assert re.search(r"^policy\s+:\s+2$", sched, re.M), sched
    # after the comm, index i is field i + 3 of proc(5): 40 rt_priority,
    # 41 policy
    stat = proc(pid, "stat").rsplit(")", 1)[1].split()
    assert int(stat[37]) == 10
    assert int(stat[38]) == 2
    assert d.stop(20) == 0


def test_nice_without_real_time(netns, veth, daemon):
    ns = node(netns, veth)
    conf = ("global_defs {\n    vrrp_priority -5\n}\n"
            + INSTANCE.format(extra=""))
    d = daemon(ns, conf, args=FG)
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE")
    pid = wait_until(lambda: d.pid_from("-r"), 10, what="the VRRP pid")
    stat = proc(pid, "stat").rsplit(")", 1)[1].split()
    assert int(stat[16]) == -5      # field 19: nice
    assert d.stop(20) == 0


def test_startup_delay(netns, veth, daemon):
    ns = node(netns, veth)
    conf = ("global_defs {\n    vrrp_startup_delay 1.5\n}\n"
            + INSTANCE.format(extra=""))
    d = daemon(ns, conf, args=FG)
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20)
    log = d.log()
    assert log.index("Delaying startup for 1.5 seconds") < \
        log.index("(VI_1) Entering BACKUP STATE")
    assert d.stop(20) == 0


def test_stored_but_not_acted_on_is_said(netns, veth, daemon):
    ns = node(netns, veth)
    conf = ("global_defs {\n    vrrp_iptables\n}\n"
            + INSTANCE.format(extra=""))
    d = daemon(ns, conf, args=FG)
    d.wait_for_log(r"vrrp_iptables and vrrp_ipsets are not supported yet "
                   r"- using nftables")
    assert d.stop(20) == 0


def test_garp_master_refresh(netns, veth, daemon):
    """While master, a burst of refresh_repeat GARPs every refresh
    interval, on top of the first burst of garp_master_repeat."""
    ns = node(netns, veth)
    conf = INSTANCE.format(extra="    garp_master_delay 0\n"
                                 "    garp_master_repeat 1\n"
                                 "    garp_master_refresh 1\n"
                                 "    garp_master_refresh_repeat 2\n")
    d = daemon(ns, conf, args=FG)
    d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=20)
    line = r"Sending gratuitous ARP on vr0 for 192\.168\.87\.100"
    # 1 at once, then 2 per second: 7 or more within a few seconds
    wait_until(lambda: len(re.findall(line, d.log())) >= 7, 10,
               what="refresh bursts of gratuitous ARPs")
    assert d.stop(20) == 0
    count = len(re.findall(line, d.log()))
    assert count % 2 == 1, "one first burst of 1, then bursts of 2"


def test_reload_keeps_an_unchanged_instance(netns, veth, daemon):
    """HUP with the same instance: no transition, the VIP never leaves.
    HUP with its priority changed: that instance starts again."""
    ns = node(netns, veth)
    conf = INSTANCE.format(extra="")
    d = daemon(ns, conf, args=FG)
    d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=20)
    mark = d.mark()
    d.signal(signal.SIGHUP)
    wait_until(lambda: d.log().count("Configuration reloaded", mark) >= 1,
               10, what="the reload")
    # what must not happen needs time to show: a second is more than the
    # reload takes here
    time.sleep(1)
    after = d.log()[mark:]
    assert "Entering" not in after and "removing VIPs" not in after, after
    assert "192.168.87.100/24" in ns.ip("-br", "addr", "show", "dev", "vr0")

    with open(d.config_path, "w", encoding="utf-8") as f:
        f.write(conf.replace("priority 100", "priority 110"))
    mark = d.mark()
    d.signal(signal.SIGHUP)
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE \(init\)", since=mark)
    d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", since=mark,
                   timeout=20)
    assert d.stop(20) == 0


def test_reload_changes_addresses_in_place(netns, veth, daemon):
    """HUP with a VIP added to a master's instance: the new address is
    set without a transition and the old one stays (no "removing VIPs");
    HUP with the first VIP dropped: only it
    goes, still without a transition."""
    ns = node(netns, veth)
    conf = INSTANCE.format(extra="")
    d = daemon(ns, conf, args=FG)
    d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=20)

    def addrs():
        return ns.ip("-br", "addr", "show", "dev", "vr0")

    with open(d.config_path, "w", encoding="utf-8") as f:
        f.write(conf.replace("192.168.87.100/24",
                             "192.168.87.100/24\n        192.168.87.101/24"))
    mark = d.mark()
    d.signal(signal.SIGHUP)
    # a replaced instance would say "Entering BACKUP STATE (init)" at
    # once and set the address only a Master_Down_Interval later: once
    # the address is there, its log lines would be too
    wait_until(lambda: "192.168.87.101/24" in addrs(), 10,
               what="the added address")
    d.wait_for_log("Configuration reloaded", since=mark)
    after = d.log()[mark:]
    assert "Entering" not in after and "removing VIPs" not in after, after
    assert "192.168.87.100/24" in addrs()

    with open(d.config_path, "w", encoding="utf-8") as f:
        f.write(conf.replace("192.168.87.100/24", "192.168.87.101/24"))
    mark = d.mark()
    d.signal(signal.SIGHUP)
    wait_until(lambda: "192.168.87.100/24" not in addrs(), 10,
               what="the dropped address gone")
    d.wait_for_log("Configuration reloaded", since=mark)
    after = d.log()[mark:]
    assert "Entering" not in after, after
    assert "192.168.87.101/24" in addrs()
    assert d.stop(20) == 0
    assert "192.168.87.101" not in addrs()
