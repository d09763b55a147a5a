"""Polling with a deadline: every wait in the tests goes through here."""
import time


class WaitTimeout(AssertionError):
    """A condition did not become true in time.

    An AssertionError, so that pytest reports it as a test failure with
    the message, not as a crash of the harness.
    """


def wait_until(predicate, timeout=10.0, interval=0.1, what=None):
    """Calls predicate() until it returns a true value, and returns it.

    Raises WaitTimeout after `timeout` seconds, naming what was awaited
    (`what`, or the predicate's name) and the last value it returned.
    An exception raised by the predicate propagates at once: a check that
    cannot be evaluated is a bug, not a reason to keep waiting.
    """
    if timeout < 0 or interval <= 0:
        raise ValueError("timeout must be >= 0 and interval > 0")
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            name = what or getattr(predicate, "__name__", repr(predicate))
            raise WaitTimeout(f"timed out after {timeout:g}s waiting for "
                              f"{name} (last value: {value!r})")
        time.sleep(min(interval, remaining))
