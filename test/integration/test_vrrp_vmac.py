"""use_vmac: the instance runs on a macvlan (mode private) of its
interface with the virtual router MAC 00:00:5e:00:01:VRID, named vrrp.VRID
unless use_vmac names it; the VIP goes on it, adverts leave from it (the
peer sees the virtual MAC as their source), and with vmac_xmit_base they
leave from the base interface. Removed at stop. The sysctls are those
Debian's keepalived 2.2.7 sets. Our daemon against keepalived as the
peer."""
import json
import subprocess
import sys

import pytest

from kalib import wait_until

OURS_ARGS = ("-n", "-l", "-G", "-D", "-P")
REF_ARGS = ("-n", "-l", "-D", "-P")
VRID = 53
VMAC = f"00:00:5e:00:01:{VRID:02x}"
VIP = "192.168.85.100"


def config(prio, vmac="    use_vmac", extra=""):
    return "\n".join([
        "global_defs {", "    vrrp_garp_master_delay 0", "}",
        "vrrp_instance VI_1 {", "    state BACKUP", "    interface vr0",
        f"    virtual_router_id {VRID}", f"    priority {prio}",
        "    advert_int 0.3", "    version 3", vmac, extra,
        "    virtual_ipaddress {", f"        {VIP}/24", "    }", "}"]) + "\n"


def pair(netns, veth):
    a, b = netns("vma"), netns("vmb")
    veth(a, b, "192.168.85.1/24", "192.168.85.2/24", ifname_a="vr0",
         ifname_b="vr0")
    return a, b


def link(ns, name):
    out = json.loads(ns.ip("-d", "-j", "link", "show", check=False) or "[]")
    for ln in out:
        if ln["ifname"] == name:
            return ln
    return None


def vip_on(ns, ifname):
    out = json.loads(ns.ip("-j", "addr", "show", check=False) or "[]")
    return any(ln["ifname"] == ifname and any(
        a["local"] == VIP for a in ln.get("addr_info", [])) for ln in out)


def vmac_map(ns, family):
    """The elements of table keepalived's vmac_map, None without it."""
    res = ns.run(["nft", "-j", "list", "table", family, "keepalived"])
    if res.returncode != 0:
        return None
    for item in json.loads(res.stdout)["nftables"]:
        m = item.get("map")
        if m and m["name"] == "vmac_map":
            return m.get("elem", [])
    return []


def sysctl(ns, key):
    return ns.run(["sysctl", "-n", key]).stdout.strip()


CAPTURE = r"""
import socket, sys, time
ifname, seconds = sys.argv[1], float(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
s.bind((ifname, 0))
s.settimeout(0.2)
print("ready", flush=True)
end = time.monotonic() + seconds
while time.monotonic() < end:
    try:
        frame, addr = s.recvfrom(2048)
    except socket.timeout:
        continue
    if addr[2] == socket.PACKET_OUTGOING or frame[23] != 112:
        continue
    print(frame[6:12].hex(":"), socket.inet_ntoa(frame[26:30]), flush=True)
    break
"""


def advert_source(ns, ifname="vr0", seconds=10):
    """The source MAC and IP of the next VRRP advert that ns receives."""
    cap = ns.popen([sys.executable, "-c", CAPTURE, ifname, str(seconds)],
                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE, text=True)
    try:
        out, err = cap.communicate(timeout=seconds + 10)
    except subprocess.TimeoutExpired:
        cap.kill()
        cap.communicate()
        pytest.fail("the capture did not end")
    lines = out.split("\n")
    assert lines[0] == "ready", err
    assert len(lines) > 1 and lines[1], "no advert captured"
    mac, ip = lines[1].split()
    return mac, ip


