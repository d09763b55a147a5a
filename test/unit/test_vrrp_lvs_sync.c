/*
 * Unit tests of lvs_sync_daemon's follower (keepalived/vrrp/
 * vrrp_lvs_sync.c): which daemons run in which instance state, the order
 * of stops and starts, the sync id, and what is stopped at the end. The
 * backend records the commands it gets, and answers as the kernel
 * (EEXIST for a second start, ESRCH for a stop of nothing).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "memory.h"
#include "vrrp_lvs_sync.h"

struct fake {
	struct ipvs_backend b;
	bool running[2];
	char log[512];			/* "+M5 -B " ... */
	bool *freed;
};

static struct fake *fake_of(struct ipvs_backend *b)
{
	return (struct fake *)b;
}

static void note(struct fake *f, char op, bool master, unsigned id)
{
	size_t len = strlen(f->log);

	if (id)
		snprintf(f->log + len, sizeof(f->log) - len, "%c%c%u ", op,
			 master ? 'M' : 'B', id);
	else
		snprintf(f->log + len, sizeof(f->log) - len, "%c%c ", op,
			 master ? 'M' : 'B');
}

static int f_start(struct ipvs_backend *b, const struct ipvs_sync_daemon *sd)
{
	struct fake *f = fake_of(b);

	if (f->running[sd->master])
		return -EEXIST;
	assert_string_equal(sd->ifname, "eth1");
	f->running[sd->master] = true;
	note(f, '+', sd->master, sd->syncid);
	return 0;
}

static int f_stop(struct ipvs_backend *b, bool master)
{
	struct fake *f = fake_of(b);

	if (!f->running[master])
		return -ESRCH;
	f->running[master] = false;
	note(f, '-', master, 0);
	return 0;
}

static void f_free(struct ipvs_backend *b)
{
	*fake_of(b)->freed = true;
}

static const struct ipvs_backend_ops fake_ops = {
	.name = "fake",
	.sync_start = f_start,
	.sync_stop = f_stop,
	.free = f_free,
};

static struct fake F;
static bool freed;

static struct ipvs_backend *fake_new(void)
{
	memset(&F, 0, sizeof(F));
	F.b.ops = &fake_ops;
	freed = false;
	F.freed = &freed;
	return &F.b;
}

static void test_want(void **state)
{
	bool m, b;

	(void)state;
	vrrp_lvs_sync_want(true, VRRP_STATE_MASTER, &m, &b);
	assert_true(m);
	assert_false(b);
	vrrp_lvs_sync_want(true, VRRP_STATE_BACKUP, &m, &b);
	assert_false(m);
	assert_true(b);
	vrrp_lvs_sync_want(true, VRRP_STATE_FAULT, &m, &b);
	assert_false(m);
	assert_true(b);
	vrrp_lvs_sync_want(false, VRRP_STATE_BACKUP, &m, &b);
	assert_true(m);
	assert_true(b);
}

/* The instance's router id is the sync id unless "id" is given; the
 * backup stops before the master starts and the other way round. */
static void test_follows_instance(void **state)
{
	struct gd_lvs_sync c = { .interface = (char *)"eth1",
				 .vrrp_instance = (char *)"VI_1" };
	struct vrrp_lvs_sync *s = vrrp_lvs_sync_new(fake_new(), &c);

	(void)state;
	assert_non_null(s);
	vrrp_lvs_sync_start(s);
	assert_string_equal(F.log, "");
	vrrp_lvs_sync_state(s, "VI_2", 9, VRRP_STATE_MASTER);
	assert_string_equal(F.log, "");
	vrrp_lvs_sync_state(s, "VI_1", 51, VRRP_STATE_BACKUP);
	assert_string_equal(F.log, "+B51 ");
	vrrp_lvs_sync_state(s, "VI_1", 51, VRRP_STATE_MASTER);
	assert_string_equal(F.log, "+B51 -B +M51 ");
	/* Stopping an instance leaves the daemon until the child stops. */
	vrrp_lvs_sync_state(s, "VI_1", 51, VRRP_STATE_INIT);
	assert_string_equal(F.log, "+B51 -B +M51 ");
	vrrp_lvs_sync_state(s, "VI_1", 51, VRRP_STATE_FAULT);
	assert_string_equal(F.log, "+B51 -B +M51 -M +B51 ");
	vrrp_lvs_sync_free(&s);
	assert_null(s);
	assert_string_equal(F.log, "+B51 -B +M51 -M +B51 -B ");
	assert_false(F.running[0] || F.running[1]);
	assert_true(freed);
}

static void test_no_instance_runs_both(void **state)
{
	struct gd_lvs_sync c = { .interface = (char *)"eth1",
				 .syncid_set = true, .syncid = 7 };
	struct vrrp_lvs_sync *s = vrrp_lvs_sync_new(fake_new(), &c);

	(void)state;
	vrrp_lvs_sync_start(s);
	assert_string_equal(F.log, "+M7 +B7 ");
	vrrp_lvs_sync_state(s, "VI_1", 51, VRRP_STATE_BACKUP);
	assert_string_equal(F.log, "+M7 +B7 ");
	vrrp_lvs_sync_free(&s);
	assert_string_equal(F.log, "+M7 +B7 -M -B ");
}

/* A daemon already running (left by an earlier run) counts as started. */
static void test_kernel_has_it_already(void **state)
{
	struct gd_lvs_sync c = { .interface = (char *)"eth1",
				 .vrrp_instance = (char *)"VI_1",
				 .syncid_set = true, .syncid = 3 };
	struct vrrp_lvs_sync *s = vrrp_lvs_sync_new(fake_new(), &c);

	(void)state;
	F.running[1] = true;
	vrrp_lvs_sync_state(s, "VI_1", 51, VRRP_STATE_MASTER);
	assert_string_equal(F.log, "");
	vrrp_lvs_sync_free(&s);
	assert_string_equal(F.log, "-M ");
}

static void test_no_interface_and_changes(void **state)
{
	struct gd_lvs_sync none = { 0 };
	struct gd_lvs_sync c = { .interface = (char *)"eth1",
				 .vrrp_instance = (char *)"VI_1" };
	struct gd_lvs_sync c2 = c;
	struct vrrp_lvs_sync *s;

	(void)state;
	assert_null(vrrp_lvs_sync_new(fake_new(), &none));
	assert_true(freed);
	assert_false(vrrp_lvs_sync_changed(NULL, &none));
	assert_true(vrrp_lvs_sync_changed(NULL, &c));

	s = vrrp_lvs_sync_new(fake_new(), &c);
	assert_false(vrrp_lvs_sync_changed(s, &c2));
	c2.vrrp_instance = (char *)"VI_2";
	assert_true(vrrp_lvs_sync_changed(s, &c2));
	c2 = c;
	c2.port = 9000;
	assert_true(vrrp_lvs_sync_changed(s, &c2));
	c2 = c;
	c2.group = (char *)"239.0.0.9";
	assert_true(vrrp_lvs_sync_changed(s, &c2));
	assert_true(vrrp_lvs_sync_changed(s, &none));
	vrrp_lvs_sync_free(&s);
	vrrp_lvs_sync_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_want),
		cmocka_unit_test(test_follows_instance),
		cmocka_unit_test(test_no_instance_runs_both),
		cmocka_unit_test(test_kernel_has_it_already),
		cmocka_unit_test(test_no_interface_and_changes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
