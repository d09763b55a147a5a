/*
 * vrrp_socket.h: the raw sockets VRRP adverts travel on.
 *
 * One socket per interface and family serves both directions:
 *   - IPv4: SOCK_RAW for protocol 112 (51 when the instances on it use
 *     AH, since an AH advert is protocol 51 until the kernel would strip
 *     AH, which it never does: there is no security association). We send
 *     with IP_HDRINCL, the header built by vrrp_tx.h, and the kernel hands
 *     us the IP header on receive, which AH needs.
 *   - IPv6: SOCK_RAW for protocol 112; the kernel writes and strips the
 *     header, tells us the hop limit and destination (IPV6_RECVHOPLIMIT,
 *     IPV6_RECVPKTINFO), and computes no checksum (no IPV6_CHECKSUM: the
 *     VRRP checksum is ours, and we give the source it must cover).
 * Each socket is bound to its interface (SO_BINDTODEVICE), non-blocking
 * and close-on-exec, sends with TTL / hop limit 255 and does not loop its
 * multicast back. In multicast mode it joins the group (224.0.0.18,
 * ff02::12, or vrrp_mcast_group4/6) on the interface; in unicast mode it
 * joins nothing and the caller sends to each peer.
 *
 * Functions return 0 (or a descriptor) or a negative errno and do not
 * log: the caller knows the instance and logs with its name.
 */
#ifndef KA_VRRP_SOCKET_H
#define KA_VRRP_SOCKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "addr.h"
#include "vrrp_rx.h"

#define VRRP_MCAST_GROUP4 "224.0.0.18"
#define VRRP_MCAST_GROUP6 "ff02::12"

/* Largest packet we read: a VRRP advert cannot be longer. */
#define VRRP_SOCKET_RCVBUF_LEN 2048

struct vrrp_socket_opts {
	int family;		/* AF_INET or AF_INET6 */
	int ifindex;
	const char *ifname;	/* for SO_BINDTODEVICE */
	bool ah;		/* IPv4: receive protocol 51 (AH) */
	/* the group to join; NULL for unicast (joins nothing) */
	const struct ka_addr *group;
};

/*
 * Opens a socket as described above. Returns the descriptor (the caller
 * closes it) or a negative errno; nothing is left open on failure.
 */
int vrrp_socket_open(const struct vrrp_socket_opts *opts);

/*
 * Joins or leaves a multicast group on an interface, for a socket of the
 * group's family; vrrp_socket_open() already joined opts->group. Leaving
 * a group not joined is -EADDRNOTAVAIL (IPv4) or -ENOENT, as the kernel
 * says.
 */
int vrrp_socket_join(int fd, const struct ka_addr *group, int ifindex);
int vrrp_socket_leave(int fd, const struct ka_addr *group, int ifindex);

/*
 * Sends one packet from vrrp_tx_build(): over IPv4 the whole IP packet,
 * whose header names the source; over IPv6 the VRRP message, sent from
 * "src" (which its checksum covers) out of "ifindex". A full socket
 * buffer is -EAGAIN: the advert is lost, and the next one will follow.
 */
int vrrp_socket_send(int fd, const struct ka_addr *src,
		     const struct ka_addr *dst, int ifindex,
		     const uint8_t *pkt, size_t len);

/*
 * A packet received, in the shape vrrp_rx_check() takes. The pointers in
 * "in" point into the buffer given to vrrp_socket_recv().
 */
struct vrrp_socket_rcvd {
	struct vrrp_rx_in in;
	int ifindex;		/* where it came in */
	uint32_t ah_spi;	/* IPv4 with AH */
};

/*
 * Reads one packet into buf (VRRP_SOCKET_RCVBUF_LEN bytes suffice) and
 * fills *out. Returns 0; -EAGAIN when nothing is waiting; -EINVAL with
 * *why for a packet that is not an IPv4 VRRP packet we can read (bad IP
 * header, AH not carrying VRRP, truncated): the caller counts it and
 * reads on; other errors of recvmsg().
 */
int vrrp_socket_recv(int fd, int family, uint8_t *buf, size_t size,
		     struct vrrp_socket_rcvd *out, const char **why);

/*
 * The pure part of an IPv4 receive: the IP packet ip[0..len) as the raw
 * socket gave it, taken apart into *out (IP header, AH if the protocol
 * is 51, then the VRRP message; the pointers point into "ip"), and the
 * AH SPI into *ah_spi if not NULL (0 without AH). Returns 0 or -EINVAL
 * with *why; nothing is written on failure.
 */
int vrrp_socket_unwrap4(const uint8_t *ip, size_t len, struct vrrp_rx_in *out,
			uint32_t *ah_spi, const char **why);

#endif
