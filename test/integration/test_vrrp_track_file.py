"""track_file with the real daemon: our node (priority 150) tracks a
file through a track_file block; the peer on vr0 is Debian's keepalived
2.2.7 (priority 120). A non-zero number with weight 0 must send ours to
FAULT and the VIP to the peer, a weighted number must lower ours under
the peer, and 0 again must bring it back. Changes are seen through
inotify, also when the file is replaced by a rename or deleted."""
import json
import os

import pytest

from kalib import wait_until

OURS_ARGS = ("-n", "-l", "-G", "-D")
REF_ARGS = ("-n", "-l", "-D")
VIP = "192.168.86.100"


def has_vip(ns, ifname="vr0"):
    links = json.loads(ns.ip("-j", "addr", "show", "dev", ifname) or "[]")
    return any(a["local"] == VIP for link in links
               for a in link.get("addr_info", []))


def config(prio, path, block="", lines="tf1"):
    tf = (f"track_file tf1 {{\n    file {path}\n{block}}}\n"
          if path else "")
    track = (f"    track_file {{\n        {lines}\n    }}\n"
             if path else "")
    return ("global_defs {\n    vrrp_garp_master_delay 0\n}\n" + tf +
            "vrrp_instance VI_1 {\n    state BACKUP\n    interface vr0\n"
            "    virtual_router_id 63\n"
            f"    priority {prio}\n    advert_int 1\n{track}"
            f"    virtual_ipaddress {{\n        {VIP}/24\n    }}\n}}\n")


@pytest.fixture
def nodes(netns, veth, daemon, keepalived_ref):
    """(ours' namespace, peer's namespace)"""
    a, b = netns("tfa"), netns("tfb")
    veth(a, b, "192.168.86.1/24", "192.168.86.2/24", ifname_a="vr0",
         ifname_b="vr0")
    daemon(b, config(120, None), args=REF_ARGS, binary=keepalived_ref,
           name="peer")
    return a, b


def holder_is(a, b, who, timeout=30):
    want = {"a": (True, False), "b": (False, True)}[who]
    wait_until(lambda: (has_vip(a), has_vip(b)) == want, timeout,
               what=f"the VIP on node {who} only")


def write(path, text):
    with open(path, "w", encoding="ascii") as f:
        f.write(text)


def test_weight_zero_nonzero_value_is_fault(nodes, daemon, tmp_path):
    a, b = nodes
    path = tmp_path / "state"
    write(path, "0\n")
    d = daemon(a, config(150, path, "    weight 0\n"), args=OURS_ARGS,
               name="ours")
    holder_is(a, b, "a")

    mark = d.mark()
    write(path, "1\n")
    d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20, since=mark)
    holder_is(a, b, "b")

    # replaced by a rename, as editors do: still seen
    mark = d.mark()
    tmp = tmp_path / "state.new"
    write(tmp, "0\n")
    os.replace(tmp, path)
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20, since=mark)
    holder_is(a, b, "a")

    # a deleted file reads as 0: no change, still master
    mark = d.mark()
    write(path, "7")
    d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20, since=mark)
    mark = d.mark()
    os.unlink(path)
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20, since=mark)
    holder_is(a, b, "a")
    assert d.running()


def test_negative_weight_lowers_priority(nodes, daemon, tmp_path):
    """The line's weight -30 times the file's 2 takes 150 to 90, under the
    peer's 120, without a FAULT; 0 gives 150 back and ours preempts."""
    a, b = nodes
    path = tmp_path / "offset"
    write(path, "0")
    d = daemon(a, config(150, path, lines="tf1 weight -30"),
               args=OURS_ARGS, name="ours")
    holder_is(a, b, "a")

    mark = d.mark()
    write(path, "2\n")
    d.wait_for_log(r"\(VI_1\) Changing effective priority from 150 to 90",
                   timeout=20, since=mark)
    holder_is(a, b, "b")
    assert "FAULT" not in d.log()[mark:]

    mark = d.mark()
    write(path, "0\n")
    d.wait_for_log(r"\(VI_1\) Changing effective priority from 90 to 150",
                   timeout=20, since=mark)
    holder_is(a, b, "a")


def test_product_below_minus_253_is_fault(nodes, daemon, tmp_path):
    """weight 254 with reverse and the file's 1: -254, FAULT."""
    a, b = nodes
    path = tmp_path / "big"
    write(path, "0")
    d = daemon(a, config(150, path, lines="tf1 weight 254 reverse"),
               args=OURS_ARGS, name="ours")
    holder_is(a, b, "a")
    mark = d.mark()
    write(path, "1")
    d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20, since=mark)
    holder_is(a, b, "b")


def test_init_file_starts_in_fault(nodes, daemon, tmp_path):
    """init_file 1 overwrite writes 1 at start: with weight 0 ours never
    becomes master; 0 written by hand lets it take over."""
    a, b = nodes
    path = tmp_path / "init"
    write(path, "0")
    d = daemon(a, config(150, path, "    weight 0\n"
                                    "    init_file 1 overwrite\n"),
               args=OURS_ARGS, name="ours")
    d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20)
    with open(path, encoding="ascii") as f:
        assert f.read().strip() == "1"
    holder_is(a, b, "b")
    mark = d.mark()
    write(path, "0")
    d.wait_for_log(r"\(VI_1\) Entering BACKUP STATE", timeout=20, since=mark)
    holder_is(a, b, "a")


def test_debian_peer_tracks_file_ours_takes_over(netns, veth, daemon,
                                                  keepalived_ref, tmp_path):
    """The roles swapped: Debian's keepalived (150) tracks the file, ours
    (120) is the backup that takes over when the file goes non-zero."""
    a, b = netns("tfa"), netns("tfb")
    veth(a, b, "192.168.86.1/24", "192.168.86.2/24", ifname_a="vr0",
         ifname_b="vr0")
    path = tmp_path / "ref"
    write(path, "0")
    daemon(b, config(150, path, "    weight 0\n"), args=REF_ARGS,
           binary=keepalived_ref, name="peer")
    d = daemon(a, config(120, None), args=OURS_ARGS, name="ours")
    holder_is(a, b, "b")
    mark = d.mark()
    write(path, "3")
    d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=30, since=mark)
    holder_is(a, b, "a")
