/*
 * smtp_session.c: the SMTP dialogue of one alert, a small state machine
 * on the loop: connect, 220, HELO, MAIL FROM, RCPT TO for each address,
 * DATA, the message, QUIT. Every step (the connection, each command and
 * its reply) has smtp_connect_timeout.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "memory.h"
#include "smtp_session.h"

#define SMTP_SESSION_READ_CHUNK 1024

static const char *const step_names[] = {
	[SMTP_STEP_CONNECT] = "connection",
	[SMTP_STEP_GREETING] = "greeting",
	[SMTP_STEP_HELO] = "HELO",
	[SMTP_STEP_MAIL] = "MAIL FROM",
	[SMTP_STEP_RCPT] = "RCPT TO",
	[SMTP_STEP_DATA] = "DATA",
	[SMTP_STEP_BODY] = "message",
	[SMTP_STEP_QUIT] = "QUIT",
};

void smtp_session_free(struct smtp_session **sp)
{
	struct smtp_session *s = *sp;
	size_t i;

	event_cancel(&s->ev_read);
	event_cancel(&s->ev_write);
	if (s->fd >= 0)
		close(s->fd);
	list_del(&s->node);
	s->a->in_flight--;
	for (i = 0; i < s->nto; i++)
		mem_free(&s->to[i]);
	mem_free(&s->to);
	mem_free(&s->helo);
	mem_free(&s->from);
	mem_free(&s->data);
	mem_free(&s->out);
	mem_free(sp);
}

/* Before the message was taken, this is the one line an alert that
 * failed costs. */
void smtp_session_fail(struct smtp_session *s, const char *fmt, ...)
		       {
		       char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (s->sent)
		log_debug("SMTP server %s: %s after the alert was sent",
			  s->server, why);
	else
		log_warnx_limited(&s->a->rl, "Error sending SMTP alert to "
				  "%s: %s", s->server, why);
	smtp_session_free(&s);
}

static uint64_t time_left_us(const struct smtp_session *s)
{
	uint64_t now = event_loop_now_us(s->a->loop);

	return s->deadline_us > now ? s->deadline_us - now : 1;
}

static void on_read(struct event_loop *loop, const struct event_info *info);
static void on_write(struct event_loop *loop, const struct event_info *info);

static void wait_reply(struct smtp_session *s)
{
	int r = event_add_read(s->a->loop, &s->ev_read, s->fd,
			       time_left_us(s), on_read, s);

	if (r < 0)
		smtp_session_fail(s, "cannot wait for the reply: %s",
				  strerror(-r));
}

/* Writes what is left of s->out; then waits for the reply. */
static void flush_out(struct smtp_session *s)
{
	ssize_t n;
	int r;

	while (s->out_off < s->out_len) {
		n = send(s->fd, s->out + s->out_off, s->out_len - s->out_off,
			 MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			r = event_add_write(s->a->loop, &s->ev_write, s->fd,
					    time_left_us(s), on_write, s);
			if (r < 0)
				smtp_session_fail(s, "cannot wait to write: %s",
						  strerror(-r));
			return;
		}
		if (n < 0) {
			smtp_session_fail(s, "sending the %s: %s",
					  step_names[s->step], strerror(errno));
			return;
		}
		s->out_off += (size_t)n;
	}
	wait_reply(s);
}

/* Starts step "step" by sending "text" (taken over). */
static void send_step(struct smtp_session *s, enum smtp_step step, char *text)
{
	mem_free(&s->out);
	s->out = text;
	s->out_len = strlen(text);
	s->out_off = 0;
	s->step = step;
	s->deadline_us = event_loop_now_us(s->a->loop) + s->timeout_us;
	smtp_reply_init(&s->reply);
	flush_out(s);
}

/* The next RCPT TO, or DATA once every recipient had its turn. */
static void next_recipient(struct smtp_session *s)
{
	if (s->rcpt_next < s->nto) {
		send_step(s, SMTP_STEP_RCPT, mem_asprintf("RCPT TO:<%s>\r\n",
						  s->to[s->rcpt_next++]));
		return;
	}
	if (!s->rcpt_ok) {
		smtp_session_fail(s, "every recipient was refused");
		return;
	}
	send_step(s, SMTP_STEP_DATA, mem_strdup("DATA\r\n"));
}

static void on_recipient_reply(struct smtp_session *s, int code)
{
	if (code == 250 || code == 251)
		s->rcpt_ok++;
	else
		log_warnx_limited(&s->a->rl, "SMTP server %s refused "
				  "recipient %s: %d %s", s->server,
				  s->to[s->rcpt_next - 1], code,
				  s->reply.text);
	next_recipient(s);
}

