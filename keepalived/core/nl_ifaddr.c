/*
 * nl_ifaddr.c: address requests and address notifications.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <netlink/attr.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "nl_ifaddr.h"

static size_t addr_len(int family)
{
	return family == AF_INET ? sizeof(struct in_addr) :
	       sizeof(struct in6_addr);
}

static int put_addr(struct nl_msg *m, int type, const struct ka_addr *a)
{
	return nla_put(m, type, (int)addr_len(a->family), &a->u);
}

static int put_options(struct nl_msg *m, const struct ipaddr *a)
{
	struct ifa_cacheinfo ci = {
		.ifa_valid = 0xffffffffu,
	};
	struct ka_addr brd;

	if (put_addr(m, IFA_LOCAL, &a->prefix.addr) < 0 ||
	    put_addr(m, IFA_ADDRESS, a->peer.addr.family ? &a->peer.addr :
		     &a->prefix.addr) < 0)
		return -ENOMEM;
	if (ipaddr_broadcast(a, &brd) && put_addr(m, IFA_BROADCAST, &brd) < 0)
		return -ENOMEM;
	if (a->label[0] && nla_put_string(m, IFA_LABEL, a->label) < 0)
		return -ENOMEM;
	/* Flags past the first 8 bits only fit in IFA_FLAGS. */
	if (a->ifa_flags && nla_put_u32(m, IFA_FLAGS, a->ifa_flags) < 0)
		return -ENOMEM;
	if (ipaddr_preferred_lft(a, &ci.ifa_prefered) &&
	    nla_put(m, IFA_CACHEINFO, sizeof(ci), &ci) < 0)
		return -ENOMEM;
	return 0;
}

int nl_ifaddr_msg(const struct ipaddr *a, int ifindex, bool add, bool replace,
		struct nl_msg **out)
{
	struct ifaddrmsg ifa = {
		.ifa_family = (unsigned char)a->prefix.addr.family,
		.ifa_prefixlen = a->peer.addr.family ? a->peer.len :
				 a->prefix.len,
		.ifa_flags = (unsigned char)(a->ifa_flags & 0xff),
		.ifa_scope = a->scope >= 0 ? (unsigned char)a->scope : 0,
		.ifa_index = (unsigned)ifindex,
	};
	int flags = add ? NLM_F_CREATE | (replace ? NLM_F_REPLACE :
					  NLM_F_EXCL) : 0;
	struct nl_msg *m;

	if (ifindex <= 0 || (a->prefix.addr.family != AF_INET &&
			     a->prefix.addr.family != AF_INET6))
		return -EINVAL;
	m = nlmsg_alloc_simple(add ? RTM_NEWADDR : RTM_DELADDR, flags);
	if (!m)
		return -ENOMEM;
	if (nlmsg_append(m, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0 ||
	    (add ? put_options(m, a) :
	     put_addr(m, IFA_LOCAL, &a->prefix.addr)) < 0) {
		nlmsg_free(m);
		return -ENOMEM;
	}
	*out = m;
	return 0;
}

static int get_addr(struct nlattr *attr, int family, struct ka_addr *out)
{
	if (!attr || (size_t)nla_len(attr) != addr_len(family))
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	out->family = family;
	memcpy(&out->u, nla_data(attr), addr_len(family));
	return 0;
}

/* IFA_FLAGS is read as a u32: libnl checks its length first. Addresses
 * are checked by get_addr(). */
static struct nla_policy addr_policy[IFA_MAX + 1] = {
	[IFA_FLAGS] = { .type = NLA_U32 },
};

int nl_ifaddr_parse(struct nlmsghdr *h, int *ifindex,
		  struct iftable_addr_info *out)
{
	struct nlattr *tb[IFA_MAX + 1];
	struct iftable_addr_info a;
	struct ifaddrmsg *ifa;
	struct nlattr *local;

	if (nlmsg_parse(h, sizeof(*ifa), tb, IFA_MAX, addr_policy) < 0)
		return -EINVAL;
	ifa = nlmsg_data(h);
	if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
		return -EAFNOSUPPORT;
	memset(&a, 0, sizeof(a));
	/* IFA_LOCAL is the address; IFA_ADDRESS the peer when they differ
	 * (and the only one given for IPv6). */
	local = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (get_addr(local, ifa->ifa_family, &a.prefix.addr) < 0)
		return -EINVAL;
	a.prefix.len = ifa->ifa_prefixlen;
	if (tb[IFA_LOCAL] && tb[IFA_ADDRESS] &&
	    get_addr(tb[IFA_ADDRESS], ifa->ifa_family, &a.peer) == 0 &&
	    addr_equal(&a.peer, &a.prefix.addr))
		memset(&a.peer, 0, sizeof(a.peer));
	if (tb[IFA_BROADCAST])
		get_addr(tb[IFA_BROADCAST], ifa->ifa_family, &a.brd);
	if (tb[IFA_LABEL])
		nla_strlcpy(a.label, tb[IFA_LABEL], sizeof(a.label));
	a.scope = ifa->ifa_scope;
	a.flags = tb[IFA_FLAGS] ? nla_get_u32(tb[IFA_FLAGS]) : ifa->ifa_flags;
	*ifindex = (int)ifa->ifa_index;
	*out = a;
	return 0;
}
