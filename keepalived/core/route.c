/*
 * route.c: parsing and printing configured routes.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <linux/icmpv6.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>

#include "iftable.h"
#include "memory.h"
#include "nl_words.h"
#include "route.h"

/* The parse of one line. */
struct rp {
	struct nl_words c;
	struct route *r;
	const struct nl_names *names;
	enum route_ctx ctx;
	bool inet6;
	bool dst_set;
	bool dst_default;
};

typedef int opt_fn(struct rp *st, const char *kw);

static const struct { const char *name; unsigned char type; } types[] = {
	{ "unicast", RTN_UNICAST }, { "blackhole", RTN_BLACKHOLE },
	{ "unreachable", RTN_UNREACHABLE }, { "prohibit", RTN_PROHIBIT },
	{ "throw", RTN_THROW }, { "local", RTN_LOCAL },
	{ "broadcast", RTN_BROADCAST }, { "anycast", RTN_ANYCAST },
	{ "multicast", RTN_MULTICAST },
};

/* scale: what the kernel stores per unit written (rtt in 1/8 ms). */
static const struct {
	const char *name;
	unsigned short type;
	unsigned scale;
} metrics[] = {
	{ "mtu", RTAX_MTU, 1 }, { "advmss", RTAX_ADVMSS, 1 },
	{ "hoplimit", RTAX_HOPLIMIT, 1 }, { "initcwnd", RTAX_INITCWND, 1 },
	{ "initrwnd", RTAX_INITRWND, 1 }, { "window", RTAX_WINDOW, 1 },
	{ "cwnd", RTAX_CWND, 1 }, { "ssthresh", RTAX_SSTHRESH, 1 },
	{ "reordering", RTAX_REORDERING, 1 }, { "rtt", RTAX_RTT, 8 },
	{ "rttvar", RTAX_RTTVAR, 4 }, { "rto_min", RTAX_RTO_MIN, 1 },
	{ "quickack", RTAX_QUICKACK, 1 },
	{ "fastopen_no_cookie", RTAX_FASTOPEN_NO_COOKIE, 1 },
};

static const char *const unsupported[] = {
	"or", "vrf", "encap", "congctl", "nhid", "ttl-propagate",
};

static int get_addr(struct rp *st, const char *kw, struct ka_addr *out)
{
	return nl_words_addr(&st->c, kw, 0, out);
}

static int opt_src(struct rp *st, const char *kw)
{
	return get_addr(st, kw, &st->r->src);
}

static int opt_via(struct rp *st, const char *kw)
{
	return get_addr(st, kw, &st->r->via);
}

static int opt_from(struct rp *st, const char *kw)
{
	const char *v = nl_words_value(&st->c, kw);

	if (!v)
		return -EINVAL;
	if (nl_prefix_parse(v, 0, &st->r->from) < 0)
		return nl_words_fail(&st->c, "from '%s' is not a prefix", v);
	return 0;
}

static int set_dst(struct rp *st, const char *v)
{
	if (st->dst_set)
		return nl_words_fail(&st->c, "a second destination '%s'", v);
	if (nl_prefix_parse(v, 0, &st->r->dst) < 0)
		return nl_words_fail(&st->c, "'%s' is not a destination "
				     "prefix (host bits set?)", v);
	st->dst_set = true;
	st->dst_default = !strcmp(v, "default") || !strcmp(v, "all") ||
			  !strcmp(v, "any");
	return 0;
}

static int opt_to(struct rp *st, const char *kw)
{
	const char *v = nl_words_value(&st->c, kw);

	return v ? set_dst(st, v) : -EINVAL;
}

static int opt_dev(struct rp *st, const char *kw)
{
	const char *v;

	if (nl_words_name(&st->c, kw, IF_NAMESIZE, &v) < 0)
		return -EINVAL;
	snprintf(st->r->dev, sizeof(st->r->dev), "%s", v);
	return 0;
}

static int opt_name(struct rp *st, const char *kw, enum nl_names_kind kind,
		    uint32_t *out)
{
	const char *v = nl_words_value(&st->c, kw);

	if (!v)
		return -EINVAL;
	if (nl_names_lookup(st->names, kind, v, out) < 0)
		return nl_words_fail(&st->c, "%s '%s' is not a number or a "
				     "known name", kw, v);
	return 0;
}

static int opt_table(struct rp *st, const char *kw)
{
	return opt_name(st, kw, NL_NAMES_TABLE, &st->r->table);
}

