/*
 * vrrp_vmac.c: the VMAC's names, address and rtnetlink requests.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <netlink/attr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "vrrp_vmac.h"

void vrrp_vmac_mac(int family, uint8_t vrid, uint8_t mac[VRRP_VMAC_LEN])
{
	/* IANA's VRRP block: 00-00-5E-00-01-{VRID} for IPv4 (RFC 5798
	 * 7.3), 00-00-5E-00-02-{VRID} for IPv6 */
	mac[0] = 0x00;
	mac[1] = 0x00;
	mac[2] = 0x5e;
	mac[3] = 0x00;
	mac[4] = family == AF_INET6 ? 0x02 : 0x01;
	mac[5] = vrid;
}

void vrrp_vmac_name(const char *name, uint8_t vrid, char out[IF_NAMESIZE])
{
	if (name && *name)
		snprintf(out, IF_NAMESIZE, "%s", name);
	else
		snprintf(out, IF_NAMESIZE, "vrrp.%u", vrid);
}

static struct nl_msg *link_msg(int type, int flags, int ifindex,
			       unsigned ifi_flags, unsigned ifi_change)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC, .ifi_index = ifindex,
		.ifi_flags = ifi_flags, .ifi_change = ifi_change,
	};
	struct nl_msg *m = nlmsg_alloc_simple(type, flags);

	if (m && nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

/* IFLA_LINKINFO { KIND "macvlan", DATA { MODE private } } */
static int put_macvlan(struct nl_msg *m)
{
	struct nlattr *info, *data;

	info = nla_nest_start(m, IFLA_LINKINFO);
	if (!info || nla_put_string(m, IFLA_INFO_KIND, "macvlan") < 0)
		return -ENOMEM;
	data = nla_nest_start(m, IFLA_INFO_DATA);
	if (!data || nla_put_u32(m, IFLA_MACVLAN_MODE,
				 MACVLAN_MODE_PRIVATE) < 0)
		return -ENOMEM;
	nla_nest_end(m, data);
	nla_nest_end(m, info);
	return 0;
}

/* IFLA_AF_SPEC { AF_INET6 { ADDR_GEN_MODE none } } */
static int put_no_ll(struct nl_msg *m)
{
	struct nlattr *spec, *in6;

	spec = nla_nest_start(m, IFLA_AF_SPEC);
	if (!spec)
		return -ENOMEM;
	in6 = nla_nest_start(m, AF_INET6);
	if (!in6 || nla_put_u8(m, IFLA_INET6_ADDR_GEN_MODE,
			       IN6_ADDR_GEN_MODE_NONE) < 0)
		return -ENOMEM;
	nla_nest_end(m, in6);
	nla_nest_end(m, spec);
	return 0;
}

int vrrp_vmac_msg_create(const char *name, int base,
			 const uint8_t mac[VRRP_VMAC_LEN], struct nl_msg **out)
{
	struct nl_msg *m;

	if (!name || !*name || strlen(name) >= IF_NAMESIZE || base <= 0)
		return -EINVAL;
	m = link_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, 0, 0);
	if (!m)
		return -ENOMEM;
	if (nla_put_string(m, IFLA_IFNAME, name) < 0 ||
	    nla_put_u32(m, IFLA_LINK, (uint32_t)base) < 0 ||
	    nla_put(m, IFLA_ADDRESS, VRRP_VMAC_LEN, mac) < 0 ||
	    put_macvlan(m) < 0) {
		nlmsg_free(m);
		return -ENOMEM;
	}
	*out = m;
	return 0;
}

int vrrp_vmac_msg_no_ll(int ifindex, struct nl_msg **out)
{
	struct nl_msg *m;

	if (ifindex <= 0)
		return -EINVAL;
	m = link_msg(RTM_NEWLINK, 0, ifindex, 0, 0);
	if (!m)
		return -ENOMEM;
	if (put_no_ll(m) < 0) {
		nlmsg_free(m);
		return -ENOMEM;
	}
	*out = m;
	return 0;
}

int vrrp_vmac_msg_up(int ifindex, struct nl_msg **out)
{
	struct nl_msg *m;

	if (ifindex <= 0)
		return -EINVAL;
	m = link_msg(RTM_NEWLINK, 0, ifindex, IFF_UP, IFF_UP);
	if (!m)
		return -ENOMEM;
	*out = m;
	return 0;
}

int vrrp_vmac_msg_delete(int ifindex, struct nl_msg **out)
{
	struct nl_msg *m;

	if (ifindex <= 0)
		return -EINVAL;
	m = link_msg(RTM_DELLINK, 0, ifindex, 0, 0);
	if (!m)
		return -ENOMEM;
	*out = m;
	return 0;
}
