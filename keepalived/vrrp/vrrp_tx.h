/*
 * vrrp_tx.h: a whole advert, ready for the socket, from what the
 * instance wants to say. Over IPv4 that is the IP header, the AH header
 * when the instance authenticates with AH, and the VRRP message, since we
 * send with IP_HDRINCL (AH authenticates the IP header, so we must own
 * it). Over IPv6 it is the VRRP message alone: the kernel writes the IPv6
 * header, and we give it the source so that the checksum we compute here
 * is the one that goes out.
 *
 * Pure: no socket, no clock, no logging. The per-instance counters that
 * go into each packet (IPv4 ID, AH sequence number) live in struct
 * vrrp_tx_state, which the instance owns.
 */
#ifndef KA_VRRP_TX_H
#define KA_VRRP_TX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "addr.h"
#include "vrrp_packet.h"

/* Enough for 255 IPv6 addresses; IPv4 adverts are far smaller. */
#define VRRP_TX_MAX_LEN (20 + 24 + VRRP_HDR_LEN + 255 * 16 + \
			 VRRP_AUTH_DATA_LEN)

/*
 * What the previous advert of an instance carried. Start zeroed: the
 * first advert then has IPv4 ID 1 and AH sequence number 1, as
 * keepalived 2.2.7's first advert has (seen on the wire).
 */
struct vrrp_tx_state {
	uint16_t ip_id;
	uint32_t ah_seq;
};

/*
 * Writes the advert described by "spec", from "src" to "dst", into buf
 * and returns its length, or -EINVAL with *why. Every IPv4 advert takes
 * the next IPv4 ID (never 0, which the kernel would replace after we
 * signed the packet) and an AH advert the next sequence number: "st" is
 * advanced only when the packet was written.
 *   spec:    version, VRID, priority, interval, addresses; auth_type AH
 *            signs with spec->auth_pass as the key (IPv4, version 2).
 *   unicast: the advert goes to a unicast peer; keepalived's AH then
 *            leaves the TTL out of the integrity check (see vrrp_ah.h).
 */
ssize_t vrrp_tx_build(const struct vrrp_pkt_spec *spec,
		      const struct ka_addr *src, const struct ka_addr *dst,
		      bool unicast, struct vrrp_tx_state *st,
		      uint8_t *buf, size_t size, const char **why);

#endif
