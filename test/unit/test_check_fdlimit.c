/*
 * test_check_fdlimit.c: how many descriptors the checks may need, and
 * the limits set for them (check_fdlimit.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>

#include <cmocka.h>

#include "check_data.h"
#include "check_fdlimit.h"

/* Two virtual servers: 3 real servers with one checker each, and one
 * real server with two checkers beside one with none. */
static void test_need_counts_every_checker(void **state)
{
	struct check_conf c;
	struct ck_virtual_server_conf vs[2];
	struct ck_real_server_conf rs[5];
	struct ck_checker_conf ck[5];
	int i;

	(void)state;
	list_init(&c.virtual_servers);
	for (i = 0; i < 2; i++) {
		list_init(&vs[i].real_servers);
		list_add_tail(&c.virtual_servers, &vs[i].node);
	}
	for (i = 0; i < 5; i++) {
		list_init(&rs[i].checkers);
		list_add_tail(&vs[i < 3 ? 0 : 1].real_servers, &rs[i].node);
	}
	for (i = 0; i < 3; i++)
		list_add_tail(&rs[i].checkers, &ck[i].node);
	list_add_tail(&rs[3].checkers, &ck[3].node);
	list_add_tail(&rs[3].checkers, &ck[4].node);
	assert_int_equal(ck_fd_limit_need(&c),
			 5 * CK_FDS_PER_CHECKER + CK_FDS_SPARE);
	assert_int_equal(ck_fd_limit_need(NULL), CK_FDS_SPARE);
}

/* systemd's 1024:524288 with 1,000 checkers: the soft limit rises, the
 * hard one stays. */
static void test_plan_raises_the_soft_limit(void **state)
{
	uint64_t cur = 0, max = 0;

	(void)state;
	assert_true(ck_fd_limit_plan(2064, 1024, 524288, &cur, &max));
	assert_int_equal(cur, 2064);
	assert_int_equal(max, 524288);
}

/* A hard limit below the need rises with it (root may). */
static void test_plan_raises_a_low_hard_limit(void **state)
{
	uint64_t cur = 0, max = 0;

	(void)state;
	assert_true(ck_fd_limit_plan(2064, 1024, 1024, &cur, &max));
	assert_int_equal(cur, 2064);
	assert_int_equal(max, 2064);
	assert_true(ck_fd_limit_plan(100, 64, RLIM_INFINITY, &cur, &max));
	assert_int_equal(cur, 100);
	assert_true(max == (uint64_t)RLIM_INFINITY);
}

/* Enough already, or no limit: nothing to do, and never lower. */
static void test_plan_never_lowers(void **state)
{
	uint64_t cur = 7, max = 7;

	(void)state;
	assert_false(ck_fd_limit_plan(2064, 20000, 20000, &cur, &max));
	assert_false(ck_fd_limit_plan(2064, 2064, 4096, &cur, &max));
	assert_false(ck_fd_limit_plan(2064, RLIM_INFINITY, RLIM_INFINITY,
				      &cur, &max));
	assert_int_equal(cur, 7);
	assert_int_equal(max, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_need_counts_every_checker),
		cmocka_unit_test(test_plan_raises_the_soft_limit),
		cmocka_unit_test(test_plan_raises_a_low_hard_limit),
		cmocka_unit_test(test_plan_never_lowers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
