/*
 * Unit tests of how instances read in VRRP-MIB (RFC 2787) and VRRPV3-MIB
 * (RFC 6527): each enumeration the MIBs define, the virtual MAC, the
 * interval in seconds, TimeStamps, and which table an instance is in.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "vrrp_packet.h"
#include "vrrp_snmp_rfc_map.h"

static void test_state(void **unused)
{
	(void)unused;
	assert_int_equal(vrrp_snmp_rfc_state(VRRP_STATE_INIT), 1);
	assert_int_equal(vrrp_snmp_rfc_state(VRRP_STATE_BACKUP), 2);
	assert_int_equal(vrrp_snmp_rfc_state(VRRP_STATE_MASTER), 3);
	/* no fault in the MIBs: waiting for an event is initialize */
	assert_int_equal(vrrp_snmp_rfc_state(VRRP_STATE_FAULT), 1);
}

static void test_auth(void **unused)
{
	(void)unused;
	assert_int_equal(vrrp_snmp_rfc_auth_type(VRRP_AUTH_NONE), 1);
	assert_int_equal(vrrp_snmp_rfc_auth_type(VRRP_AUTH_PASS), 2);
	assert_int_equal(vrrp_snmp_rfc_auth_type(VRRP_AUTH_AH), 3);
	assert_int_equal(vrrp_snmp_rfc_auth_error(VRRP_RX_AUTH_TYPE_INVALID),
			 1);
	assert_int_equal(vrrp_snmp_rfc_auth_error(VRRP_RX_AUTH_TYPE_MISMATCH),
			 2);
	assert_int_equal(vrrp_snmp_rfc_auth_error(VRRP_RX_AUTH_FAILURE), 3);
	assert_int_equal(vrrp_snmp_rfc_auth_error(VRRP_RX_TTL), 0);
	assert_int_equal(vrrp_snmp_rfc_auth_error(VRRP_RX_NONE), 0);
}

static void test_proto_error(void **unused)
{
	(void)unused;
	assert_int_equal(vrrp_snmp_rfc_proto_error(VRRP_RX_NONE), 0);
	assert_int_equal(vrrp_snmp_rfc_proto_error(VRRP_RX_TTL), 1);
	assert_int_equal(vrrp_snmp_rfc_proto_error(VRRP_RX_VERSION), 2);
	assert_int_equal(vrrp_snmp_rfc_proto_error(VRRP_RX_CHECKSUM), 3);
	/* the other refusals are not protocol errors in RFC 6527 */
	assert_int_equal(vrrp_snmp_rfc_proto_error(VRRP_RX_ADDR_LIST), 0);
	assert_int_equal(vrrp_snmp_rfc_proto_error(VRRP_RX_AUTH_FAILURE), 0);
}

static void test_master_reason(void **unused)
{
	(void)unused;
	assert_int_equal(vrrp_snmp_rfc_master_reason(VRRP_RUN_MASTER_NONE), 0);
	assert_int_equal(vrrp_snmp_rfc_master_reason(VRRP_RUN_MASTER_OWNER),
			 1);
	assert_int_equal(vrrp_snmp_rfc_master_reason(
				 VRRP_RUN_MASTER_PREEMPTED), 2);
	assert_int_equal(vrrp_snmp_rfc_master_reason(
				 VRRP_RUN_MASTER_NO_RESPONSE), 3);
	assert_int_equal(vrrp_snmp_rfc_master_reason(VRRP_RUN_MASTER_SYNC), 3);
}

static void test_vmac_and_type(void **unused)
{
	static const uint8_t v4[6] = { 0, 0, 0x5e, 0, 1, 51 };
	static const uint8_t v6[6] = { 0, 0, 0x5e, 0, 2, 255 };
	uint8_t mac[6];

	(void)unused;
	vrrp_snmp_rfc_vmac(AF_INET, 51, mac);
	assert_memory_equal(mac, v4, 6);
	vrrp_snmp_rfc_vmac(AF_INET6, 255, mac);
	assert_memory_equal(mac, v6, 6);
	assert_int_equal(vrrp_snmp_rfc_inet_type(AF_INET), 1);
	assert_int_equal(vrrp_snmp_rfc_inet_type(AF_INET6), 2);
	assert_int_equal(vrrp_snmp_rfc_inet_type(AF_UNSPEC), 0);
}

static void test_interval(void **unused)
{
	(void)unused;
	assert_int_equal(vrrp_snmp_rfc_v2_interval(100), 1);
	assert_int_equal(vrrp_snmp_rfc_v2_interval(300), 3);
	assert_int_equal(vrrp_snmp_rfc_v2_interval(20), 1);	/* never 0 */
	assert_int_equal(vrrp_snmp_rfc_v2_interval(250), 3);
	assert_int_equal(vrrp_snmp_rfc_v2_interval(4095), 41);
}

static void test_timestamp(void **unused)
{
	(void)unused;
	/* no event */
	assert_int_equal(vrrp_snmp_rfc_timestamp(5000, 90000000, 0), 0);
	/* 2.5 s ago with an uptime of 50 s: 47.5 s */
	assert_int_equal(vrrp_snmp_rfc_timestamp(5000, 90000000, 87500000),
			 4750);
	/* before the agent started */
	assert_int_equal(vrrp_snmp_rfc_timestamp(100, 90000000, 1000000), 0);
	/* just now */
	assert_int_equal(vrrp_snmp_rfc_timestamp(5000, 90000000, 90000000),
			 5000);
}

static void test_counter32(void **unused)
{
	(void)unused;
	assert_int_equal(vrrp_snmp_rfc_counter32(7), 7);
	assert_int_equal(vrrp_snmp_rfc_counter32(0x100000003ull), 3);
}

static void test_tables(void **unused)
{
	struct vrrp_stats st = { .checksum_err = 2, .version_err = 5 };
	struct vrrp_run_view v = {
		.ifindex = 3, .family = AF_INET, .version = 2, .stats = &st,
	};
	struct vrrp_snmp_rfc_totals t = { 0 };

	(void)unused;
	assert_true(vrrp_snmp_rfc_in_v2(&v));
	assert_true(vrrp_snmp_rfc_in_v3(&v));	/* as keepalived lists it */
	v.version = 3;
	assert_false(vrrp_snmp_rfc_in_v2(&v));
	assert_true(vrrp_snmp_rfc_in_v3(&v));
	v.family = AF_INET6;
	assert_true(vrrp_snmp_rfc_in_v3(&v));
	v.version = 2;		/* v2 over IPv6: not in RFC 2787's MIB */
	assert_false(vrrp_snmp_rfc_in_v2(&v));
	assert_true(vrrp_snmp_rfc_in_v3(&v));
	v.version = 3;
	v.ifindex = 0;		/* no interface: no index */
	assert_false(vrrp_snmp_rfc_in_v3(&v));
	vrrp_snmp_rfc_add_totals(&t, &v);
	vrrp_snmp_rfc_add_totals(&t, &v);
	assert_int_equal(t.checksum_err, 4);
	assert_int_equal(t.version_err, 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state),
		cmocka_unit_test(test_auth),
		cmocka_unit_test(test_proto_error),
		cmocka_unit_test(test_master_reason),
		cmocka_unit_test(test_vmac_and_type),
		cmocka_unit_test(test_interval),
		cmocka_unit_test(test_timestamp),
		cmocka_unit_test(test_counter32),
		cmocka_unit_test(test_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
