/*
 * test_event_child.c: child exit and child time-out through pidfds, and
 * signals through signalfd, on the real clock. Every wait is bounded by a
 * guard timer (5 s); every child started here is killed and reaped by pid
 * before the test ends, whatever happens.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "event.h"
#include "memory.h"
#include "spawn.h"

#define GUARD_US 5000000u
#define MAX_KIDS 4

struct fixture {
	struct event_loop *loop;
	pid_t kids[MAX_KIDS];	/* started, not yet known to be reaped */
	int n;
	struct event_info infos[8];
	struct event *child;
	struct event *guard;
	bool guard_fired;
};

static int setup(void **state)
{
	struct fixture *fx = mem_new(struct fixture);

	fx->loop = event_loop_new(NULL);
	assert_non_null(fx->loop);
	*state = fx;
	return 0;
}

/* Waits for "pid" for up to 5 s, polling; returns the pid or 0/-1. */
static pid_t wait_bounded(pid_t pid, int *status)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	pid_t ret = 0;
	int i;

	for (i = 0; i < 500 && ret == 0; i++) {
		ret = waitpid(pid, status, WNOHANG);
		if (ret == 0)
			nanosleep(&tick, NULL);
	}
	return ret;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int i, status;

	event_loop_free(&fx->loop);
	for (i = 0; i < MAX_KIDS; i++) {
		if (fx->kids[i] <= 0)
			continue;
		kill(fx->kids[i], SIGKILL);
		wait_bounded(fx->kids[i], &status);
	}
	mem_free(&fx);
	return 0;
}

static pid_t start(struct fixture *fx, int slot, const char *cmdline)
{
	struct spawn_opts opts;
	char **argv = NULL;
	pid_t pid = -1;

	assert_int_equal(spawn_argv_split(cmdline, &argv), 0);
	spawn_opts_init(&opts, argv);
	assert_int_equal(spawn_process(&opts, &pid), 0);
	spawn_argv_free(&argv);
	assert_true(pid > 0);
	fx->kids[slot] = pid;
	return pid;
}

static void record_cb(struct event_loop *loop, const struct event_info *info)
{
	struct fixture *fx = info->arg;

	(void)loop;
	assert_true(fx->n < 8);
	fx->infos[fx->n++] = *info;
}

static void guard_cb(struct event_loop *loop, const struct event_info *info)
{
	struct fixture *fx = info->arg;

	fx->guard_fired = true;
	event_loop_stop(loop);
}

/* Runs blocking passes until n callbacks have been recorded or 5 s. */
static void run_until(struct fixture *fx, int n)
{
	assert_int_equal(event_add_timer(fx->loop, &fx->guard, GUARD_US,
					 guard_cb, fx), 0);
	while (fx->n < n && !fx->guard_fired)
		assert_true(event_loop_run_once(fx->loop, true) >= 0);
	event_cancel(&fx->guard);
	assert_false(fx->guard_fired);
}

