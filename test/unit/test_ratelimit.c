/* Unit tests of lib/ratelimit.c: windows, bursts and suppressed counts. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#include "ratelimit.h"

#define SEC 1000000ULL

/* Calls ratelimit_allow() n times at "now" and returns how many passed. */
static unsigned allow_n(struct ratelimit *rl, uint64_t now, unsigned n)
{
	unsigned passed = 0, missed, i;

	for (i = 0; i < n; i++) {
		missed = 12345;
		if (ratelimit_allow(rl, now, &missed))
			passed++;
		else
			assert_int_equal(missed, 0);
	}
	return passed;
}

static void test_burst_in_one_window(void **state)
{
	struct ratelimit rl = RATELIMIT_INIT(5 * SEC, 3);
	unsigned missed = 99;

	(void)state;
	assert_true(ratelimit_allow(&rl, 100 * SEC, &missed));
	assert_int_equal(missed, 0);
	assert_true(ratelimit_allow(&rl, 101 * SEC, &missed));
	assert_true(ratelimit_allow(&rl, 102 * SEC, &missed));
	assert_int_equal(missed, 0);
	assert_false(ratelimit_allow(&rl, 103 * SEC, &missed));
	assert_false(ratelimit_allow(&rl, 105 * SEC - 1, &missed));
	assert_int_equal(rl.missed, 2);
}

static void test_new_window_reports_missed(void **state)
{
	struct ratelimit rl = RATELIMIT_INIT(SEC, 2);
	unsigned missed = 99;

	(void)state;
	assert_int_equal(allow_n(&rl, 0, 10), 2);
	/* the window is [0, 1 s): still closed just before its end */
	assert_false(ratelimit_allow(&rl, SEC - 1, &missed));
	assert_int_equal(missed, 0);
	assert_true(ratelimit_allow(&rl, SEC, &missed));
	assert_int_equal(missed, 9);
	/* the count restarted with that report */
	assert_true(ratelimit_allow(&rl, SEC, &missed));
	assert_int_equal(missed, 0);
	assert_int_equal(allow_n(&rl, SEC + 10, 4), 0);
	assert_true(ratelimit_allow(&rl, 3 * SEC, &missed));
	assert_int_equal(missed, 4);
}

static void test_quiet_windows_in_between(void **state)
{
	struct ratelimit rl = RATELIMIT_INIT(SEC, 1);
	unsigned missed = 99;

	(void)state;
	assert_true(ratelimit_allow(&rl, 0, NULL));
	assert_int_equal(allow_n(&rl, 1, 3), 0);
	/* many idle windows later, the missed count is still reported */
	assert_true(ratelimit_allow(&rl, 100 * SEC + 7, &missed));
	assert_int_equal(missed, 3);
	/* the new window starts at the event that opened it */
	assert_false(ratelimit_allow(&rl, 101 * SEC + 6, &missed));
	assert_true(ratelimit_allow(&rl, 101 * SEC + 7, &missed));
	assert_int_equal(missed, 1);
}

static void test_missed_pointer_optional(void **state)
{
	struct ratelimit rl = RATELIMIT_INIT(SEC, 1);
	unsigned missed = 99;

	(void)state;
	assert_true(ratelimit_allow(&rl, 0, NULL));
	assert_false(ratelimit_allow(&rl, 1, NULL));
	assert_false(ratelimit_allow(&rl, 2, NULL));
	/* passing NULL when allowed still consumes the count */
	assert_true(ratelimit_allow(&rl, SEC, NULL));
	assert_false(ratelimit_allow(&rl, SEC + 1, NULL));
	assert_true(ratelimit_allow(&rl, 2 * SEC, &missed));
	assert_int_equal(missed, 1);
}

static void test_unconfigured_never_limits(void **state)
{
	struct ratelimit zero = { 0 };
	struct ratelimit no_burst = RATELIMIT_INIT(SEC, 0);
	struct ratelimit no_interval = RATELIMIT_INIT(0, 1);

	(void)state;
	assert_int_equal(allow_n(&zero, 0, 100), 100);
	assert_int_equal(allow_n(&no_burst, 0, 100), 100);
	assert_int_equal(allow_n(&no_interval, 0, 100), 100);
}

static void test_clock_before_window(void **state)
{
	struct ratelimit rl = RATELIMIT_INIT(SEC, 1);
	unsigned missed = 99;

	(void)state;
	assert_true(ratelimit_allow(&rl, 50 * SEC, &missed));
	assert_false(ratelimit_allow(&rl, 50 * SEC, &missed));
	/* a time before the window began opens a new window */
	assert_true(ratelimit_allow(&rl, 10 * SEC, &missed));
	assert_int_equal(missed, 1);
	assert_false(ratelimit_allow(&rl, 10 * SEC + 1, &missed));
}

static void test_missed_saturates(void **state)
{
	struct ratelimit rl = RATELIMIT_INIT(SEC, 1);
	unsigned missed = 0;

	(void)state;
	assert_true(ratelimit_allow(&rl, 0, NULL));
	rl.missed = UINT_MAX - 1;
	assert_false(ratelimit_allow(&rl, 1, NULL));
	assert_false(ratelimit_allow(&rl, 2, NULL));
	assert_int_equal(rl.missed, UINT_MAX);
	assert_true(ratelimit_allow(&rl, SEC, &missed));
	assert_int_equal(missed, UINT_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_burst_in_one_window),
		cmocka_unit_test(test_new_window_reports_missed),
		cmocka_unit_test(test_quiet_windows_in_between),
		cmocka_unit_test(test_missed_pointer_optional),
		cmocka_unit_test(test_unconfigured_never_limits),
		cmocka_unit_test(test_clock_before_window),
		cmocka_unit_test(test_missed_saturates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
