/*
 * nl_rule.c: rule requests.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <netlink/attr.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include "nl_rule.h"

static int put_addr(struct nl_msg *m, int type, const struct ka_prefix *p)
{
	int len = p->addr.family == AF_INET ? (int)sizeof(struct in_addr) :
		  (int)sizeof(struct in6_addr);

	if (!p->addr.family || !p->len)
		return 0;
	return nla_put(m, type, len, &p->addr.u);
}

static int put_ranges(struct nl_msg *m, const struct rule *r)
{
	struct fib_rule_uid_range uid = {
		.start = r->uid_start, .end = r->uid_end,
	};
	struct fib_rule_port_range sp = {
		.start = r->sport[0], .end = r->sport[1],
	};
	struct fib_rule_port_range dp = {
		.start = r->dport[0], .end = r->dport[1],
	};

	if ((r->uid_set && nla_put(m, FRA_UID_RANGE, sizeof(uid), &uid) < 0) ||
	    (r->sport_set && nla_put(m, FRA_SPORT_RANGE, sizeof(sp), &sp) < 0) ||
	    (r->dport_set && nla_put(m, FRA_DPORT_RANGE, sizeof(dp), &dp) < 0))
		return -ENOMEM;
	return 0;
}

static int put_numbers(struct nl_msg *m, const struct rule *r)
{
	if ((r->table && nla_put_u32(m, FRA_TABLE, r->table) < 0) ||
	    (r->action == FR_ACT_GOTO &&
	     nla_put_u32(m, FRA_GOTO, r->goto_target) < 0) ||
	    (r->priority_set && nla_put_u32(m, FRA_PRIORITY, r->priority) < 0) ||
	    (r->fwmark_set && nla_put_u32(m, FRA_FWMARK, r->fwmark) < 0) ||
	    (r->fwmask_set && nla_put_u32(m, FRA_FWMASK, r->fwmask) < 0) ||
	    (r->realms && nla_put_u32(m, FRA_FLOW, r->realms) < 0) ||
	    (r->suppress_prefixlen >= 0 &&
	     nla_put_u32(m, FRA_SUPPRESS_PREFIXLEN,
			 (uint32_t)r->suppress_prefixlen) < 0) ||
	    (r->suppress_ifgroup >= 0 &&
	     nla_put_u32(m, FRA_SUPPRESS_IFGROUP,
			 (uint32_t)r->suppress_ifgroup) < 0) ||
	    (r->l3mdev && nla_put_u8(m, FRA_L3MDEV, 1) < 0) ||
	    (r->ip_proto >= 0 &&
	     nla_put_u8(m, FRA_IP_PROTO, (uint8_t)r->ip_proto) < 0) ||
	    nla_put_u8(m, FRA_PROTOCOL, rule_protocol(r)) < 0)
		return -ENOMEM;
	return 0;
}

static int put_attrs(struct nl_msg *m, const struct rule *r)
{
	if (put_addr(m, FRA_SRC, &r->from) < 0 ||
	    put_addr(m, FRA_DST, &r->to) < 0 ||
	    (r->iif[0] && nla_put_string(m, FRA_IIFNAME, r->iif) < 0) ||
	    (r->oif[0] && nla_put_string(m, FRA_OIFNAME, r->oif) < 0))
		return -ENOMEM;
	if (put_numbers(m, r) < 0)
		return -ENOMEM;
	return put_ranges(m, r);
}

int nl_rule_msg(const struct rule *r, bool add, struct nl_msg **out)
{
	struct fib_rule_hdr frh = {
		.family = (unsigned char)r->family,
		.dst_len = r->to.addr.family ? r->to.len : 0,
		.src_len = r->from.addr.family ? r->from.len : 0,
		.tos = r->tos,
		.table = r->action == FR_ACT_TO_TBL && r->table < 256 ?
			 (unsigned char)r->table : RT_TABLE_UNSPEC,
		.action = r->action,
		.flags = r->invert ? FIB_RULE_INVERT : 0,
	};
	struct nl_msg *m;

	if (r->family != AF_INET && r->family != AF_INET6)
		return -EINVAL;
	m = nlmsg_alloc_simple(add ? RTM_NEWRULE : RTM_DELRULE,
			       add ? NLM_F_CREATE | NLM_F_EXCL : 0);
	if (!m)
		return -ENOMEM;
	if (nlmsg_append(m, &frh, sizeof(frh), NLMSG_ALIGNTO) < 0 ||
	    put_attrs(m, r) < 0) {
		nlmsg_free(m);
		return -ENOMEM;
	}
	*out = m;
	return 0;
}
