/* Unit tests of keepalived/core/ipaddr.c: static_ipaddress and
 * virtual_ipaddress lines, their printout and bad input. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "ipaddr.h"
#include "test_nl_util.h"

static struct ipaddr *parse_ok(const char *line, enum ipaddr_ctx ctx)
{
	struct test_words tw;
	struct ipaddr *a = NULL;
	char err[256];

	test_split(&tw, line);
	if (ipaddr_parse(tw.w, tw.n, ctx, &a, err, sizeof(err)) < 0)
		fail_msg("\"%s\": %s", line, err);
	return a;
}

static void expect_error(const char *line, enum ipaddr_ctx ctx,
			 const char *msg)
{
	struct test_words tw;
	struct ipaddr *a = NULL;
	char err[256];

	test_split(&tw, line);
	assert_int_equal(ipaddr_parse(tw.w, tw.n, ctx, &a, err, sizeof(err)),
			 -EINVAL);
	assert_null(a);
	if (!strstr(err, msg))
		fail_msg("\"%s\": got \"%s\", want \"%s\"", line, err, msg);
}

/* Parses, prints, and checks the printout parses to the same text. */
static void round_trip(const char *in, enum ipaddr_ctx ctx, const char *out)
{
	struct ipaddr *a = parse_ok(in, ctx), *b;
	char buf[IPADDR_LINE_MAX], again[IPADDR_LINE_MAX];

	assert_int_equal(ipaddr_format(a, buf, sizeof(buf)), 0);
	assert_string_equal(buf, out);
	b = parse_ok(buf, ctx);
	assert_int_equal(ipaddr_format(b, again, sizeof(again)), 0);
	assert_string_equal(again, buf);
	assert_true(ipaddr_same(a, b));
	ipaddr_free(&a);
	ipaddr_free(&b);
	assert_null(a);
}

static void test_forms(void **state)
{
	(void)state;
	round_trip("192.168.1.1/24 dev eth0 brd + scope link label eth0:1",
		   IPADDR_STATIC,
		   "192.168.1.1/24 brd + dev eth0 scope link label eth0:1");
	round_trip("10.0.0.1", IPADDR_STATIC, "10.0.0.1/32");
	round_trip("10.0.0.1/8 broadcast 10.255.255.254 scope 100",
		   IPADDR_STATIC, "10.0.0.1/8 brd 10.255.255.254 scope 100");
	round_trip("10.0.0.1/8 scope 200", IPADDR_STATIC,
		   "10.0.0.1/8 scope site");
	round_trip("10.0.0.1/8 brd - peer 10.9.9.9/32 noprefixroute",
		   IPADDR_STATIC,
		   "10.0.0.1/8 brd - peer 10.9.9.9/32 noprefixroute");
	round_trip("2001:DB8::1/64 dev eth1 -nodad home mngtmpaddr "
		   "preferred_lft forever", IPADDR_VIRTUAL,
		   "2001:db8::1/64 dev eth1 home -nodad mngtmpaddr "
		   "preferred_lft forever");
	round_trip("fe80::5 nodad no_track use_vmac preferred_lft 30",
		   IPADDR_VIRTUAL,
		   "fe80::5/128 -nodad preferred_lft 30 no_track use_vmac");
	round_trip("192.168.2.2/24 track_group G1 autojoin", IPADDR_STATIC,
		   "192.168.2.2/24 autojoin track_group G1");
}

static void test_values(void **state)
{
	struct ipaddr *a;
	struct ka_addr brd;
	char buf[ADDR_STRLEN];
	uint32_t lft;

	(void)state;
	a = parse_ok("192.168.1.9/24 brd +", IPADDR_STATIC);
	assert_true(ipaddr_broadcast(a, &brd));
	addr_ntop(&brd, buf, sizeof(buf));
	assert_string_equal(buf, "192.168.1.255");
	assert_false(ipaddr_preferred_lft(a, &lft));
	assert_int_equal(a->scope, -1);
	ipaddr_free(&a);
	a = parse_ok("192.168.1.9/24 brd -", IPADDR_STATIC);
	assert_true(ipaddr_broadcast(a, &brd));
	addr_ntop(&brd, buf, sizeof(buf));
	assert_string_equal(buf, "192.168.1.0");
	ipaddr_free(&a);
	/* An IPv6 /128 VIP is deprecated unless told otherwise. */
	a = parse_ok("2001:db8::9/128 -nodad", IPADDR_VIRTUAL);
	assert_true(ipaddr_preferred_lft(a, &lft));
	assert_int_equal(lft, 0);
	assert_int_equal(a->ifa_flags, IFA_F_NODAD);
	ipaddr_free(&a);
	a = parse_ok("2001:db8::9/64", IPADDR_VIRTUAL);
	assert_false(ipaddr_preferred_lft(a, &lft));
	ipaddr_free(&a);
	a = parse_ok("10.1.1.1/32 scope host", IPADDR_STATIC);
	assert_int_equal(a->scope, RT_SCOPE_HOST);
	ipaddr_free(&a);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("", IPADDR_STATIC, "no address");
	expect_error("10.0.0.300/24", IPADDR_STATIC, "is not an address");
	expect_error("10.0.0.1/33", IPADDR_STATIC, "is not an address");
	expect_error("10.0.0.1/24 dev", IPADDR_STATIC, "'dev' needs a value");
	expect_error("10.0.0.1/24 dev abcdefghijklmnopq", IPADDR_STATIC,
		     "must be 1 to 15 characters");
	expect_error("10.0.0.1/24 scope planet", IPADDR_STATIC,
		     "scope 'planet'");
	expect_error("10.0.0.1/24 brd 2001:db8::1", IPADDR_STATIC,
		     "is not an IPv4 address");
	expect_error("2001:db8::1/64 brd +", IPADDR_STATIC,
		     "'brd' is for IPv4");
	expect_error("10.0.0.1/24 preferred_lft 5", IPADDR_STATIC,
		     "'preferred_lft' is for IPv6");
	expect_error("2001:db8::1 preferred_lft soon", IPADDR_STATIC,
		     "preferred_lft 'soon' is not a number");
	expect_error("10.0.0.1 home", IPADDR_STATIC, "'home' is for IPv6");
	expect_error("10.0.0.1 peer 2001:db8::1", IPADDR_STATIC,
		     "same family");
	expect_error("10.0.0.1 no_track", IPADDR_STATIC,
		     "only for virtual addresses");
	expect_error("10.0.0.1 track_group G", IPADDR_VIRTUAL,
		     "only for static addresses");
	expect_error("10.0.0.1 frobnicate", IPADDR_STATIC,
		     "unknown address option 'frobnicate'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
