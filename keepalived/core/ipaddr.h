/*
 * ipaddr.h: one configured address, as a line of static_ipaddress (and,
 * for the VRRP work, virtual_ipaddress and virtual_ipaddress_excluded) of
 * keepalived.conf(5):
 *
 *   <IPADDR>[/<MASK>] [brd <IPADDR>|+|-] [dev <STRING>] [scope <SCOPE>]
 *       [label <LABEL>] [peer <IPADDR>[/<MASK>]] [home] [-nodad]
 *       [mngtmpaddr] [noprefixroute] [autojoin] [preferred_lft nn|forever]
 *       [track_group GROUP]       (static only)
 *       [no_track] [use_vmac]     (virtual only)
 *
 * Pure: parse, print (the printout parses again), compare.
 */
#ifndef KA_IPADDR_H
#define KA_IPADDR_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "list.h"

enum ipaddr_ctx {
	IPADDR_STATIC,		/* static_ipaddress */
	IPADDR_VIRTUAL,		/* virtual_ipaddress[_excluded] */
};

enum ipaddr_brd {
	IPADDR_BRD_NONE,
	IPADDR_BRD_ADDR,	/* brd <IPADDR> */
	IPADDR_BRD_SET,		/* brd +: the host bits set */
	IPADDR_BRD_CLEAR,	/* brd -: the host bits cleared */
};

enum ipaddr_lft {
	IPADDR_LFT_DEFAULT,	/* 0 for an IPv6 /128, else the kernel's */
	IPADDR_LFT_VALUE,
	IPADDR_LFT_FOREVER,
};

struct ipaddr {
	struct list_node node;		/* for the owner's list */
	struct ka_prefix prefix;
	enum ipaddr_brd brd_mode;
	struct ka_addr brd;		/* IPADDR_BRD_ADDR */
	struct ka_prefix peer;		/* family 0: none */
	char dev[IF_NAMESIZE];		/* "": default_interface */
	int scope;			/* RT_SCOPE_*; -1: not given */
	char label[IF_NAMESIZE];	/* "": none */
	unsigned ifa_flags;		/* IFA_F_HOMEADDRESS, _NODAD, ... */
	enum ipaddr_lft lft_mode;
	uint32_t preferred_lft;		/* IPADDR_LFT_VALUE, seconds */
	bool no_track;
	bool use_vmac;
	char *track_group;		/* owned */
};

/*
 * Parses one line (words[0] is the address). Returns 0 and a new object
 * in *out (free with ipaddr_free()), or -EINVAL with the reason in err.
 */
int ipaddr_parse(const char *const *words, size_t count, enum ipaddr_ctx ctx,
		 struct ipaddr **out, char *err, size_t errlen);
/* Frees and NULLs *a; accepts NULL. The caller unlinks it first. */
void ipaddr_free(struct ipaddr **a);

/* The line again, canonical; parses back to an equal object. Returns 0 or
 * -ENOSPC (the buffer then holds a truncated line). */
int ipaddr_format(const struct ipaddr *a, char *buf, size_t size);
#define IPADDR_LINE_MAX 320

/* The broadcast address to send, if any. */
bool ipaddr_broadcast(const struct ipaddr *a, struct ka_addr *out);
/* The preferred lifetime to send (seconds, 0xffffffff forever), if any. */
bool ipaddr_preferred_lft(const struct ipaddr *a, uint32_t *out);

/* Same address, length and device: the kernel's identity of it. */
bool ipaddr_same(const struct ipaddr *a, const struct ipaddr *b);

#endif
