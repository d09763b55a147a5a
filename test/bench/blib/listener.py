#!/usr/bin/python3
"""One fast single-process TCP listener run inside a namespace: port PORT
on every address of the namespace; it accepts and closes at once, and on
SIGTERM writes "<realtime ns> <local address>" per accepted connection
to OUT. Creates READY once listening."""
import select
import signal
import socket
import sys
import time


def main():
    port, out, ready = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    s.listen(65535)
    s.setblocking(False)
    open(ready, "w").close()
    ep = select.epoll()
    ep.register(s.fileno(), select.EPOLLIN)
    log = []
    while not stop:
        try:
            if not ep.poll(0.2):
                continue
        except InterruptedError:
            continue
        while True:
            try:
                c, _ = s.accept()
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                break
            log.append((time.time_ns(), c.getsockname()[0]))
            c.close()
    with open(out, "w") as f:
        f.writelines(f"{t} {a}\n" for t, a in log)


if __name__ == "__main__":
    main()
