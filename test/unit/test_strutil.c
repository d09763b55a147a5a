/* Unit tests of lib/strutil.c: the number readers of the parsers. */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#include "strutil.h"

#define UNTOUCHED 0xdeadbeefUL

static void ulong_ok(const char *s, unsigned long min, unsigned long max,
		     unsigned long want)
{
	unsigned long v = UNTOUCHED;

	assert_int_equal(str_to_ulong(s, min, max, &v), 0);
	assert_true(v == want);
}

static void ulong_err(const char *s, unsigned long min, unsigned long max,
		      int err)
{
	unsigned long v = UNTOUCHED;

	assert_int_equal(str_to_ulong(s, min, max, &v), err);
	assert_true(v == UNTOUCHED);
}

static void test_ulong(void **state)
{
	(void)state;
	ulong_ok("0", 0, 10, 0);
	ulong_ok("10", 0, 10, 10);
	ulong_ok("007", 0, 10, 7);
	ulong_ok("255", 1, 255, 255);
	ulong_ok("18446744073709551615", 0, ULONG_MAX, ULONG_MAX);

	ulong_err("", 0, 10, -EINVAL);
	ulong_err(NULL, 0, 10, -EINVAL);
	ulong_err("-1", 0, ULONG_MAX, -EINVAL);
	ulong_err("+1", 0, 10, -EINVAL);
	ulong_err(" 1", 0, 10, -EINVAL);
	ulong_err("1 ", 0, 10, -EINVAL);
	ulong_err("1x", 0, 10, -EINVAL);
	ulong_err("0x10", 0, 100, -EINVAL);
	ulong_err("1.5", 0, 10, -EINVAL);
	ulong_err("abc", 0, 10, -EINVAL);

	ulong_err("11", 0, 10, -ERANGE);
	ulong_err("0", 1, 10, -ERANGE);
	ulong_err("256", 1, 255, -ERANGE);
	ulong_err("18446744073709551616", 0, ULONG_MAX, -ERANGE);
	ulong_err("99999999999999999999999", 0, ULONG_MAX, -ERANGE);
}

static void test_ulong_base(void **state)
{
	unsigned long v = UNTOUCHED;

	(void)state;
	assert_int_equal(str_to_ulong_base("0x1F", 16, 0, 255, &v), 0);
	assert_true(v == 31);
	assert_int_equal(str_to_ulong_base("ff", 16, 0, 255, &v), 0);
	assert_true(v == 255);
	assert_int_equal(str_to_ulong_base("0XaB", 0, 0, 255, &v), 0);
	assert_true(v == 0xab);
	/* base 0: a leading zero is still decimal */
	assert_int_equal(str_to_ulong_base("010", 0, 0, 255, &v), 0);
	assert_true(v == 10);
	assert_int_equal(str_to_ulong_base("017", 8, 0, 255, &v), 0);
	assert_true(v == 15);

	v = UNTOUCHED;
	assert_int_equal(str_to_ulong_base("0x", 16, 0, 255, &v), -EINVAL);
	assert_int_equal(str_to_ulong_base("0x", 0, 0, 255, &v), -EINVAL);
	assert_int_equal(str_to_ulong_base("fg", 16, 0, 255, &v), -EINVAL);
	assert_int_equal(str_to_ulong_base("8", 8, 0, 255, &v), -EINVAL);
	assert_int_equal(str_to_ulong_base("-0x1", 16, 0, 255, &v), -EINVAL);
	assert_int_equal(str_to_ulong_base("10", 2, 0, 255, &v), -EINVAL);
	assert_int_equal(str_to_ulong_base("0x100", 16, 0, 255, &v), -ERANGE);
	assert_int_equal(str_to_ulong_base("0x10000000000000000", 16, 0,
					   ULONG_MAX, &v), -ERANGE);
	assert_true(v == UNTOUCHED);
}