static void on_message_taken(struct smtp_session *s)
{
	s->sent = true;
	log_info("SMTP alert successfully sent.");
	send_step(s, SMTP_STEP_QUIT, mem_strdup("QUIT\r\n"));
}

/* A complete reply to the current step. */
static void on_reply(struct smtp_session *s)
{
	static const int expected[] = {
		[SMTP_STEP_GREETING] = 220,
		[SMTP_STEP_HELO] = 250,
		[SMTP_STEP_MAIL] = 250,
		[SMTP_STEP_DATA] = 354,
		[SMTP_STEP_BODY] = 250,
	};
	int code = s->reply.code;
	char *data;

	/* Each branch may end the session: s is not touched after it. */
	if (s->step == SMTP_STEP_QUIT) {
		smtp_session_free(&s);
		return;
	}
	if (s->step == SMTP_STEP_RCPT) {
		on_recipient_reply(s, code);
		return;
	}
	if (code != expected[s->step]) {
		smtp_session_fail(s, "%s answered %d %s",
				  step_names[s->step], code, s->reply.text);
		return;
	}
	switch (s->step) {
	case SMTP_STEP_GREETING:
		send_step(s, SMTP_STEP_HELO,
			  mem_asprintf("HELO %s\r\n", s->helo));
		break;
	case SMTP_STEP_HELO:
		send_step(s, SMTP_STEP_MAIL,
			  mem_asprintf("MAIL FROM:<%s>\r\n", s->from));
		break;
	case SMTP_STEP_MAIL:
		next_recipient(s);
		break;
	case SMTP_STEP_DATA:
		data = s->data;
		s->data = NULL;
		send_step(s, SMTP_STEP_BODY, data);
		break;
	default:
		on_message_taken(s);
		break;
	}
}

static void on_read(struct event_loop *loop, const struct event_info *info)
{
	struct smtp_session *s = info->arg;
	char buf[SMTP_SESSION_READ_CHUNK];
	size_t used;
	ssize_t n;
	int r;

	(void)loop;
	if (info->result == EVENT_TIMEDOUT) {
		smtp_session_fail(s, "timeout waiting for the %s reply",
				  step_names[s->step]);
		return;
	}
	n = recv(s->fd, buf, sizeof(buf), 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
		wait_reply(s);
		return;
	}
	if (n <= 0) {
		if (s->step == SMTP_STEP_QUIT)
			smtp_session_free(&s);
		else
			smtp_session_fail(s, "%s while waiting for the %s "
					  "reply", n ? strerror(errno) :
					  "connection closed",
					  step_names[s->step]);
		return;
	}
	r = smtp_reply_feed(&s->reply, buf, (size_t)n, &used);
	if (r == 0)
		wait_reply(s);
	else if (r < 0)
		smtp_session_fail(s, "malformed reply to the %s",
				  step_names[s->step]);
	else if (used < (size_t)n && s->step != SMTP_STEP_QUIT)
		smtp_session_fail(s, "unexpected data after the %s reply",
				  step_names[s->step]);
	else
		on_reply(s);
}

static void on_connected(struct smtp_session *s)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	if (err) {
		smtp_session_fail(s, "cannot connect: %s", strerror(err));
		return;
	}
	log_info("Remote SMTP server %s connected.", s->server);
	s->step = SMTP_STEP_GREETING;
	s->deadline_us = event_loop_now_us(s->a->loop) + s->timeout_us;
	wait_reply(s);
}

static void on_write(struct event_loop *loop, const struct event_info *info)
{
	struct smtp_session *s = info->arg;

	(void)loop;
	if (info->result == EVENT_TIMEDOUT)
		smtp_session_fail(s, "timeout %s",
				  s->step == SMTP_STEP_CONNECT ? "connecting" :
				  "sending");
	else if (s->step == SMTP_STEP_CONNECT)
		on_connected(s);
	else
		flush_out(s);
}

static int session_connect(struct smtp_session *s)
{
	const struct smtp_alerter *a = s->a;
	struct sockaddr_storage ss;
	socklen_t len;

	if (addr_to_sockaddr(&a->server, s->port, &ss, &len) < 0)
		return -EINVAL;
	s->fd = socket(a->server.family,
		       SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return -errno;
	s->step = SMTP_STEP_CONNECT;
	s->deadline_us = event_loop_now_us(a->loop) + s->timeout_us;
	if (connect(s->fd, (struct sockaddr *)&ss, len) < 0 &&
	    errno != EINPROGRESS)
		return -errno;
	return event_add_write(a->loop, &s->ev_write, s->fd, s->timeout_us,
			       on_write, s);
}

void smtp_session_start(struct smtp_session *s)
{
	int r = session_connect(s);

	if (r < 0)
		smtp_session_fail(s, "cannot connect: %s", strerror(-r));
}
