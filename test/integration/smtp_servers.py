"""SMTP servers for the tests, run inside a test's namespace.

SmtpSink   a real SMTP server (aiosmtpd, python3-aiosmtpd) that saves
           every message it accepts, with its envelope and the HELO name,
           as a JSON file in a directory, and every HELO name in a log;
           refuses HELO names and recipients that start with "refused";
           optionally stalls before answering the end of the message.
Mute       a TCP server that accepts connections and never says a word.

Both are started with /usr/bin/python3 inside the namespace and killed
by their pid.
"""
import json
import os
import signal
import subprocess
import sys

from kalib import wait_until

PYTHON = "/usr/bin/python3"

SINK_SCRIPT = r'''
import asyncio, json, os, signal, sys
from aiosmtpd.controller import Controller

host, port, outdir, ready, stall = sys.argv[1], int(sys.argv[2]), \
    sys.argv[3], sys.argv[4], float(sys.argv[5])
count = [0]

class Handler:
    async def handle_HELO(self, server, session, envelope, hostname):
        with open(os.path.join(outdir, "helo.log"), "a") as f:
            f.write(hostname + "\n")
        if hostname.startswith("refused"):
            return "550 5.7.1 not talking to you"
        session.host_name = hostname
        return "250 sink.test"

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.startswith("refused"):
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if stall:
            await asyncio.sleep(stall)
        count[0] += 1
        msg = {"helo": session.host_name, "mail_from": envelope.mail_from,
               "rcpt_tos": envelope.rcpt_tos,
               "content": envelope.content.decode("utf-8", "replace")}
        tmp = os.path.join(outdir, ".%d.tmp" % count[0])
        with open(tmp, "w") as f:
            json.dump(msg, f)
        os.rename(tmp, os.path.join(outdir, "%04d.json" % count[0]))
        return "250 Message accepted"

ctl = Controller(Handler(), hostname=host, port=port)
ctl.start()
open(ready, "w").close()
signal.sigwait({signal.SIGTERM, signal.SIGINT})
ctl.stop()
'''

MUTE_SCRIPT = r'''
import signal, socket, sys, threading
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2])))
s.listen(64)
open(sys.argv[3], "w").close()
held = []
def accept():
    while True:
        c, _ = s.accept()
        held.append(c)          # kept open, never written to
threading.Thread(target=accept, daemon=True).start()
signal.sigwait({signal.SIGTERM, signal.SIGINT})
'''


class _Server:
    """A python server script in a namespace, ready once it made a file."""

    def __init__(self, ns, workdir, name, script, args):
        self.ns = ns
        self.ready = os.path.join(workdir, f"{name}.ready")
        self.logfile = os.path.join(workdir, f"{name}.log")
        self.script = os.path.join(workdir, f"{name}.py")
        with open(self.script, "w") as f:
            f.write(script)
        self.args = args
        self.proc = None

    def start(self, timeout=20):
        if os.path.exists(self.ready):
            os.unlink(self.ready)
        log = open(self.logfile, "a")
        self.proc = self.ns.popen(
            [PYTHON, "-u", self.script] + self.args,
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        wait_until(lambda: os.path.exists(self.ready)
                   or self.proc.poll() is not None,
                   timeout=timeout, what=f"{self.script} to be ready")
        if self.proc.poll() is not None:
            with open(self.logfile) as f:
                raise AssertionError(f"{self.script} exited "
                                     f"{self.proc.returncode}: {f.read()}")
        return self

    def stop(self, timeout=10):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=timeout)
        self.proc = None

    def log(self):
        try:
            with open(self.logfile) as f:
                return f.read()
        except FileNotFoundError:
            return ""


class SmtpSink(_Server):
    """aiosmtpd saving each message to outdir/NNNN.json."""

    def __init__(self, ns, workdir, host, port, stall_s=0, name="sink"):
        self.outdir = os.path.join(workdir, f"{name}.mail")
        os.makedirs(self.outdir, exist_ok=True)
        super().__init__(ns, workdir, name, SINK_SCRIPT,
                         [host, str(port), self.outdir, "", str(stall_s)])
        self.args[3] = self.ready

    def helos(self):
        """The HELO names received so far."""
        try:
            with open(os.path.join(self.outdir, "helo.log")) as f:
                return f.read().splitlines()
        except FileNotFoundError:
            return []

    def messages(self):
        """The messages received so far, oldest first."""
        out = []
        for name in sorted(os.listdir(self.outdir)):
            if name.endswith(".json"):
                with open(os.path.join(self.outdir, name)) as f:
                    out.append(json.load(f))
        return out


class Mute(_Server):
    """Accepts TCP connections and never answers."""

    def __init__(self, ns, workdir, host, port, name="mute"):
        super().__init__(ns, workdir, name, MUTE_SCRIPT,
                         [host, str(port), ""])
        self.args[2] = self.ready


if __name__ == "__main__":
    sys.exit("a helper module for the tests, not a program")
