"""Web servers for the HTTP_GET/SSL_GET and genhash tests.

Run as a program inside a test's namespace, this is a small HTTP/1.0
server whose every answer follows a JSON control file, read again on
each request, so that a test can turn a healthy server sick and back
without restarting it:

    python3 http_servers.py --port 8080 --control FILE [--tls CERT KEY]
                            [--log FILE]

    {"status": 200,              status code
     "body": "text",             the body
     "transfer": "length",       "length" (Content-Length), "chunked"
                                 (chunks of "chunk" bytes, with an
                                 extension and a trailer) or "close"
     "chunk": 7,
     "silent": false,            accept, read the request, never answer
     "paths": {"/x": {...}}}     settings for one path, over the others

--log appends each request's head to FILE (for the Host header).

Imported, it offers helpers to start servers in a namespace and wait
for them, and to make a self-signed certificate.
"""
import argparse
import http.server
import json
import os
import socket
import ssl
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        srv = self.server
        if srv.log_path:
            with srv.lock, open(srv.log_path, "a") as f:
                f.write(self.requestline + "\r\n" + str(self.headers))
        with open(srv.control) as f:
            ctl = json.load(f)
        ctl.update(ctl.pop("paths", {}).get(self.path, {}))
        if ctl.get("silent"):
            # Hold the connection open without a word until the client
            # gives up (the test's server is killed at teardown).
            time.sleep(3600)
            return
        body = ctl.get("body", "").encode()
        transfer = ctl.get("transfer", "length")
        if transfer == "chunked":
            self.protocol_version = "HTTP/1.1"
        self.send_response(int(ctl.get("status", 200)))
        self.send_header("Content-Type", "text/html")
        if transfer == "length":
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif transfer == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Connection", "close")
            self.end_headers()
            size = int(ctl.get("chunk", 7))
            for i in range(0, len(body), size):
                part = body[i:i + size]
                self.wfile.write(b"%x;ext=1\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\nX-Trailer: yes\r\n\r\n")
        else:
            self.end_headers()
            self.wfile.write(body)
        self.close_connection = True


def serve(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--control", required=True)
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    ap.add_argument("--log")
    args = ap.parse_args(argv)
    family = socket.AF_INET6 if ":" in args.bind else socket.AF_INET

    class Server(http.server.ThreadingHTTPServer):
        address_family = family
        daemon_threads = True

    srv = Server((args.bind, args.port), Handler)
    srv.control = args.control
    srv.log_path = args.log
    srv.lock = threading.Lock()
    if args.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    srv.serve_forever()


# ---- helpers for the tests --------------------------------------------

def write_control(path, **ctl):
    """Atomically replaces the control file with ctl."""
    tmp = f"{path}.tmp"
    with open(tmp, "w") as f:
        json.dump(ctl, f)
    os.replace(tmp, path)


def make_cert(tmp_path, run):
    """A self-signed certificate and key in tmp_path: (cert, key)."""
    cert, key = str(tmp_path / "cert.pem"), str(tmp_path / "key.pem")
    res = run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
               "-keyout", key, "-out", cert, "-days", "2",
               "-subj", "/CN=ka-test.example"], timeout=60)
    assert res.returncode == 0, res.stderr
    return cert, key


def port_open(ns, addr, port):
    """True when something accepts TCP connections on addr:port in ns."""
    code = ("import socket,sys\n"
            "s=socket.socket(socket.AF_INET6 if ':' in sys.argv[1] "
            "else socket.AF_INET)\n"
            "s.settimeout(2)\n"
            "sys.exit(s.connect_ex((sys.argv[1],int(sys.argv[2]))))\n")
    res = ns.run([sys.executable, "-c", code, addr, str(port)], timeout=15)
    return res.returncode == 0


class Servers:
    """Processes started in namespaces; stop() kills them by pid."""

    def __init__(self, wait_until):
        self.procs = []
        self.wait_until = wait_until

    def start(self, ns, argv, addr, port, log):
        out = open(log, "ab")
        proc = ns.popen(argv, stdout=out, stderr=out)
        out.close()
        self.procs.append(proc)
        self.wait_until(lambda: proc.poll() is not None
                        or port_open(ns, addr, port), timeout=20,
                        what=f"server {argv[0]} on {addr}:{port}")
        assert proc.poll() is None, open(log).read()
        return proc

    def control_server(self, ns, tmp_path, port, control, tls=None,
                       bind="127.0.0.1", log=None):
        argv = [sys.executable, os.path.join(HERE, "http_servers.py"),
                "--port", str(port), "--bind", bind, "--control", control]
        if tls:
            argv += ["--tls", tls[0], tls[1]]
        if log:
            argv += ["--log", log]
        return self.start(ns, argv, bind, port,
                          str(tmp_path / f"server-{port}.log"))

    def kill(self, proc):
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)

    def stop(self):
        for proc in self.procs:
            self.kill(proc)
        self.procs = []


if __name__ == "__main__":
    serve(sys.argv[1:])
