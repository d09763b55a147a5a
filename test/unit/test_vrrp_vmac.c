/*
 * test_vrrp_vmac.c: use_vmac's pure parts: the virtual router MAC of
 * RFC 5798 7.3, the default name, and the rtnetlink requests that create
 * the macvlan, bring it up and delete it, parsed back attribute by
 * attribute.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "vrrp_vmac.h"

static void test_mac_and_name(void **state)
{
	static const uint8_t v4[6] = { 0, 0, 0x5e, 0, 1, 51 };
	static const uint8_t v6[6] = { 0, 0, 0x5e, 0, 2, 255 };
	uint8_t mac[6];
	char name[IF_NAMESIZE];

	(void)state;
	vrrp_vmac_mac(AF_INET, 51, mac);
	assert_memory_equal(mac, v4, 6);
	vrrp_vmac_mac(AF_INET6, 255, mac);
	assert_memory_equal(mac, v6, 6);
	vrrp_vmac_name("", 7, name);
	assert_string_equal(name, "vrrp.7");
	vrrp_vmac_name(NULL, 255, name);
	assert_string_equal(name, "vrrp.255");
	vrrp_vmac_name("vmx0", 7, name);
	assert_string_equal(name, "vmx0");
}

static void test_create_request(void **state)
{
	static const uint8_t mac[6] = { 0, 0, 0x5e, 0, 1, 9 };
	struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];
	struct nlattr *data[IFLA_MACVLAN_MAX + 1];
	struct ifinfomsg *ifi;
	struct nl_msg *m = NULL;

	(void)state;
	assert_int_equal(vrrp_vmac_msg_create("vrrp.9", 4, mac, &m), 0);
	assert_int_equal(nlmsg_hdr(m)->nlmsg_type, RTM_NEWLINK);
	assert_true(nlmsg_hdr(m)->nlmsg_flags & NLM_F_CREATE);
	assert_true(nlmsg_hdr(m)->nlmsg_flags & NLM_F_EXCL);
	ifi = nlmsg_data(nlmsg_hdr(m));
	assert_int_equal(ifi->ifi_index, 0);
	assert_int_equal(ifi->ifi_change & IFF_UP, 0);
	assert_int_equal(nlmsg_parse(nlmsg_hdr(m), sizeof(*ifi), tb, IFLA_MAX,
				     NULL), 0);
	assert_string_equal(nla_get_string(tb[IFLA_IFNAME]), "vrrp.9");
	assert_int_equal(nla_get_u32(tb[IFLA_LINK]), 4);
	assert_int_equal(nla_len(tb[IFLA_ADDRESS]), 6);
	assert_memory_equal(nla_data(tb[IFLA_ADDRESS]), mac, 6);
	assert_null(tb[IFLA_AF_SPEC]);
	assert_non_null(tb[IFLA_LINKINFO]);
	assert_int_equal(nla_parse_nested(info, IFLA_INFO_MAX,
					  tb[IFLA_LINKINFO], NULL), 0);
	assert_string_equal(nla_get_string(info[IFLA_INFO_KIND]), "macvlan");
	assert_int_equal(nla_parse_nested(data, IFLA_MACVLAN_MAX,
					  info[IFLA_INFO_DATA], NULL), 0);
	assert_int_equal(nla_get_u32(data[IFLA_MACVLAN_MODE]),
			 MACVLAN_MODE_PRIVATE);
	nlmsg_free(m);
}

/* No link-local address generated, in a request of its own; then up. */
static void test_setup_requests(void **state)
{
	struct nlattr *tb[IFLA_MAX + 1], *spec[AF_MAX + 1];
	struct nlattr *in6[IFLA_INET6_MAX + 1];
	struct ifinfomsg *ifi;
	struct nl_msg *m = NULL;

	(void)state;
	assert_int_equal(vrrp_vmac_msg_no_ll(12, &m), 0);
	assert_int_equal(nlmsg_hdr(m)->nlmsg_type, RTM_NEWLINK);
	assert_int_equal(nlmsg_hdr(m)->nlmsg_flags & NLM_F_CREATE, 0);
	ifi = nlmsg_data(nlmsg_hdr(m));
	assert_int_equal(ifi->ifi_index, 12);
	assert_int_equal(ifi->ifi_change, 0);
	assert_int_equal(nlmsg_parse(nlmsg_hdr(m), sizeof(*ifi), tb, IFLA_MAX,
				     NULL), 0);
	assert_non_null(tb[IFLA_AF_SPEC]);
	assert_int_equal(nla_parse_nested(spec, AF_MAX, tb[IFLA_AF_SPEC],
					  NULL), 0);
	assert_int_equal(nla_parse_nested(in6, IFLA_INET6_MAX, spec[AF_INET6],
					  NULL), 0);
	assert_int_equal(nla_get_u8(in6[IFLA_INET6_ADDR_GEN_MODE]),
			 IN6_ADDR_GEN_MODE_NONE);
	nlmsg_free(m);

	assert_int_equal(vrrp_vmac_msg_up(12, &m), 0);
	ifi = nlmsg_data(nlmsg_hdr(m));
	assert_int_equal(ifi->ifi_index, 12);
	assert_int_equal(ifi->ifi_flags & IFF_UP, IFF_UP);
	assert_int_equal(ifi->ifi_change & IFF_UP, IFF_UP);
	assert_int_equal(nlmsg_parse(nlmsg_hdr(m), sizeof(*ifi), tb, IFLA_MAX,
				     NULL), 0);
	assert_null(tb[IFLA_AF_SPEC]);
	nlmsg_free(m);
}

static void test_delete_and_bad_arguments(void **state)
{
	static const uint8_t mac[6] = { 0 };
	struct nl_msg *m = NULL;

	(void)state;
	assert_int_equal(vrrp_vmac_msg_delete(7, &m), 0);
	assert_int_equal(nlmsg_hdr(m)->nlmsg_type, RTM_DELLINK);
	assert_int_equal(((struct ifinfomsg *)nlmsg_data(nlmsg_hdr(m)))
			 ->ifi_index, 7);
	nlmsg_free(m);
	m = NULL;
	assert_int_equal(vrrp_vmac_msg_delete(0, &m), -EINVAL);
	assert_int_equal(vrrp_vmac_msg_no_ll(-1, &m), -EINVAL);
	assert_int_equal(vrrp_vmac_msg_up(0, &m), -EINVAL);
	assert_int_equal(vrrp_vmac_msg_create("", 3, mac, &m), -EINVAL);
	assert_int_equal(vrrp_vmac_msg_create("a-name-far-too-long", 3, mac,
					      &m), -EINVAL);
	assert_int_equal(vrrp_vmac_msg_create("v", 0, mac, &m), -EINVAL);
	assert_null(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mac_and_name),
		cmocka_unit_test(test_create_request),
		cmocka_unit_test(test_setup_requests),
		cmocka_unit_test(test_delete_and_bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
