/*
 * test_check_snmp_val.c: KEEPALIVED-MIB's encodings of the checker's
 * configuration and runtime words (check_snmp_val.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "check_snmp_val.h"

static void test_enums(void **state)
{
	(void)state;
	assert_int_equal(ck_snmp_vs_type(CK_VS_FWMARK), 1);
	assert_int_equal(ck_snmp_vs_type(CK_VS_ADDR), 2);
	assert_int_equal(ck_snmp_vs_type(CK_VS_GROUP), 3);
	assert_int_equal(ck_snmp_protocol(CK_PROTO_TCP), 1);
	assert_int_equal(ck_snmp_protocol(CK_PROTO_UDP), 2);
	assert_int_equal(ck_snmp_protocol(CK_PROTO_SCTP), 3);
	assert_int_equal(ck_snmp_protocol((enum ck_protocol)0), 0);
	assert_int_equal(ck_snmp_fwd(CK_FWD_NAT), 1);
	assert_int_equal(ck_snmp_fwd(CK_FWD_DR), 2);
	assert_int_equal(ck_snmp_fwd(CK_FWD_TUN), 3);
	assert_int_equal(ck_snmp_fwd(CK_FWD_UNSET), 0);
	assert_int_equal(ck_snmp_tun_type(CK_TUN_IPIP), 1);
	assert_int_equal(ck_snmp_tun_type(CK_TUN_GUE), 2);
	assert_int_equal(ck_snmp_tun_type(CK_TUN_GRE), 3);
	assert_int_equal(ck_snmp_tun_csum(CK_TUN_CSUM_UNSET), 0);
	assert_int_equal(ck_snmp_tun_csum(CK_TUN_NOCSUM), 1);
	assert_int_equal(ck_snmp_tun_csum(CK_TUN_REMCSUM), 3);
	assert_int_equal(ck_snmp_addr_type(AF_INET), 1);
	assert_int_equal(ck_snmp_addr_type(AF_INET6), 2);
	assert_int_equal(ck_snmp_addr_type(0), 0);
	assert_int_equal(ck_snmp_truth(true), 1);
	assert_int_equal(ck_snmp_truth(false), 2);
}

/* The MIB lists fourteen schedulers in a fixed order; anything else is
 * unknown(99). */
static void test_sched(void **state)
{
	(void)state;
	assert_int_equal(ck_snmp_sched("rr"), 1);
	assert_int_equal(ck_snmp_sched("wlc"), 4);
	assert_int_equal(ck_snmp_sched("lblcr"), 6);
	assert_int_equal(ck_snmp_sched("sh"), 8);
	assert_int_equal(ck_snmp_sched("mh"), 13);
	assert_int_equal(ck_snmp_sched("twos"), 14);
	assert_int_equal(ck_snmp_sched("wl"), 99);
	assert_int_equal(ck_snmp_sched(""), 99);
	assert_int_equal(ck_snmp_sched(NULL), 99);
}

static void test_vsg_member(void **state)
{
	struct ck_vsg_entry e;

	(void)state;
	memset(&e, 0, sizeof(e));
	e.is_fwmark = true;
	assert_int_equal(ck_snmp_vsg_member_type(&e), 1);
	e.is_fwmark = false;
	e.first.family = e.last.family = AF_INET;
	inet_pton(AF_INET, "10.0.0.1", &e.first.u.v4);
	e.last = e.first;
	assert_int_equal(ck_snmp_vsg_member_type(&e), 2);
	inet_pton(AF_INET, "10.0.0.9", &e.last.u.v4);
	assert_int_equal(ck_snmp_vsg_member_type(&e), 3);
}

static void test_addr(void **state)
{
	struct ka_addr a = { 0 };
	uint8_t buf[16];
	const uint8_t v4[4] = { 192, 0, 2, 7 };

	(void)state;
	assert_int_equal(ck_snmp_addr_octets(&a, buf), 0);
	a.family = AF_INET;
	inet_pton(AF_INET, "192.0.2.7", &a.u.v4);
	assert_int_equal(ck_snmp_addr_octets(&a, buf), 4);
	assert_memory_equal(buf, v4, 4);
	a.family = AF_INET6;
	inet_pton(AF_INET6, "2001:db8::1", &a.u.v6);
	assert_int_equal(ck_snmp_addr_octets(&a, buf), 16);
	assert_int_equal(buf[0], 0x20);
	assert_int_equal(buf[1], 0x01);
	assert_int_equal(buf[15], 1);
}

static void test_times(void **state)
{
	(void)state;
	assert_int_equal(ck_snmp_seconds(60000000), 60);
	assert_int_equal(ck_snmp_seconds(1500000), 1);
	assert_int_equal(ck_snmp_seconds(-1), 0);
	assert_int_equal(ck_snmp_usec32(1500000), 1500000);
	assert_int_equal(ck_snmp_usec32(INT64_C(5000000000)), UINT32_MAX);
	assert_int_equal(ck_snmp_usec32(-1), 0);
	assert_int_equal(ck_snmp_low32(UINT64_C(0x123456789)), 0x23456789);
	assert_int_equal(ck_snmp_high32(UINT64_C(0x123456789)), 1);
}

static void test_inherit(void **state)
{
	(void)state;
	assert_int_equal(ck_snmp_inherit(3, 5, 7), 3);
	assert_int_equal(ck_snmp_inherit(0, 5, 7), 0);
	assert_int_equal(ck_snmp_inherit(-1, 5, 7), 5);
	assert_int_equal(ck_snmp_inherit(-1, -1, 7), 7);
	assert_int_equal(ck_snmp_inherit(-1, -1, -1), -1);
}

static void test_stats_add(void **state)
{
	struct ipvs_stats a = { .conns = 1, .inbytes = 10, .outbps = 3 };
	struct ipvs_stats b = { .conns = 2, .inbytes = 5, .cps = 4 };

	(void)state;
	ck_snmp_stats_add(&a, &b);
	assert_int_equal(a.conns, 3);
	assert_int_equal(a.inbytes, 15);
	assert_int_equal(a.cps, 4);
	assert_int_equal(a.outbps, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enums),
		cmocka_unit_test(test_sched),
		cmocka_unit_test(test_vsg_member),
		cmocka_unit_test(test_addr),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_inherit),
		cmocka_unit_test(test_stats_add),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
