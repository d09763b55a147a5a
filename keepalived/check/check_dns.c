/*
 * check_dns.c: DNS_CHECK. One attempt: one UDP query (type and name
 * from the checker, a random id, recursion desired) to the server, and
 * success on a valid reply with RCODE NOERROR within connect_timeout.
 * A datagram with another id (late, or forged) is ignored and the wait
 * goes on; anything else wrong with the reply fails the attempt. Retries
 * are the framework's (DNS_CHECK's default retry is 3).
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "check_sock.h"
#include "dns_packet.h"
#include "memory.h"

#define CK_DNS_TIMEOUT_DEFAULT_US 5000000
/* Room for a reply larger than we asked for: it is still read whole. */
#define CK_DNS_RECV_MAX 4096

struct dns_attempt {
	struct checker *ck;
	int fd;
	struct event *ev_read, *ev_report;
	uint8_t query[DNS_QUERY_MAX];
	size_t qlen;
	uint64_t deadline_us;
	int early_err;			/* failed before the loop ran */
};

static void attempt_free(struct checker *ck)
{
	struct dns_attempt *at = ck->priv;

	if (!at)
		return;
	event_cancel(&at->ev_read);
	event_cancel(&at->ev_report);
	ck_sock_close(&at->fd);
	mem_free(&ck->priv);
}

static void finish(struct checker *ck, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void finish(struct checker *ck, bool ok, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	attempt_free(ck);
	ck_checker_done(ck, ok, "%s", why);
}

static void on_read(struct event_loop *loop, const struct event_info *info);

static int wait_reply(struct dns_attempt *at)
{
	uint64_t now = event_loop_now_us(at->ck->env->loop);

	return event_add_read(at->ck->env->loop, &at->ev_read, at->fd,
			      at->deadline_us > now ? at->deadline_us - now : 1,
			      on_read, at);
}

/* The verdict on a reply that belongs to our query. */
static void judge(struct checker *ck, const struct dns_reply *d)
{
	const char *name = dns_rcode_name(d->rcode);

	if (d->rcode == DNS_RCODE_NOERROR)
		finish(ck, true, "%s", "");
	else if (name)
		finish(ck, false, "DNS reply %s", name);
	else
		finish(ck, false, "DNS reply RCODE %u", d->rcode);
}

static void on_read(struct event_loop *loop, const struct event_info *info)
{
	struct dns_attempt *at = info->arg;
	uint8_t buf[CK_DNS_RECV_MAX];
	struct dns_reply d;
	const char *why = NULL;
	ssize_t n;
	int r;

	(void)loop;
	if (info->result == EVENT_TIMEDOUT) {
		finish(at->ck, false, "timeout");
		return;
	}
	n = recv(at->fd, buf, sizeof(buf), 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		r = -ESRCH;
	else if (n < 0) {
		/* e.g. ECONNREFUSED: an ICMP port unreachable came back */
		finish(at->ck, false, "%s", strerror(errno));
		return;
	} else {
		r = dns_reply_parse(at->query, at->qlen, buf, (size_t)n, &d,
				    &why);
	}
	if (r == 0) {
		judge(at->ck, &d);
	} else if (r != -ESRCH) {
		finish(at->ck, false, "invalid DNS reply: %s", why);
	} else {
		r = wait_reply(at);
		if (r < 0)
			finish(at->ck, false, "cannot wait for the reply: %s",
			       strerror(-r));
	}
}

static void on_early_failure(struct event_loop *loop,
			     const struct event_info *info)
{
	struct dns_attempt *at = info->arg;

	(void)loop;
	finish(at->ck, false, "%s", strerror(-at->early_err));
}

static uint16_t random_id(void)
{
	uint16_t id;

	if (getrandom(&id, sizeof(id), GRND_NONBLOCK) != sizeof(id))
		id = (uint16_t)random();
	return id;
}

/* Sends the query on a connected socket; returns 0 or -errno. */
static int send_query(struct dns_attempt *at)
{
	const struct ck_dns *dc = &at->ck->conf->u.dns;
	ssize_t n;
	int len;

	len = dns_query_build(at->query, sizeof(at->query), random_id(),
			      (uint16_t)dc->type, dc->name ? dc->name : ".");
	if (len < 0)
		return len;
	at->qlen = (size_t)len;
	n = send(at->fd, at->query, at->qlen, 0);
	if (n < 0)
		return -errno;
	return (size_t)n == at->qlen ? 0 : -EMSGSIZE;
}

static bool local_error(int err)
{
	return err == -EMFILE || err == -ENFILE || err == -ENOBUFS ||
		err == -ENOMEM || err == -EAFNOSUPPORT || err == -EINVAL;
}

static int start(struct checker *ck)
{
	struct dns_attempt *at;
	bool in_progress;
	int64_t t = ck->conf->common.connect_timeout_us;
	int fd, r;

	fd = ck_sock_connect(ck, SOCK_DGRAM, 0, &in_progress);
	if (fd < 0 && local_error(fd))
		return fd;
	at = mem_new(struct dns_attempt);
	at->ck = ck;
	at->fd = fd < 0 ? -1 : fd;
	at->deadline_us = event_loop_now_us(ck->env->loop) +
		(t > 0 ? (uint64_t)t : CK_DNS_TIMEOUT_DEFAULT_US);
	ck->priv = at;
	r = fd < 0 ? fd : send_query(at);
	if (r < 0 && local_error(r)) {
		attempt_free(ck);
		return r;
	}
	if (r < 0) {
		at->early_err = r;
		r = event_add_queued(ck->env->loop, &at->ev_report,
				     on_early_failure, at, 0);
	} else {
		r = wait_reply(at);
	}
	if (r < 0)
		attempt_free(ck);
	return r;
}

static void stop_attempt(struct checker *ck)
{
	attempt_free(ck);
}

const struct ck_checker_ops ck_dns_ops = {
	.type = CK_DNS,
	.start = start,
	.abort = stop_attempt,
};
