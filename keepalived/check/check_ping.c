/*
 * check_ping.c: PING_CHECK, one ICMP or ICMPv6 echo request answered
 * within connect_timeout.
 *
 * A "ping socket" (SOCK_DGRAM, IPPROTO_ICMP) needs no privilege where
 * net.ipv4.ping_group_range lets our group use it, and the kernel then
 * hands it only the replies to its own identifier. Elsewhere the socket is
 * raw, sees every ICMP message of the namespace (narrowed by ICMP_FILTER
 * and by connect()), and the reply is told apart by identifier, sequence
 * number and data. Unlike keepalived we do not widen ping_group_range: a
 * health checker has no business changing a system setting.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <netinet/icmp6.h>

#include "check_sock.h"
#include "icmp_echo.h"
#include "memory.h"

/* <linux/icmp.h>'s ICMP_FILTER (a SOL_RAW option holding a 32-bit mask of
 * the ICMP types to drop), which cannot be included beside <net/if.h>. */
#define PING_ICMP_FILTER 1
#define PING_ICMP_ECHOREPLY 0

#define PING_DATA_LEN 32
#define PING_DEFAULT_TIMEOUT_US (5LL * 1000 * 1000)
#define PING_RX_MAX 2048

struct ping_attempt {
	int fd;
	struct event *io_ev;
	int err;		/* the network refused at once */
	uint64_t deadline_us;
	struct icmp_echo_rx rx;
	uint16_t id, seq;
	uint8_t data[PING_DATA_LEN];
};

static void ping_random(void *buf, size_t len, uint64_t salt)
{
	uint8_t *p = buf;
	size_t i;

	if (getrandom(buf, len, GRND_NONBLOCK) == (ssize_t)len)
		return;
	/* Matching needs uniqueness, not secrecy: the clock will do. */
	for (i = 0; i < len; i++)
		p[i] = (uint8_t)(salt >> (8 * (i % 8))) ^ (uint8_t)(i * 37);
}

static void ping_free(struct checker *ck)
{
	struct ping_attempt *a = ck->priv;

	if (!a)
		return;
	event_cancel(&a->io_ev);
	ck_sock_close(&a->fd);
	mem_free(&a);
	ck->priv = NULL;
}

static void ping_finish(struct checker *ck, bool ok, const char *why)
{
	ping_free(ck);
	ck_checker_done(ck, ok, "%s", why);
}

static void raw_filter(int fd, int family)
{
	/* Only a narrowing; matching does not depend on it. */
	if (family == AF_INET) {
		uint32_t drop = ~(1U << PING_ICMP_ECHOREPLY);

		(void)setsockopt(fd, SOL_RAW, PING_ICMP_FILTER, &drop,
				 sizeof(drop));
	} else {
		struct icmp6_filter f;

		ICMP6_FILTER_SETBLOCKALL(&f);
		ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &f);
		(void)setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f,
				 sizeof(f));
	}
}

static int ping_socket(const struct checker *ck, struct icmp_echo_rx *rx)
{
	struct checker target = *ck;
	int proto = ck->addr.family == AF_INET ? IPPROTO_ICMP
					       : IPPROTO_ICMPV6;
	bool in_progress;
	int fd;

	/* ICMP has no ports: connect() only fixes the peer. */
	target.port = 0;
	rx->family = ck->addr.family;
	fd = ck_sock_connect(&target, SOCK_DGRAM, proto, &in_progress);
	if (fd >= 0) {
		rx->ip_header = false;
		rx->check_id = false;
		return fd;
	}
	if (fd != -EACCES && fd != -EPERM && fd != -EPROTONOSUPPORT)
		return fd;
	fd = ck_sock_connect(&target, SOCK_RAW, proto, &in_progress);
	if (fd < 0)
		return fd;
	rx->ip_header = ck->addr.family == AF_INET;
	rx->check_id = true;
	raw_filter(fd, ck->addr.family);
	return fd;
}

static uint64_t ping_remaining(struct event_loop *loop,
			       const struct ping_attempt *a)
{
	uint64_t now = event_loop_now_us(loop);

	return now < a->deadline_us ? a->deadline_us - now : 0;
}

