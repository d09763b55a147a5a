/* Unit tests of keepalived/core/rule.c: static_rules and virtual_rules
 * lines, printout and bad input. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <linux/fib_rules.h>

#include "nl_names.h"
#include "rule.h"
#include "test_nl_util.h"

static struct rule *parse_ok(const char *line, enum rule_ctx ctx)
{
	struct nl_names *names = nl_names_new();
	struct test_words tw;
	struct rule *r = NULL;
	char err[256];

	nl_names_add_text(names, NL_NAMES_TABLE, "77 small\n");
	test_split(&tw, line);
	if (rule_parse(tw.w, tw.n, ctx, names, &r, err, sizeof(err)) < 0)
		fail_msg("\"%s\": %s", line, err);
	nl_names_free(&names);
	return r;
}

static void expect_error(const char *line, const char *msg)
{
	struct test_words tw;
	struct rule *r = NULL;
	char err[256];

	test_split(&tw, line);
	assert_int_equal(rule_parse(tw.w, tw.n, RULE_STATIC, NULL, &r, err,
				    sizeof(err)), -EINVAL);
	assert_null(r);
	if (!strstr(err, msg))
		fail_msg("\"%s\": got \"%s\", want \"%s\"", line, err, msg);
}

static void round_trip(const char *in, enum rule_ctx ctx, const char *out)
{
	struct rule *r = parse_ok(in, ctx), *b;
	char buf[RULE_LINE_MAX], again[RULE_LINE_MAX];

	assert_int_equal(rule_format(r, NULL, buf, sizeof(buf)), 0);
	assert_string_equal(buf, out);
	b = parse_ok(buf, ctx);
	assert_int_equal(rule_format(b, NULL, again, sizeof(again)), 0);
	assert_string_equal(again, buf);
	rule_free(&r);
	rule_free(&b);
}

static void test_forms(void **state)
{
	(void)state;
	round_trip("from 192.168.2.0/24 table 1 track_group GROUP1",
		   RULE_STATIC,
		   "from 192.168.2.0/24 table 1 track_group GROUP1");
	round_trip("to 192.168.2.0/24 table 1 no_track", RULE_VIRTUAL,
		   "to 192.168.2.0/24 table 1 no_track");
	/* keepalived.conf(5)'s examples */
	round_trip("from 192.168.28.0/24 to 192.168.29.0/26 table small iif "
		   "p33p1 oif wlan0 tos 22 fwmark 24/12 preference 39 realms "
		   "30/20 goto 40", RULE_STATIC,
		   "from 192.168.28.0/24 to 192.168.29.0/26 tos 0x16 fwmark "
		   "0x18/0xc iif p33p1 oif wlan0 table 77 goto 40 priority 39 "
		   "realms 30/20");
	round_trip("to 1:2:3:4:5:6:7:0/112 from 7:6:5:4:3:2::/96 table 6908 "
		   "uidrange 10000-19999", RULE_STATIC,
		   "from 7:6:5:4:3:2::/96 to 1:2:3:4:5:6:7:0/112 uidrange "
		   "10000-19999 table 6908");
	round_trip("to 1:2:3:4:6:6:7:0/112 from 8:6:5:4:3:2::/96 l3mdev "
		   "protocol 12 ip_proto UDP sport 10-20 dport 20-30",
		   RULE_STATIC, "from 8:6:5:4:3:2::/96 to 1:2:3:4:6:6:7:0/112 "
		   "ipproto 17 sport 10-20 dport 20-30 l3mdev protocol 12");
	round_trip("not from all fwmark 0x1 priority 5 blackhole", RULE_STATIC,
		   "not fwmark 0x1 blackhole priority 5");
	round_trip("from all inet6 lookup main suppress_prefixlength 0",
		   RULE_STATIC, "inet6 table 254 suppress_prefixlength 0");
}

static void test_values(void **state)
{
	struct rule *r;

	(void)state;
	r = parse_ok("from 10.0.0.0/8 table 5", RULE_STATIC);
	assert_int_equal(r->family, AF_INET);
	assert_int_equal(r->action, FR_ACT_TO_TBL);
	assert_false(r->priority_set);
	assert_int_equal(rule_protocol(r), 18);
	rule_free(&r);
	r = parse_ok("iif eth0 l3mdev", RULE_STATIC);
	assert_int_equal(r->action, FR_ACT_TO_TBL);
	assert_int_equal(r->table, 0);
	assert_true(r->l3mdev);
	rule_free(&r);
	r = parse_ok("priority 10 goto 20", RULE_STATIC);
	assert_int_equal(r->action, FR_ACT_GOTO);
	assert_int_equal(r->goto_target, 20);
	rule_free(&r);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("from 10.0.0.0/8", "no action");
	expect_error("from 10.0.0.1/8 table 1", "host bits set");
	expect_error("from 10.0.0.0/8 to 2001:db8::/32 table 1",
		     "different families");
	expect_error("from 10.0.0.0/8 inet6 table 1", "inet6 with an IPv4");
	expect_error("table 0", "table 0 is not a table");
	expect_error("table main", "table 'main' is not a number");
	expect_error("table 1 blackhole", "another action");
	expect_error("table 1 l3mdev", "l3mdev and table together");
	expect_error("table 1 fwmark 0x1/zz", "fwmark '0x1/zz'");
	expect_error("table 1 sport 20-10", "sport '20-10' is not N or N-M");
	expect_error("table 1 ipproto bogus", "ipproto 'bogus'");
	expect_error("table 1 nat 10.0.0.1", "rule option 'nat' is not "
		     "supported");
	expect_error("table 1 frob", "unknown rule option 'frob'");
	expect_error("table 1 no_track", "only for virtual rules");
	expect_error("table 1 priority", "'priority' needs a value");
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
