"""The capabilities of each process, as keepalived(8) documents them in
CAPABILITIES: the parent keeps what it was started with; each child's
effective and permitted sets are exactly "Both children" plus its own
list (no more, no less); every bounding set is whole; and a notify script
that runs as root still gets the whole bounding set, so scripts lose
nothing. The children still do their work with what they kept: the VRRP
child becomes MASTER and adds its address, the checker programs the real
server.
"""
import os
import re

import pytest

from checklib import wait_dest
from kalib import REPO_ROOT, wait_until
from proclib import wait_children

MAN8 = os.path.join(REPO_ROOT, "doc", "man", "man8", "keepalived.8")
CAP_HEADER = "/usr/include/linux/capability.h"

CONFIG = """
global_defs {{
    router_id caps
    script_user root
}}
vrrp_instance VI_1 {{
    state BACKUP
    interface vrrp0
    virtual_router_id 51
    priority 100
    advert_int 1
    notify_master "{script}"
    virtual_ipaddress {{
        192.0.2.1/32
    }}
}}
virtual_server 192.0.2.10 80 {{
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 192.0.2.11 80 {{
        MISC_CHECK {{
            misc_path /bin/true
        }}
    }}
}}
"""

SCRIPT = """#!/bin/sh
grep ^Cap /proc/self/status > {out}.tmp && mv {out}.tmp {out}
"""


def cap_numbers():
    if not os.path.exists(CAP_HEADER):
        pytest.skip(f"{CAP_HEADER} is missing (linux-libc-dev)")
    with open(CAP_HEADER) as f:
        return {m.group(1).lower(): int(m.group(2)) for m in
                re.finditer(r"^#define (CAP_[A-Z_]+)\s+(\d+)\s*$",
                            f.read(), re.M)}


def documented():
    """{subsection title: set of capability names} of CAPABILITIES."""
    with open(MAN8) as f:
        text = f.read()
    m = re.search(r"^\.SH CAPABILITIES\n(.*?)^\.SH ", text, re.M | re.S)
    assert m, "keepalived.8 has no CAPABILITIES section"
    out = {}
    for part in re.split(r"^\.SS ", m.group(1), flags=re.M)[1:]:
        title, _, body = part.partition("\n")
        # Only the .TP lists name kept capabilities; the closing
        # paragraph names dropped ones.
        body = body.split("\n.PP\n")[0]
        names = set()
        for item in re.findall(r"^\.TP\n(.*)$", body, re.M):
            names |= set(re.findall(r"cap_[a-z_]+", item))
        out[title.strip('"')] = names
    return out


def mask(names, numbers):
    unknown = names - set(numbers)
    assert not unknown, f"keepalived.8 names unknown capabilities {unknown}"
    return sum(1 << numbers[n] for n in names)


def caps_of(pid):
    with open(f"/proc/{pid}/status") as f:
        return {k: int(v, 16) for k, v in
                re.findall(r"^(Cap\w+):\s+([0-9a-f]+)$", f.read(), re.M)}


def names_of(m, numbers):
    return sorted(n for n, b in numbers.items() if m >> b & 1)


@pytest.fixture
def ns(netns):
    n = netns("caps")
    n.ip("link", "add", "vrrp0", "type", "veth", "peer", "name", "vrrp1")
    n.ip("addr", "add", "192.0.2.254/24", "dev", "vrrp0")
    n.ip("link", "set", "vrrp0", "up")
    n.ip("link", "set", "vrrp1", "up")
    return n


def test_each_process_has_the_documented_capabilities(ns, daemon, tmp_path):
    numbers = cap_numbers()
    doc = documented()
    both = doc["Both children"]
    want = {"-r": mask(both | doc["The VRRP child, in addition"], numbers),
            "-c": mask(both | doc["The checker child, in addition"],
                       numbers)}
    out = tmp_path / "script.caps"
    script = tmp_path / "notify.sh"
    script.write_text(SCRIPT.format(out=out))
    script.chmod(0o755)
    table = tmp_path / "ipvs.txt"
    d = daemon(ns, CONFIG.format(script=script),
               args=("-n", "-l", "-G", "-D", f"--ipvs-record={table}"))
    vrrp, checker = wait_children(d)

    ours = caps_of(os.getpid())
    parent = caps_of(d.pid)
    assert parent["CapEff"] == ours["CapEff"]
    assert parent["CapPrm"] == ours["CapPrm"]
    assert parent["CapBnd"] == ours["CapBnd"]
    for opt, pid in (("-r", vrrp), ("-c", checker)):
        got = caps_of(pid)
        expected = want[opt] & parent["CapPrm"]
        assert got["CapEff"] == expected, (
            f"{opt}: extra {names_of(got['CapEff'] & ~expected, numbers)}, "
            f"missing {names_of(expected & ~got['CapEff'], numbers)}")
        assert got["CapPrm"] == expected
        assert got["CapInh"] == 0
        assert got["CapBnd"] == parent["CapBnd"]
    d.wait_for_log(r"VRRP child: capabilities lowered to cap_chown,")

    # The children work with what they kept.
    d.wait_for_log(r"\(VI_1\) Entering MASTER STATE", timeout=20)
    wait_until(lambda: "192.0.2.1/32" in ns.ip("-br", "addr"), 10,
               what="the VIP")
    wait_dest(str(table), "TCP 192.0.2.10:80", "192.0.2.11:80", timeout=20)
    # A script run as root starts from the whole bounding set again.
    wait_until(out.exists, 20, what="the notify script's output")
    script_caps = {k: int(v, 16) for k, v in re.findall(
        r"^(Cap\w+):\s+([0-9a-f]+)$", out.read_text(), re.M)}
    assert script_caps["CapEff"] == parent["CapBnd"]
    assert script_caps["CapBnd"] == parent["CapBnd"]
    assert d.stop() == 0
