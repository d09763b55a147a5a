/*
 * nl_link.c: reading link messages with libnl's attribute parser.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "nl_link.h"

static void parse_kind(struct nlattr *linkinfo, struct iftable_link_info *l)
{
	struct nlattr *info[IFLA_INFO_MAX + 1];

	if (!linkinfo || nla_parse_nested(info, IFLA_INFO_MAX, linkinfo,
					  NULL) < 0 || !info[IFLA_INFO_KIND])
		return;
	nla_strlcpy(l->kind, info[IFLA_INFO_KIND], sizeof(l->kind));
}

/* The fixed-size attributes read below: libnl checks their length
 * against this before they are read, so that a short one fails the parse
 * instead of being read past its end. */
static struct nla_policy link_policy[IFLA_MAX + 1] = {
	[IFLA_MTU] = { .type = NLA_U32 },
	[IFLA_OPERSTATE] = { .type = NLA_U8 },
	[IFLA_LINK] = { .type = NLA_U32 },
};

int nl_link_parse(struct nlmsghdr *h, struct iftable_link_info *out)
{
	struct nlattr *tb[IFLA_MAX + 1];
	struct iftable_link_info l;
	struct ifinfomsg *ifi;

	if (nlmsg_parse(h, sizeof(*ifi), tb, IFLA_MAX, link_policy) < 0)
		return -EINVAL;
	ifi = nlmsg_data(h);
	if (ifi->ifi_family != AF_UNSPEC)
		return -EAFNOSUPPORT;
	if (!tb[IFLA_IFNAME] || ifi->ifi_index <= 0)
		return -EINVAL;
	memset(&l, 0, sizeof(l));
	l.index = ifi->ifi_index;
	l.flags = ifi->ifi_flags;
	nla_strlcpy(l.name, tb[IFLA_IFNAME], sizeof(l.name));
	if (tb[IFLA_ADDRESS] && nla_len(tb[IFLA_ADDRESS]) <= IFTABLE_MAC_MAX) {
		l.mac_len = (size_t)nla_len(tb[IFLA_ADDRESS]);
		memcpy(l.mac, nla_data(tb[IFLA_ADDRESS]), l.mac_len);
	}
	if (tb[IFLA_MTU])
		l.mtu = nla_get_u32(tb[IFLA_MTU]);
	if (tb[IFLA_OPERSTATE])
		l.operstate = nla_get_u8(tb[IFLA_OPERSTATE]);
	if (tb[IFLA_LINK])
		l.parent_index = (int)nla_get_u32(tb[IFLA_LINK]);
	/* A veth's IFLA_LINK names its peer, not a parent. */
	parse_kind(tb[IFLA_LINKINFO], &l);
	if (!strcmp(l.kind, "veth") || l.parent_index == l.index)
		l.parent_index = 0;
	*out = l;
	return 0;
}
