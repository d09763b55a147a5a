"""Our command line against Debian's keepalived 2.2.7, run side by side."""
import re

import pytest

from kalib import run

SIGNAL_NAMES = ["STOP", "RELOAD", "DATA", "STATS", "STATS_CLEAR", "JSON"]


def both(ours, ref, args):
    """Runs the same arguments through both binaries (no daemon starts:
    these options exit before reading any configuration)."""
    return run([ours] + args, timeout=10), run([ref] + args, timeout=10)


def streams(res):
    """Which streams carry output: (stdout?, stderr?)."""
    return bool(res.stdout.strip()), bool(res.stderr.strip())


@pytest.mark.parametrize("name", SIGNAL_NAMES)
def test_signum_prints_the_same_number(keepalived_bin, keepalived_ref, name):
    ours, ref = both(keepalived_bin, keepalived_ref, [f"--signum={name}"])
    assert ref.returncode == 0 and ref.stdout.strip().isdigit(), \
        f"reference changed: {ref}"
    assert (ours.returncode, ours.stdout.strip()) == \
        (ref.returncode, ref.stdout.strip())


def test_signum_unknown_name_fails_the_same_way(keepalived_bin,
                                                keepalived_ref):
    ours, ref = both(keepalived_bin, keepalived_ref, ["--signum=NO_SUCH"])
    assert ref.returncode != 0
    assert ours.returncode == ref.returncode
    assert not ours.stdout.strip(), "no number for an unknown name"


def test_help_lists_every_long_option(keepalived_bin, keepalived_ref):
    ours, ref = both(keepalived_bin, keepalived_ref, ["--help"])
    assert ours.returncode == ref.returncode
    assert streams(ours) == streams(ref)
    ref_opts = set(re.findall(r"--([a-z][a-z0-9_-]*)", ref.stderr + ref.stdout))
    assert len(ref_opts) > 20, "reference help parsed badly"
    our_text = ours.stdout + ours.stderr
    missing = sorted(o for o in ref_opts
                     if not re.search(rf"--{re.escape(o)}\b", our_text))
    assert not missing, f"long options missing from our --help: {missing}"


def test_version_banner(keepalived_bin, keepalived_ref):
    ours, ref = both(keepalived_bin, keepalived_ref, ["-v"])
    assert ours.returncode == ref.returncode
    assert streams(ours) == streams(ref)
    text = ours.stderr if streams(ref)[1] else ours.stdout
    assert text.splitlines()[0].startswith("Keepalived v"), text


def test_unknown_option_fails_the_same_way(keepalived_bin, keepalived_ref):
    ours, ref = both(keepalived_bin, keepalived_ref, ["--no-such-option"])
    assert ref.returncode != 0
    assert ours.returncode == ref.returncode


def test_unexpected_argument_exit_code(keepalived_bin, keepalived_ref,
                                       netns, daemon):
    """keepalived 2.2.7 only warns about a stray argument and goes on, so
    the exit code is that of the rest of the command line: here a missing
    configuration file. Run as daemons (-n) inside a namespace, so that a
    binary that does start is contained and killed by pid."""
    ns = netns("cli")
    codes = {}
    for label, binary in (("ours", keepalived_bin), ("ref", keepalived_ref)):
        d = daemon(ns, None, args=("-n", "-l", "-G", "extra"),
                   binary=binary, name=f"stray-{label}")
        codes[label] = d.wait_exit(timeout=10)
    assert codes["ref"] != 0
    assert codes["ours"] == codes["ref"]
