/*
 * test_parser_get.c: the bounded readers handlers use, through the test
 * tree's vrrp_instance keywords.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "test_parser_tree.h"

static int setup(void **state)
{
	(void)state;
	tp_setup("main", false);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tp_teardown();
	return 0;
}

/* Parses "vrrp_instance V { <body> }" and returns the handler lines. */
static const char *in_vi(const char *body)
{
	static char text[4096];

	snprintf(text, sizeof(text), "vrrp_instance V {\n%s\n}\n", body);
	tp_parse(text);
	return tp_log_lines("");
}

static void test_uint(void **state)
{
	(void)state;
	assert_non_null(strstr(in_vi("priority 1\npriority 255\n"
				     "priority 0\npriority 256\n"
				     "priority abc\npriority -1\n"
				     "priority 99999999999999999999999\n"
				     "priority\npriority 1x"),
			       "priority = 1\npriority = 255\n"
			       "priority = 7\npriority = 7\npriority = 7\n"
			       "priority = 7\npriority = 7\npriority = 7\n"
			       "priority = 7\n"));
	assert_string_equal(tp_diags(),
			    "E test.conf:4: priority: value '0' out of range "
			    "[1, 255]\n"
			    "E test.conf:5: priority: value '256' out of range "
			    "[1, 255]\n"
			    "E test.conf:6: priority: invalid number 'abc'\n"
			    "E test.conf:7: priority: invalid number '-1'\n"
			    "E test.conf:8: priority: value "
			    "'99999999999999999999999' out of range [1, 255]\n"
			    "E test.conf:9: priority: missing number\n"
			    "E test.conf:10: priority: invalid number '1x'\n");
	assert_int_equal(cfg_parser_worst(tp_parser()), CFG_ERROR);
}

static void test_int(void **state)
{
	(void)state;
	assert_non_null(strstr(in_vi("weight -254\nweight 254\nweight 0\n"
				     "weight -255\nweight +3\nweight -"),
			       "weight = -254\nweight = 254\nweight = 0\n"
			       "weight = 7\nweight = 3\nweight = 7\n"));
	/* "+3" is 3, as keepalived's strtol()-based reader has it */
	assert_string_equal(tp_diags(),
			    "E test.conf:5: weight: value '-255' out of range "
			    "[-254, 254]\n"
			    "E test.conf:7: weight: invalid number '-'\n");
}

static void test_bool(void **state)
{
	(void)state;
	assert_non_null(strstr(in_vi("nopreempt\nnopreempt on\n"
				     "nopreempt off\nnopreempt true\n"
				     "nopreempt false\nnopreempt yes\n"
				     "nopreempt no\nnopreempt maybe"),
			       "nopreempt = 1\nnopreempt = 1\n"
			       "nopreempt = 0\nnopreempt = 1\n"
			       "nopreempt = 0\nnopreempt = 1\n"
			       "nopreempt = 0\nnopreempt = 7\n"));
	assert_string_equal(tp_diags(),
			    "E test.conf:9: nopreempt: invalid boolean 'maybe' "
			    "(expected on|off|true|false|yes|no)\n");
}

static void test_timer(void **state)
{
	(void)state;
	assert_non_null(strstr(in_vi("advert_int 2.71828\nadvert_int 3\n"
				     "advert_int 0.001\nadvert_int .5\n"
				     "advert_int 1.1234567\n"
				     "advert_int 255\nadvert_int 255.000001\n"
				     "advert_int 0.0009\nadvert_int 1e3\n"
				     "advert_int -1\nadvert_int 1.\n"
				     "advert_int\nadvert_int 99999999999999999"),
			       "advert_int = 2718280 us\n"
			       "advert_int = 3000000 us\n"
			       "advert_int = 1000 us\n"
			       "advert_int = 500000 us\n"
			       "advert_int = 1123457 us\n"	/* rounded */
			       "advert_int = 255000000 us\n"
			       "advert_int = 7 us\nadvert_int = 7 us\n"
			       "advert_int = 7 us\nadvert_int = 7 us\n"
			       "advert_int = 1000000 us\n"
			       "advert_int = 7 us\nadvert_int = 7 us\n"));
	assert_string_equal(tp_diags(),
			    "E test.conf:8: advert_int: time '255.000001' out "
			    "of range [0.001000, 255.000000] seconds\n"
			    "E test.conf:9: advert_int: time '0.0009' out of "
			    "range [0.001000, 255.000000] seconds\n"
			    "E test.conf:10: advert_int: invalid time '1e3'\n"
			    "E test.conf:11: advert_int: invalid time '-1'\n"
			    "E test.conf:13: advert_int: missing time\n"
			    "E test.conf:14: advert_int: time "
			    "'99999999999999999' out of range [0.001000, "
			    "255.000000] seconds\n");
}

static void test_string_and_rest(void **state)
{
	(void)state;
	assert_non_null(strstr(in_vi("name \"a b\" c\nname\n"
				     "script /bin/x  'a  b'\tc\nscript"),
			       "name = [a b]\nname = [(null)]\n"
			       "script = [/bin/x a  b c]\n"
			       "script = [old]\n"));
	assert_string_equal(tp_diags(),
			    "E test.conf:3: name: missing argument\n"
			    "E test.conf:5: script: missing argument\n");
}

static void test_want_args(void **state)
{
	(void)state;
	assert_non_null(strstr(in_vi("args\nargs a\nargs a b\nargs a b c"),
			       "args ok = 0\nargs ok = 1\nargs ok = 1\n"
			       "args ok = 1\n"));
	assert_string_equal(tp_diags(),
			    "E test.conf:2: args: expected at least 1 "
			    "argument, got 0\n"
			    "N test.conf:5: args: ignoring extra argument "
			    "from 'c'\n");
}

static void test_readers_on_values_from_parameters(void **state)
{
	(void)state;
	tp_parse("$P=abc\nvrrp_instance V {\n priority $P\n}\n");
	assert_string_equal(tp_diags(), "E test.conf:3: priority: invalid "
					"number 'abc'\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_uint),
		T(test_int),
		T(test_bool),
		T(test_timer),
		T(test_string_and_rest),
		T(test_want_args),
		T(test_readers_on_values_from_parameters),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
