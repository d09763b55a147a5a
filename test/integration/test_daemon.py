"""Our daemon's life cycle: start, reload on SIGHUP, stop on SIGTERM.

Skipped, with the reason, while the binary cannot run as a daemon; the
skip is decided by what the binary does, not by its version. Set
KA_REQUIRE_DAEMON=1 to make that a failure once the daemon has landed.
"""
import os
import re
import signal

import pytest

from kalib import run, wait_until

MINIMAL = """\
global_defs {
    router_id daemon-test
}
"""
START_LINE = r"Starting Keepalived"
RELOAD_LINE = r"Reloading"


def unsupported(reason):
    if os.environ.get("KA_REQUIRE_DAEMON") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def running(keepalived_bin, netns, daemon):
    """Our daemon, started in a fresh namespace, past its start line."""
    helptext = run([keepalived_bin, "--help"], timeout=10)
    if "--dont-fork" not in helptext.stdout + helptext.stderr:
        unsupported("our keepalived does not offer --dont-fork (-n) yet")
    d = daemon(netns("d"), MINIMAL, args=("-n", "-l", "-G", "-D"))
    start = re.compile(START_LINE)

    def started_or_exited():
        return start.search(d.log()) or not d.running()
    wait_until(started_or_exited, timeout=10,
               what=f"a /{START_LINE}/ line or the daemon's exit")
    if not start.search(d.log()):
        unsupported(f"our keepalived exited with status {d.returncode} "
                    "without a start line: it does not run as a daemon "
                    f"yet. Its output:\n{d.log()[:500]}")
    return d


def test_start_reload_stop(running):
    assert running.running(), f"exited early:\n{running.log()}"
    mark = running.mark()
    running.signal(signal.SIGHUP)
    running.wait_for_log(RELOAD_LINE, timeout=10, since=mark)
    assert running.running(), "a reload must not stop the daemon"
    assert running.stop(timeout=10) == 0
