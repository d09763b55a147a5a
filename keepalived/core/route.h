/*
 * route.h: one configured route, a line of static_routes (and, for the
 * VRRP work, virtual_routes) of keepalived.conf(5). The syntax is that of
 * "ip route add", without abbreviations:
 *
 *   [TYPE] [to] PREFIX|default [src ADDR] [from PREFIX] [via|gw ADDR]
 *       [dev IF] [onlink] [table T] [metric|priority|preference N]
 *       [scope S] [protocol|proto P] [tos|dsfield N] [realms [F/]T]
 *       [pref low|medium|high] [expires N]
 *       [mtu|advmss|hoplimit|initcwnd|initrwnd|window|cwnd|ssthresh|
 *        reordering|rtt|rttvar|rto_min [lock] N] [features ecn]
 *       [quickack 0|1] [fastopen_no_cookie 0|1]
 *       [nexthop [via ADDR] [dev IF] [weight W] [onlink]]...
 *       [inet6] [append|prepend] [no_track] [track_group G]
 *   TYPE: unicast blackhole unreachable prohibit throw local broadcast
 *         anycast multicast (also accepted after the prefix)
 *
 * Not supported (reported as such): "or", vrf, encap, congctl, nhid,
 * ttl-propagate, as keepalived documents them for specific kernels.
 *
 * Pure: parse, print (the printout parses again).
 */
#ifndef KA_ROUTE_H
#define KA_ROUTE_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "list.h"
#include "nl_names.h"

#define ROUTE_METRICS_MAX 16
#define ROUTE_NEXTHOPS_MAX 32

struct route_nexthop {
	struct ka_addr via;		/* family 0: none */
	char dev[IF_NAMESIZE];
	unsigned weight;		/* 1..256; 0: not given */
	bool onlink;
};

struct route_metric {
	unsigned short type;		/* RTAX_* */
	uint32_t value;			/* as the kernel takes it */
	bool lock;
};

struct route {
	struct list_node node;		/* for the owner's list */
	int family;
	struct ka_prefix dst;
	struct ka_addr src;		/* RTA_PREFSRC; family 0: none */
	struct ka_prefix from;		/* RTA_SRC (IPv6); family 0: none */
	struct ka_addr via;		/* family 0: none */
	char dev[IF_NAMESIZE];		/* "": none */
	uint32_t table;			/* RT_TABLE_MAIN unless given */
	uint32_t metric;
	bool metric_set;
	int scope;			/* -1: the default for the route */
	int protocol;			/* -1: RTPROT_KEEPALIVED */
	unsigned char type;		/* RTN_* */
	unsigned char tos;
	bool onlink;
	int pref;			/* ICMPV6_ROUTER_PREF_*; -1: none */
	uint32_t realms;		/* RTA_FLOW; 0: none */
	uint32_t expires;		/* seconds; 0: none */
	struct route_metric metrics[ROUTE_METRICS_MAX];
	size_t nmetrics;
	struct route_nexthop nh[ROUTE_NEXTHOPS_MAX];
	size_t nnh;
	bool append;			/* NLM_F_APPEND rather than prepend */
	bool no_track;
	char *track_group;		/* owned */
};

enum route_ctx {
	ROUTE_STATIC,			/* track_group allowed */
	ROUTE_VIRTUAL,			/* no_track allowed */
};

/*
 * Parses one line. "names" resolves table, protocol and realm names (may
 * be NULL: numbers only). Returns 0 and a new route in *out (free with
 * route_free()), or -EINVAL with the reason in err.
 */
int route_parse(const char *const *words, size_t count, enum route_ctx ctx,
		const struct nl_names *names, struct route **out, char *err,
		size_t errlen);
void route_free(struct route **r);

/* The line again; names from "names" where known (may be NULL). Returns 0
 * or -ENOSPC. */
int route_format(const struct route *r, const struct nl_names *names,
		 char *buf, size_t size);
#define ROUTE_LINE_MAX 1024

/* The scope to send: the configured one, or what "ip route" would use. */
unsigned char route_scope(const struct route *r);
/* The protocol to send. */
unsigned char route_protocol(const struct route *r);

#endif
