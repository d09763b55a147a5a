"""keepalived -t (configuration test): our verdicts against Debian's.

Each case of the corpus in configs/ is checked by both binaries; the exit
codes must agree, and every line ours prints must say where the problem
is, as "(FILE: Line N)". Only global_defs content for now: the VRRP and
checker keywords join the corpus with their parsers.
"""
import os
import re

import pytest

import kalib
from kalib import run

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = os.path.join(HERE, "configs")
SAMPLES = os.path.join(HERE, "..", "..", "doc", "samples")
WHERE = re.compile(r"\(([^()]+?): Line (\d+)\)")

# (file, extra arguments, verdict, "file:line" a diagnostic must name)
CASES = [
    ("good_global_defs.conf", [], "ok", None),
    ("comments.conf", [], "ok", None),
    ("empty.conf", [], "ok", None),
    ("unknown_keyword.conf", [], "error", "unknown_keyword.conf:3"),
    ("missing_brace.conf", [], "error", None),
    ("extra_brace.conf", [], "error", "extra_brace.conf:4"),
    ("bad_number.conf", [], "error", "bad_number.conf:2"),
    ("number_out_of_range.conf", [], "error", "number_out_of_range.conf:2"),
    ("bad_vrrp_version.conf", [], "error", "bad_vrrp_version.conf:2"),
    ("include_relative.conf", [], "ok", None),
    ("include_relative_bad.conf", [], "error", "bad_keyword.conf:2"),
    ("include_missing_glob.conf", [], "ok", None),
    ("include_missing_file.conf", [], "ok", None),
    ("conditional.conf", ["-i", "node1"], "ok", None),
    ("conditional.conf", ["-i", "node2"], "error", "conditional.conf:3"),
    ("parameter.conf", [], "ok", None),
    ("parameter_bad.conf", [], "error", "parameter_bad.conf:3"),
    ("seq.conf", [], "ok", None),
    ("seq_bad.conf", [], "error", "seq_bad.conf:2"),
]


def case_id(case):
    return case[0][:-5] + "".join(case[1])


def config_test(binary, path, args, cwd):
    """Runs 'binary -t [args] -f path' from cwd; returns the result.
    binary may be a list: a command that runs the binary (ip netns exec)."""
    cmd = binary if isinstance(binary, list) else [binary]
    return run(cmd + ["-t"] + args + ["-f", path], timeout=10, cwd=cwd)


def test_every_corpus_file_has_a_case():
    listed = {c[0] for c in CASES}
    present = {f for f in os.listdir(CONFIGS) if f.endswith(".conf")}
    assert present == listed


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_verdict_matches_reference(case, keepalived_bin, keepalived_ref,
                                   tmp_path):
    name, args, verdict, where = case
    path = os.path.join(CONFIGS, name)
    # From an unrelated folder: includes are relative to the including file.
    ref = config_test(keepalived_ref, path, args, tmp_path)
    assert (ref.returncode == 0) == (verdict == "ok"), \
        f"the reference's verdict is not the one recorded: {ref}"
    ours = config_test(keepalived_bin, path, args, tmp_path)
    assert ours.returncode == ref.returncode, \
        f"ours exited {ours.returncode}, Debian's {ref.returncode}\n" \
        f"ours said:\n{ours.stdout}{ours.stderr}"

    lines = [ln for ln in (ours.stdout + ours.stderr).splitlines()
             if ln.strip()]
    places = []
    for line in lines:
        m = WHERE.search(line)
        assert m, f"diagnostic without (FILE: Line N): {line!r}"
        places.append((os.path.basename(m.group(1)), int(m.group(2))))
    if verdict == "error":
        assert places, "an error verdict must say why"
    if where:
        file, line = where.split(":")
        assert (file, int(line)) in places, \
            f"expected a diagnostic at {where}, got {places}"


# The user documentation's samples: Debian's keepalived and ours both
# accept each, for both hosts where the sample is shared.
SAMPLE_IDS = {
    "vrrp-pair.conf": ["gw-a", "gw-b"],
    "vrrp-haproxy.conf": ["lb-a", "lb-b"],
    "vrrp-ipv6.conf": ["rt-a", "rt-b"],
    "vrrp-unicast.conf": ["node-a", "node-b"],
    "vrrp-sync-group.conf": ["fw-a", "fw-b"],
}


def sample_runs():
    for name in sorted(os.listdir(SAMPLES)):
        if name.endswith(".conf"):
            for node in SAMPLE_IDS.get(name, ["node"]):
                yield name, ["-i", node]


@pytest.fixture(scope="module")
def sample_host(netns_ok):
    """A namespace with the interfaces the samples name (eth0, eth1,
    eth2), so that -t judges them as on the machine they are meant for,
    whatever this one has."""
    with kalib.NetnsPool() as pool:
        ns = pool.create("smp")
        # veth: this kernel has no dummy interfaces.
        for ifname in ("eth0", "eth1", "eth2"):
            ns.ip("link", "add", ifname, "type", "veth", "peer", "name",
                  f"{ifname}p")
            ns.ip("link", "set", ifname, "up")
        yield ns


@pytest.mark.parametrize("name, args", list(sample_runs()))
def test_samples_are_valid(name, args, keepalived_bin, keepalived_ref,
                           tmp_path, sample_host):
    path = os.path.abspath(os.path.join(SAMPLES, name))
    exec_in = ["ip", "netns", "exec", sample_host.name]
    ref = config_test(exec_in + [keepalived_ref], path, args, tmp_path)
    assert ref.returncode == 0, f"Debian's keepalived rejects it: {ref}"
    ours = config_test(exec_in + [keepalived_bin], path, args, tmp_path)
    assert ours.returncode == 0, f"ours rejects it: {ours}"


def test_missing_main_file_is_an_error(keepalived_bin, tmp_path):
    # A deliberate difference: Debian's keepalived -t exits 0 here.
    missing = str(tmp_path / "not-there.conf")
    ours = config_test(keepalived_bin, missing, [], tmp_path)
    assert ours.returncode != 0
    assert missing in ours.stdout + ours.stderr


TOUCH_CONFIG = """\
global_defs {
    router_id touch-test
}
vrrp_instance VI_TOUCH {
    state MASTER
    interface IFNAME
    virtual_router_id 51
    priority 150
    advert_int 1
    virtual_ipaddress {
        192.168.77.100/24 dev IFNAME
    }
}
"""


def test_config_test_touches_nothing(keepalived_bin, netns, veth, daemon):
    """-t on a configuration that would add an address, inside a fresh
    namespace: no address, route or pid file may appear, whatever the
    verdict."""
    a, b = netns("a"), netns("b")
    link = veth(a, b, "192.168.77.1/24", "192.168.77.2/24")
    before = (a.addresses(), a.ip("route", "show"))
    run_pid = os.path.exists("/run/keepalived.pid")
    d = daemon(a, TOUCH_CONFIG.replace("IFNAME", link.ifname_a),
               args=("-t",), name="touch")
    d.wait_exit(timeout=10)
    assert (a.addresses(), a.ip("route", "show")) == before
    for path in d.pidfiles.values():
        assert not os.path.exists(path), f"-t created {path}"
    assert os.path.exists("/run/keepalived.pid") == run_pid
