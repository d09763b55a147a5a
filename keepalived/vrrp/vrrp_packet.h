/*
 * vrrp_packet.h: VRRP advertisements on the wire, RFC 3768 (version 2)
 * and RFC 5798 (version 3), as plain functions on caller buffers: no
 * sockets, no clock, no logging. A failure returns -EINVAL and points
 * "*why" at a static string saying what was wrong, for the caller to log
 * with the instance and the sender.
 *
 * The message starts at the VRRP header: the IPv4 header (and AH) are
 * vrrp_ip4.h's and vrrp_ah.h's business, and IPv6 has the kernel build
 * and strip its header.
 */
#ifndef KA_VRRP_PACKET_H
#define KA_VRRP_PACKET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "addr.h"

#define VRRP_PROTOCOL 112
#define VRRP_TYPE_ADVERT 1
#define VRRP_HDR_LEN 8
#define VRRP_AUTH_DATA_LEN 8	/* version 2 only */
#define VRRP_PRIO_OWNER 255
#define VRRP_PRIO_STOP 0	/* the master is stopping */
/* version 3 carries the interval in 12 bits of centiseconds */
#define VRRP_V3_ADVER_INT_MAX_CS 4095

enum vrrp_auth_type {
	VRRP_AUTH_NONE = 0,
	VRRP_AUTH_PASS = 1,
	VRRP_AUTH_AH = 2,
};

/* What to send. */
struct vrrp_pkt_spec {
	uint8_t version;		/* 2 or 3 */
	uint8_t vrid;			/* 1..255 */
	uint8_t priority;
	int family;			/* AF_INET or AF_INET6 */
	uint16_t adver_int_cs;		/* centiseconds; whole seconds in v2 */
	uint8_t auth_type;		/* v2: enum vrrp_auth_type */
	/* v2 PASS: up to 8 bytes, NUL padded on the wire; NULL otherwise */
	const char *auth_pass;
	const struct ka_addr *addrs;	/* all of "family" */
	size_t naddr;			/* at most 255 */
};

/*
 * A received advertisement. "addrs" and "auth_data" point into the buffer
 * that was parsed and live as long as it does.
 */
struct vrrp_pkt {
	uint8_t version;
	uint8_t type;
	uint8_t vrid;
	uint8_t priority;
	uint8_t naddr;
	uint8_t auth_type;		/* v2; 0 for v3 */
	uint16_t adver_int_cs;
	int family;
	const uint8_t *addrs;		/* naddr * 4 or 16 bytes */
	const uint8_t *auth_data;	/* v2: 8 bytes; v3: NULL */
};

/* Length of the message a spec describes. */
size_t vrrp_pkt_len(const struct vrrp_pkt_spec *spec);

/*
 * Writes the message described by "spec" into buf and returns its length,
 * or -EINVAL (with *why) if the spec cannot be encoded or buf is too
 * small. "src" and "dst" are the IP addresses it will be sent from and to:
 * version 3 checksums them (the pseudo-header); version 2 ignores them.
 */
ssize_t vrrp_pkt_build(const struct vrrp_pkt_spec *spec,
		       const struct ka_addr *src, const struct ka_addr *dst,
		       uint8_t *buf, size_t size, const char **why);

/*
 * Checks and decodes the message in buf[0..len) received from "src" to
 * "dst" (both of "family"). Returns 0, or -EINVAL with *why. Checks made:
 * length, version, type, address count against length, interval not 0,
 * checksum. Policy checks (TTL, VRID configured, authentication,
 * addresses matching the configuration) are the caller's.
 */
int vrrp_pkt_parse(const uint8_t *buf, size_t len, int family,
		   const struct ka_addr *src, const struct ka_addr *dst,
		   struct vrrp_pkt *out, const char **why);

/* The i-th address of a parsed message. */
void vrrp_pkt_addr(const struct vrrp_pkt *pkt, size_t i, struct ka_addr *out);

#endif
