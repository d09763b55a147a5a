"""Tracked scripts that misbehave: one that writes megabytes to its
standard output and error, one that dies by a signal. The first must not
block anything (its output goes nowhere) and counts by its exit status;
the second counts as a failure. Checked on a VRRP instance whose weight
0 script decides between MASTER and FAULT, against our own peer."""
import pytest

from kalib import wait_until

from test_vrrp_script import GLOBAL, OURS_ARGS, holder_is, instance
from test_vrrp_script import pair  # noqa: F401 (fixture)


def script_conf(path):
    return GLOBAL + (f'vrrp_script chk {{\n    script "{path}"\n'
                     "    interval 1\n    timeout 5\n    rise 1\n"
                     "    fall 1\n}\n") + instance(
        150, "    track_script {\n        chk\n    }\n")


@pytest.mark.parametrize("mode", ["spew", "signal"])
def test_misbehaving_script(pair, daemon, tmp_path, mode):  # noqa: F811
    a, b = pair
    ctl = tmp_path / "ctl"
    ctl.write_text("ok\n")
    runs = tmp_path / "runs"
    path = tmp_path / "chk.sh"
    path.write_text(
        "#!/bin/sh\n"
        f"echo run >> {runs}\n"
        f'case "$(cat {ctl})" in\n'
        "spew) head -c 20000000 /dev/zero; head -c 20000000 /dev/zero >&2;"
        " exit 0 ;;\n"
        "signal) kill -SEGV $$ ;;\n"
        "esac\n"
        "exit 0\n")
    path.chmod(0o755)
    daemon(b, instance(120), args=OURS_ARGS, name="peer")
    d = daemon(a, script_conf(path), args=OURS_ARGS, name="ours")
    holder_is(a, b, "a")
    mark = d.mark()
    ctl.write_text(mode + "\n")
    if mode == "spew":
        # Runs go on, each one succeeding: the node stays master.
        before = len(runs.read_text().splitlines())
        wait_until(lambda: len(runs.read_text().splitlines()) >= before + 5,
                   30, what="five more runs of the noisy script")
        assert "Entering FAULT STATE" not in d.log()[mark:]
        holder_is(a, b, "a")
    else:
        d.wait_for_log(r"\(VI_1\) Entering FAULT STATE", timeout=20,
                       since=mark)
        holder_is(a, b, "b")
        ctl.write_text("ok\n")
        d.wait_for_log(r"\(VI_1\) Entering (BACKUP|MASTER) STATE",
                       timeout=20, since=mark)
        holder_is(a, b, "a")
    assert d.running()
    log = d.log()
    assert "Sanitizer" not in log and "runtime error" not in log
    assert d.stop(20) == 0
