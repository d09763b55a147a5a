/*
 * vrrp_rx.h: what an instance accepts (RFC 3768 7.1, RFC 5798 7.1), as a
 * pure decision on a received packet. Every refusal says why and names
 * the counter of keepalived's statistics that it increments, so that the
 * stats dump and SNMP report what keepalived reports; the caller logs
 * (rate-limited) and bumps nothing itself.
 */
#ifndef KA_VRRP_RX_H
#define KA_VRRP_RX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "vrrp_packet.h"

/* keepalived's per-instance counters (its stats dump and KEEPALIVED-MIB) */
struct vrrp_stats {
	uint64_t advert_rcvd;
	uint64_t advert_sent;
	uint64_t become_master;
	uint64_t release_master;
	uint64_t packet_len_err;
	uint64_t advert_interval_err;
	uint64_t ip_ttl_err;
	uint64_t invalid_type_rcvd;
	uint64_t addr_list_err;
	uint64_t invalid_authtype;
	uint64_t authtype_mismatch;
	uint64_t auth_failure;
	uint64_t pri_zero_rcvd;
	uint64_t pri_zero_sent;
	/* RFC 2787's router-wide errors, kept per instance too */
	uint64_t version_err;
	uint64_t checksum_err;
};

/* Which counter a refusal increments. */
enum vrrp_rx_counter {
	VRRP_RX_NONE,		/* not counted (e.g. another VRID) */
	VRRP_RX_PACKET_LEN,
	VRRP_RX_INTERVAL,
	VRRP_RX_TTL,
	VRRP_RX_TYPE,
	VRRP_RX_ADDR_LIST,
	VRRP_RX_AUTH_TYPE_INVALID,
	VRRP_RX_AUTH_TYPE_MISMATCH,
	VRRP_RX_AUTH_FAILURE,
	VRRP_RX_VERSION,
	VRRP_RX_CHECKSUM,
};

/* The instance's side of the checks. */
struct vrrp_rx_conf {
	uint8_t version;
	uint8_t vrid;
	int family;
	uint16_t adver_int_cs;
	uint8_t auth_type;		/* v2: enum vrrp_auth_type */
	const char *auth_pass;		/* PASS and AH */
	bool unicast;
	uint8_t min_ttl, max_ttl;	/* unicast: accepted TTL range */
	bool skip_check_adv_addr;
	bool check_unicast_src;
	const struct ka_addr *vips;	/* what the advert must list */
	size_t nvips;
	const struct ka_addr *peers;	/* unicast_peer */
	size_t npeers;
};

/* A received packet as the socket layer hands it over. */
struct vrrp_rx_in {
	const uint8_t *msg;		/* the VRRP message */
	size_t len;
	struct ka_addr src, dst;
	uint8_t ttl;			/* TTL or hop limit */
	/* IPv4 with AH: the whole IP packet, for the integrity check */
	const uint8_t *ip4;
	size_t ip4_len;
	bool has_ah;
	uint32_t ah_seq;
};

/* Per-instance receive state: the AH sequence window (RFC 2402 3.4.3). */
struct vrrp_rx_state {
	bool seq_seen;
	uint32_t last_seq;
};

/*
 * Returns 0 and fills *out if the instance accepts the advert; -ENOENT
 * if it is for another virtual router (not an error: several instances
 * share a socket); -EINVAL otherwise, with *why and *counter set. "st"
 * is updated only on acceptance.
 */
int vrrp_rx_check(const struct vrrp_rx_conf *conf, struct vrrp_rx_state *st,
		  const struct vrrp_rx_in *in, struct vrrp_pkt *out,
		  enum vrrp_rx_counter *counter, const char **why);

/* Adds one to the counter named (VRRP_RX_NONE adds nothing). */
void vrrp_rx_count(struct vrrp_stats *stats, enum vrrp_rx_counter c);
/* Counts an accepted advert (and a priority 0 one). */
void vrrp_rx_count_accepted(struct vrrp_stats *stats,
			    const struct vrrp_pkt *pkt);

#endif
