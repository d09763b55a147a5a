/*
 * vrrp_snmp_route.c: vrrpRouteTable, vrrpRouteNextHopTable and
 * vrrpRuleTable: an instance's virtual_routes and virtual_rules, set
 * while it is master. Columns we hold no data for (rtt, rttvar, rto_min
 * and congctl, encapsulation, the rules' older direction/address
 * columns) are left out, as are values the line does not give.
 */
#include "config.h"

#include <linux/fib_rules.h>

#include "route.h"
#include "rule.h"
#include "vrrp_snmp_internal.h"
#include "vrrp_snmp_map.h"

enum {
	R_TYPE = 2, R_DEST, R_DEST_MASK, R_GATEWAY, R_SOURCE = 7, R_METRIC,
	R_SCOPE, R_ROUTE_TYPE, R_IFINDEX, R_IFNAME, R_TABLE, R_STATUS,
	R_FROM, R_FROM_MASK, R_TOS, R_PROTOCOL, R_EXPIRES = 21,
	R_PREF = 43, R_REALM_DST, R_REALM_SRC,
};

/* ecn (features), quickack and fastopen_no_cookie are TruthValues; the
 * others numbers, with a lock column for some. */
static void route_metrics(struct snmp_row *r, const struct route *rt)
{
	const struct route_metric *m;
	unsigned col, lock_col;
	size_t i;

	for (i = 0; i < rt->nmetrics; i++) {
		m = &rt->metrics[i];
		if (!vrrp_snmp_route_metric(m->type, &col, &lock_col))
			continue;
		if (m->type == RTAX_FEATURES)
			snmp_row_bool(r, col, m->value & RTAX_FEATURE_ECN);
		else if (m->type == RTAX_QUICKACK ||
			 m->type == RTAX_FASTOPEN_NO_COOKIE)
			snmp_row_bool(r, col, m->value);
		else
			snmp_row_uint(r, col, m->value);
		if (lock_col)
			snmp_row_bool(r, lock_col, m->lock);
	}
}

/* RTA_FLOW: the source realm in the high 16 bits. Pref: low(1),
 * medium(2), high(3) from ICMPV6_ROUTER_PREF_LOW (3), _MEDIUM (0),
 * _HIGH (1). */
static void route_extras(struct snmp_row *r, const struct route *rt)
{
	static const int pref[4] = { 2, 3, 0, 1 };

	if (rt->realms & 0xffff)
		snmp_row_uint(r, R_REALM_DST, rt->realms & 0xffff);
	if (rt->realms >> 16)
		snmp_row_uint(r, R_REALM_SRC, rt->realms >> 16);
	if (rt->pref >= 0 && rt->pref <= 3 && pref[rt->pref])
		snmp_row_int(r, R_PREF, pref[rt->pref]);
	route_metrics(r, rt);
}

static void route_row(const struct vrrp_snmp *vs, struct snmp_row *r,
		      const struct route *rt, bool set)
{
	int v, ifindex = vrrp_snmp_ifindex(vs, rt->dev);

	snmp_row_addr(r, R_TYPE, R_DEST, &rt->dst.addr);
	snmp_row_uint(r, R_DEST_MASK, rt->dst.len);
	snmp_row_addr(r, 0, R_GATEWAY, &rt->via);
	snmp_row_addr(r, 0, R_SOURCE, &rt->src);
	/* 0 and the universe when not given, as keepalived answers */
	snmp_row_uint(r, R_METRIC, rt->metric);
	snmp_row_int(r, R_SCOPE, vrrp_snmp_scope(rt->scope));
	v = vrrp_snmp_route_type(rt->type, rt->nnh);
	if (v)
		snmp_row_int(r, R_ROUTE_TYPE, v);
	if (ifindex > 0)
		snmp_row_int(r, R_IFINDEX, ifindex);
	if (rt->dev[0])
		snmp_row_str(r, R_IFNAME, rt->dev);
	snmp_row_uint(r, R_TABLE, rt->table);
	snmp_row_bool(r, R_STATUS, set);	/* set(1) / unset(2) */
	if (rt->from.addr.family) {
		snmp_row_addr(r, 0, R_FROM, &rt->from.addr);
		snmp_row_uint(r, R_FROM_MASK, rt->from.len);
	}
	if (rt->tos)
		snmp_row_uint(r, R_TOS, rt->tos);
	v = vrrp_snmp_protocol(rt->protocol);
	if (v)
		snmp_row_int(r, R_PROTOCOL, v);
	if (rt->expires)
		snmp_row_int(r, R_EXPIRES, rt->expires);
	route_extras(r, rt);
}

