/*
 * Unit tests of the vrrp_script runner on an event loop driven by a fake
 * clock: intervals and time-outs happen when the test moves the clock,
 * while the scripts are real processes (/bin/sh) whose exits wake the
 * loop. A hung script must be killed with everything it started, and
 * count as a failure. Every wait for a real process is bounded.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "clock.h"
#include "event.h"
#include "spawn.h"
#include "vrrp_script.h"

#define SEC 1000000ULL

struct fixture {
	struct clock_fake fake;
	struct event_loop *loop;
	struct vrrp_script_set *set;
	unsigned changes;
	enum vrrp_track_status last;
	char dir[64];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct event_clock c = clock_fake_init(&f->fake, 1000 * SEC);

	f->loop = event_loop_new(&c);
	f->set = vrrp_script_set_new(f->loop);
	snprintf(f->dir, sizeof(f->dir), "/tmp/test_vrrp_script.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	vrrp_script_set_free(&f->set);
	event_loop_free(&f->loop);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static void on_change(void *ctx, const struct vrrp_script *s)
{
	struct fixture *f = ctx;

	f->changes++;
	f->last = vrrp_script_status(s);
}

static struct vrrp_script_params params(const char *name, const char *cmd)
{
	struct vrrp_script_params p = {
		.cmd = cmd, .uid = SPAWN_UID_UNCHANGED,
		.gid = SPAWN_GID_UNCHANGED, .interval_us = SEC,
		.timeout_us = 5 * SEC, .rise = 1, .fall = 1,
	};

	snprintf(p.name, sizeof(p.name), "%s", name);
	return p;
}

/* Runs passes until the run in progress is over (bounded: blocking
 * passes wake on the child's exit, or after at most the nearest fake
 * timer's delay in real time). */
static void finish_run(struct fixture *f, const struct vrrp_script *s)
{
	int i;

	for (i = 0; i < 200 && vrrp_script_pid(s); i++)
		event_loop_run_once(f->loop, true);
	assert_int_equal(vrrp_script_pid(s), 0);
}

/* The next interval: the clock moves, the timer starts a run. */
static void next_run(struct fixture *f, const struct vrrp_script *s)
{
	clock_fake_advance(&f->fake, SEC);
	event_loop_run_once(f->loop, false);
	assert_int_not_equal(vrrp_script_pid(s), 0);
	finish_run(f, s);
}

static void set_status(struct fixture *f, int code)
{
	char path[96];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/status", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "%d\n", code);
	fclose(fp);
}

static void test_rise_and_fall(void **state)
{
	struct fixture *f = *state;
	struct vrrp_script_params p;
	struct vrrp_script *s;
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "/bin/sh -c 'exit $(cat %s/status)'",
		 f->dir);
	p = params("chk", cmd);
	p.rise = 2;
	p.fall = 2;
	set_status(f, 0);
	s = vrrp_script_set_join(f->set, &p, on_change, f);
	assert_non_null(s);
	assert_int_equal(vrrp_script_status(s), VRRP_TRACK_PENDING);
	/* the first run starts on the next pass, not in join() */
	assert_int_equal(vrrp_script_pid(s), 0);
	event_loop_run_once(f->loop, false);
	finish_run(f, s);
	assert_int_equal(f->changes, 1);
	assert_int_equal(f->last, VRRP_TRACK_UP);
	set_status(f, 3);
	next_run(f, s);
	assert_int_equal(f->changes, 1);	/* one failure: not yet */
	next_run(f, s);
	assert_int_equal(f->changes, 2);
	assert_int_equal(f->last, VRRP_TRACK_DOWN);
	set_status(f, 0);
	next_run(f, s);
	next_run(f, s);
	assert_int_equal(f->changes, 3);
	assert_int_equal(f->last, VRRP_TRACK_UP);
	vrrp_script_set_leave(f->set, &s, on_change, f);
	assert_null(s);
}

static bool alive(pid_t pid)
{
	return kill(pid, 0) == 0 || errno != ESRCH;
}

