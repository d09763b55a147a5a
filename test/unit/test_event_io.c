/*
 * test_event_io.c: read and write readiness and their time-outs, on pipes
 * and socket pairs. Time-outs run on a fake clock; readiness is real but
 * already there when the non-blocking pass polls, so nothing sleeps.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "event.h"
#include "memory.h"

#define MAX_RUNS 16

struct fixture {
	struct clock_fake fake;
	struct event_clock clock;
	struct event_loop *loop;
	int fds[2];
	int n;
	struct event_info infos[MAX_RUNS];
	struct event *rd;
	struct event *wr;
	struct event *other;	/* cancelled by whichever runs first */
};

static int setup_pipe(void **state)
{
	struct fixture *fx = mem_new(struct fixture);

	fx->clock = clock_fake_init(&fx->fake, 500);
	fx->loop = event_loop_new(&fx->clock);
	assert_non_null(fx->loop);
	assert_int_equal(pipe2(fx->fds, O_NONBLOCK | O_CLOEXEC), 0);
	*state = fx;
	return 0;
}

static int setup_socketpair(void **state)
{
	struct fixture *fx;

	setup_pipe(state);
	fx = *state;
	close(fx->fds[0]);
	close(fx->fds[1]);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK |
				    SOCK_CLOEXEC, 0, fx->fds), 0);
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	event_loop_free(&fx->loop);
	assert_null(fx->rd);
	assert_null(fx->wr);
	if (fx->fds[0] >= 0)
		close(fx->fds[0]);
	if (fx->fds[1] >= 0)
		close(fx->fds[1]);
	mem_free(&fx);
	return 0;
}

static void record_cb(struct event_loop *loop, const struct event_info *info)
{
	struct fixture *fx = info->arg;

	(void)loop;
	assert_true(fx->n < MAX_RUNS);
	fx->infos[fx->n++] = *info;
}

static int pass(struct fixture *fx)
{
	return event_loop_run_once(fx->loop, false);
}

static void count_cb(struct event_loop *loop, const struct event_info *info)
{
	int *n = info->arg;

	(void)loop;
	(*n)++;
}

/* Many descriptors ready at once are all served in one pass, not a
 * small batch per pass behind whatever else each pass runs. */
#define MANY 300
static void test_many_ready_in_one_pass(void **state)
{
	struct fixture *fx = *state;
	struct event *ev[MANY] = { 0 };
	int p[MANY][2], ran = 0, i;

	for (i = 0; i < MANY; i++) {
		assert_int_equal(pipe2(p[i], O_NONBLOCK | O_CLOEXEC), 0);
		assert_int_equal(event_add_read(fx->loop, &ev[i], p[i][0], 0,
						count_cb, &ran), 0);
		assert_int_equal(write(p[i][1], "x", 1), 1);
	}
	assert_int_equal(pass(fx), MANY);
	assert_int_equal(ran, MANY);
	for (i = 0; i < MANY; i++) {
		assert_null(ev[i]);
		close(p[i][0]);
		close(p[i][1]);
	}
}

static void test_read_timeout(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(event_add_read(fx->loop, &fx->rd, fx->fds[0], 1000,
					record_cb, fx), 0);
	clock_fake_advance(&fx->fake, 999);
	assert_int_equal(pass(fx), 0);
	assert_non_null(fx->rd);
	clock_fake_advance(&fx->fake, 1);
	assert_int_equal(pass(fx), 1);
	assert_null(fx->rd);
	assert_int_equal(fx->infos[0].type, EVENT_READ);
	assert_int_equal(fx->infos[0].result, EVENT_TIMEDOUT);
	assert_int_equal(fx->infos[0].fd, fx->fds[0]);
	/* Gone from epoll too: data now does not wake anything. */
	assert_int_equal(write(fx->fds[1], "x", 1), 1);
	assert_int_equal(pass(fx), 0);
}

