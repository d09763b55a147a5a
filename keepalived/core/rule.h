/*
 * rule.h: one configured policy-routing rule, a line of static_rules (and,
 * for the VRRP work, virtual_rules) of keepalived.conf(5). The syntax is
 * that of "ip rule add", without abbreviations:
 *
 *   [not] [from PREFIX|all] [to PREFIX|all] [tos|dsfield N]
 *       [fwmark V[/M]] [iif IF] [oif IF] [priority|preference|order N]
 *       [table|lookup T] [goto N] [nop] [blackhole|unreachable|prohibit]
 *       [realms [F/]T] [suppress_prefixlength N] [suppress_ifgroup G]
 *       [uidrange A-B] [ipproto|ip_proto P] [sport A[-B]] [dport A[-B]]
 *       [l3mdev] [protocol P] [inet6] [no_track] [track_group G]
 *
 * Not supported (reported): nat, map-to, tun_id. A rule without an
 * action (table, goto, nop, l3mdev or a type) is refused rather than
 * guessed.
 *
 * Pure: parse, print (the printout parses again).
 */
#ifndef KA_RULE_H
#define KA_RULE_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "list.h"
#include "nl_names.h"

struct rule {
	struct list_node node;		/* for the owner's list */
	int family;
	bool invert;			/* "not" */
	struct ka_prefix from, to;	/* family 0: any */
	unsigned char tos;
	unsigned char action;		/* FR_ACT_* */
	uint32_t table;			/* 0: none (l3mdev, goto, nop...) */
	uint32_t goto_target;		/* FR_ACT_GOTO */
	uint32_t fwmark, fwmask;
	bool fwmark_set, fwmask_set;
	char iif[IF_NAMESIZE], oif[IF_NAMESIZE];	/* "": any */
	uint32_t priority;
	bool priority_set;
	uint32_t realms;		/* 0: none */
	int suppress_prefixlen;		/* -1: none */
	int64_t suppress_ifgroup;	/* -1: none */
	uint32_t uid_start, uid_end;
	bool uid_set;
	int ip_proto;			/* -1: any */
	uint16_t sport[2], dport[2];
	bool sport_set, dport_set;
	bool l3mdev;
	int protocol;			/* -1: RTPROT_KEEPALIVED */
	bool no_track;
	char *track_group;		/* owned */
};

enum rule_ctx {
	RULE_STATIC,
	RULE_VIRTUAL,
};

/*
 * Parses one line; "names" resolves table, protocol and realm names (NULL:
 * numbers only). Returns 0 and a new rule in *out (rule_free()), or
 * -EINVAL with the reason in err.
 */
int rule_parse(const char *const *words, size_t count, enum rule_ctx ctx,
	       const struct nl_names *names, struct rule **out, char *err,
	       size_t errlen);
void rule_free(struct rule **r);

/* The line again; returns 0 or -ENOSPC. */
int rule_format(const struct rule *r, const struct nl_names *names,
		char *buf, size_t size);
#define RULE_LINE_MAX 512

unsigned char rule_protocol(const struct rule *r);

#endif
