"""Counting the rewrites of our --ipvs-record file: the recording backend
writes a new copy to a temporary file ".NAME.XXXXXX" (mkstemp) and renames
it over NAME after every IPVS operation, so each IN_CREATE of such a name
is one operation issued. (Not IN_MOVED_TO of NAME: inotify merges
identical consecutive unread events, and those all look the same.)"""
import ctypes
import os
import select
import struct
import threading
import time

IN_CREATE = 0x100
IN_NONBLOCK = 0o4000

_libc = ctypes.CDLL(None, use_errno=True)


class RenameCounter:
    def __init__(self, path):
        self.prefix = b"." + os.path.basename(path).encode() + b"."
        self.fd = _libc.inotify_init1(IN_NONBLOCK)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        if _libc.inotify_add_watch(self.fd, os.path.dirname(path).encode(),
                                   IN_CREATE) < 0:
            raise OSError(ctypes.get_errno(), "inotify_add_watch")
        self.times = []
        self.overflow = False
        self._stop = False
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self):
        ep = select.epoll()
        ep.register(self.fd, select.EPOLLIN)
        while not self._stop:
            if not ep.poll(0.1):
                continue
            try:
                data = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                continue
            now = time.time_ns()
            off = 0
            while off + 16 <= len(data):
                _, mask, _, length = struct.unpack_from("iIII", data, off)
                name = data[off + 16:off + 16 + length].rstrip(b"\0")
                if mask & 0x4000:           # IN_Q_OVERFLOW
                    self.overflow = True
                if mask & IN_CREATE and name.startswith(self.prefix):
                    self.times.append(now)
                off += 16 + length
        ep.close()

    def stop(self):
        self._stop = True
        self._thread.join(5)
        os.close(self.fd)
        return self.times
