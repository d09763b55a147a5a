/*
 * Unit tests of the gratuitous ARP and unsolicited NA builders against
 * frames captured from keepalived 2.2.7 taking over 192.168.79.100 and
 * fd00:79::100 (test/unit/vectors/keepalived_garp.pcap, _na.pcap).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "pcap_vector.h"
#include "vrrp_arp.h"
#include "vrrp_ndisc.h"

static long load(const char *name, uint8_t *buf, size_t size)
{
	char path[512];
	long n;

	snprintf(path, sizeof(path), "%s/%s.pcap", VECTOR_DIR, name);
	n = pcap_first_frame(path, buf, size);
	assert_true(n > 14);
	return n;
}

static struct ka_addr A(const char *s)
{
	struct ka_addr a;

	assert_int_equal(addr_parse(s, &a), 0);
	return a;
}

static void test_garp_matches_keepalived(void **state)
{
	uint8_t cap[128], out[64];
	long n = load("keepalived_garp", cap, sizeof(cap));
	struct ka_addr vip = A("192.168.79.100");
	const char *why = NULL;

	(void)state;
	assert_int_equal(n, VRRP_ARP_FRAME_LEN);
	/* the sender's MAC is the one in the captured frame */
	assert_int_equal(vrrp_arp_build(out, sizeof(out), cap + 6, &vip, &why),
			 VRRP_ARP_FRAME_LEN);
	assert_memory_equal(out, cap, VRRP_ARP_FRAME_LEN);
}

static void test_na_matches_keepalived(void **state)
{
	uint8_t cap[160], out[64];
	long n = load("keepalived_na", cap, sizeof(cap));
	struct ka_addr vip = A("fd00:79::100"), dst = A("ff02::1");
	const char *why = NULL;

	(void)state;
	assert_int_equal(n, 14 + 40 + VRRP_NDISC_NA_LEN);
	assert_int_equal(cap[14 + 7], 255);		/* hop limit */
	assert_int_equal(vrrp_ndisc_na_build(out, sizeof(out), cap + 6, &vip,
					     &vip, &dst, &why),
			 VRRP_NDISC_NA_LEN);
	assert_memory_equal(out, cap + 14 + 40, VRRP_NDISC_NA_LEN);
}

static void test_refusals(void **state)
{
	uint8_t out[64], mac[6] = { 2, 0, 0, 0, 0, 1 };
	struct ka_addr v4 = A("10.0.0.1"), v6 = A("fd00::1");
	const char *why;

	(void)state;
	assert_int_equal(vrrp_arp_build(out, sizeof(out), mac, &v6, &why),
			 -EINVAL);
	assert_int_equal(vrrp_arp_build(out, 41, mac, &v4, &why), -EINVAL);
	assert_string_equal(why, "buffer too small");
	assert_int_equal(vrrp_ndisc_na_build(out, sizeof(out), mac, &v4, &v6,
					     &v6, &why), -EINVAL);
	assert_int_equal(vrrp_ndisc_na_build(out, 31, mac, &v6, &v6, &v6,
					     &why), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_garp_matches_keepalived),
		cmocka_unit_test(test_na_matches_keepalived),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