static void ping_read_cb(struct event_loop *loop,
			 const struct event_info *info);

static void ping_wait_reply(struct event_loop *loop, struct checker *ck)
{
	struct ping_attempt *a = ck->priv;
	uint64_t left = ping_remaining(loop, a);

	if (left == 0) {
		ping_finish(ck, false, "timeout");
		return;
	}
	if (event_add_read(loop, &a->io_ev, a->fd, left, ping_read_cb,
			   ck) < 0)
		ping_finish(ck, false, "cannot wait for the reply");
}

static void ping_read_cb(struct event_loop *loop,
			 const struct event_info *info)
{
	struct checker *ck = info->arg;
	struct ping_attempt *a = ck->priv;
	uint8_t buf[PING_RX_MAX];
	ssize_t n;

	if (info->result == EVENT_TIMEDOUT) {
		ping_finish(ck, false, "timeout");
		return;
	}
	for (;;) {
		n = recv(a->fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				break;
			ping_finish(ck, false, strerror(errno));
			return;
		}
		if (icmp_echo_match(&a->rx, buf, (size_t)n, a->id, a->seq,
				    a->data, sizeof(a->data)) == 0) {
			ping_finish(ck, true, "echo reply");
			return;
		}
	}
	ping_wait_reply(loop, ck);
}

static void ping_write_cb(struct event_loop *loop,
			  const struct event_info *info)
{
	struct checker *ck = info->arg;
	struct ping_attempt *a = ck->priv;
	uint8_t pkt[ICMP_ECHO_HDR_LEN + PING_DATA_LEN];
	int len;

	if (info->result == EVENT_TIMEDOUT) {
		ping_finish(ck, false, "timeout");
		return;
	}
	len = icmp_echo_build(a->rx.family, a->id, a->seq, a->data,
			      sizeof(a->data), pkt, sizeof(pkt));
	if (len < 0) {
		ping_finish(ck, false, strerror(-len));
		return;
	}
	if (send(a->fd, pkt, (size_t)len, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
		ping_finish(ck, false, strerror(errno));
		return;
	}
	ping_wait_reply(loop, ck);
}

/* Errors of the path to the server, which connect() on a datagram
 * socket can give at once: a failed check, not a failure to start one. */
static bool path_error(int err)
{
	return err == -ENETUNREACH || err == -EHOSTUNREACH ||
	       err == -ENETDOWN || err == -ECONNREFUSED;
}

static void ping_error_cb(struct event_loop *loop,
			const struct event_info *info)
{
	struct checker *ck = info->arg;
	struct ping_attempt *a = ck->priv;

	(void)loop;
	ping_finish(ck, false, strerror(-a->err));
}

static int ping_start(struct checker *ck)
{
	struct ping_attempt *a = mem_new(struct ping_attempt);
	int64_t t = ck->conf->common.connect_timeout_us;
	uint64_t now = event_loop_now_us(ck->env->loop);
	uint16_t ids[2];
	int r;

	a->fd = ping_socket(ck, &a->rx);
	if (a->fd < 0 && path_error(a->fd)) {
		a->err = a->fd;
		ck->priv = a;
		r = event_add_queued(ck->env->loop, &a->io_ev, ping_error_cb,
				     ck, 0);
		if (r < 0)
			ping_free(ck);
		return r;
	}
	if (a->fd < 0) {
		r = a->fd;
		mem_free(&a);
		return r;
	}
	ping_random(ids, sizeof(ids), now);
	ping_random(a->data, sizeof(a->data), now ^ (uint64_t)a->fd);
	a->id = ids[0];
	a->seq = ids[1];
	a->deadline_us = now + (uint64_t)(t > 0 ? t : PING_DEFAULT_TIMEOUT_US);
	ck->priv = a;
	r = event_add_write(ck->env->loop, &a->io_ev, a->fd,
			    ping_remaining(ck->env->loop, a), ping_write_cb,
			    ck);
	if (r < 0)
		ping_free(ck);
	return r;
}

const struct ck_checker_ops ck_ping_ops = {
	.type = CK_PING,
	.start = ping_start,
	.abort = ping_free,
};
