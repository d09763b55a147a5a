/*
 * test_vrrp_nft.c: the nft commands of the no_accept firewall: the
 * table keepalived 2.2 lays out (per family, priority relative to
 * filter, optional counters), the IPv6 extras, and the element commands
 * that sort addresses into vips and vips_link_local.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "vrrp_nft.h"

static struct ka_addr A(const char *text)
{
	struct ka_addr a;

	assert_int_equal(addr_parse(text, &a), 0);
	return a;
}

static void test_ipv4_table(void **state)
{
	struct vrrp_nft_opts o = { .table = NULL, .priority = -1 };
	char buf[4096];

	(void)state;
	assert_true(vrrp_nft_table_cmds(&o, AF_INET, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "add table ip keepalived\n"));
	assert_non_null(strstr(buf, "add set ip keepalived vips "
			       "{ type ipv4_addr; }\n"));
	assert_non_null(strstr(buf, "add chain ip keepalived in { type filter "
			       "hook input priority filter - 1; policy "
			       "accept; }\n"));
	assert_non_null(strstr(buf, "hook output priority filter - 1"));
	assert_non_null(strstr(buf, "add rule ip keepalived in ip daddr @vips "
			       "drop\n"));
	assert_non_null(strstr(buf, "add rule ip keepalived out ip saddr "
			       "@vips drop\n"));
	assert_null(strstr(buf, "counter"));
	assert_null(strstr(buf, "link_local"));
}

static void test_options(void **state)
{
	struct vrrp_nft_opts o = { .table = "kat", .priority = 5,
				   .counters = true };
	char buf[4096];

	(void)state;
	assert_true(vrrp_nft_table_cmds(&o, AF_INET, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "add table ip kat\n"));
	assert_non_null(strstr(buf, "priority filter + 5;"));
	assert_non_null(strstr(buf, "ip daddr @vips counter drop\n"));
	o.priority = 0;
	assert_true(vrrp_nft_table_cmds(&o, AF_INET, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "priority filter;"));
	assert_true(vrrp_nft_delete_cmd(&o, AF_INET6, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "delete table ip6 kat\n");
}

/* Neighbour discovery passes before the drops; link-local addresses
 * are matched with their interface. */
static void test_ipv6_table(void **state)
{
	struct vrrp_nft_opts o = { .priority = -1 };
	char buf[4096];
	const char *nd, *ll, *drop;

	(void)state;
	assert_true(vrrp_nft_table_cmds(&o, AF_INET6, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "add table ip6 keepalived\n"));
	assert_non_null(strstr(buf, "{ type ipv6_addr; }"));
	assert_non_null(strstr(buf, "vips_link_local { type ipv6_addr . "
			       "iface_index; }"));
	nd = strstr(buf, "add rule ip6 keepalived in icmpv6 type "
		    "@neighbor-discovery accept\n");
	ll = strstr(buf, "add rule ip6 keepalived in ip6 daddr fe80::/10 "
		    "goto in_link_local\n");
	drop = strstr(buf, "add rule ip6 keepalived in ip6 daddr @vips "
		      "drop\n");
	assert_non_null(nd);
	assert_non_null(ll);
	assert_non_null(drop);
	assert_true(nd < ll && ll < drop);
	assert_non_null(strstr(buf, "add rule ip6 keepalived in_link_local "
			       "ip6 daddr . iif @vips_link_local drop\n"));
	assert_non_null(strstr(buf, "ip6 saddr . oif @vips_link_local drop"));
}

static void test_elements(void **state)
{
	struct vrrp_nft_opts o = { .priority = -1 };
	struct vrrp_nft_elem e[] = {
		{ A("10.0.0.1"), "eth0" }, { A("fd00::1"), "eth0" },
		{ A("10.0.0.2"), "eth1" }, { A("fe80::5"), "vrrp.5" },
		{ A("fe80::6"), "bad\"name" },
	};
	char buf[1024];

	(void)state;
	assert_true(vrrp_nft_elem_cmds(&o, AF_INET, true, e, 5, buf,
				       sizeof(buf)) > 0);
	assert_string_equal(buf, "add element ip keepalived vips "
			    "{ 10.0.0.1, 10.0.0.2 }\n");
	assert_true(vrrp_nft_elem_cmds(&o, AF_INET6, false, e, 5, buf,
				       sizeof(buf)) > 0);
	assert_string_equal(buf, "delete element ip6 keepalived vips "
			    "{ fd00::1 }\ndelete element ip6 keepalived "
			    "vips_link_local { fe80::5 . \"vrrp.5\" }\n");
	/* none of the family: nothing to run */
	assert_int_equal(vrrp_nft_elem_cmds(&o, AF_INET6, true, e, 1, buf,
					    sizeof(buf)), 0);
	assert_string_equal(buf, "");
}

static void test_limits(void **state)
{
	struct vrrp_nft_opts o = { .priority = -1 };
	struct vrrp_nft_elem e[] = { { A("10.0.0.1"), "eth0" } };
	char small[16];

	(void)state;
	assert_int_equal(vrrp_nft_table_cmds(&o, AF_INET, small,
					     sizeof(small)), -ENOSPC);
	assert_int_equal(vrrp_nft_elem_cmds(&o, AF_INET, true, e, 1, small,
					    sizeof(small)), -ENOSPC);
	assert_int_equal(vrrp_nft_table_cmds(&o, AF_UNSPEC, small,
					     sizeof(small)), -EINVAL);
}

/* The VMAC's multicast reports leave from its base interface. */
static void test_vmac(void **state)
{
	struct vrrp_nft_opts o = { .priority = -1 };
	char buf[4096];

	(void)state;
	assert_true(vrrp_nft_vmac_table_cmds(&o, AF_INET, buf,
					     sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "add map ip keepalived vmac_map { type "
			       "iface_index : iface_index; }\n"));
	assert_non_null(strstr(buf, "add rule ip keepalived out ip protocol "
			       "igmp meta oifkind \"macvlan\" dup to ip daddr "
			       "device oif map @vmac_map drop\n"));
	assert_null(strstr(buf, "vmac_set"));
	assert_true(vrrp_nft_vmac_table_cmds(&o, AF_INET6, buf,
					     sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "icmpv6 type mld2-listener-report meta "
			       "oifkind \"macvlan\" dup to ip6 daddr device "
			       "oif map @vmac_map drop\n"));
	assert_non_null(strstr(buf, "icmpv6 type nd-router-solicit meta "
			       "oifkind \"macvlan\" oif @vmac_set drop\n"));
	assert_true(vrrp_nft_vmac_elem_cmds(&o, AF_INET6, true, "vrrp.5",
					    "eth0", buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "add element ip6 keepalived vmac_map "
			    "{ \"vrrp.5\" : \"eth0\" }\nadd element ip6 "
			    "keepalived vmac_set { \"vrrp.5\" }\n");
	assert_true(vrrp_nft_vmac_elem_cmds(&o, AF_INET, false, "vrrp.5",
					    "eth0", buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "delete element ip keepalived vmac_map "
			    "{ \"vrrp.5\" : \"eth0\" }\n");
	assert_int_equal(vrrp_nft_vmac_elem_cmds(&o, AF_INET, true, "a\"b",
						 "eth0", buf, sizeof(buf)),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4_table),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_ipv6_table),
		cmocka_unit_test(test_elements),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_vmac),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
