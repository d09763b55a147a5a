/*
 * check_udp.c: UDP_CHECK, one datagram to the real server.
 *
 * The socket is connected, so the kernel turns an ICMP error about our
 * datagram (port, host or network unreachable) into an error on the
 * socket, which the next recv() returns. With require_reply the check
 * needs a reply within connect_timeout that udp_match_reply() accepts;
 * without it the check succeeds unless such an error arrives within
 * connect_timeout (a reply ends it early, as proof of life).
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "check_sock.h"
#include "memory.h"
#include "udp_match.h"

/* The size of the random payload sent when none is configured. */
#define UDP_RANDOM_LEN 16
#define UDP_DEFAULT_TIMEOUT_US (5LL * 1000 * 1000)

struct udp_attempt {
	int fd;
	struct event *io_ev;
	int err;		/* the network refused at once */
	uint64_t deadline_us;
	uint8_t *buf;		/* the start of a reply: as much as the
				 * require_reply pattern covers */
	size_t buf_size;
};

static void udp_free(struct checker *ck)
{
	struct udp_attempt *a = ck->priv;

	if (!a)
		return;
	event_cancel(&a->io_ev);
	ck_sock_close(&a->fd);
	mem_free(&a->buf);
	mem_free(&a);
	ck->priv = NULL;
}

static void udp_finish(struct checker *ck, bool ok, const char *why)
{
	udp_free(ck);
	ck_checker_done(ck, ok, "%s", why);
}

static uint64_t udp_remaining(struct event_loop *loop,
			      const struct udp_attempt *a)
{
	uint64_t now = event_loop_now_us(loop);

	return now < a->deadline_us ? a->deadline_us - now : 0;
}

/* connect_timeout passed in silence: fine unless a reply was required. */
static void udp_timed_out(struct checker *ck)
{
	if (ck->conf->u.udp.require_reply)
		udp_finish(ck, false, "timeout");
	else
		udp_finish(ck, true, "no ICMP error");
}

static void udp_read_cb(struct event_loop *loop,
			const struct event_info *info);

static void udp_wait(struct event_loop *loop, struct checker *ck)
{
	struct udp_attempt *a = ck->priv;
	uint64_t left = udp_remaining(loop, a);

	if (left == 0) {
		udp_timed_out(ck);
		return;
	}
	if (event_add_read(loop, &a->io_ev, a->fd, left, udp_read_cb, ck) < 0)
		udp_finish(ck, false, "cannot wait for the reply");
}

/* One reply of "len" bytes, of which a->buf holds the start. */
static void udp_judge(struct checker *ck, size_t len)
{
	struct udp_attempt *a = ck->priv;
	const struct ck_udp *u = &ck->conf->u.udp;
	enum udp_match_result m;

	if (!u->require_reply) {
		udp_finish(ck, true, "reply");
		return;
	}
	m = udp_match_reply(u, a->buf, len,
			    len < a->buf_size ? len : a->buf_size, NULL);
	udp_finish(ck, m == UDP_MATCH_OK, udp_match_str(m));
}

static void udp_read_cb(struct event_loop *loop,
			const struct event_info *info)
{
	struct checker *ck = info->arg;
	struct udp_attempt *a = ck->priv;
	ssize_t n;

	if (info->result == EVENT_TIMEDOUT) {
		udp_timed_out(ck);
		return;
	}
	/* MSG_TRUNC: the datagram's real length, whatever fits. */
	do
		n = recv(a->fd, a->buf, a->buf_size,
			 MSG_DONTWAIT | MSG_TRUNC);
	while (n < 0 && errno == EINTR);
	if (n >= 0) {
		udp_judge(ck, (size_t)n);
		return;
	}
	if (errno == EAGAIN) {
		udp_wait(loop, ck);
		return;
	}
	udp_finish(ck, false, strerror(errno));
}

static void udp_write_cb(struct event_loop *loop,
			 const struct event_info *info)
{
	struct checker *ck = info->arg;
	struct udp_attempt *a = ck->priv;
	const struct ck_udp *u = &ck->conf->u.udp;
	uint8_t random_payload[UDP_RANDOM_LEN] = { 0 };
	const void *p = u->payload;
	size_t len = u->payload_len;

	if (info->result == EVENT_TIMEDOUT) {
		udp_finish(ck, false, "timeout");
		return;
	}
	if (!p) {
		/* Any bytes will do; short reads from getrandom() leave
		 * zeros, which are as good. */
		(void)getrandom(random_payload, sizeof(random_payload),
				GRND_NONBLOCK);
		p = random_payload;
		len = sizeof(random_payload);
	}
	if (send(a->fd, p, len, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
		udp_finish(ck, false, strerror(errno));
		return;
	}
	udp_wait(loop, ck);
}

/* Errors of the path to the server, which connect() on a datagram
 * socket can give at once: a failed check, not a failure to start one. */
static bool path_error(int err)
{
	return err == -ENETUNREACH || err == -EHOSTUNREACH ||
	       err == -ENETDOWN || err == -ECONNREFUSED;
}

static void udp_error_cb(struct event_loop *loop,
			const struct event_info *info)
{
	struct checker *ck = info->arg;
	struct udp_attempt *a = ck->priv;

	(void)loop;
	udp_finish(ck, false, strerror(-a->err));
}

static int udp_start(struct checker *ck)
{
	struct udp_attempt *a = mem_new(struct udp_attempt);
	const struct ck_udp *u = &ck->conf->u.udp;
	int64_t t = ck->conf->common.connect_timeout_us;
	bool in_progress;
	int r;

	a->fd = ck_sock_connect(ck, SOCK_DGRAM, IPPROTO_UDP, &in_progress);
	if (a->fd < 0 && path_error(a->fd)) {
		a->err = a->fd;
		ck->priv = a;
		r = event_add_queued(ck->env->loop, &a->io_ev, udp_error_cb,
				     ck, 0);
		if (r < 0)
			udp_free(ck);
		return r;
	}
	if (a->fd < 0) {
		r = a->fd;
		mem_free(&a);
		return r;
	}
	a->buf_size = u->reply && u->reply_len ? u->reply_len : 1;
	a->buf = mem_zalloc(a->buf_size);
	a->deadline_us = event_loop_now_us(ck->env->loop) +
			 (uint64_t)(t > 0 ? t : UDP_DEFAULT_TIMEOUT_US);
	ck->priv = a;
	r = event_add_write(ck->env->loop, &a->io_ev, a->fd,
			    udp_remaining(ck->env->loop, a), udp_write_cb, ck);
	if (r < 0)
		udp_free(ck);
	return r;
}

const struct ck_checker_ops ck_udp_ops = {
	.type = CK_UDP,
	.start = udp_start,
	.abort = udp_free,
};
