/* Unit tests of the netlink messages: requests built for addresses,
 * routes and rules, and kernel notifications read into the interface
 * table. No sockets: messages live in memory. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <net/if.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "nl_ifaddr.h"
#include "nl_link.h"
#include "nl_reflector.h"
#include "nl_route.h"
#include "nl_rule.h"
#include "test_nl_util.h"

static struct ipaddr *addr_of(const char *line)
{
	struct test_words tw;
	struct ipaddr *a;
	char err[128];

	test_split(&tw, line);
	assert_int_equal(ipaddr_parse(tw.w, tw.n, IPADDR_VIRTUAL, &a, err,
				      sizeof(err)), 0);
	return a;
}

static void test_addr_request(void **state)
{
	struct ipaddr *a = addr_of("192.168.1.5/24 brd + scope link "
				   "label eth0:1");
	struct nlattr *tb[IFA_MAX + 1];
	struct iftable_addr_info info;
	struct ifaddrmsg *ifa;
	struct nl_msg *m;
	char buf[ADDR_STRLEN];
	int index;

	(void)state;
	assert_int_equal(nl_ifaddr_msg(a, 7, true, false, &m), 0);
	assert_int_equal(nlmsg_hdr(m)->nlmsg_type, RTM_NEWADDR);
	assert_true(nlmsg_hdr(m)->nlmsg_flags & NLM_F_EXCL);
	ifa = nlmsg_data(nlmsg_hdr(m));
	assert_int_equal(ifa->ifa_index, 7);
	assert_int_equal(ifa->ifa_prefixlen, 24);
	assert_int_equal(ifa->ifa_scope, RT_SCOPE_LINK);
	assert_int_equal(nlmsg_parse(nlmsg_hdr(m), sizeof(*ifa), tb, IFA_MAX,
				     NULL), 0);
	assert_string_equal(nla_get_string(tb[IFA_LABEL]), "eth0:1");
	assert_null(tb[IFA_CACHEINFO]);
	/* The kernel's notifications have the same layout. */
	assert_int_equal(nl_ifaddr_parse(nlmsg_hdr(m), &index, &info), 0);
	assert_int_equal(index, 7);
	addr_ntop(&info.brd, buf, sizeof(buf));
	assert_string_equal(buf, "192.168.1.255");
	assert_string_equal(info.label, "eth0:1");
	assert_int_equal(info.peer.family, 0);
	nlmsg_free(m);
	assert_int_equal(nl_ifaddr_msg(a, 0, true, false, &m), -EINVAL);
	ipaddr_free(&a);
}

static void test_addr_ipv6_vip(void **state)
{
	struct ipaddr *a = addr_of("2001:db8::9/128 -nodad");
	struct nlattr *tb[IFA_MAX + 1];
	struct ifa_cacheinfo *ci;
	struct nl_msg *m;

	(void)state;
	assert_int_equal(nl_ifaddr_msg(a, 3, true, false, &m), 0);
	assert_int_equal(nlmsg_parse(nlmsg_hdr(m), sizeof(struct ifaddrmsg),
				     tb, IFA_MAX, NULL), 0);
	assert_int_equal(nla_get_u32(tb[IFA_FLAGS]), IFA_F_NODAD);
	ci = nla_data(tb[IFA_CACHEINFO]);
	assert_int_equal(ci->ifa_prefered, 0);
	assert_int_equal(ci->ifa_valid, 0xffffffffu);
	nlmsg_free(m);
	assert_int_equal(nl_ifaddr_msg(a, 3, false, false, &m), 0);
	assert_int_equal(nlmsg_hdr(m)->nlmsg_type, RTM_DELADDR);
	nlmsg_free(m);
	ipaddr_free(&a);
}

static int fake_ifindex(const char *name, void *ctx)
{
	(void)ctx;
	if (!strcmp(name, "eth0"))
		return 2;
	if (!strcmp(name, "eth1"))
		return 3;
	return -ENODEV;
}