static int opt_protocol(struct rp *st, const char *kw)
{
	uint32_t v;

	if (opt_name(st, kw, NL_NAMES_PROTO, &v) < 0)
		return -EINVAL;
	st->r->protocol = (int)v;
	return 0;
}

static int opt_metric(struct rp *st, const char *kw)
{
	unsigned long v;

	if (nl_words_uint(&st->c, kw, 0, UINT32_MAX, &v) < 0)
		return -EINVAL;
	st->r->metric = (uint32_t)v;
	st->r->metric_set = true;
	return 0;
}

static int opt_scope(struct rp *st, const char *kw)
{
	const char *v = nl_words_value(&st->c, kw);
	unsigned char sc;

	if (!v)
		return -EINVAL;
	if (nl_scope_parse(v, &sc) < 0)
		return nl_words_fail(&st->c, "scope '%s' is not host, link, "
				     "site, global, nowhere or 0..255", v);
	st->r->scope = sc;
	return 0;
}

static int opt_tos(struct rp *st, const char *kw)
{
	unsigned long v;

	if (nl_words_uint(&st->c, kw, 0, 255, &v) < 0)
		return -EINVAL;
	st->r->tos = (unsigned char)v;
	return 0;
}

static int opt_onlink(struct rp *st, const char *kw)
{
	(void)kw;
	st->r->onlink = true;
	return 0;
}

static int opt_inet6(struct rp *st, const char *kw)
{
	(void)kw;
	st->inet6 = true;
	return 0;
}

static int opt_append(struct rp *st, const char *kw)
{
	st->r->append = kw[0] == 'a';
	return 0;
}

static int opt_pref(struct rp *st, const char *kw)
{
	static const struct { const char *name; int v; } prefs[] = {
		{ "low", ICMPV6_ROUTER_PREF_LOW },
		{ "medium", ICMPV6_ROUTER_PREF_MEDIUM },
		{ "high", ICMPV6_ROUTER_PREF_HIGH },
	};
	const char *v = nl_words_value(&st->c, kw);
	size_t i;

	if (!v)
		return -EINVAL;
	for (i = 0; i < sizeof(prefs) / sizeof(prefs[0]); i++) {
		if (!strcmp(v, prefs[i].name)) {
			st->r->pref = prefs[i].v;
			return 0;
		}
	}
	return nl_words_fail(&st->c, "pref '%s' is not low, medium or high",
			     v);
}

static int opt_expires(struct rp *st, const char *kw)
{
	unsigned long v;

	if (nl_words_uint(&st->c, kw, 1, INT32_MAX, &v) < 0)
		return -EINVAL;
	st->r->expires = (uint32_t)v;
	return 0;
}

static int opt_realms(struct rp *st, const char *kw)
{
	const char *v = nl_words_value(&st->c, kw);
	char bad[64];

	if (!v)
		return -EINVAL;
	if (nl_names_realms(st->names, v, &st->r->realms, bad,
			    sizeof(bad)) < 0)
		return nl_words_fail(&st->c, "realm '%s' is unknown", bad);
	return 0;
}

static int opt_features(struct rp *st, const char *kw)
{
	const char *v = nl_words_value(&st->c, kw);
	struct route *r = st->r;
	size_t i;

	if (!v)
		return -EINVAL;
	if (strcmp(v, "ecn"))
		return nl_words_fail(&st->c, "features '%s': only ecn is "
				     "known", v);
	for (i = 0; i < r->nmetrics; i++)
		if (r->metrics[i].type == RTAX_FEATURES)
			return 0;
	r->metrics[r->nmetrics].type = RTAX_FEATURES;
	r->metrics[r->nmetrics].value = RTAX_FEATURE_ECN;
	r->nmetrics++;
	return 0;
}

static int add_metric(struct rp *st, size_t m)
{
	struct route *r = st->r;
	struct route_metric *rm;
	bool lock = false;
	unsigned long v;
	size_t i;

	if (st->c.i < st->c.n && !strcmp(st->c.w[st->c.i], "lock")) {
		lock = true;
		st->c.i++;
	}
	if (nl_words_uint(&st->c, metrics[m].name, 0,
			  UINT32_MAX / metrics[m].scale, &v) < 0)
		return -EINVAL;
	for (i = 0; i < r->nmetrics; i++)
		if (r->metrics[i].type == metrics[m].type)
			return nl_words_fail(&st->c, "'%s' given twice",
					     metrics[m].name);
	rm = &r->metrics[r->nmetrics++];
	rm->type = metrics[m].type;
	rm->value = (uint32_t)(v * metrics[m].scale);
	rm->lock = lock;
	return 0;
}

