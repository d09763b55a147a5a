/*
 * vrrp_kw_addr.c: the addresses of a vrrp_instance: virtual addresses
 * (advertised or excluded), source addresses and unicast peers.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "memory.h"
#include "vrrp_kw.h"
#include "vrrp_vroute.h"

#define ERR_MAX 256
#define WORDS(w) ((const char *const *)(w)->words)

static int vip_line(struct cfg_parser *p, const struct cfg_words *w,
		    struct vrrp_instance_conf *ic, bool excluded)
{
	char err[ERR_MAX];
	struct ipaddr *a;
	struct vrrp_vip *v;

	if (ipaddr_parse(WORDS(w), w->count, IPADDR_VIRTUAL, &a, err,
			 sizeof(err)) < 0) {
		cfg_report(p, CFG_ERROR, "(%s) %s: %s, ignoring", ic->name,
			   excluded ? "virtual_ipaddress_excluded" :
			   "virtual_ipaddress", err);
		return -EINVAL;
	}
	v = mem_new(struct vrrp_vip);
	v->ip = a;
	vrrp_kw_mark(ic, w, &v->at);
	/* Excluded addresses are not advertised: any family goes. */
	if (!excluded)
		vrrp_kw_family(ic, a->prefix.addr.family);
	list_add_tail(excluded ? &ic->evips : &ic->vips, &v->node);
	return 0;
}

VRRP_KW(vrrp_kw_vip_line)
{
	return vip_line(p, w, IC(obj), false);
}

VRRP_KW(vrrp_kw_evip_line)
{
	return vip_line(p, w, IC(obj), true);
}

static int src_ip(struct cfg_parser *p, const struct cfg_words *w,
		  struct vrrp_instance_conf *ic, struct ka_addr *out,
		  struct vrrp_place *at)
{
	struct ka_addr a;

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	if (addr_parse(w->words[1], &a) < 0 || addr_is_multicast(&a) ||
	    addr_is_unspecified(&a)) {
		cfg_report(p, CFG_ERROR, "(%s) %s: '%s' is not a unicast "
			   "address, ignoring", ic->name, w->words[0],
			   w->words[1]);
		return -EINVAL;
	}
	*out = a;
	vrrp_kw_mark(ic, w, at);
	vrrp_kw_family(ic, a.family);
	return 0;
}

VRRP_KW(vrrp_kw_mcast_src_ip)
{
	struct vrrp_instance_conf *ic = IC(obj);

	return src_ip(p, w, ic, &ic->mcast_src, &ic->mcast_src_at);
}

VRRP_KW(vrrp_kw_unicast_src_ip)
{
	struct vrrp_instance_conf *ic = IC(obj);

	return src_ip(p, w, ic, &ic->unicast_src, &ic->unicast_src_at);
}