static void test_read_ready(void **state)
{
	struct fixture *fx = *state;
	char c;

	assert_int_equal(event_add_read(fx->loop, &fx->rd, fx->fds[0], 1000,
					record_cb, fx), 0);
	assert_int_equal(pass(fx), 0);
	assert_int_equal(write(fx->fds[1], "x", 1), 1);
	assert_int_equal(pass(fx), 1);
	assert_null(fx->rd);
	assert_int_equal(fx->infos[0].result, EVENT_READY);
	assert_int_equal(fx->infos[0].fd, fx->fds[0]);
	assert_int_equal(read(fx->fds[0], &c, 1), 1);
	/* The time-out went with it. */
	clock_fake_advance(&fx->fake, 5000);
	assert_int_equal(pass(fx), 0);
	assert_int_equal(fx->n, 1);
}

/* The peer closing is readiness too (EOF), not a time-out. */
static void test_read_eof(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(event_add_read(fx->loop, &fx->rd, fx->fds[0], 0,
					record_cb, fx), 0);
	close(fx->fds[1]);
	fx->fds[1] = -1;
	assert_int_equal(pass(fx), 1);
	assert_int_equal(fx->infos[0].result, EVENT_READY);
}

static void fill_pipe(int fd)
{
	char buf[4096] = { 0 };
	int i;

	for (i = 0; i < 1024; i++)
		if (write(fd, buf, sizeof(buf)) < 0)
			break;
	assert_int_equal(errno, EAGAIN);
}

static void test_write_timeout_when_full(void **state)
{
	struct fixture *fx = *state;

	fill_pipe(fx->fds[1]);
	assert_int_equal(event_add_write(fx->loop, &fx->wr, fx->fds[1], 2000,
					 record_cb, fx), 0);
	clock_fake_advance(&fx->fake, 1999);
	assert_int_equal(pass(fx), 0);
	clock_fake_advance(&fx->fake, 1);
	assert_int_equal(pass(fx), 1);
	assert_null(fx->wr);
	assert_int_equal(fx->infos[0].type, EVENT_WRITE);
	assert_int_equal(fx->infos[0].result, EVENT_TIMEDOUT);
	assert_int_equal(fx->infos[0].fd, fx->fds[1]);
}

static void test_write_ready_when_empty(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(event_add_write(fx->loop, &fx->wr, fx->fds[1], 2000,
					 record_cb, fx), 0);
	assert_int_equal(pass(fx), 1);
	assert_null(fx->wr);
	assert_int_equal(fx->infos[0].type, EVENT_WRITE);
	assert_int_equal(fx->infos[0].result, EVENT_READY);
}

/* One fd, one read and one write at once: one epoll registration. */
static void test_read_and_write_same_fd(void **state)
{
	struct fixture *fx = *state;
	struct event *again = NULL;
	char c;

	assert_int_equal(event_add_read(fx->loop, &fx->rd, fx->fds[0], 0,
					record_cb, fx), 0);
	assert_int_equal(event_add_write(fx->loop, &fx->wr, fx->fds[0], 0,
					 record_cb, fx), 0);
	assert_int_equal(event_add_read(fx->loop, &again, fx->fds[0], 0,
					record_cb, fx), -EEXIST);
	assert_null(again);
	/* A socket with room to send: the write is ready, the read is not. */
	assert_int_equal(pass(fx), 1);
	assert_int_equal(fx->infos[0].type, EVENT_WRITE);
	assert_null(fx->wr);
	assert_non_null(fx->rd);
	assert_int_equal(pass(fx), 0);
	/* Write again, cancel it: the read stays registered. */
	fill_pipe(fx->fds[0]);
	assert_int_equal(event_add_write(fx->loop, &fx->wr, fx->fds[0], 0,
					 record_cb, fx), 0);
	event_cancel(&fx->wr);
	assert_int_equal(write(fx->fds[1], "y", 1), 1);
	assert_int_equal(pass(fx), 1);
	assert_int_equal(fx->infos[1].type, EVENT_READ);
	assert_int_equal(fx->infos[1].result, EVENT_READY);
	assert_null(fx->rd);
	assert_int_equal(read(fx->fds[0], &c, 1), 1);
}