def test_vmac_created_used_and_removed(netns, veth, daemon, keepalived_ref):
    a, b = pair(netns, veth)
    base_mac = link(a, "vr0")["address"]
    ours = daemon(a, config(200), args=OURS_ARGS, name="ours")
    ours.wait_for_log(r"\(VI_1\): Success creating VMAC interface "
                      rf"vrrp\.{VRID}", 10)
    v = link(a, f"vrrp.{VRID}")
    assert v is not None
    assert v["address"] == VMAC
    assert v["link"] == "vr0"
    info = v["linkinfo"]
    assert info["info_kind"] == "macvlan"
    assert info["info_data"]["mode"] == "private"
    # keepalived's sysctls
    assert sysctl(a, "net.ipv4.conf.vr0.arp_ignore") == "1"
    assert sysctl(a, "net.ipv4.conf.vr0.arp_filter") == "1"
    for key, want in (("arp_ignore", "1"), ("accept_local", "1"),
                      ("rp_filter", "0"), ("promote_secondaries", "1")):
        assert sysctl(a, f"net.ipv4.conf.vrrp/{VRID}.{key}") == want, key
    assert sysctl(a, f"net.ipv6.conf.vrrp/{VRID}.disable_ipv6") == "1"
    # keepalived's nftables rules: the VMAC's IGMP leaves from the base
    assert vmac_map(a, "ip") == [[f"vrrp.{VRID}", "vr0"]]

    wait_until(lambda: vip_on(a, f"vrrp.{VRID}"), 20, what="VIP on VMAC")
    assert not vip_on(a, "vr0")
    # the adverts leave from the VMAC, with the base's address
    assert advert_source(b) == (VMAC, "192.168.85.1")
    # the peer reaches the VIP at the virtual MAC: its ARP request is
    # answered from the VMAC, not the base (arp_ignore). Our side knows
    # the peer's MAC already, so that no ARP request of ours (which may
    # leave from the base with the VIP as sender) teaches the peer.
    bmac = link(b, "vr0")["address"]
    for dev in ("vr0", f"vrrp.{VRID}"):
        a.ip("neigh", "replace", "192.168.85.2", "lladdr", bmac, "dev",
             dev, "nud", "permanent")
    b.ip("neigh", "flush", "dev", "vr0")
    assert b.ping(VIP)
    neigh = json.loads(b.ip("-j", "neigh", "show", "dev", "vr0"))
    assert [n.get("lladdr") for n in neigh if n["dst"] == VIP] == [VMAC]
    assert base_mac != VMAC

    # keepalived as the backup accepts our adverts from the VMAC
    ref = daemon(b, config(100, vmac=""), args=REF_ARGS,
                 binary=keepalived_ref, name="ref")
    ref.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", 10)
    mark = ref.mark()
    assert ours.stop(20) == 0
    ref.wait_for_log(r"\(VI_1\) Entering MASTER STATE", 10, since=mark)
    assert link(a, f"vrrp.{VRID}") is None
    assert vmac_map(a, "ip") is None
    ours.wait_for_log(rf"\(VI_1\) Success removing VMAC interface "
                      rf"vrrp\.{VRID}", 1)


def test_vmac_name_and_xmit_base(netns, veth, daemon):
    a, b = pair(netns, veth)
    base_mac = link(a, "vr0")["address"]
    ours = daemon(a, config(200, vmac="    use_vmac vmx0",
                            extra="    vmac_xmit_base"),
                  args=OURS_ARGS, name="ours")
    wait_until(lambda: vip_on(a, "vmx0"), 20, what="VIP on vmx0")
    assert link(a, "vmx0")["address"] == VMAC
    # adverts from the base interface
    assert advert_source(b) == (base_mac, "192.168.85.1")
    assert ours.stop(20) == 0
    assert link(a, "vmx0") is None


def test_vmac_follows_base_down_up(netns, veth, daemon):
    """The base going down puts the instance in FAULT (the VMAC goes down
    with it); back up, it is master again on its VMAC."""
    a, b = pair(netns, veth)
    ours = daemon(a, config(200), args=OURS_ARGS, name="ours")
    wait_until(lambda: vip_on(a, f"vrrp.{VRID}"), 20, what="VIP on VMAC")
    mark = ours.mark()
    a.ip("link", "set", "vr0", "down")
    ours.wait_for_log(r"\(VI_1\) Entering FAULT STATE", 10, since=mark)
    a.ip("link", "set", "vr0", "up")
    ours.wait_for_log(r"\(VI_1\) Entering MASTER STATE", 20, since=mark)
    wait_until(lambda: vip_on(a, f"vrrp.{VRID}"), 20, what="VIP back")
    assert advert_source(b) == (VMAC, "192.168.85.1")
    assert ours.stop(20) == 0
    assert link(a, f"vrrp.{VRID}") is None