/* "min_ttl N" or "max_ttl N" at words[i], i+1. */
static int peer_ttl(struct cfg_parser *p, const struct cfg_words *w,
		    size_t i, struct vrrp_peer *peer)
{
	unsigned long v;
	int *out;

	if (!strcmp(w->words[i], "min_ttl")) {
		out = &peer->min_ttl;
	} else if (!strcmp(w->words[i], "max_ttl")) {
		out = &peer->max_ttl;
	} else {
		cfg_report(p, CFG_ERROR, "unicast_peer: unknown option '%s'",
			   w->words[i]);
		return -EINVAL;
	}
	if (cfg_get_uint(p, w, i + 1, 0, 255, &v) < 0)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

/* <IPADDR> [min_ttl N] [max_ttl N] */
VRRP_KW(vrrp_kw_peer_line)
{
	struct vrrp_instance_conf *ic = IC(obj);
	struct vrrp_peer peer = { .min_ttl = -1, .max_ttl = -1 };
	struct vrrp_peer *np;
	size_t i;

	if (addr_parse(w->words[0], &peer.addr) < 0 ||
	    addr_is_multicast(&peer.addr) ||
	    addr_is_unspecified(&peer.addr)) {
		cfg_report(p, CFG_ERROR, "(%s) unicast_peer: '%s' is not a "
			   "unicast address, ignoring", ic->name, w->words[0]);
		return -EINVAL;
	}
	for (i = 1; i < w->count; i += 2)
		if (peer_ttl(p, w, i, &peer) < 0)
			return -EINVAL;
	if (peer.min_ttl >= 0 && peer.max_ttl >= 0 &&
	    peer.min_ttl > peer.max_ttl) {
		cfg_report(p, CFG_ERROR, "(%s) unicast_peer %s: min_ttl %d is "
			   "above max_ttl %d, ignoring", ic->name, w->words[0],
			   peer.min_ttl, peer.max_ttl);
		return -EINVAL;
	}
	np = mem_new(struct vrrp_peer);
	*np = peer;
	vrrp_kw_mark(ic, w, &np->at);
	vrrp_kw_family(ic, peer.addr.family);
	/* keepalived: a TTL range turns on the source check */
	if (peer.min_ttl >= 0 || peer.max_ttl >= 0)
		ic->check_unicast_src = GD_ON;
	list_add_tail(&ic->peers, &np->node);
	return 0;
}

VRRP_KW(vrrp_kw_unicast_ttl)
{
	struct vrrp_instance_conf *ic = IC(obj);
	unsigned long v;

	if (vrrp_kw_uint(p, w, 0, 255, &v) < 0)
		return -EINVAL;
	ic->unicast_ttl = (int)v;
	vrrp_kw_mark(ic, w, &ic->unicast_ttl_at);
	return 0;
}

static struct vrrp_vroutes *vroutes_of(struct vrrp_instance_conf *ic)
{
	if (!ic->vroutes)
		ic->vroutes = vrrp_vroutes_new();
	return ic->vroutes;
}

static bool route_has_dev(const struct route *r)
{
	size_t i;

	if (r->dev[0])
		return true;
	for (i = 0; i < r->nnh; i++)
		if (r->nh[i].dev[0])
			return true;
	return false;
}

/* A line of virtual_routes: static_routes' syntax, with no_track. A
 * route is tracked through its interface; without one keepalived says
 * it cannot be (and -t fails), and so do we. */
VRRP_KW(vrrp_kw_vroute_line)
{
	struct vrrp_instance_conf *ic = IC(obj);
	struct vrrp_vroutes *v = vroutes_of(ic);
	char err[ERR_MAX];
	struct route *r;

	if (route_parse(WORDS(w), w->count, ROUTE_VIRTUAL,
			vrrp_vroutes_names(v), &r, err, sizeof(err)) < 0) {
		cfg_report(p, CFG_ERROR, "(%s) virtual_routes: %s, ignoring",
			   ic->name, err);
		return -EINVAL;
	}
	if (!r->no_track && !route_has_dev(r)) {
		char dst[PREFIX_STRLEN];

		prefix_ntop(&r->dst, dst, sizeof(dst));
		cfg_report(p, CFG_WARNING, "(%s) cannot track route %s with "
			   "no interface specified, not tracking", ic->name,
			   dst);
		r->no_track = true;
	}
	list_add_tail(&v->routes, &r->node);
	return 0;
}

/* A line of virtual_rules: static_rules' syntax, with no_track. */
VRRP_KW(vrrp_kw_vrule_line)
{
	struct vrrp_instance_conf *ic = IC(obj);
	struct vrrp_vroutes *v = vroutes_of(ic);
	char err[ERR_MAX];
	struct rule *u;

	if (rule_parse(WORDS(w), w->count, RULE_VIRTUAL,
		       vrrp_vroutes_names(v), &u, err, sizeof(err)) < 0) {
		cfg_report(p, CFG_ERROR, "(%s) virtual_rules: %s, ignoring",
			   ic->name, err);
		return -EINVAL;
	}
	list_add_tail(&v->rules, &u->node);
	return 0;
}
