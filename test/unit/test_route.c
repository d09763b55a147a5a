/* Unit tests of keepalived/core/route.c: static_routes and virtual_routes
 * lines, names from rt_tables/rt_protos, printout and bad input. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <linux/rtnetlink.h>

#include "nl_names.h"
#include "route.h"
#include "test_nl_util.h"

static struct nl_names *names;

static int setup(void **state)
{
	(void)state;
	names = nl_names_new();
	assert_int_equal(nl_names_add_text(names, NL_NAMES_TABLE,
					   "# comment\n100\tvips\n"
					   "bad line\n7 seven # note\n"), 2);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	nl_names_free(&names);
	return 0;
}

static struct route *parse_ok(const char *line, enum route_ctx ctx)
{
	struct test_words tw;
	struct route *r = NULL;
	char err[256];

	test_split(&tw, line);
	if (route_parse(tw.w, tw.n, ctx, names, &r, err, sizeof(err)) < 0)
		fail_msg("\"%s\": %s", line, err);
	return r;
}

static void expect_error(const char *line, const char *msg)
{
	struct test_words tw;
	struct route *r = NULL;
	char err[256];

	test_split(&tw, line);
	assert_int_equal(route_parse(tw.w, tw.n, ROUTE_STATIC, names, &r, err,
				     sizeof(err)), -EINVAL);
	assert_null(r);
	if (!strstr(err, msg))
		fail_msg("\"%s\": got \"%s\", want \"%s\"", line, err, msg);
}

static void round_trip(const char *in, enum route_ctx ctx, const char *out)
{
	struct route *r = parse_ok(in, ctx), *b;
	char buf[ROUTE_LINE_MAX], again[ROUTE_LINE_MAX];

	assert_int_equal(route_format(r, names, buf, sizeof(buf)), 0);
	assert_string_equal(buf, out);
	b = parse_ok(buf, ctx);
	assert_int_equal(route_format(b, names, again, sizeof(again)), 0);
	assert_string_equal(again, buf);
	route_free(&r);
	route_free(&b);
}

static void test_forms(void **state)
{
	(void)state;
	round_trip("192.168.2.0/24 via 192.168.1.100 dev eth0 track_group G1",
		   ROUTE_STATIC,
		   "192.168.2.0/24 via 192.168.1.100 dev eth0 track_group G1");
	round_trip("src 192.168.100.1 to 192.168.109.0/24 via 192.168.200.254 "
		   "dev eth1", ROUTE_VIRTUAL, "192.168.109.0/24 src "
		   "192.168.100.1 via 192.168.200.254 dev eth1");
	round_trip("blackhole 192.168.114.0/24", ROUTE_VIRTUAL,
		   "blackhole 192.168.114.0/24");
	round_trip("0.0.0.0/0 gw 192.168.0.1 table 100", ROUTE_VIRTUAL,
		   "0.0.0.0/0 via 192.168.0.1 table vips");
	round_trip("default via 10.0.0.1 table main metric 5 no_track",
		   ROUTE_VIRTUAL, "0.0.0.0/0 via 10.0.0.1 metric 5 no_track");
	round_trip("192.168.200.0/24 dev p33p1.2 table 6909 tos 0x04 "
		   "protocol bird scope link priority 12 mtu lock 1000 "
		   "hoplimit 100 advmss 101 rtt 102 features ecn realms 3/20",
		   ROUTE_STATIC, "192.168.200.0/24 dev p33p1.2 table 6909 "
		   "metric 12 scope link protocol bird tos 0x4 realms 3/20 "
		   "mtu lock 1000 hoplimit 100 advmss 101 rtt 102 "
		   "features ecn");
	round_trip("192.168.100.0/24 table 7 nexthop via 192.168.101.1 dev "
		   "wlan0 onlink weight 1 nexthop via 192.168.101.2 dev wlan0 "
		   "onlink weight 2", ROUTE_STATIC, "192.168.100.0/24 nexthop "
		   "via 192.168.101.1 dev wlan0 weight 1 onlink nexthop via "
		   "192.168.101.2 dev wlan0 weight 2 onlink table seven");
	round_trip("2001:470:69e9:1:2::4 dev p33p1.2 pref high expires 300 "
		   "append", ROUTE_STATIC, "2001:470:69e9:1:2::4/128 dev "
		   "p33p1.2 pref high expires 300 append");
	round_trip("unreachable default inet6", ROUTE_STATIC,
		   "unreachable ::/0");
	round_trip("2001:db8::/32 from 2001:db8:1::/48 dev eth0 prohibit",
		   ROUTE_STATIC, "prohibit 2001:db8::/32 from 2001:db8:1::/48 "
		   "dev eth0");
}

static void test_values(void **state)
{
	struct route *r;

	(void)state;
	r = parse_ok("10.0.0.0/8 dev eth0", ROUTE_STATIC);
	assert_int_equal(r->family, AF_INET);
	assert_int_equal(r->table, RT_TABLE_MAIN);
	assert_int_equal(route_scope(r), RT_SCOPE_LINK);
	assert_int_equal(route_protocol(r), RTPROT_KEEPALIVED);
	route_free(&r);
	r = parse_ok("10.0.0.0/8 via 1.2.3.4 proto 99", ROUTE_STATIC);
	assert_int_equal(route_scope(r), RT_SCOPE_UNIVERSE);
	assert_int_equal(route_protocol(r), 99);
	route_free(&r);
	r = parse_ok("throw 10.1.0.0/16 table 4294967295 rttvar 3",
		     ROUTE_STATIC);
	assert_int_equal(r->type, RTN_THROW);
	assert_int_equal(r->table, 4294967295u);
	assert_int_equal(r->metrics[0].type, RTAX_RTTVAR);
	assert_int_equal(r->metrics[0].value, 12);	/* 1/4 ms units */
	route_free(&r);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("via 10.0.0.1", "no destination");
	expect_error("10.0.0.1/8 dev eth0", "host bits set");
	expect_error("10.0.0.0/8 10.1.0.0/16", "a second destination");
	expect_error("10.0.0.0/8 via 2001:db8::1", "is not an IPv4 address "
		     "like the route");
	expect_error("10.0.0.0/8 inet6", "is not an IPv6 address");
	expect_error("10.0.0.0/8 table nosuch", "table 'nosuch' is not a "
		     "number or a known name");
	expect_error("10.0.0.0/8 protocol 256", "protocol '256'");
	expect_error("10.0.0.0/8 metric", "'metric' needs a value");
	expect_error("10.0.0.0/8 mtu 1000 mtu 1200", "'mtu' given twice");
	expect_error("10.0.0.0/8 via 10.0.0.1 or 10.0.0.2",
		     "route option 'or' is not supported");
	expect_error("10.0.0.0/8 vrf blue", "route option 'vrf' is not "
		     "supported");
	expect_error("10.0.0.0/8 frobnicate", "unknown route option "
		     "'frobnicate'");
	expect_error("10.0.0.0/8 nexthop weight 3", "needs via or dev");
	expect_error("10.0.0.0/8 via 10.0.0.1 nexthop via 10.0.0.2",
		     "nexthop with via or dev of its own");
	expect_error("10.0.0.0/8 pref high", "pref and expires are for IPv6");
	expect_error("10.0.0.0/8 no_track", "only for virtual routes");
	expect_error("10.0.0.0/8 features nope", "only ecn");
}

