"""Misbehaving web servers for test_fault_hostile_http.py.

Run as a program inside a test's namespace, it listens on one address
with one behaviour per port:

    python3 hostile_http.py --bind ADDR [--tls CERT KEY] PORT=KIND ...

    silent      accepts, reads the request, never answers
    trickle     answers one byte a second, forever
    endless     a status line and headers, then a body without end
    bigheader   a 10 MB header line, then a short body
    reset       half a response, then a reset (SO_LINGER 0)
    healthy     "200 OK" and a short body
    tls         as healthy, over TLS with --tls's certificate
    tlsendless  as endless, over TLS
    tlsdribble  the TLS handshake, then one byte of answer a second

Every connection has its own thread; the process is killed by pid at
the end of the test.
"""
import argparse
import socket
import ssl
import struct
import sys
import threading
import time

HEAD = b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            return False
        data += chunk
    return True


def silent(conn):
    read_request(conn)
    while conn.recv(4096):
        pass


def trickle(conn):
    read_request(conn)
    msg = HEAD + b"Content-Length: 100000\r\n\r\n" + b"x" * 100000
    for i in range(len(msg)):
        conn.sendall(msg[i:i + 1])
        time.sleep(1)


def endless(conn):
    read_request(conn)
    conn.sendall(HEAD + b"\r\n")
    block = b"y" * 65536
    while True:
        conn.sendall(block)


def bigheader(conn):
    read_request(conn)
    conn.sendall(HEAD + b"X-Big: " + b"z" * (10 * 1024 * 1024)
                 + b"\r\nContent-Length: 2\r\n\r\nok")


def reset(conn):
    read_request(conn)
    conn.sendall(HEAD + b"Content-Length: 100000\r\n\r\n" + b"r" * 1000)
    time.sleep(0.1)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                    struct.pack("ii", 1, 0))


def healthy(conn):
    if read_request(conn):
        conn.sendall(HEAD + b"Content-Length: 2\r\n\r\nok")


KINDS = {"silent": silent, "trickle": trickle, "endless": endless,
         "bigheader": bigheader, "reset": reset, "healthy": healthy,
         "tls": healthy, "tlsendless": endless, "tlsdribble": trickle}


def handle(conn, kind, ctx):
    try:
        if ctx is not None:
            conn.settimeout(30)
            conn = ctx.wrap_socket(conn, server_side=True)
            conn.settimeout(None)
        KINDS[kind](conn)
    except (OSError, ssl.SSLError):
        pass
    finally:
        conn.close()


def serve(sock, kind, ctx):
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=handle, args=(conn, kind, ctx),
                         daemon=True).start()


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", required=True)
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    ap.add_argument("ports", nargs="+", metavar="PORT=KIND")
    args = ap.parse_args(argv)
    ctx = None
    if args.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
    threads = []
    for spec in args.ports:
        port, kind = spec.split("=")
        if kind not in KINDS:
            sys.exit(f"unknown behaviour {kind}")
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.bind, int(port)))
        sock.listen(128)
        t = threading.Thread(target=serve, daemon=True,
                             args=(sock, kind, ctx if kind.startswith("tls")
                                   else None))
        t.start()
        threads.append(t)
    print("listening", flush=True)
    for t in threads:
        t.join()


if __name__ == "__main__":
    main(sys.argv[1:])
