"""A keepalived process started by a test inside a namespace.

Its output goes to a log file; it runs in a new session (its own process
group), and teardown kills only that pid and that group, plus the pids
written in its own pid files (a daemon that detached itself leaves the
group), and only if their command line names its configuration file:
never a process found by name.
"""
import os
import re
import signal
import subprocess

from .paths import our_binary
from .wait import WaitTimeout, wait_until

DEFAULT_ARGS = ("-n", "-l", "-G")


class Daemon:
    """One daemon run. Start it with start(); stop() or kill() ends it."""

    def __init__(self, netns, config_text, workdir, binary=None,
                 args=DEFAULT_ARGS, name="keepalived", env=None):
        self.netns = netns
        self.env = env   # extra environment variables, or None
        self.binary = binary or our_binary()
        self.args = list(args)
        self.name = name
        self.workdir = workdir
        self.config_path = os.path.join(workdir, f"{name}.conf")
        self.log_path = os.path.join(workdir, f"{name}.log")
        self.pidfiles = {opt: os.path.join(workdir, f"{name}{suffix}.pid")
                         for opt, suffix in (("-p", ""), ("-r", "-vrrp"),
                                             ("-c", "-checkers"))}
        self.proc = None
        if config_text is not None:   # None: test a missing config file
            with open(self.config_path, "w", encoding="utf-8") as f:
                f.write(config_text)

    def argv(self):
        """The command line, with pid files kept inside workdir."""
        # "{workdir}" in an argument stands for this run's folder, e.g.
        # "--ipvs-record={workdir}/ipvs.table".
        args = [a.replace("{workdir}", self.workdir) for a in self.args]
        argv = [self.binary] + args + ["-f", self.config_path]
        for opt, path in self.pidfiles.items():
            argv += [opt, path]
        return argv

    def start(self):
        if not os.access(self.binary, os.X_OK):
            raise FileNotFoundError(f"{self.binary} is not an executable "
                                    "(build first: tools/quickstart test)")
        env = None
        if self.env:
            env = dict(os.environ)
            env.update(self.env)
        with open(self.log_path, "ab") as log:
            self.proc = self.netns.popen(
                self.argv(), stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True, env=env)
        return self

    def pid_from(self, opt):
        """The pid in the pid file of -p, -r or -c, or None."""
        try:
            with open(self.pidfiles[opt], encoding="ascii") as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def _ours(self, pid):
        """True if pid is alive and runs with our configuration file."""
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            return False
        return self.config_path.encode() in argv

    @property
    def pid(self):
        return self.proc.pid

    @property
    def returncode(self):
        """Exit status once it has exited (negative: killed by signal)."""
        return self.proc.poll()

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def mark(self):
        """A position in the log, for wait_for_log(..., since=mark)."""
        return len(self.log())

    def wait_for_log(self, regex, timeout=10.0, since=0):
        """Waits until regex matches the log after position `since`;
        returns the match. The time-out message shows the log's end."""
        pattern = re.compile(regex, re.MULTILINE)

        def found():
            return pattern.search(self.log(), since)
        try:
            return wait_until(found, timeout, 0.1, f"log line /{regex}/")
        except WaitTimeout as e:
            tail = "\n".join(self.log()[since:].splitlines()[-20:])
            raise WaitTimeout(f"{e}; pid {self.pid} "
                              f"{'running' if self.running() else 'exited ' + str(self.returncode)}"
                              f"; log ends with:\n{tail}") from None

    def signal(self, sig):
        os.kill(self.pid, sig)

    def wait_exit(self, timeout=10.0):
        """Waits for the exit and returns the status; WaitTimeout if not."""
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise WaitTimeout(f"pid {self.pid} still running after "
                              f"{timeout:g}s") from None

    def stop(self, timeout=10.0):
        """SIGTERM, then waits up to timeout; returns the exit status.
        If it does not exit in time it is killed and WaitTimeout raised."""
        if self.running():
            self.signal(signal.SIGTERM)
        try:
            return self.wait_exit(timeout)
        except WaitTimeout:
            self.kill()
            raise
        finally:
            self._kill_group()

    def kill(self):
        """SIGKILL to our pid and our process group; reaps it. Also
        SIGKILL to the pids in our pid files that are still ours."""
        if self.proc is None:
            return
        self._kill_pidfile_pids()
        if self.proc.poll() is None:
            self._kill_group()
            try:
                self.proc.kill()
            except ProcessLookupError:
                pass
            self.proc.wait(10)
        self._kill_group()

    def _kill_pidfile_pids(self):
        for opt in self.pidfiles:
            pid = self.pid_from(opt)
            if pid and pid != self.proc.pid and self._ours(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def _kill_group(self):
        # The group is ours: start_new_session made pid its leader. Its
        # other members are the children the daemon forked.
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


class DaemonPool:
    """Starts daemons and kills whatever is still running on close()."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.daemons = []

    def start(self, netns, config_text, args=DEFAULT_ARGS, binary=None,
              name=None, env=None):
        name = name or f"keepalived{len(self.daemons) + 1}"
        d = Daemon(netns, config_text, self.workdir, binary=binary,
                   args=args, name=name, env=env)
        self.daemons.append(d)
        return d.start()

    def close(self):
        for d in self.daemons:
            d.kill()
        found = []
        for d in self.daemons:
            found += [f"{d.log_path}: {line}" for line in
                      sanitizer_reports(d.log())]
        if found:
            raise AssertionError("sanitizer reports in daemon logs:\n"
                                 + "\n".join(found[:20]))


# What AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer
# print when they find something (the sanitized daemon of the
# "sanitized" suite writes them to its log).
_SANITIZER = re.compile(r"^.*(ERROR: (Address|Leak|Memory|Thread)Sanitizer"
                        r"|runtime error: |SUMMARY: \w+Sanitizer).*$", re.M)


def sanitizer_reports(text):
    """The lines of text that are sanitizer findings."""
    return [m.group(0) for m in _SANITIZER.finditer(text)]
