/*
 * test_child_caps.c: the capability sets of the children and their
 * names; and that lowering to a superset of what we hold changes nothing
 * (the test may run as any user).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <linux/capability.h>
#include <cmocka.h>

#include "child_caps.h"

#define BIT(c) ((uint64_t)1 << (c))

static void vrrp_keeps_its_sockets_and_scripts(void **state)
{
	uint64_t m = child_caps_needed(CHILD_VRRP);

	(void)state;
	assert_true(m & BIT(CAP_NET_RAW));
	assert_true(m & BIT(CAP_NET_ADMIN));
	assert_true(m & BIT(CAP_SETUID));
	assert_true(m & BIT(CAP_SETGID));
	assert_true(m & BIT(CAP_KILL));
	assert_true(m & BIT(CAP_SYS_ADMIN));	/* setns for track_process */
	assert_false(m & BIT(CAP_SYS_MODULE));
	assert_false(m & BIT(CAP_NET_BIND_SERVICE));
	assert_false(m & BIT(CAP_SETPCAP));
}

static void checker_keeps_ipvs_and_ping(void **state)
{
	uint64_t m = child_caps_needed(CHILD_CHECKER);

	(void)state;
	assert_true(m & BIT(CAP_NET_ADMIN));
	assert_true(m & BIT(CAP_NET_RAW));
	assert_true(m & BIT(CAP_NET_BIND_SERVICE));
	assert_true(m & BIT(CAP_SETUID));
	assert_false(m & BIT(CAP_SYS_ADMIN));
	assert_false(m & BIT(CAP_SYS_PTRACE));
	assert_false(m & BIT(CAP_SYS_MODULE));
}

static void names_in_capability_order(void **state)
{
	char buf[128];

	(void)state;
	assert_int_equal(child_caps_names(BIT(CAP_NET_RAW) |
					  BIT(CAP_CHOWN), buf, sizeof(buf)),
			 (int)strlen("cap_chown,cap_net_raw"));
	assert_string_equal(buf, "cap_chown,cap_net_raw");
	child_caps_names(BIT(60), buf, sizeof(buf));
	assert_string_equal(buf, "cap_60");
	child_caps_names(0, buf, sizeof(buf));
	assert_string_equal(buf, "");
}

static void names_truncate_and_count(void **state)
{
	char buf[8];
	int n;

	(void)state;
	n = child_caps_names(BIT(CAP_NET_ADMIN) | BIT(CAP_NET_RAW), buf,
			     sizeof(buf));
	assert_int_equal(n, (int)strlen("cap_net_admin,cap_net_raw"));
	assert_string_equal(buf, "cap_net");
	assert_int_equal(child_caps_names(BIT(CAP_KILL), NULL, 0),
			 (int)strlen("cap_kill"));
}

static void restrict_to_everything_is_a_no_op(void **state)
{
	(void)state;
	assert_int_equal(child_caps_restrict(UINT64_MAX), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vrrp_keeps_its_sockets_and_scripts),
		cmocka_unit_test(checker_keeps_ipvs_and_ping),
		cmocka_unit_test(names_in_capability_order),
		cmocka_unit_test(names_truncate_and_count),
		cmocka_unit_test(restrict_to_everything_is_a_no_op),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
