"""`-t` verdicts of ours and Debian's keepalived on the same file.

The corpora of the VRRP feature tests record, per file, the line keepalived
2.2.7 rejects (or None when it accepts the file); these helpers check that
Debian's binary still says so and that ours agrees, naming the same line.
"""
from kalib import run


def host_with_e0(netns, veth):
    """A namespace with an interface e0 (10.9.0.1/24), as the corpora's
    files name it; -t checks the interfaces exist."""
    a, b = netns("a"), netns("b")
    veth(a, b, "10.9.0.1/24", None, ifname_a="e0", ifname_b="e0")
    return a


def assert_same_verdict(host, ours_bin, ref_bin, path, line):
    """Runs both -t on path inside host; line: the rejected line or None."""
    ref = run(host.cmd([ref_bin, "-t", "-f", str(path)]), timeout=20)
    expected = 0 if line is None else 5
    assert ref.returncode == expected, \
        f"Debian's verdict is not the one recorded: {ref}"
    ours = run(host.cmd([ours_bin, "-t", "-f", str(path)]), timeout=20)
    said = ours.stdout + ours.stderr
    assert ours.returncode == ref.returncode, said
    if line is not None:
        assert f"{path}: Line {line})" in said, said
