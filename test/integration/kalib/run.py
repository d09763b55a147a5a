"""Running a command with a time-out and its output kept as text."""
import subprocess


def run(cmd, timeout=30, check=False, **kwargs):
    """Runs cmd (a list), returns a CompletedProcess with text output.

    Never waits longer than `timeout` seconds: on time-out the child is
    killed (by subprocess, by its pid) and TimeoutExpired propagates.
    With check=True a non-zero exit raises an AssertionError that shows
    the command and its output.
    """
    res = subprocess.run(cmd, capture_output=True, text=True,
                         timeout=timeout, stdin=subprocess.DEVNULL, **kwargs)
    if check and res.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} exited "
                             f"{res.returncode}\nstdout: {res.stdout}"
                             f"\nstderr: {res.stderr}")
    return res
