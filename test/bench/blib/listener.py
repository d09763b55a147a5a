#!/usr/bin/python3
"""One fast single-process TCP listener run inside a namespace: port PORT
on every address of the namespace; it accepts and closes at once, and on
SIGTERM writes "<realtime ns> <local address>" per accepted connection
to OUT. Creates READY once listening; READY.count says every half second
how many connections and distinct addresses it has seen."""
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
    seen = set()
    last = 0.0
    while not stop:
        now = time.monotonic()
        if now - last >= 0.5:       # progress for the benchmark's waits
            last = now
            with open(ready + ".count", "w") as f:
                f.write(f"{len(log)} {len(seen)}\n")
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
            addr = c.getsockname()[0]
            log.append((time.time_ns(), addr))
            seen.add(addr)
            c.close()
    with open(out, "w") as f:
        f.writelines(f"{t} {a}\n" for t, a in log)


if __name__ == "__main__":
    main()