/* Both directions ready at once: both run, in the same pass. */
static void test_read_and_write_ready_together(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(event_add_write(fx->loop, &fx->wr, fx->fds[0], 0,
					 record_cb, fx), 0);
	assert_int_equal(event_add_read(fx->loop, &fx->rd, fx->fds[0], 0,
					record_cb, fx), 0);
	assert_int_equal(write(fx->fds[1], "z", 1), 1);
	assert_int_equal(pass(fx), 2);
	assert_null(fx->rd);
	assert_null(fx->wr);
	assert_int_not_equal(fx->infos[0].type, fx->infos[1].type);
	assert_int_equal(fx->infos[0].result, EVENT_READY);
	assert_int_equal(fx->infos[1].result, EVENT_READY);
}

/* Two descriptors ready in the same pass; whichever runs first cancels
 * the other, which then must not run. */
static void cancel_other_cb(struct event_loop *loop,
			    const struct event_info *info)
{
	struct fixture *fx = info->arg;

	record_cb(loop, info);
	event_cancel(&fx->rd);
	event_cancel(&fx->other);
}

static void test_cancel_ready_io_in_same_pass(void **state)
{
	struct fixture *fx = *state;
	int p2[2];

	assert_int_equal(pipe2(p2, O_NONBLOCK | O_CLOEXEC), 0);
	assert_int_equal(event_add_read(fx->loop, &fx->rd, fx->fds[0], 0,
					cancel_other_cb, fx), 0);
	assert_int_equal(event_add_read(fx->loop, &fx->other, p2[0], 0,
					cancel_other_cb, fx), 0);
	assert_int_equal(write(fx->fds[1], "x", 1), 1);
	assert_int_equal(write(p2[1], "x", 1), 1);
	assert_int_equal(pass(fx), 1);
	assert_int_equal(fx->n, 1);
	assert_null(fx->rd);
	assert_null(fx->other);
	assert_int_equal(pass(fx), 0);
	close(p2[0]);
	close(p2[1]);
}

static void test_bad_arguments(void **state)
{
	struct fixture *fx = *state;
	char path[] = "/tmp/test_event_io.XXXXXX";
	int fd = mkstemp(path);

	assert_int_equal(event_add_read(fx->loop, &fx->rd, -1, 0, record_cb, fx),
			 -EBADF);
	assert_int_equal(event_add_read(fx->loop, &fx->rd, fx->fds[0], 0, NULL,
					fx), -EINVAL);
	/* epoll refuses regular files; the handle stays NULL. */
	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(event_add_read(fx->loop, &fx->rd, fd, 0, record_cb, fx),
			 -EPERM);
	assert_null(fx->rd);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_timeout, setup_pipe,
						teardown),
		cmocka_unit_test_setup_teardown(test_read_ready, setup_pipe,
						teardown),
		cmocka_unit_test_setup_teardown(test_read_eof, setup_pipe,
						teardown),
		cmocka_unit_test_setup_teardown(test_write_timeout_when_full,
						setup_pipe, teardown),
		cmocka_unit_test_setup_teardown(test_write_ready_when_empty,
						setup_pipe, teardown),
		cmocka_unit_test_setup_teardown(test_read_and_write_same_fd,
						setup_socketpair, teardown),
		cmocka_unit_test_setup_teardown(test_read_and_write_ready_together,
						setup_socketpair, teardown),
		cmocka_unit_test_setup_teardown(test_cancel_ready_io_in_same_pass,
						setup_pipe, teardown),
		cmocka_unit_test_setup_teardown(test_many_ready_in_one_pass,
						setup_pipe, teardown),
		cmocka_unit_test_setup_teardown(test_bad_arguments, setup_pipe,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