static void test_long(void **state)
{
	long v = 12345;

	(void)state;
	assert_int_equal(str_to_long("-20", -20, 19, &v), 0);
	assert_int_equal(v, -20);
	assert_int_equal(str_to_long("+19", -20, 19, &v), 0);
	assert_int_equal(v, 19);
	assert_int_equal(str_to_long("0", -20, 19, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(str_to_long("-9223372036854775808", LONG_MIN, LONG_MAX,
				     &v), 0);
	assert_true(v == LONG_MIN);

	v = 12345;
	assert_int_equal(str_to_long("-21", -20, 19, &v), -ERANGE);
	assert_int_equal(str_to_long("20", -20, 19, &v), -ERANGE);
	assert_int_equal(str_to_long("9223372036854775808", LONG_MIN, LONG_MAX,
				     &v), -ERANGE);
	assert_int_equal(str_to_long("-9223372036854775809", LONG_MIN,
				     LONG_MAX, &v), -ERANGE);
	assert_int_equal(str_to_long("", -20, 19, &v), -EINVAL);
	assert_int_equal(str_to_long("-", -20, 19, &v), -EINVAL);
	assert_int_equal(str_to_long("--1", -20, 19, &v), -EINVAL);
	assert_int_equal(str_to_long("+-1", -20, 19, &v), -EINVAL);
	assert_int_equal(str_to_long(" -1", -20, 19, &v), -EINVAL);
	assert_int_equal(str_to_long("1a", -20, 19, &v), -EINVAL);
	assert_int_equal(v, 12345);
}

static void test_bool(void **state)
{
	static const char *const yes[] = { "on", "true", "yes", "ON", "True",
					   "YeS" };
	static const char *const no[] = { "off", "false", "no", "OFF", "False",
					  "nO" };
	static const char *const bad[] = { "", "1", "0", "y", "n", "onn",
					   "yes ", " no", "enable" };
	size_t i;
	bool b;

	(void)state;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		b = false;
		assert_int_equal(str_to_bool(yes[i], &b), 0);
		assert_true(b);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		b = true;
		assert_int_equal(str_to_bool(no[i], &b), 0);
		assert_false(b);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		b = true;
		assert_int_equal(str_to_bool(bad[i], &b), -EINVAL);
		assert_true(b);
	}
	assert_int_equal(str_to_bool(NULL, &b), -EINVAL);
}

static void timer_ok(const char *s, uint64_t want)
{
	uint64_t v = 42;

	assert_int_equal(str_to_timer_us(s, 0, UINT64_MAX, &v), 0);
	assert_true(v == want);
}

static void timer_err(const char *s, uint64_t min, uint64_t max, int err)
{
	uint64_t v = 42;

	assert_int_equal(str_to_timer_us(s, min, max, &v), err);
	assert_true(v == 42);
}

static void test_timer(void **state)
{
	(void)state;
	timer_ok("3", 3000000);
	timer_ok("0", 0);
	timer_ok("2.71828", 2718280);
	timer_ok("0.5", 500000);
	timer_ok(".5", 500000);
	timer_ok("3.", 3000000);
	timer_ok("1.000001", 1000001);
	timer_ok("0.000001", 1);
	timer_ok("007.25", 7250000);
	/* past the sixth decimal: round half up */
	timer_ok("0.0000004", 0);
	timer_ok("0.0000005", 1);
	timer_ok("0.00000049999", 0);
	timer_ok("1.2345675", 1234568);
	timer_ok("0.9999995", 1000000);
	timer_ok("18446744073709.551615", UINT64_MAX);

	timer_err("", 0, UINT64_MAX, -EINVAL);
	timer_err(NULL, 0, UINT64_MAX, -EINVAL);
	timer_err(".", 0, UINT64_MAX, -EINVAL);
	timer_err("-1", 0, UINT64_MAX, -EINVAL);
	timer_err("+1", 0, UINT64_MAX, -EINVAL);
	timer_err("1..2", 0, UINT64_MAX, -EINVAL);
	timer_err("1.2.3", 0, UINT64_MAX, -EINVAL);
	timer_err("1e3", 0, UINT64_MAX, -EINVAL);
	timer_err("1s", 0, UINT64_MAX, -EINVAL);
	timer_err(" 1", 0, UINT64_MAX, -EINVAL);
	timer_err("1.5 ", 0, UINT64_MAX, -EINVAL);
	timer_err("0x10", 0, UINT64_MAX, -EINVAL);

	timer_err("18446744073709.551616", 0, UINT64_MAX, -ERANGE);
	timer_err("18446744073710", 0, UINT64_MAX, -ERANGE);
	timer_err("99999999999999999999999", 0, UINT64_MAX, -ERANGE);
	timer_err("256", 0, 255000000, -ERANGE);
	timer_err("255.000001", 0, 255000000, -ERANGE);
	timer_err("0.009", 10000, 255000000, -ERANGE);
}

static void test_octal_mode(void **state)
{
	mode_t m = 01234;

	(void)state;
	assert_int_equal(str_to_octal_mode("022", &m), 0);
	assert_int_equal(m, 022);
	assert_int_equal(str_to_octal_mode("0077", &m), 0);
	assert_int_equal(m, 077);
	assert_int_equal(str_to_octal_mode("7", &m), 0);
	assert_int_equal(m, 07);
	assert_int_equal(str_to_octal_mode("777", &m), 0);
	assert_int_equal(m, 0777);
	assert_int_equal(str_to_octal_mode("0", &m), 0);
	assert_int_equal(m, 0);

	m = 01234;
	assert_int_equal(str_to_octal_mode("8", &m), -EINVAL);
	assert_int_equal(str_to_octal_mode("0x1f", &m), -EINVAL);
	assert_int_equal(str_to_octal_mode("", &m), -EINVAL);
	assert_int_equal(str_to_octal_mode("-022", &m), -EINVAL);
	assert_int_equal(str_to_octal_mode("1000", &m), -ERANGE);
	assert_int_equal(m, 01234);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ulong),
		cmocka_unit_test(test_ulong_base),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_timer),
		cmocka_unit_test(test_octal_mode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