static struct route *route_of(const char *line)
{
	struct test_words tw;
	struct route *r;
	char err[128];

	test_split(&tw, line);
	if (route_parse(tw.w, tw.n, ROUTE_STATIC, NULL, &r, err,
			sizeof(err)) < 0)
		fail_msg("%s", err);
	return r;
}

static void test_route_request(void **state)
{
	struct route *r = route_of("10.9.0.0/16 via 10.0.0.1 dev eth0 table "
				   "1000 metric 7 mtu lock 1400 protocol 4");
	struct nlattr *tb[RTA_MAX + 1], *mx[RTAX_MAX + 1];
	struct nl_msg *m;
	struct rtmsg *rtm;

	(void)state;
	assert_int_equal(nl_route_msg(r, fake_ifindex, NULL, true, &m, NULL),
			 0);
	rtm = nlmsg_data(nlmsg_hdr(m));
	assert_int_equal(rtm->rtm_dst_len, 16);
	assert_int_equal(rtm->rtm_table, RT_TABLE_UNSPEC);
	assert_int_equal(rtm->rtm_protocol, 4);
	assert_int_equal(rtm->rtm_scope, RT_SCOPE_UNIVERSE);
	assert_int_equal(nlmsg_parse(nlmsg_hdr(m), sizeof(*rtm), tb, RTA_MAX,
				     NULL), 0);
	assert_int_equal(nla_get_u32(tb[RTA_TABLE]), 1000);
	assert_int_equal(nla_get_u32(tb[RTA_OIF]), 2);
	assert_int_equal(nla_get_u32(tb[RTA_PRIORITY]), 7);
	assert_int_equal(nla_parse_nested(mx, RTAX_MAX, tb[RTA_METRICS],
					  NULL), 0);
	assert_int_equal(nla_get_u32(mx[RTAX_MTU]), 1400);
	assert_int_equal(nla_get_u32(mx[RTAX_LOCK]), 1u << RTAX_MTU);
	nlmsg_free(m);
	route_free(&r);
}

static void test_route_multipath_and_errors(void **state)
{
	struct route *r = route_of("10.8.0.0/16 nexthop via 10.0.0.1 dev eth0 "
				   "weight 2 nexthop via 10.0.1.1 dev eth1");
	struct nlattr *tb[RTA_MAX + 1];
	struct rtnexthop *nh;
	const char *bad = NULL;
	struct nl_msg *m;
	int len;

	(void)state;
	assert_int_equal(nl_route_msg(r, fake_ifindex, NULL, true, &m, NULL),
			 0);
	assert_int_equal(nlmsg_parse(nlmsg_hdr(m), sizeof(struct rtmsg), tb,
				     RTA_MAX, NULL), 0);
	nh = nla_data(tb[RTA_MULTIPATH]);
	len = nla_len(tb[RTA_MULTIPATH]);
	assert_true(RTNH_OK(nh, len));
	assert_int_equal(nh->rtnh_ifindex, 2);
	assert_int_equal(nh->rtnh_hops, 1);
	len -= RTNH_ALIGN(nh->rtnh_len);
	nh = RTNH_NEXT(nh);
	assert_true(RTNH_OK(nh, len));
	assert_int_equal(nh->rtnh_ifindex, 3);
	nlmsg_free(m);
	route_free(&r);

	r = route_of("10.7.0.0/16 dev wlan9");
	assert_int_equal(nl_route_msg(r, fake_ifindex, NULL, true, &m, &bad),
			 -ENODEV);
	assert_string_equal(bad, "wlan9");
	route_free(&r);
	/* Deleting matches any scope, as "ip route del" does. */
	r = route_of("10.7.0.0/16 dev eth0");
	assert_int_equal(nl_route_msg(r, fake_ifindex, NULL, false, &m, NULL),
			 0);
	assert_int_equal(nlmsg_hdr(m)->nlmsg_type, RTM_DELROUTE);
	assert_int_equal(((struct rtmsg *)nlmsg_data(nlmsg_hdr(m)))->rtm_scope,
			 RT_SCOPE_NOWHERE);
	nlmsg_free(m);
	route_free(&r);
}

