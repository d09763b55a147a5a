/*
 * check_smtp.c: SMTP_CHECK. One attempt: connect, read the 220
 * greeting, send "HELO name", expect 250, send QUIT. Any other reply
 * code, a malformed reply, the server closing, or a step taking longer
 * than connect_timeout fails the attempt. The QUIT is sent as a courtesy
 * and its reply not awaited: the server has already shown it works.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check_sock.h"
#include "memory.h"
#include "smtp_reply.h"

#define CK_SMTP_TIMEOUT_DEFAULT_US 5000000
#define CK_SMTP_READ_CHUNK 512

enum smtp_ck_step {
	SMTP_CK_CONNECT,
	SMTP_CK_GREETING,
	SMTP_CK_HELO,
	SMTP_CK_QUIT,
};

struct smtp_attempt {
	struct checker *ck;
	int fd;
	struct event *ev_read, *ev_write, *ev_report;
	enum smtp_ck_step step;
	uint64_t timeout_us, deadline_us;
	struct smtp_reply reply;
	char out[300];			/* "HELO name\r\n" or "QUIT\r\n" */
	size_t out_len, out_off;
	int early_err;			/* the connection failed at once */
};

static void attempt_free(struct checker *ck)
{
	struct smtp_attempt *at = ck->priv;

	if (!at)
		return;
	event_cancel(&at->ev_read);
	event_cancel(&at->ev_write);
	event_cancel(&at->ev_report);
	ck_sock_close(&at->fd);
	mem_free(&ck->priv);
}

/* Ends the attempt and reports it: the attempt is gone before the
 * framework hears of it, so it may start the next one at once. */
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

static uint64_t time_left_us(const struct smtp_attempt *at)
{
	uint64_t now = event_loop_now_us(at->ck->env->loop);

	return at->deadline_us > now ? at->deadline_us - now : 1;
}

static void start_step(struct smtp_attempt *at, enum smtp_ck_step step)
{
	at->step = step;
	at->deadline_us = event_loop_now_us(at->ck->env->loop) +
		at->timeout_us;
	smtp_reply_init(&at->reply);
}

static const char *step_name(enum smtp_ck_step step)
{
	switch (step) {
	case SMTP_CK_CONNECT:
		return "connecting";
	case SMTP_CK_GREETING:
		return "the greeting";
	case SMTP_CK_HELO:
		return "the HELO reply";
	default:
		return "QUIT";
	}
}

static void on_read(struct event_loop *loop, const struct event_info *info);
static void on_write(struct event_loop *loop, const struct event_info *info);

static void wait_read(struct smtp_attempt *at)
{
	int r = event_add_read(at->ck->env->loop, &at->ev_read, at->fd,
			       time_left_us(at), on_read, at);

	if (r < 0)
		finish(at->ck, false, "cannot wait for the server: %s",
		       strerror(-r));
}

/* Writes the rest of at->out; then reads the reply, or after QUIT
 * reports success. */
static void flush_out(struct smtp_attempt *at)
{
	ssize_t n;
	int r;

	while (at->out_off < at->out_len) {
		n = send(at->fd, at->out + at->out_off,
			 at->out_len - at->out_off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			r = event_add_write(at->ck->env->loop, &at->ev_write,
					    at->fd, time_left_us(at), on_write,
					    at);
			if (r < 0)
				finish(at->ck, false, "cannot wait to write: "
				       "%s", strerror(-r));
			return;
		}
		if (n < 0) {
			finish(at->ck, false, "%s", strerror(errno));
			return;
		}
		at->out_off += (size_t)n;
	}
	if (at->step == SMTP_CK_QUIT)
		finish(at->ck, true, "%s", "");
	else
		wait_read(at);
}

static void send_line(struct smtp_attempt *at, enum smtp_ck_step step,
		      const char *line)
{
	int n = snprintf(at->out, sizeof(at->out), "%s\r\n", line);

	at->out_len = n > 0 && (size_t)n < sizeof(at->out) ? (size_t)n : 0;
	at->out_off = 0;
	start_step(at, step);
	flush_out(at);
}

/* The HELO name: the checker's helo_name, else global smtp_helo_name,
 * else the host name. */
static void helo_line(const struct checker *ck, char *buf, size_t size)
{
	const char *name = ck->conf->u.smtp.helo_name;
	char host[256];

	if (!name && ck->env->gd)
		name = ck->env->gd->smtp_helo_name;
	if (!name) {
		if (gethostname(host, sizeof(host)) < 0 || !host[0])
			snprintf(host, sizeof(host), "localhost");
		host[sizeof(host) - 1] = 0;
		name = host;
	}
	/* a line break would end the command early and start another */
	snprintf(buf, size, "HELO %.*s", (int)strcspn(name, "\r\n"), name);
}