static int nexthop_opt(struct rp *st, struct route_nexthop *nh,
		       const char *kw)
{
	unsigned long w;
	const char *v;

	if (!strcmp(kw, "via") || !strcmp(kw, "gw"))
		return get_addr(st, kw, &nh->via);
	if (!strcmp(kw, "dev")) {
		if (nl_words_name(&st->c, kw, IF_NAMESIZE, &v) < 0)
			return -EINVAL;
		snprintf(nh->dev, sizeof(nh->dev), "%s", v);
		return 0;
	}
	if (!strcmp(kw, "weight")) {
		if (nl_words_uint(&st->c, kw, 1, 256, &w) < 0)
			return -EINVAL;
		nh->weight = (unsigned)w;
		return 0;
	}
	if (!strcmp(kw, "onlink")) {
		nh->onlink = true;
		return 0;
	}
	return 1;
}

/* "nexthop" options run until a word that is not one of them. */
static int opt_nexthop(struct rp *st, const char *kw)
{
	struct route_nexthop *nh;
	int r = 0;

	if (st->r->nnh == ROUTE_NEXTHOPS_MAX)
		return nl_words_fail(&st->c, "more than %d nexthops",
				     ROUTE_NEXTHOPS_MAX);
	nh = &st->r->nh[st->r->nnh++];
	while (st->c.i < st->c.n) {
		r = nexthop_opt(st, nh, st->c.w[st->c.i++]);
		if (r < 0)
			return r;
		if (r > 0) {
			st->c.i--;
			break;
		}
	}
	if (!nh->via.family && !nh->dev[0])
		return nl_words_fail(&st->c, "'%s' needs via or dev", kw);
	return 0;
}

static int opt_context(struct rp *st, const char *kw)
{
	const char *v;

	if (!strcmp(kw, "no_track")) {
		if (st->ctx != ROUTE_VIRTUAL)
			return nl_words_fail(&st->c, "'no_track' is only for "
					     "virtual routes");
		st->r->no_track = true;
		return 0;
	}
	v = nl_words_value(&st->c, kw);
	if (!v)
		return -EINVAL;
	if (st->ctx != ROUTE_STATIC)
		return nl_words_fail(&st->c, "'track_group' is only for "
				     "static routes");
	mem_free(&st->r->track_group);
	st->r->track_group = mem_strdup(v);
	return 0;
}

static const struct { const char *name; opt_fn *fn; } opts[] = {
	{ "src", opt_src }, { "from", opt_from }, { "to", opt_to },
	{ "via", opt_via }, { "gw", opt_via }, { "dev", opt_dev },
	{ "oif", opt_dev }, { "table", opt_table },
	{ "metric", opt_metric }, { "priority", opt_metric },
	{ "preference", opt_metric }, { "scope", opt_scope },
	{ "protocol", opt_protocol }, { "proto", opt_protocol },
	{ "tos", opt_tos }, { "dsfield", opt_tos },
	{ "onlink", opt_onlink }, { "inet6", opt_inet6 },
	{ "append", opt_append }, { "prepend", opt_append },
	{ "pref", opt_pref }, { "expires", opt_expires },
	{ "realms", opt_realms }, { "features", opt_features },
	{ "nexthop", opt_nexthop }, { "no_track", opt_context },
	{ "track_group", opt_context },
};

static bool looks_like_prefix(const char *s)
{
	return isdigit((unsigned char)s[0]) || strchr(s, ':') ||
	       strchr(s, '/') || !strcmp(s, "default") ||
	       !strcmp(s, "all") || !strcmp(s, "any");
}

static int parse_word(struct rp *st, const char *kw)
{
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (!strcmp(kw, opts[i].name))
			return opts[i].fn(st, kw);
	for (i = 0; i < sizeof(metrics) / sizeof(metrics[0]); i++)
		if (!strcmp(kw, metrics[i].name))
			return add_metric(st, i);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (!strcmp(kw, types[i].name)) {
			st->r->type = types[i].type;
			return 0;
		}
	}
	for (i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++)
		if (!strcmp(kw, unsupported[i]))
			return nl_words_fail(&st->c, "route option '%s' is "
					     "not supported", kw);
	if (!looks_like_prefix(kw))
		return nl_words_fail(&st->c, "unknown route option '%s'", kw);
	return set_dst(st, kw);
}

