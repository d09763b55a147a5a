/*
 * vrrp_nft.h: the nftables rules of no_accept (and of vrrp_strict, which
 * implies it): while an instance that is not the address owner is
 * master, packets to and from its virtual addresses are dropped, so that
 * they serve for routing only (RFC 5798 6.4.3: "MUST NOT accept packets
 * addressed to the IPvX address(es) associated with the virtual router
 * if it is not the IPvX address owner").
 *
 * The layout is keepalived 2.2's, so that operators' tools read the same
 * ruleset: a table of our own per family (default "keepalived"), with a
 * set "vips" of addresses and two base chains, "in" (input hook: drop
 * daddr in @vips) and "out" (output hook: drop saddr in @vips), at
 * priority filter + nftables_priority (default -1). For IPv6, neighbour
 * solicitations and advertisements stay allowed, and link-local
 * addresses go in a set "vips_link_local" keyed by address and
 * interface.
 *
 * VMAC interfaces (use_vmac) get rules in the same table, as keepalived
 * makes them: in chain "out", the VMAC's IGMP reports (IPv4) or MLDv2
 * reports (IPv6) are sent on its base interface instead ("dup to" the
 * base from map "vmac_map", then dropped), so that switches do not learn
 * group memberships at the virtual MAC; and IPv6 router solicitations
 * from a VMAC (set "vmac_set") are dropped.
 *
 * Pure: the text of nft commands (libnftables runs them).
 */
#ifndef KA_VRRP_NFT_H
#define KA_VRRP_NFT_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"

#define VRRP_NFT_TABLE_DEFAULT "keepalived"
#define VRRP_NFT_PRIORITY_DEFAULT (-1)

struct vrrp_nft_opts {
	const char *table;		/* NULL: keepalived */
	long priority;			/* added to the filter priority */
	bool counters;			/* a counter on every rule */
};

/* One address of the set, and for an IPv6 link-local one the interface
 * it is on. */
struct vrrp_nft_elem {
	struct ka_addr addr;
	const char *ifname;
};

/*
 * The commands creating the table of "family" (AF_INET or AF_INET6)
 * with its sets, chains and rules. Returns the length written, or
 * -ENOSPC / -EINVAL.
 */
int vrrp_nft_table_cmds(const struct vrrp_nft_opts *o, int family,
			char *buf, size_t size);
/* The command deleting it. */
int vrrp_nft_delete_cmd(const struct vrrp_nft_opts *o, int family,
			char *buf, size_t size);

/*
 * The commands adding the VMAC map, set, chain and rules to the table of
 * "family" (once per table: rules are not merged by nft).
 */
int vrrp_nft_vmac_table_cmds(const struct vrrp_nft_opts *o, int family,
			     char *buf, size_t size);
/* Adding (add) or deleting the VMAC "vmac" on "base" to / from them. */
int vrrp_nft_vmac_elem_cmds(const struct vrrp_nft_opts *o, int family,
			    bool add, const char *vmac, const char *base,
			    char *buf, size_t size);

/*
 * "add element" (add) or "delete element" commands for the addresses of
 * e[] of "family" (others skipped); an empty string if none is. IPv6
 * link-local addresses go in vips_link_local with their interface.
 */
int vrrp_nft_elem_cmds(const struct vrrp_nft_opts *o, int family, bool add,
		       const struct vrrp_nft_elem *e, size_t n, char *buf,
		       size_t size);

#endif
