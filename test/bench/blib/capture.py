#!/usr/bin/python3
"""Event capture run INSIDE a benchmark namespace (ip netns exec NS ...).

Writes one line per event to OUT, with CLOCK_REALTIME nanoseconds:
    A+ <ns> <addr>          an IPv4/IPv6 address added (rtnetlink)
    A- <ns> <addr>          an address removed
    V  <ns> <src> <vrid> <prio> <dir>   a VRRP packet (dir: in|out)
The address events are stamped when this process wakes up for them (it
runs SCHED_FIFO so that this is within tens of microseconds); the VRRP
packets carry the kernel's receive timestamp (SO_TIMESTAMPNS on a packet
socket), so their times are exact.

With --gaps only a summary of the VRRP packets is written at the end
(per source and VRID: count and largest gap), for rates of thousands of
packets per second:  G <src> <vrid> <count> <max_gap_ns>
Ends on SIGTERM (flushes first). Creates READY once both sockets are open.
"""
import argparse
import os
import select
import signal
import socket
import struct
import sys
import time

NETLINK_ROUTE = 0
RTMGRP_IPV4_IFADDR = 0x10
RTMGRP_IPV6_IFADDR = 0x100
RTM_NEWADDR, RTM_DELADDR = 20, 21
IFA_ADDRESS, IFA_LOCAL = 1, 2
ETH_P_IP = 0x0800
ETH_P_IPV6 = 0x86DD
ETH_P_ALL = 0x0003
SO_TIMESTAMPNS = 35
PACKET_OUTGOING = 4
VRRP_PROTO = 112


def open_netlink():
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind((0, RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR))
    return s


def parse_addr_msgs(data):
    """(sign, address) for each RTM_NEWADDR/DELADDR in a netlink read."""
    out = []
    off = 0
    while off + 16 <= len(data):
        length, mtype = struct.unpack_from("=IH", data, off)
        if length < 16:
            break
        if mtype in (RTM_NEWADDR, RTM_DELADDR):
            family = data[off + 16]
            attrs = {}
            a = off + 16 + 8
            end = off + length
            while a + 4 <= end:
                alen, atype = struct.unpack_from("=HH", data, a)
                if alen < 4:
                    break
                attrs[atype] = data[a + 4:a + alen]
                a += (alen + 3) & ~3
            raw = attrs.get(IFA_LOCAL) or attrs.get(IFA_ADDRESS)
            if raw:
                fam = socket.AF_INET if family == socket.AF_INET \
                    else socket.AF_INET6
                out.append(("A+" if mtype == RTM_NEWADDR else "A-",
                            socket.inet_ntop(fam, raw)))
        off += (length + 3) & ~3
    return out


def open_packet():
    s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                      socket.htons(ETH_P_ALL))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 << 20)
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    return s


def parse_vrrp(pkt, proto):
    """(src, vrid, prio) of a VRRP packet (network layer up), or None."""
    if proto == ETH_P_IP and len(pkt) >= 24 and pkt[9] == VRRP_PROTO:
        ihl = (pkt[0] & 0x0F) * 4
        if len(pkt) < ihl + 4:
            return None
        return (socket.inet_ntop(socket.AF_INET, pkt[12:16]),
                pkt[ihl + 1], pkt[ihl + 2])
    if proto == ETH_P_IPV6 and len(pkt) >= 44 and pkt[6] == VRRP_PROTO:
        return (socket.inet_ntop(socket.AF_INET6, pkt[8:24]),
                pkt[41], pkt[42])
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("ready")
    ap.add_argument("--gaps", action="store_true")
    ap.add_argument("--no-vrrp", action="store_true")
    opt = ap.parse_args()
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(20))
    except OSError:
        pass
    lines = []
    gaps = {}      # (src, vrid) -> [count, last_ns, max_gap_ns]
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    nl = open_netlink()
    socks = [nl]
    pk = None
    if not opt.no_vrrp:
        pk = open_packet()
        socks.append(pk)
    for s in socks:
        s.setblocking(False)
    open(opt.ready, "w").close()
    ep = select.epoll()
    for s in socks:
        ep.register(s.fileno(), select.EPOLLIN)
    cmsg_room = socket.CMSG_SPACE(16)
    while not stop:
        try:
            ready = ep.poll(0.2)
        except InterruptedError:
            continue
        for fd, _ in ready:
            if fd == nl.fileno():
                while True:
                    try:
                        data = nl.recv(1 << 16)
                    except BlockingIOError:
                        break
                    except OSError as e:     # ENOBUFS: events were lost
                        lines.append(f"E {time.time_ns()} {e.errno}\n")
                        break
                    now = time.time_ns()
                    for sign, addr in parse_addr_msgs(data):
                        lines.append(f"{sign} {now} {addr}\n")
            else:
                while True:
                    try:
                        pkt, anc, _, addr = pk.recvmsg(65535, cmsg_room)
                    except BlockingIOError:
                        break
                    v = parse_vrrp(pkt, addr[1])
                    if v is None:
                        continue
                    ts = time.time_ns()
                    for lvl, typ, cdata in anc:
                        if lvl == socket.SOL_SOCKET and typ == SO_TIMESTAMPNS:
                            sec, nsec = struct.unpack("=qq", cdata[:16])
                            ts = sec * 1000000000 + nsec
                    direction = "out" if addr[2] == PACKET_OUTGOING else "in"
                    if opt.gaps:
                        if direction == "out":
                            continue
                        g = gaps.get(v[:2])
                        if g is None:
                            gaps[v[:2]] = [1, ts, 0]
                        else:
                            g[0] += 1
                            g[2] = max(g[2], ts - g[1])
                            g[1] = ts
                    else:
                        lines.append(f"V {ts} {v[0]} {v[1]} {v[2]} "
                                     f"{direction}\n")
    for (src, vrid), (count, _, gap) in gaps.items():
        lines.append(f"G {src} {vrid} {count} {gap}\n")
    with open(opt.out, "w") as f:
        f.writelines(lines)
        f.write("END\n")


if __name__ == "__main__":
    sys.exit(main())