static void route_rows(const struct vrrp_snmp *vs, uint32_t idx,
		       const struct vrrp_instance_conf *ic,
		       const struct vrrp_inst *in, struct snmp_rows *rows)
{
	const struct route *rt;
	uint32_t n = 0;

	(void)ic;
	if (!in->p.vroutes)
		return;
	list_for_each_entry(rt, &in->p.vroutes->routes, node)
		route_row(vs, snmp_rows_add2(rows, idx, ++n), rt,
			  in->fsm.state == VRRP_STATE_MASTER);
}

void vrrp_snmp_fill_routes(void *ctx, struct snmp_rows *rows)
{
	vrrp_snmp_each_inst(ctx, route_rows, rows);
}

/* vrrpRouteNextHopTable: a multipath route's next hops. */
enum { NH_TYPE = 2, NH_ADDRESS, NH_IFINDEX, NH_IFNAME, NH_WEIGHT,
       NH_ONLINK };

static void nexthop_rows(const struct vrrp_snmp *vs, uint32_t idx,
			 const struct vrrp_instance_conf *ic,
			 const struct vrrp_inst *in, struct snmp_rows *rows)
{
	const struct route *rt;
	const struct route_nexthop *nh;
	struct snmp_row *r;
	uint32_t n = 0;
	size_t k;
	int ifindex;

	(void)ic;
	if (!in->p.vroutes)
		return;
	list_for_each_entry(rt, &in->p.vroutes->routes, node) {
		n++;
		for (k = 0; k < rt->nnh; k++) {
			nh = &rt->nh[k];
			r = snmp_rows_add3(rows, idx, n, (uint32_t)k + 1);
			snmp_row_addr(r, NH_TYPE, NH_ADDRESS, &nh->via);
			ifindex = vrrp_snmp_ifindex(vs, nh->dev);
			if (ifindex > 0)
				snmp_row_int(r, NH_IFINDEX, ifindex);
			if (nh->dev[0])
				snmp_row_str(r, NH_IFNAME, nh->dev);
			if (nh->weight)
				snmp_row_uint(r, NH_WEIGHT, nh->weight);
			snmp_row_bool(r, NH_ONLINK, nh->onlink);
		}
	}
}

void vrrp_snmp_fill_route_nexthops(void *ctx, struct snmp_rows *rows)
{
	vrrp_snmp_each_inst(ctx, nexthop_rows, rows);
}

enum {
	U_TABLE = 6, U_STATUS, U_INVERT, U_DST_TYPE, U_DST, U_DST_MASK,
	U_SRC_TYPE, U_SRC, U_SRC_MASK, U_TOS, U_FWMARK, U_FWMASK,
	U_REALM_DST, U_REALM_SRC, U_IIF, U_OIF, U_TARGET, U_ACTION,
	U_PREFERENCE = 25, U_SUPPRESS_PREFIXLEN, U_UID_START = 30,
	U_UID_END, U_L3MDEV, U_PROTOCOL, U_IPPROTO, U_SPORT_START,
	U_SPORT_END, U_DPORT_START, U_DPORT_END,
};