/* Every address given must be of the route's family. */
static int check_family(struct rp *st, const struct ka_addr *a,
			const char *what)
{
	if (!a->family || a->family == st->r->family)
		return 0;
	return nl_words_fail(&st->c, "%s is not an %s address like the "
			     "route", what,
			     st->r->family == AF_INET ? "IPv4" : "IPv6");
}

static int pick_family(struct rp *st)
{
	struct route *r = st->r;
	const struct ka_addr *cand[] = {
		st->dst_default ? NULL : &r->dst.addr, &r->src,
		&r->from.addr, &r->via, r->nnh ? &r->nh[0].via : NULL,
	};
	size_t i;

	r->family = st->inet6 ? AF_INET6 : 0;
	for (i = 0; !r->family && i < sizeof(cand) / sizeof(cand[0]); i++)
		if (cand[i] && cand[i]->family)
			r->family = cand[i]->family;
	if (!r->family)
		r->family = AF_INET;
	if (st->dst_default)
		r->dst.addr.family = r->family;
	if (check_family(st, &r->dst.addr, "the destination") < 0 ||
	    check_family(st, &r->src, "src") < 0 ||
	    check_family(st, &r->from.addr, "from") < 0 ||
	    check_family(st, &r->via, "via") < 0)
		return -EINVAL;
	for (i = 0; i < r->nnh; i++)
		if (check_family(st, &r->nh[i].via, "a nexthop's via") < 0)
			return -EINVAL;
	return 0;
}

static int check_route(struct rp *st)
{
	struct route *r = st->r;

	if (!st->dst_set)
		return nl_words_fail(&st->c, "no destination");
	if (pick_family(st) < 0)
		return -EINVAL;
	if (r->nnh && (r->via.family || r->dev[0]))
		return nl_words_fail(&st->c, "nexthop with via or dev of "
				     "its own");
	if (r->family == AF_INET && (r->pref >= 0 || r->expires))
		return nl_words_fail(&st->c, "pref and expires are for IPv6 "
				     "routes (add inet6)");
	if (r->from.addr.family && r->family != AF_INET6)
		return nl_words_fail(&st->c, "'from' is for IPv6 routes "
				     "(source routing)");
	return 0;
}

int route_parse(const char *const *words, size_t count, enum route_ctx ctx,
		const struct nl_names *names, struct route **out, char *err,
		size_t errlen)
{
	struct rp st = { .names = names, .ctx = ctx };
	const char *kw;

	nl_words_init(&st.c, words, count, err, errlen);
	st.r = mem_new(struct route);
	list_node_init(&st.r->node);
	st.r->table = RT_TABLE_MAIN;
	st.r->scope = -1;
	st.r->protocol = -1;
	st.r->pref = -1;
	st.r->type = RTN_UNICAST;
	while ((kw = nl_words_next(&st.c)))
		if (parse_word(&st, kw) < 0)
			break;
	if (st.c.err[0] || check_route(&st) < 0) {
		route_free(&st.r);
		return -EINVAL;
	}
	*out = st.r;
	return 0;
}

void route_free(struct route **r)
{
	if (!r || !*r)
		return;
	mem_free(&(*r)->track_group);
	mem_free(r);
}

unsigned char route_scope(const struct route *r)
{
	if (r->scope >= 0)
		return (unsigned char)r->scope;
	switch (r->type) {
	case RTN_LOCAL:
		return RT_SCOPE_HOST;
	case RTN_BROADCAST:
	case RTN_MULTICAST:
	case RTN_ANYCAST:
		return RT_SCOPE_LINK;
	case RTN_UNICAST:
		/* As "ip route": a route with no gateway is on the link. */
		return r->via.family || r->nnh ? RT_SCOPE_UNIVERSE :
		       RT_SCOPE_LINK;
	}
	return RT_SCOPE_UNIVERSE;
}

unsigned char route_protocol(const struct route *r)
{
	return r->protocol >= 0 ? (unsigned char)r->protocol :
	       RTPROT_KEEPALIVED;
}

static const char *type_name(unsigned char type)
{
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (types[i].type == type)
			return types[i].name;
	return "unicast";
}

static void fmt_name(const struct nl_names *names, enum nl_names_kind kind,
		     const char *kw, uint32_t v, char *buf, size_t size,
		     size_t *len)
{
	const char *name = nl_names_name(names, kind, v);

	if (name)
		nl_put(buf, size, len, " %s %s", kw, name);
	else
		nl_put(buf, size, len, " %s %u", kw, v);
}