static void test_rule_request(void **state)
{
	const char *w[] = { "from", "10.0.0.0/8", "fwmark", "0x10/0xf0", "iif",
			    "eth0", "table", "300", "priority", "50", "sport",
			    "1-2" };
	struct nlattr *tb[FRA_MAX + 1];
	struct fib_rule_port_range *pr;
	struct fib_rule_hdr *frh;
	struct rule *r;
	struct nl_msg *m;
	char err[128];

	(void)state;
	assert_int_equal(rule_parse(w, 12, RULE_STATIC, NULL, &r, err,
				    sizeof(err)), 0);
	assert_int_equal(nl_rule_msg(r, true, &m), 0);
	frh = nlmsg_data(nlmsg_hdr(m));
	assert_int_equal(frh->src_len, 8);
	assert_int_equal(frh->action, FR_ACT_TO_TBL);
	assert_int_equal(frh->table, RT_TABLE_UNSPEC);
	assert_int_equal(nlmsg_parse(nlmsg_hdr(m), sizeof(*frh), tb, FRA_MAX,
				     NULL), 0);
	assert_int_equal(nla_get_u32(tb[FRA_TABLE]), 300);
	assert_int_equal(nla_get_u32(tb[FRA_PRIORITY]), 50);
	assert_int_equal(nla_get_u32(tb[FRA_FWMARK]), 0x10);
	assert_int_equal(nla_get_u32(tb[FRA_FWMASK]), 0xf0);
	assert_string_equal(nla_get_string(tb[FRA_IIFNAME]), "eth0");
	assert_int_equal(nla_get_u8(tb[FRA_PROTOCOL]), RTPROT_KEEPALIVED);
	pr = nla_data(tb[FRA_SPORT_RANGE]);
	assert_int_equal(pr->start, 1);
	assert_int_equal(pr->end, 2);
	nlmsg_free(m);
	rule_free(&r);
}

/* A notification as the kernel would send it. */
static struct nl_msg *link_msg(int type, int family, int index,
			       const char *name, unsigned flags,
			       const char *kind, int parent)
{
	struct ifinfomsg ifi = {
		.ifi_family = (unsigned char)family, .ifi_index = index,
		.ifi_flags = flags,
	};
	unsigned char mac[6] = { 2, 0, 0, 0, 0, (unsigned char)index };
	struct nl_msg *m = nlmsg_alloc_simple(type, 0);
	struct nlattr *info;

	assert_int_equal(nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO), 0);
	nla_put_string(m, IFLA_IFNAME, name);
	nla_put(m, IFLA_ADDRESS, sizeof(mac), mac);
	nla_put_u32(m, IFLA_MTU, 1500);
	nla_put_u8(m, IFLA_OPERSTATE, 6);
	if (parent)
		nla_put_u32(m, IFLA_LINK, (uint32_t)parent);
	if (kind) {
		info = nla_nest_start(m, IFLA_LINKINFO);
		nla_put_string(m, IFLA_INFO_KIND, kind);
		nla_nest_end(m, info);
	}
	return m;
}

static int apply(struct iftable *t, struct nl_msg *m)
{
	int r = nl_reflector_apply(t, nlmsg_hdr(m));

	nlmsg_free(m);
	return r;
}