static void test_names(void **state)
{
	const char *dirs[] = { "/nonexistent-dir" };
	struct nl_names *n = nl_names_new();
	uint32_t v;

	(void)state;
	assert_int_equal(nl_names_load_dirs(n, dirs, 1), 0);
	assert_int_equal(nl_names_lookup(n, NL_NAMES_TABLE, "main", &v), 0);
	assert_int_equal(v, 254);
	assert_int_equal(nl_names_lookup(n, NL_NAMES_TABLE, "local", &v), 0);
	assert_int_equal(v, 255);
	assert_int_equal(nl_names_lookup(n, NL_NAMES_TABLE, "default", &v), 0);
	assert_int_equal(v, 253);
	assert_int_equal(nl_names_lookup(n, NL_NAMES_PROTO, "keepalived", &v),
			 0);
	assert_int_equal(v, 18);
	assert_int_equal(nl_names_lookup(n, NL_NAMES_TABLE, "0x10", &v), 0);
	assert_int_equal(v, 16);
	assert_int_equal(nl_names_lookup(n, NL_NAMES_PROTO, "300", &v),
			 -ERANGE);
	assert_int_equal(nl_names_lookup(NULL, NL_NAMES_TABLE, "main", &v),
			 -EINVAL);
	/* A later entry for a name wins. */
	nl_names_add_text(n, NL_NAMES_TABLE, "42 main\n");
	assert_int_equal(nl_names_lookup(n, NL_NAMES_TABLE, "main", &v), 0);
	assert_int_equal(v, 42);
	assert_string_equal(nl_names_name(n, NL_NAMES_PROTO, 12), "bird");
	assert_null(nl_names_name(n, NL_NAMES_PROTO, 250));
	nl_names_free(&n);
	assert_null(n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