static pid_t read_pid(const char *path)
{
	FILE *fp = fopen(path, "r");
	int pid = 0;

	if (!fp)
		return 0;
	if (fscanf(fp, "%d", &pid) != 1)
		pid = 0;
	fclose(fp);
	return pid;
}

/* A script that hangs, with a child of its own: at the time-out it is a
 * failure at once, and the whole group goes. */
static void test_hung_script_is_killed(void **state)
{
	struct fixture *f = *state;
	struct vrrp_script_params p;
	struct vrrp_script *s;
	char cmd[200], path[96];
	pid_t leader, child = 0;
	int i;

	snprintf(path, sizeof(path), "%s/child.pid", f->dir);
	snprintf(cmd, sizeof(cmd), "/bin/sh -c 'sleep 60 & echo $! > %s; "
		 "wait'", path);
	p = params("hang", cmd);
	p.interval_us = 10 * SEC;
	p.timeout_us = 2 * SEC;
	s = vrrp_script_set_join(f->set, &p, on_change, f);
	event_loop_run_once(f->loop, false);
	leader = vrrp_script_pid(s);
	assert_int_not_equal(leader, 0);
	for (i = 0; i < 3000 && !child; i++) {
		usleep(10000);
		child = read_pid(path);
	}
	assert_int_not_equal(child, 0);
	assert_true(alive(child));
	/* not yet: the clock has not reached the time-out */
	clock_fake_advance(&f->fake, SEC);
	event_loop_run_once(f->loop, false);
	assert_int_equal(f->changes, 0);
	clock_fake_advance(&f->fake, SEC);
	event_loop_run_once(f->loop, false);
	assert_int_equal(f->changes, 1);
	assert_int_equal(f->last, VRRP_TRACK_DOWN);
	finish_run(f, s);
	assert_false(alive(leader));
	for (i = 0; i < 3000 && alive(child); i++)
		usleep(10000);
	assert_false(alive(child));
	vrrp_script_set_leave(f->set, &s, on_change, f);
}

/* While a run lasts, the next interval is skipped, not stacked. */
static void test_no_overlapping_runs(void **state)
{
	struct fixture *f = *state;
	struct vrrp_script_params p = params("slow", "/bin/sleep 60");
	struct vrrp_script *s;
	pid_t first;

	p.timeout_us = 30 * SEC;
	s = vrrp_script_set_join(f->set, &p, on_change, f);
	event_loop_run_once(f->loop, false);
	first = vrrp_script_pid(s);
	assert_int_not_equal(first, 0);
	clock_fake_advance(&f->fake, SEC);
	event_loop_run_once(f->loop, false);
	assert_int_equal(vrrp_script_pid(s), first);
	/* leaving kills it */
	vrrp_script_set_leave(f->set, &s, on_change, f);
	assert_int_equal(waitpid(first, NULL, 0), first);
}

/* Two instances tracking the same script share one runner; a changed
 * script is another runner. */
static void test_shared_runner(void **state)
{
	struct fixture *f = *state;
	struct vrrp_script_params p = params("chk", "/bin/true");
	struct vrrp_script_params q = params("chk", "/bin/false");
	struct vrrp_script *a, *b, *c;
	int other;

	a = vrrp_script_set_join(f->set, &p, on_change, f);
	b = vrrp_script_set_join(f->set, &p, on_change, &other);
	c = vrrp_script_set_join(f->set, &q, on_change, f);
	assert_ptr_equal(a, b);
	assert_ptr_not_equal(a, c);
	vrrp_script_set_leave(f->set, &a, on_change, f);
	assert_int_equal(vrrp_script_status(b), VRRP_TRACK_PENDING);
	vrrp_script_set_leave(f->set, &b, on_change, &other);
	vrrp_script_set_leave(f->set, &c, on_change, f);
}

static void test_bad_command_line(void **state)
{
	struct fixture *f = *state;
	struct vrrp_script_params p = params("bad", "/bin/true 'unclosed");

	assert_null(vrrp_script_set_join(f->set, &p, on_change, f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rise_and_fall, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_hung_script_is_killed,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_overlapping_runs,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_shared_runner, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_command_line, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
