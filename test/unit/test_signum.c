/*
 * test_signum.c: --signum's table, checked against the C library's real
 * SIGRTMIN and SIGRTMAX rather than against numbers written down.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "signum.h"

static void test_fixed(void **state)
{
	(void)state;
	assert_int_equal(signum_lookup("STOP"), SIGTERM);
	assert_int_equal(signum_lookup("RELOAD"), SIGHUP);
	assert_int_equal(signum_lookup("DATA"), SIGUSR1);
	assert_int_equal(signum_lookup("STATS"), SIGUSR2);
}

static void test_realtime(void **state)
{
	(void)state;
	assert_int_equal(signum_lookup("STATS_CLEAR"), SIGRTMAX - 1);
	assert_int_equal(signum_lookup("JSON"), SIGRTMIN + 2);
	assert_true(signum_lookup("JSON") > SIGUSR2);
}

static void test_unknown(void **state)
{
	(void)state;
	assert_int_equal(signum_lookup("stop"), -EINVAL);
	assert_int_equal(signum_lookup("TDATA"), -EINVAL);
	assert_int_equal(signum_lookup(""), -EINVAL);
	assert_int_equal(signum_lookup(NULL), -EINVAL);
	assert_int_equal(signum_lookup("STOP "), -EINVAL);
}

static void count(const char *name, int sig, void *ctx)
{
	int *n = ctx;

	assert_int_equal(signum_lookup(name), sig);
	(*n)++;
}

static void test_each(void **state)
{
	int n = 0;

	(void)state;
	signum_each(count, &n);
	assert_int_equal(n, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_realtime),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_each),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
