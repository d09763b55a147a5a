/*
 * vrrp_ip4.h: the IPv4 header of VRRP over IPv4. We build it ourselves
 * (IP_HDRINCL) because AH authenticates it, and we read it on receive
 * because a raw IPv4 socket hands it to us. Pure.
 */
#ifndef KA_VRRP_IP4_H
#define KA_VRRP_IP4_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "addr.h"

#define VRRP_IP4_HDR_LEN 20
#define VRRP_IP4_TTL 255
/* Precedence "internetwork control", as routing protocols use. */
#define VRRP_IP4_TOS 0xc0
#define VRRP_IP4_PROTO_AH 51

struct vrrp_ip4 {
	struct ka_addr src;
	struct ka_addr dst;
	uint8_t ttl;
	uint8_t protocol;
	uint16_t id;
	size_t hdr_len;			/* with options */
	const uint8_t *payload;		/* points into the parsed buffer */
	size_t payload_len;
};

/*
 * Writes a 20-byte header (no options) for a payload of "payload_len"
 * bytes of "protocol", TTL 255, checksum filled in. Returns the header
 * length or -EINVAL with *why.
 */
ssize_t vrrp_ip4_build(uint8_t *buf, size_t size, const struct ka_addr *src,
		       const struct ka_addr *dst, uint8_t protocol, uint16_t id,
		       size_t payload_len, const char **why);

/*
 * Reads the header at the start of buf[0..len): version, lengths, header
 * checksum and fragmentation (a fragment is refused: adverts are small).
 * Returns 0 or -EINVAL with *why.
 */
int vrrp_ip4_parse(const uint8_t *buf, size_t len, struct vrrp_ip4 *out,
		   const char **why);

#endif