CAPTURE6 = r"""
import socket, sys, time
ifname, seconds = sys.argv[1], float(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x86dd))
s.bind((ifname, 0))
s.settimeout(0.2)
print("ready", flush=True)
end = time.monotonic() + seconds
while time.monotonic() < end:
    try:
        frame, addr = s.recvfrom(2048)
    except socket.timeout:
        continue
    if addr[2] == socket.PACKET_OUTGOING or frame[20] != 112:
        continue
    print(frame[6:12].hex(":"),
          socket.inet_ntop(socket.AF_INET6, frame[22:38]), flush=True)
    break
"""


def advert_source6(ns, ifname="vr0", seconds=10):
    cap = ns.popen([sys.executable, "-c", CAPTURE6, ifname, str(seconds)],
                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE, text=True)
    try:
        out, err = cap.communicate(timeout=seconds + 10)
    except subprocess.TimeoutExpired:
        cap.kill()
        cap.communicate()
        pytest.fail("the capture did not end")
    lines = out.split("\n")
    assert lines[0] == "ready", err
    assert len(lines) > 1 and lines[1], "no advert captured"
    return tuple(lines[1].split())


def config6(prio, vmac="    use_vmac"):
    return "\n".join([
        "vrrp_instance VI_6 {", "    state BACKUP", "    interface vr0",
        "    virtual_router_id 59", f"    priority {prio}",
        "    advert_int 0.3", vmac, "    virtual_ipaddress {",
        "        fe80::59/64", "        fd00:85::100/64", "    }",
        "}"]) + "\n"


def link_local(ns, ifname):
    out = json.loads(ns.ip("-j", "-6", "addr", "show", "dev", ifname))
    return [a["local"] for ln in out for a in ln.get("addr_info", [])
            if a["local"].startswith("fe80:")]


def test_vmac_ipv6(netns, veth, daemon, keepalived_ref):
    """An IPv6 instance's VMAC: 00:00:5e:00:02:VRID, no link-local address
    of its own making but the base interface's (deprecated), the adverts
    from it; keepalived as the backup accepts them."""
    a, b = pair(netns, veth)
    for ns in (a, b):
        ns.run(["sysctl", "-qw", "net.ipv6.conf.vr0.accept_dad=0"])
    wait_until(lambda: link_local(a, "vr0") and link_local(b, "vr0"), 10,
               what="link-local addresses")
    base_ll = link_local(a, "vr0")[0]
    ours = daemon(a, config6(200), args=OURS_ARGS, name="ours")
    ours.wait_for_log(r"\(VI_6\): Success creating VMAC interface "
                      r"vrrp\.59", 10)
    v = link(a, "vrrp.59")
    assert v["address"] == "00:00:5e:00:02:3b"
    assert v["linkinfo"]["info_data"]["mode"] == "private"
    wait_until(lambda: "fe80::59" in link_local(a, "vrrp.59"), 20,
               what="the VIPs on the VMAC")
    assert sorted(link_local(a, "vrrp.59")) == sorted([base_ll, "fe80::59"])
    assert advert_source6(b) == ("00:00:5e:00:02:3b", base_ll)
    assert vmac_map(a, "ip6") == [["vrrp.59", "vr0"]]
    ref = daemon(b, config6(100, vmac=""), args=REF_ARGS,
                 binary=keepalived_ref, name="ref")
    ref.wait_for_log(r"\(VI_6\) Entering BACKUP STATE", 10)
    mark = ref.mark()
    assert ours.stop(20) == 0
    ref.wait_for_log(r"\(VI_6\) Entering MASTER STATE", 10, since=mark)
    assert link(a, "vrrp.59") is None
    assert ref.stop(20) == 0
