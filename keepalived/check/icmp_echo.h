/*
 * icmp_echo.h: ICMP and ICMPv6 echo requests and replies (RFC 792,
 * RFC 4443 section 4). Pure: buffers in, buffers out.
 *
 * An echo message is an 8-byte header (type, code, checksum, identifier,
 * sequence number) and data that the peer sends back unchanged. A PING_CHECK
 * sends random data and accepts only a reply that carries the same
 * identifier, sequence number and data.
 */
#ifndef KA_ICMP_ECHO_H
#define KA_ICMP_ECHO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#define ICMP_ECHO_HDR_LEN 8

/* What arrived, and how to read it. */
struct icmp_echo_rx {
	int family;		/* AF_INET or AF_INET6 */
	bool ip_header;		/* a raw IPv4 socket: an IP header comes
				 * first */
	bool check_id;		/* false on a ping socket: the kernel owns
				 * the identifier and demultiplexes on it */
};

/*
 * Builds an echo request in "buf".
 *   family:   AF_INET (type 8) or AF_INET6 (type 128).
 *   id, seq:  in host order.
 *   data:     "data_len" bytes sent back by the peer.
 * For ICMP the checksum is filled in; for ICMPv6 it is left 0, as the
 * kernel computes it over its pseudo-header (which holds the source
 * address the kernel picks); see icmp6_cksum().
 * Returns the message's length, -ENOSPC if "size" is too small, or
 * -EAFNOSUPPORT.
 */
int icmp_echo_build(int family, uint16_t id, uint16_t seq, const void *data,
		    size_t data_len, uint8_t *buf, size_t size);

/*
 * Whether "pkt" (len bytes as read from the socket) is the reply to the
 * request built with id, seq and data. Returns 0 for the reply, -EAGAIN
 * for anything else that may legitimately arrive on the socket (another
 * process's reply, our own request looped back), -EBADMSG for a message
 * that is truncated or whose ICMP checksum is wrong (IPv4: the kernel
 * hands raw sockets ICMP before checking it).
 */
int icmp_echo_match(const struct icmp_echo_rx *rx, const uint8_t *pkt,
		    size_t len, uint16_t id, uint16_t seq, const void *data,
		    size_t data_len);

/* The ICMPv6 checksum of "msg" (its checksum field taken as is) between
 * src and dst, in network order as stored: RFC 4443 section 2.3. */
uint16_t icmp6_cksum(const struct in6_addr *src, const struct in6_addr *dst,
		     const void *msg, size_t len);

#endif