static void test_reflector_apply(void **state)
{
	struct iftable *t = iftable_new();
	struct ipaddr *a = addr_of("10.0.0.5/24");
	struct iface *ifp;
	struct nl_msg *m;

	(void)state;
	assert_int_equal(apply(t, link_msg(RTM_NEWLINK, AF_UNSPEC, 2, "eth0",
					   IFF_UP, NULL, 0)), 0);
	assert_int_equal(apply(t, link_msg(RTM_NEWLINK, AF_UNSPEC, 5,
					   "eth0.7", IFF_UP, "vlan", 2)), 0);
	assert_int_equal(apply(t, link_msg(RTM_NEWLINK, AF_UNSPEC, 6, "ve0",
					   IFF_UP, "veth", 9)), 0);
	ifp = iftable_by_name(t, "eth0.7");
	assert_int_equal(ifp->link.parent_index, 2);
	assert_string_equal(ifp->link.kind, "vlan");
	assert_int_equal(ifp->link.mac[5], 5);
	assert_int_equal(ifp->link.operstate, 6);
	/* A veth's IFLA_LINK is its peer, not a parent. */
	assert_int_equal(iftable_by_index(t, 6)->link.parent_index, 0);
	/* Address notifications share the request's layout. */
	assert_int_equal(nl_ifaddr_msg(a, 2, true, false, &m), 0);
	assert_int_equal(apply(t, m), 0);
	assert_int_equal(iftable_addr_count(t), 1);
	assert_int_equal(nl_ifaddr_msg(a, 2, false, false, &m), 0);
	assert_int_equal(apply(t, m), 0);
	assert_int_equal(iftable_addr_count(t), 0);
	assert_int_equal(nl_ifaddr_msg(a, 42, true, false, &m), 0);
	assert_int_equal(apply(t, m), -ENOENT);
	/* A bridge port's AF_BRIDGE DELLINK is not the link going away. */
	assert_int_equal(apply(t, link_msg(RTM_DELLINK, AF_BRIDGE, 2, "eth0",
					   0, NULL, 0)), -EOPNOTSUPP);
	assert_non_null(iftable_by_index(t, 2));
	assert_int_equal(apply(t, link_msg(RTM_DELLINK, AF_UNSPEC, 2, "eth0",
					   0, NULL, 0)), 0);
	assert_null(iftable_by_index(t, 2));
	m = nlmsg_alloc_simple(RTM_NEWROUTE, 0);
	assert_int_equal(apply(t, m), -EOPNOTSUPP);
	ipaddr_free(&a);
	iftable_free(&t);
}

/* A fixed-size attribute shorter than its type is refused, not read past
 * its end (found by reading fuzz_netlink's inputs: libnl itself is not
 * instrumented, so the fuzzer cannot see such a read). */
static void test_short_attributes_refused(void **state)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = 3 };
	struct ifaddrmsg ifa = { .ifa_family = AF_INET, .ifa_index = 3 };
	struct iftable_link_info link;
	struct iftable_addr_info addr;
	unsigned char v4[4] = { 10, 0, 0, 1 };
	uint16_t two = 2;
	struct nl_msg *m;
	int index;

	(void)state;
	m = nlmsg_alloc_simple(RTM_NEWLINK, 0);
	assert_int_equal(nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO), 0);
	nla_put_string(m, IFLA_IFNAME, "eth0");
	nla_put(m, IFLA_MTU, sizeof(two), &two);
	assert_int_equal(nl_link_parse(nlmsg_hdr(m), &link), -EINVAL);
	nlmsg_free(m);
	m = nlmsg_alloc_simple(RTM_NEWADDR, 0);
	assert_int_equal(nlmsg_append(m, &ifa, sizeof(ifa), NLMSG_ALIGNTO), 0);
	nla_put(m, IFA_LOCAL, sizeof(v4), v4);
	nla_put(m, IFA_FLAGS, 0, NULL);
	assert_int_equal(nl_ifaddr_parse(nlmsg_hdr(m), &index, &addr),
			 -EINVAL);
	nlmsg_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addr_request),
		cmocka_unit_test(test_addr_ipv6_vip),
		cmocka_unit_test(test_route_request),
		cmocka_unit_test(test_route_multipath_and_errors),
		cmocka_unit_test(test_rule_request),
		cmocka_unit_test(test_reflector_apply),
		cmocka_unit_test(test_short_attributes_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
