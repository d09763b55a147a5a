/*
 * check_tcp.c: TCP_CHECK. One attempt is a non-blocking connect that
 * must complete within connect_timeout; the socket is then closed at
 * once, without lingering (check_sock.h).
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "check_sock.h"
#include "memory.h"

struct tcp_attempt {
	int fd;
	struct event *ev;
	int err;		/* connect() failed at once */
};

static void attempt_free(struct checker *ck)
{
	struct tcp_attempt *a = ck->priv;

	if (!a)
		return;
	event_cancel(&a->ev);
	ck_sock_close(&a->fd);
	mem_free(&ck->priv);
}

static void on_connected(struct event_loop *loop,
			 const struct event_info *info)
{
	struct checker *ck = info->arg;
	struct tcp_attempt *a = ck->priv;
	int r;

	(void)loop;
	if (info->type == EVENT_QUEUED) {
		r = a->err;
		attempt_free(ck);
		ck_checker_done(ck, false, "%s", strerror(-r));
		return;
	}
	if (info->result == EVENT_TIMEDOUT) {
		attempt_free(ck);
		ck_checker_done(ck, false, "timeout");
		return;
	}
	r = ck_sock_connect_result(a->fd);
	attempt_free(ck);
	if (r < 0)
		ck_checker_done(ck, false, "%s", strerror(-r));
	else
		ck_checker_done(ck, true, NULL);
}

static uint64_t timeout_us(const struct checker *ck)
{
	int64_t t = ck->conf->common.connect_timeout_us;

	return t > 0 ? (uint64_t)t : 5000000;
}

/* Errors of the connection itself, which a refused or unreachable
 * server gives at once on a local network: a failed check, not a failure
 * to start one. */
static bool connect_error(int err)
{
	return err == -ECONNREFUSED || err == -ENETUNREACH ||
	       err == -EHOSTUNREACH || err == -ECONNRESET ||
	       err == -ETIMEDOUT;
}

static int start(struct checker *ck)
{
	struct tcp_attempt *a;
	bool in_progress;
	int fd, r;

	fd = ck_sock_connect(ck, SOCK_STREAM, IPPROTO_TCP, &in_progress);
	if (fd < 0 && !connect_error(fd))
		return fd;
	a = mem_new(struct tcp_attempt);
	a->fd = fd < 0 ? -1 : fd;
	ck->priv = a;
	if (fd < 0) {
		a->err = fd;
		r = event_add_queued(ck->env->loop, &a->ev, on_connected, ck,
				     0);
		if (r < 0)
			attempt_free(ck);
		return r;
	}
	/* Connected at once (loopback) or not, the outcome is reported
	 * from the writability callback, never from here. */
	r = event_add_write(ck->env->loop, &a->ev, fd, timeout_us(ck),
			    on_connected, ck);
	if (r < 0)
		attempt_free(ck);
	return r;
}

static void stop_attempt(struct checker *ck)
{
	attempt_free(ck);
}

const struct ck_checker_ops ck_tcp_ops = {
	.type = CK_TCP,
	.start = start,
	.abort = stop_attempt,
};
