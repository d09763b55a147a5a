/*
 * nl_route.c: route requests.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <netlink/attr.h>
#include <linux/rtnetlink.h>

#include "nl_route.h"

struct build {
	struct nl_msg *m;
	nl_ifindex_fn *ifindex;
	void *ctx;
	const char **bad_dev;
};

static int put_addr(struct nl_msg *m, int type, const struct ka_addr *a)
{
	int len = a->family == AF_INET ? (int)sizeof(struct in_addr) :
		  (int)sizeof(struct in6_addr);

	return nla_put(m, type, len, &a->u) < 0 ? -ENOMEM : 0;
}

static int resolve(struct build *b, const char *dev)
{
	int idx = b->ifindex(dev, b->ctx);

	if (idx <= 0 && b->bad_dev)
		*b->bad_dev = dev;
	return idx <= 0 ? -ENODEV : idx;
}

static int put_metrics(struct nl_msg *m, const struct route *r)
{
	struct nlattr *nest;
	uint32_t lock = 0;
	size_t i;

	if (!r->nmetrics)
		return 0;
	nest = nla_nest_start(m, RTA_METRICS);
	if (!nest)
		return -ENOMEM;
	for (i = 0; i < r->nmetrics; i++) {
		if (nla_put_u32(m, r->metrics[i].type, r->metrics[i].value) < 0)
			return -ENOMEM;
		if (r->metrics[i].lock)
			lock |= 1u << r->metrics[i].type;
	}
	if (lock && nla_put_u32(m, RTAX_LOCK, lock) < 0)
		return -ENOMEM;
	return nla_nest_end(m, nest) < 0 ? -ENOMEM : 0;
}

/* One struct rtnexthop and its attributes, inside RTA_MULTIPATH. */
static int put_nexthop(struct build *b, const struct route_nexthop *nh)
{
	struct rtnexthop *rtnh;
	int idx = 0;

	if (nh->dev[0] && (idx = resolve(b, nh->dev)) < 0)
		return idx;
	rtnh = nlmsg_reserve(b->m, sizeof(*rtnh), NLMSG_ALIGNTO);
	if (!rtnh)
		return -ENOMEM;
	rtnh->rtnh_flags = nh->onlink ? RTNH_F_ONLINK : 0;
	rtnh->rtnh_hops = (unsigned char)(nh->weight ? nh->weight - 1 : 0);
	rtnh->rtnh_ifindex = idx;
	if (nh->via.family && put_addr(b->m, RTA_GATEWAY, &nh->via) < 0)
		return -ENOMEM;
	rtnh->rtnh_len = (unsigned short)((char *)nlmsg_tail(nlmsg_hdr(b->m)) -
					  (char *)rtnh);
	return 0;
}

static int put_multipath(struct build *b, const struct route *r)
{
	struct nlattr *nest;
	size_t i;
	int ret;

	if (!r->nnh)
		return 0;
	nest = nla_nest_start(b->m, RTA_MULTIPATH);
	if (!nest)
		return -ENOMEM;
	for (i = 0; i < r->nnh; i++)
		if ((ret = put_nexthop(b, &r->nh[i])) < 0)
			return ret;
	return nla_nest_end(b->m, nest) < 0 ? -ENOMEM : 0;
}

static int put_u32s(struct nl_msg *m, const struct route *r)
{
	if (nla_put_u32(m, RTA_TABLE, r->table) < 0 ||
	    (r->metric_set && nla_put_u32(m, RTA_PRIORITY, r->metric) < 0) ||
	    (r->realms && nla_put_u32(m, RTA_FLOW, r->realms) < 0) ||
	    (r->expires && nla_put_u32(m, RTA_EXPIRES, r->expires) < 0) ||
	    (r->pref >= 0 && nla_put_u8(m, RTA_PREF,
					(uint8_t)r->pref) < 0))
		return -ENOMEM;
	return 0;
}

static int put_attrs(struct build *b, const struct route *r)
{
	struct nl_msg *m = b->m;
	int idx, ret;

	if (r->dst.len && put_addr(m, RTA_DST, &r->dst.addr) < 0)
		return -ENOMEM;
	if (r->from.addr.family && r->from.len &&
	    put_addr(m, RTA_SRC, &r->from.addr) < 0)
		return -ENOMEM;
	if (r->src.family && put_addr(m, RTA_PREFSRC, &r->src) < 0)
		return -ENOMEM;
	if (r->via.family && put_addr(m, RTA_GATEWAY, &r->via) < 0)
		return -ENOMEM;
	if (r->dev[0]) {
		if ((idx = resolve(b, r->dev)) < 0)
			return idx;
		if (nla_put_u32(m, RTA_OIF, (uint32_t)idx) < 0)
			return -ENOMEM;
	}
	if ((ret = put_u32s(m, r)) < 0 || (ret = put_metrics(m, r)) < 0)
		return ret;
	return put_multipath(b, r);
}

int nl_route_msg(const struct route *r, nl_ifindex_fn *ifindex, void *ctx,
		 bool add, struct nl_msg **out, const char **bad_dev)
{
	struct rtmsg rtm = {
		.rtm_family = (unsigned char)r->family,
		.rtm_dst_len = r->dst.len,
		.rtm_src_len = r->from.addr.family ? r->from.len : 0,
		.rtm_tos = r->tos,
		.rtm_table = r->table < 256 ? (unsigned char)r->table :
			     RT_TABLE_UNSPEC,
		.rtm_protocol = route_protocol(r),
		/* As "ip route del": any scope matches. */
		.rtm_scope = add ? route_scope(r) : RT_SCOPE_NOWHERE,
		.rtm_type = r->type,
		.rtm_flags = r->onlink ? RTNH_F_ONLINK : 0,
	};
	struct build b = { .ifindex = ifindex, .ctx = ctx, .bad_dev = bad_dev };
	int flags = NLM_F_CREATE | (r->append ? NLM_F_APPEND : NLM_F_EXCL);
	int ret;

	if (r->family != AF_INET && r->family != AF_INET6)
		return -EINVAL;
	b.m = nlmsg_alloc_simple(add ? RTM_NEWROUTE : RTM_DELROUTE,
				 add ? flags : 0);
	if (!b.m)
		return -ENOMEM;
	ret = nlmsg_append(b.m, &rtm, sizeof(rtm), NLMSG_ALIGNTO) < 0 ?
	      -ENOMEM : put_attrs(&b, r);
	if (ret < 0) {
		nlmsg_free(b.m);
		return ret;
	}
	*out = b.m;
	return 0;
}