static void fmt_metrics(const struct route *r, char *buf, size_t size,
			size_t *len)
{
	size_t i, m;

	for (i = 0; i < r->nmetrics; i++) {
		const struct route_metric *rm = &r->metrics[i];

		if (rm->type == RTAX_FEATURES) {
			nl_put(buf, size, len, " features ecn");
			continue;
		}
		for (m = 0; m < sizeof(metrics) / sizeof(metrics[0]); m++)
			if (metrics[m].type == rm->type)
				nl_put(buf, size, len, " %s%s %u",
				       metrics[m].name, rm->lock ? " lock" : "",
				       rm->value / metrics[m].scale);
	}
}

static void fmt_nexthops(const struct route *r, char *buf, size_t size,
			 size_t *len)
{
	char a[ADDR_STRLEN];
	size_t i;

	for (i = 0; i < r->nnh; i++) {
		const struct route_nexthop *nh = &r->nh[i];

		nl_put(buf, size, len, " nexthop");
		if (nh->via.family && !addr_ntop(&nh->via, a, sizeof(a)))
			nl_put(buf, size, len, " via %s", a);
		if (nh->dev[0])
			nl_put(buf, size, len, " dev %s", nh->dev);
		if (nh->weight)
			nl_put(buf, size, len, " weight %u", nh->weight);
		if (nh->onlink)
			nl_put(buf, size, len, " onlink");
	}
}

static void fmt_addrs(const struct route *r, char *buf, size_t size,
		      size_t *len)
{
	char a[PREFIX_STRLEN];

	if (r->type != RTN_UNICAST)
		nl_put(buf, size, len, "%s ", type_name(r->type));
	prefix_ntop(&r->dst, a, sizeof(a));
	nl_put(buf, size, len, "%s", a);
	if (r->src.family && !addr_ntop(&r->src, a, sizeof(a)))
		nl_put(buf, size, len, " src %s", a);
	if (r->from.addr.family && !prefix_ntop(&r->from, a, sizeof(a)))
		nl_put(buf, size, len, " from %s", a);
	if (r->via.family && !addr_ntop(&r->via, a, sizeof(a)))
		nl_put(buf, size, len, " via %s", a);
	if (r->dev[0])
		nl_put(buf, size, len, " dev %s", r->dev);
	if (r->onlink)
		nl_put(buf, size, len, " onlink");
}

static void fmt_tail(const struct route *r, const struct nl_names *names,
		     char *buf, size_t size, size_t *len)
{
	static const char *const prefs[] = { "medium", "high", "", "low" };
	char tmp[8];

	if (r->metric_set)
		nl_put(buf, size, len, " metric %u", r->metric);
	if (r->scope >= 0)
		nl_put(buf, size, len, " scope %s",
		       iftable_scope_name((unsigned char)r->scope, tmp,
					  sizeof(tmp)));
	if (r->protocol >= 0)
		fmt_name(names, NL_NAMES_PROTO, "protocol",
			 (uint32_t)r->protocol, buf, size, len);
	if (r->tos)
		nl_put(buf, size, len, " tos 0x%x", r->tos);
	if (r->realms)
		nl_put(buf, size, len, " realms %u/%u", r->realms >> 16,
		       r->realms & 0xffff);
	if (r->pref >= 0 && r->pref < 4)
		nl_put(buf, size, len, " pref %s", prefs[r->pref]);
	if (r->expires)
		nl_put(buf, size, len, " expires %u", r->expires);
	if (r->append)
		nl_put(buf, size, len, " append");
	if (r->no_track)
		nl_put(buf, size, len, " no_track");
	if (r->track_group)
		nl_put(buf, size, len, " track_group %s", r->track_group);
}

int route_format(const struct route *r, const struct nl_names *names,
		 char *buf, size_t size)
{
	size_t len = 0;

	if (!size)
		return -ENOSPC;
	buf[0] = '\0';
	fmt_addrs(r, buf, size, &len);
	fmt_nexthops(r, buf, size, &len);
	if (r->table != RT_TABLE_MAIN)
		fmt_name(names, NL_NAMES_TABLE, "table", r->table, buf, size,
			 &len);
	fmt_tail(r, names, buf, size, &len);
	fmt_metrics(r, buf, size, &len);
	return len < size ? 0 : -ENOSPC;
}