static void rule_prefixes(struct snmp_row *r, const struct rule *ru)
{
	if (ru->to.addr.family) {
		snmp_row_addr(r, U_DST_TYPE, U_DST, &ru->to.addr);
		snmp_row_uint(r, U_DST_MASK, ru->to.len);
	}
	if (ru->from.addr.family) {
		snmp_row_addr(r, U_SRC_TYPE, U_SRC, &ru->from.addr);
		snmp_row_uint(r, U_SRC_MASK, ru->from.len);
	}
}

static void rule_ports(struct snmp_row *r, const struct rule *ru)
{
	if (ru->ip_proto >= 0)
		snmp_row_uint(r, U_IPPROTO, (uint64_t)ru->ip_proto);
	if (ru->sport_set) {
		snmp_row_uint(r, U_SPORT_START, ru->sport[0]);
		snmp_row_uint(r, U_SPORT_END, ru->sport[1]);
	}
	if (ru->dport_set) {
		snmp_row_uint(r, U_DPORT_START, ru->dport[0]);
		snmp_row_uint(r, U_DPORT_END, ru->dport[1]);
	}
}

static void rule_row(struct snmp_row *r, const struct rule *ru, bool set)
{
	int v;

	if (ru->table)
		snmp_row_uint(r, U_TABLE, ru->table);
	snmp_row_bool(r, U_STATUS, set);
	snmp_row_bool(r, U_INVERT, ru->invert);
	rule_prefixes(r, ru);
	snmp_row_uint(r, U_TOS, ru->tos);
	if (ru->fwmark_set)
		snmp_row_uint(r, U_FWMARK, ru->fwmark);
	if (ru->fwmask_set)
		snmp_row_uint(r, U_FWMASK, ru->fwmask);
	/* RTA_FLOW, as for a route */
	if (ru->realms & 0xffff)
		snmp_row_uint(r, U_REALM_DST, ru->realms & 0xffff);
	if (ru->realms >> 16)
		snmp_row_uint(r, U_REALM_SRC, ru->realms >> 16);
	if (ru->iif[0])
		snmp_row_str(r, U_IIF, ru->iif);
	if (ru->oif[0])
		snmp_row_str(r, U_OIF, ru->oif);
	if (ru->action == FR_ACT_GOTO)
		snmp_row_uint(r, U_TARGET, ru->goto_target);
	/* RuleAction uses the kernel's FR_ACT_* numbers */
	snmp_row_int(r, U_ACTION, ru->action);
	if (ru->priority_set)
		snmp_row_uint(r, U_PREFERENCE, ru->priority);
	if (ru->suppress_prefixlen >= 0)
		snmp_row_uint(r, U_SUPPRESS_PREFIXLEN,
			      (uint64_t)ru->suppress_prefixlen);
	if (ru->uid_set) {
		snmp_row_uint(r, U_UID_START, ru->uid_start);
		snmp_row_uint(r, U_UID_END, ru->uid_end);
	}
	snmp_row_bool(r, U_L3MDEV, ru->l3mdev);
	v = vrrp_snmp_protocol(ru->protocol);
	if (v)
		snmp_row_int(r, U_PROTOCOL, v);
	rule_ports(r, ru);
}

static void rule_rows(const struct vrrp_snmp *vs, uint32_t idx,
		      const struct vrrp_instance_conf *ic,
		      const struct vrrp_inst *in, struct snmp_rows *rows)
{
	const struct rule *ru;
	uint32_t n = 0;

	(void)vs;
	(void)ic;
	if (!in->p.vroutes)
		return;
	list_for_each_entry(ru, &in->p.vroutes->rules, node)
		rule_row(snmp_rows_add2(rows, idx, ++n), ru,
			 in->fsm.state == VRRP_STATE_MASTER);
}

void vrrp_snmp_fill_rules(void *ctx, struct snmp_rows *rows)
{
	vrrp_snmp_each_inst(ctx, rule_rows, rows);
}
