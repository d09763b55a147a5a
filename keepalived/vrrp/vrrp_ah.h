/*
 * vrrp_ah.h: the IPsec Authentication Header that VRRP version 2 may use
 * (RFC 2402 layout, HMAC-MD5-96 as RFC 2403), computed the way keepalived
 * computes it so that the two interoperate:
 *   - the key is the password, NUL padded (or cut) to 8 bytes;
 *   - the ICV covers the whole IPv4 packet with the TOS, the fragment
 *     field, the header checksum and the ICV itself zeroed;
 *   - the TTL is zeroed only for unicast adverts (RFC 2402 would zero it
 *     always; keepalived keeps it for multicast, and so must we).
 * The sequence-number window (replay protection) is the instance's state,
 * not this module's. Pure apart from OpenSSL's HMAC.
 */
#ifndef KA_VRRP_AH_H
#define KA_VRRP_AH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define VRRP_AH_LEN 24
#define VRRP_AH_ICV_LEN 12
#define VRRP_AH_KEY_LEN 8

struct vrrp_ah {
	uint8_t next_header;
	uint32_t spi;		/* keepalived uses the sender's IPv4 address */
	uint32_t seq;
	const uint8_t *icv;	/* points into the parsed buffer */
};

/* Writes an AH header for VRRP with a zero ICV; returns VRRP_AH_LEN. */
ssize_t vrrp_ah_build(uint8_t *buf, size_t size, uint32_t spi, uint32_t seq,
		      const char **why);

/* Reads the AH header at buf (after the IPv4 header). */
int vrrp_ah_parse(const uint8_t *buf, size_t len, struct vrrp_ah *out,
		  const char **why);

/*
 * Fills in the ICV of the IPv4 packet ip[0..len) (IPv4 header, AH, VRRP),
 * or checks it (0 if it matches, -EINVAL with *why if not). The AH header
 * follows the IPv4 header, whose length is read from the packet.
 */
int vrrp_ah_sign(uint8_t *ip, size_t len, const char *password,
		 bool zero_ttl, const char **why);
int vrrp_ah_verify(const uint8_t *ip, size_t len, const char *password,
		   bool zero_ttl, const char **why);

#endif
