/*
 * test_json.c: the JSON writer: commas, escapes, UTF-8, misuse.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "json.h"

static void test_nested(void **state)
{
	struct json *j = json_new();
	size_t len = 0;

	(void)state;
	json_begin_object(j, NULL);
	json_string(j, "a", "x");
	json_int(j, "b", -3);
	json_uint(j, "c", 18446744073709551615ULL);
	json_begin_array(j, "d");
	json_bool(j, NULL, true);
	json_null(j, NULL);
	json_begin_object(j, NULL);
	json_end_object(j);
	json_begin_array(j, NULL);
	json_end_array(j);
	json_end_array(j);
	json_double(j, "e", 1.5);
	json_string(j, "f", NULL);
	json_end_object(j);
	assert_string_equal(json_text(j, &len),
			    "{\"a\":\"x\",\"b\":-3,\"c\":18446744073709551615,"
			    "\"d\":[true,null,{},[]],\"e\":1.500000,"
			    "\"f\":null}");
	assert_int_equal(len, strlen(json_text(j, NULL)));
	json_free(&j);
	assert_null(j);
	json_free(&j);
	json_free(NULL);
}

static void test_escapes(void **state)
{
	struct json *j = json_new();

	(void)state;
	json_begin_array(j, NULL);
	json_string(j, NULL, "q\"b\\n\n\t\x01");
	json_string(j, NULL, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	/* invalid: lone continuation, overlong, truncated, surrogate */
	json_string(j, NULL, "\x80|\xc0\xaf|\xe2\x82|\xed\xa0\x80");
	json_double(j, NULL, NAN);
	json_double(j, NULL, INFINITY);
	json_end_array(j);
	assert_string_equal(json_text(j, NULL),
			    "[\"q\\\"b\\\\n\\u000a\\u0009\\u0001\","
			    "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\","
			    "\"\\ufffd|\\ufffd\\ufffd|\\ufffd\\ufffd|"
			    "\\ufffd\\ufffd\\ufffd\",null,null]");
	json_free(&j);
}

static void test_keys_escaped(void **state)
{
	struct json *j = json_new();

	(void)state;
	json_begin_object(j, NULL);
	json_int(j, "k\"", 1);
	json_end_object(j);
	assert_string_equal(json_text(j, NULL), "{\"k\\\"\":1}");
	json_free(&j);
}

typedef void misuse_fn(struct json *j);

static void key_in_array(struct json *j)
{
	json_begin_array(j, NULL);
	json_int(j, "k", 1);
	json_end_array(j);
}

static void no_key_in_object(struct json *j)
{
	json_begin_object(j, NULL);
	json_int(j, NULL, 1);
	json_end_object(j);
}

static void mismatched_end(struct json *j)
{
	json_begin_object(j, NULL);
	json_end_array(j);
}

static void unclosed(struct json *j)
{
	json_begin_object(j, NULL);
	json_begin_array(j, "a");
	json_end_array(j);
}

static void two_top_values(struct json *j)
{
	json_int(j, NULL, 1);
	json_int(j, NULL, 2);
}

static void key_at_top(struct json *j)
{
	json_int(j, "k", 1);
}

static void too_deep(struct json *j)
{
	int i;

	for (i = 0; i <= JSON_MAX_DEPTH; i++)
		json_begin_array(j, NULL);
	for (i = 0; i <= JSON_MAX_DEPTH; i++)
		json_end_array(j);
}

static void nothing(struct json *j)
{
	(void)j;
}

static void end_at_top(struct json *j)
{
	json_end_object(j);
}

static void test_misuse(void **state)
{
	misuse_fn *cases[] = {
		key_in_array, no_key_in_object, mismatched_end, unclosed,
		two_top_values, key_at_top, too_deep, nothing, end_at_top,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct json *j = json_new();

		cases[i](j);
		if (json_text(j, NULL))
			fail_msg("case %zu gave a document", i);
		json_free(&j);
	}
}

static void test_deep_ok_and_long(void **state)
{
	struct json *j = json_new();
	int i;

	(void)state;
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		json_begin_array(j, NULL);
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		json_end_array(j);
	assert_non_null(json_text(j, NULL));
	json_free(&j);

	j = json_new();
	json_begin_array(j, NULL);
	for (i = 0; i < 10000; i++)
		json_string(j, NULL, "abcdefghij");
	json_end_array(j);
	assert_int_equal(strlen(json_text(j, NULL)), 2 + 10000 * 13 - 1);
	json_free(&j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_keys_escaped),
		cmocka_unit_test(test_misuse),
		cmocka_unit_test(test_deep_ok_and_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