static void test_child_exit_status(void **state)
{
	struct fixture *fx = *state;
	pid_t pid = start(fx, 0, "/bin/sh -c 'exit 3'");

	assert_int_equal(event_add_child(fx->loop, &fx->child, pid, GUARD_US,
					 record_cb, fx), 0);
	run_until(fx, 1);
	assert_null(fx->child);
	assert_int_equal(fx->infos[0].type, EVENT_CHILD);
	assert_int_equal(fx->infos[0].result, EVENT_READY);
	assert_int_equal(fx->infos[0].pid, pid);
	assert_int_equal(fx->infos[0].error, 0);
	assert_true(WIFEXITED(fx->infos[0].wait_status));
	assert_int_equal(WEXITSTATUS(fx->infos[0].wait_status), 3);
	/* Reaped by the loop: no such child any more. */
	assert_int_equal(waitpid(pid, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
	fx->kids[0] = 0;
}

/* Times out, gets killed by pid, and is reaped by a second child event. */
static void kill_and_rewatch_cb(struct event_loop *loop,
				const struct event_info *info)
{
	struct fixture *fx = info->arg;

	record_cb(loop, info);
	if (info->result != EVENT_TIMEDOUT)
		return;
	assert_int_equal(kill(info->pid, SIGKILL), 0);
	assert_int_equal(event_add_child(loop, &fx->child, info->pid, GUARD_US,
					 record_cb, fx), 0);
}

static void test_child_timeout_then_reap(void **state)
{
	struct fixture *fx = *state;
	pid_t pid = start(fx, 0, "sleep 10");

	assert_int_equal(event_add_child(fx->loop, &fx->child, pid, 50000,
					 kill_and_rewatch_cb, fx), 0);
	run_until(fx, 2);
	assert_int_equal(fx->infos[0].result, EVENT_TIMEDOUT);
	assert_int_equal(fx->infos[0].pid, pid);
	assert_int_equal(fx->infos[1].result, EVENT_READY);
	assert_int_equal(fx->infos[1].pid, pid);
	assert_true(WIFSIGNALED(fx->infos[1].wait_status));
	assert_int_equal(WTERMSIG(fx->infos[1].wait_status), SIGKILL);
	assert_null(fx->child);
	assert_int_equal(kill(pid, 0), -1);
	assert_int_equal(errno, ESRCH);
	fx->kids[0] = 0;
}

/* The loop leaves alone the children it was not asked about. */
static void test_other_children_not_reaped(void **state)
{
	struct fixture *fx = *state;
	/* Older than the watched one: a waitpid(-1) would find it first. */
	pid_t other = start(fx, 1, "/bin/sh -c 'exit 2'");
	pid_t watched = start(fx, 0, "/bin/sh -c 'exit 1'");
	int status = 0;

	/* Let the other one finish first, so it is a zombie during the run. */
	assert_int_equal(waitid(P_PID, (id_t)other, &(siginfo_t){ 0 },
				WEXITED | WNOWAIT), 0);
	assert_int_equal(event_add_child(fx->loop, &fx->child, watched, GUARD_US,
					 record_cb, fx), 0);
	run_until(fx, 1);
	fx->kids[0] = 0;
	assert_int_equal(fx->infos[0].pid, watched);
	assert_int_equal(WEXITSTATUS(fx->infos[0].wait_status), 1);
	assert_int_equal(wait_bounded(other, &status), other);
	fx->kids[1] = 0;
	assert_int_equal(WEXITSTATUS(status), 2);
}

static void test_child_bad_pid(void **state)
{
	struct fixture *fx = *state;
	pid_t pid = start(fx, 0, "/bin/sh -c 'exit 0'");
	int status;

	assert_int_equal(wait_bounded(pid, &status), pid);
	fx->kids[0] = 0;
	/* Reaped already: nothing to watch. */
	assert_int_equal(event_add_child(fx->loop, &fx->child, pid, 0, record_cb,
					 fx), -ESRCH);
	assert_null(fx->child);
	assert_int_equal(event_add_child(fx->loop, &fx->child, 0, 0, record_cb,
					 fx), -EINVAL);
}

static bool blocked(int signo)
{
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	return sigismember(&now, signo);
}

static void test_signal_delivery(void **state)
{
	struct fixture *fx = *state;
	struct event_loop_stats st;

	assert_false(blocked(SIGUSR1));
	assert_int_equal(event_add_signal(fx->loop, SIGUSR1, record_cb, fx), 0);
	assert_int_equal(event_add_signal(fx->loop, SIGUSR1, record_cb, fx),
			 -EEXIST);
	assert_int_equal(event_add_signal(fx->loop, SIGKILL, record_cb, fx),
			 -EINVAL);
	assert_true(blocked(SIGUSR1));
	event_loop_get_stats(fx->loop, &st);
	assert_int_equal(st.signals, 1);
	assert_int_equal(raise(SIGUSR1), 0);
	run_until(fx, 1);
	assert_int_equal(fx->infos[0].type, EVENT_SIGNAL);
	assert_int_equal(fx->infos[0].signo, SIGUSR1);
	assert_int_equal(fx->infos[0].pid, getpid());
	assert_ptr_equal(fx->infos[0].arg, fx);
	/* Persistent: a second one arrives too. */
	assert_int_equal(raise(SIGUSR1), 0);
	run_until(fx, 2);
	assert_int_equal(fx->infos[1].signo, SIGUSR1);
	assert_int_equal(event_del_signal(fx->loop, SIGUSR1), 0);
	assert_false(blocked(SIGUSR1));
	assert_int_equal(event_del_signal(fx->loop, SIGUSR1), -ENOENT);
}

/* Deleted from its own callback; a signal pending at deletion is dropped
 * rather than delivered with its default action (which would kill us). */
static void del_self_cb(struct event_loop *loop, const struct event_info *info)
{
	record_cb(loop, info);
	assert_int_equal(event_del_signal(loop, info->signo), 0);
}

static void test_signal_del_in_callback(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(event_add_signal(fx->loop, SIGUSR2, del_self_cb, fx), 0);
	assert_int_equal(raise(SIGUSR2), 0);
	run_until(fx, 1);
	assert_int_equal(fx->infos[0].signo, SIGUSR2);
	assert_false(blocked(SIGUSR2));

	assert_int_equal(event_add_signal(fx->loop, SIGUSR2, record_cb, fx), 0);
	assert_int_equal(raise(SIGUSR2), 0);
	assert_int_equal(event_del_signal(fx->loop, SIGUSR2), 0);
	assert_false(blocked(SIGUSR2));
	assert_int_equal(fx->n, 1);
}

/* A signal that was blocked before stays blocked after delete and free. */
static void test_signal_mask_restored_on_free(void **state)
{
	struct fixture *fx = *state;
	sigset_t one;

	sigemptyset(&one);
	sigaddset(&one, SIGHUP);
	assert_int_equal(sigprocmask(SIG_BLOCK, &one, NULL), 0);
	assert_int_equal(event_add_signal(fx->loop, SIGHUP, record_cb, fx), 0);
	assert_int_equal(event_add_signal(fx->loop, SIGUSR1, record_cb, fx), 0);
	event_loop_free(&fx->loop);
	assert_true(blocked(SIGHUP));
	assert_false(blocked(SIGUSR1));
	assert_int_equal(sigprocmask(SIG_UNBLOCK, &one, NULL), 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_child_exit_status),
		T(test_child_timeout_then_reap),
		T(test_other_children_not_reaped),
		T(test_child_bad_pid),
		T(test_signal_delivery),
		T(test_signal_del_in_callback),
		T(test_signal_mask_restored_on_free),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