static void on_reply(struct smtp_attempt *at)
{
	char helo[280];
	int code = at->reply.code;

	if (at->step == SMTP_CK_GREETING && code == 220) {
		helo_line(at->ck, helo, sizeof(helo));
		send_line(at, SMTP_CK_HELO, helo);
	} else if (at->step == SMTP_CK_HELO && code == 250) {
		send_line(at, SMTP_CK_QUIT, "QUIT");
	} else {
		finish(at->ck, false, "SMTP %s code %d %s",
		       at->step == SMTP_CK_GREETING ? "greeting" : "HELO",
		       code, at->reply.text);
	}
}

static void on_read(struct event_loop *loop, const struct event_info *info)
{
	struct smtp_attempt *at = info->arg;
	char buf[CK_SMTP_READ_CHUNK];
	size_t used;
	ssize_t n;
	int r;

	(void)loop;
	if (info->result == EVENT_TIMEDOUT) {
		finish(at->ck, false, "timeout waiting for %s",
		       step_name(at->step));
		return;
	}
	n = recv(at->fd, buf, sizeof(buf), 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
		wait_read(at);
		return;
	}
	if (n <= 0) {
		finish(at->ck, false, "%s waiting for %s",
		       n ? strerror(errno) : "connection closed",
		       step_name(at->step));
		return;
	}
	r = smtp_reply_feed(&at->reply, buf, (size_t)n, &used);
	if (r == 0)
		wait_read(at);
	else if (r < 0)
		finish(at->ck, false, "malformed SMTP reply in %s",
		       step_name(at->step));
	else
		on_reply(at);
}

static void on_write(struct event_loop *loop, const struct event_info *info)
{
	struct smtp_attempt *at = info->arg;
	int r;

	(void)loop;
	if (info->result == EVENT_TIMEDOUT) {
		finish(at->ck, false, "timeout %s",
		       at->step == SMTP_CK_CONNECT ? "connecting" : "sending");
		return;
	}
	if (at->step != SMTP_CK_CONNECT) {
		flush_out(at);
		return;
	}
	r = ck_sock_connect_result(at->fd);
	if (r < 0) {
		finish(at->ck, false, "%s", strerror(-r));
		return;
	}
	start_step(at, SMTP_CK_GREETING);
	wait_read(at);
}

/* A connection refused at once is still reported from the loop. */
static void on_early_failure(struct event_loop *loop,
			     const struct event_info *info)
{
	struct smtp_attempt *at = info->arg;

	(void)loop;
	finish(at->ck, false, "%s", strerror(-at->early_err));
}

/* Errors that say the attempt could not begin on this side, rather than
 * anything about the server. */
static bool local_error(int err)
{
	return err == -EMFILE || err == -ENFILE || err == -ENOBUFS ||
		err == -ENOMEM || err == -EAFNOSUPPORT || err == -EINVAL;
}

static int start(struct checker *ck)
{
	struct smtp_attempt *at;
	bool in_progress = false;
	int64_t t = ck->conf->common.connect_timeout_us;
	int fd, r;

	fd = ck_sock_connect(ck, SOCK_STREAM, 0, &in_progress);
	if (fd < 0 && local_error(fd))
		return fd;
	at = mem_new(struct smtp_attempt);
	at->ck = ck;
	at->fd = fd < 0 ? -1 : fd;
	at->timeout_us = t > 0 ? (uint64_t)t : CK_SMTP_TIMEOUT_DEFAULT_US;
	ck->priv = at;
	start_step(at, in_progress ? SMTP_CK_CONNECT : SMTP_CK_GREETING);
	if (fd < 0) {
		at->early_err = fd;
		r = event_add_queued(ck->env->loop, &at->ev_report,
				     on_early_failure, at, 0);
	} else if (in_progress) {
		r = event_add_write(ck->env->loop, &at->ev_write, fd,
				    at->timeout_us, on_write, at);
	} else {
		r = event_add_read(ck->env->loop, &at->ev_read, fd,
				   at->timeout_us, on_read, at);
	}
	if (r < 0)
		attempt_free(ck);
	return r;
}

static void stop_attempt(struct checker *ck)
{
	attempt_free(ck);
}

const struct ck_checker_ops ck_smtp_ops = {
	.type = CK_SMTP,
	.start = start,
	.abort = stop_attempt,
};
