/*
 * smtp_alert.c: the alert client. One session per alert, each a small
 * state machine on the loop: connect, 220, HELO, MAIL FROM, RCPT TO for
 * each address, DATA, the message, QUIT. Every step (the connection,
 * each command and its reply) has smtp_connect_timeout.
 *
 * smtp_server may be a host name. Resolving it blocks, so it is done
 * once when the alerter is made and once at each reload
 * (smtp_alerter_set_global()), never while an alert is sent; a name that
 * does not resolve is logged then, and alerts are dropped (with a
 * rate-limited line) until a reload resolves it.
 */
#include "config.h"

#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "list.h"
#include "log.h"
#include "memory.h"
#include "smtp_alert.h"
#include "smtp_msg.h"
#include "smtp_reply.h"

#define SMTP_ALERT_MAX_IN_FLIGHT 16
#define SMTP_ALERT_TIMEOUT_DEFAULT_S 30
#define SMTP_ALERT_READ_CHUNK 1024
#define SEC_US 1000000ULL

enum smtp_step {
	STEP_CONNECT,
	STEP_GREETING,
	STEP_HELO,
	STEP_MAIL,
	STEP_RCPT,
	STEP_DATA,
	STEP_BODY,
	STEP_QUIT,
};

static const char *const step_names[] = {
	[STEP_CONNECT] = "connection",
	[STEP_GREETING] = "greeting",
	[STEP_HELO] = "HELO",
	[STEP_MAIL] = "MAIL FROM",
	[STEP_RCPT] = "RCPT TO",
	[STEP_DATA] = "DATA",
	[STEP_BODY] = "message",
	[STEP_QUIT] = "QUIT",
};

struct smtp_session {
	struct list_node node;
	struct smtp_alerter *a;
	int fd;
	struct event *ev_read, *ev_write;
	enum smtp_step step;
	uint64_t timeout_us, deadline_us;
	char *out;			/* the command or message being sent */
	size_t out_len, out_off;
	struct smtp_reply reply;
	/* Copied from the configuration when the alert was queued, so a
	 * reload cannot pull them away. */
	char *helo, *from, *data;
	char **to;
	size_t nto, rcpt_next, rcpt_ok;
	char server[ADDR_PORT_STRLEN];
	bool sent;			/* the server took the message */
};

struct smtp_alerter {
	struct event_loop *loop;
	const struct global_data *gd;
	struct list_node sessions;
	size_t in_flight;
	struct ka_addr server;		/* family 0: unusable */
	struct ratelimit rl;
};

/* ---- the alerter ------------------------------------------------------- */

static void resolve_server(struct smtp_alerter *a)
{
	const char *name = a->gd ? a->gd->smtp_server : NULL;
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res = NULL;
	int r;

	memset(&a->server, 0, sizeof(a->server));
	if (!name)
		return;
	if (addr_parse(name, &a->server) == 0)
		return;
	r = getaddrinfo(name, NULL, &hints, &res);
	if (r == 0 && res &&
	    addr_from_sockaddr(res->ai_addr, res->ai_addrlen, &a->server,
			       NULL) == 0) {
		freeaddrinfo(res);
		return;
	}
	if (res)
		freeaddrinfo(res);
	log_warnx("smtp_server %s: cannot resolve the name (%s); SMTP "
		  "alerts will not be sent", name,
		  r ? gai_strerror(r) : "no usable address");
}

struct smtp_alerter *smtp_alerter_new(struct event_loop *loop,
				      const struct global_data *gd)
{
	struct smtp_alerter *a = mem_new(struct smtp_alerter);
	struct ratelimit rl = RATELIMIT_INIT(60 * SEC_US, 5);

	a->loop = loop;
	a->rl = rl;
	list_init(&a->sessions);
	smtp_alerter_set_global(a, gd);
	return a;
}

void smtp_alerter_set_global(struct smtp_alerter *a,
			     const struct global_data *gd)
{
	a->gd = gd;
	resolve_server(a);
}

static void session_free(struct smtp_session **sp);

void smtp_alerter_free(struct smtp_alerter **ap)
{
	struct smtp_alerter *a = ap ? *ap : NULL;
	struct smtp_session *s, *tmp;

	if (!a)
		return;
	list_for_each_entry_safe(s, tmp, &a->sessions, node)
		session_free(&s);
	mem_free(ap);
}

/* ---- a session's life ---------------------------------------------------- */

static void session_free(struct smtp_session **sp)
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

/* Ends the session; before the message was taken that is the one line
 * an alert that failed costs. */
static void session_fail(struct smtp_session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void session_fail(struct smtp_session *s, const char *fmt, ...)
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
	session_free(&s);
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
		session_fail(s, "cannot wait for the reply: %s", strerror(-r));
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
				session_fail(s, "cannot wait to write: %s",
					     strerror(-r));
			return;
		}
		if (n < 0) {
			session_fail(s, "sending the %s: %s",
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
		send_step(s, STEP_RCPT, mem_asprintf("RCPT TO:<%s>\r\n",
						     s->to[s->rcpt_next++]));
		return;
	}
	if (!s->rcpt_ok) {
		session_fail(s, "every recipient was refused");
		return;
	}
	send_step(s, STEP_DATA, mem_strdup("DATA\r\n"));
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
	send_step(s, STEP_QUIT, mem_strdup("QUIT\r\n"));
}

/* A complete reply to the current step. */
static void on_reply(struct smtp_session *s)
{
	static const int expected[] = {
		[STEP_GREETING] = 220, [STEP_HELO] = 250, [STEP_MAIL] = 250,
		[STEP_DATA] = 354, [STEP_BODY] = 250,
	};
	int code = s->reply.code;
	char *data;

	/* Each branch may end the session: s is not touched after it. */
	if (s->step == STEP_QUIT) {
		session_free(&s);
		return;
	}
	if (s->step == STEP_RCPT) {
		on_recipient_reply(s, code);
		return;
	}
	if (code != expected[s->step]) {
		session_fail(s, "%s answered %d %s", step_names[s->step], code,
			     s->reply.text);
		return;
	}
	switch (s->step) {
	case STEP_GREETING:
		send_step(s, STEP_HELO, mem_asprintf("HELO %s\r\n", s->helo));
		break;
	case STEP_HELO:
		send_step(s, STEP_MAIL, mem_asprintf("MAIL FROM:<%s>\r\n",
						     s->from));
		break;
	case STEP_MAIL:
		next_recipient(s);
		break;
	case STEP_DATA:
		data = s->data;
		s->data = NULL;
		send_step(s, STEP_BODY, data);
		break;
	default:
		on_message_taken(s);
		break;
	}
}

static void on_read(struct event_loop *loop, const struct event_info *info)
{
	struct smtp_session *s = info->arg;
	char buf[SMTP_ALERT_READ_CHUNK];
	size_t used;
	ssize_t n;
	int r;

	(void)loop;
	if (info->result == EVENT_TIMEDOUT) {
		session_fail(s, "timeout waiting for the %s reply",
			     step_names[s->step]);
		return;
	}
	n = recv(s->fd, buf, sizeof(buf), 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
		wait_reply(s);
		return;
	}
	if (n <= 0) {
		if (s->step == STEP_QUIT)
			session_free(&s);
		else
			session_fail(s, "%s while waiting for the %s reply",
				     n ? strerror(errno) : "connection closed",
				     step_names[s->step]);
		return;
	}
	r = smtp_reply_feed(&s->reply, buf, (size_t)n, &used);
	if (r == 0)
		wait_reply(s);
	else if (r < 0)
		session_fail(s, "malformed reply to the %s",
			     step_names[s->step]);
	else if (used < (size_t)n && s->step != STEP_QUIT)
		session_fail(s, "unexpected data after the %s reply",
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
		session_fail(s, "cannot connect: %s", strerror(err));
		return;
	}
	log_info("Remote SMTP server %s connected.", s->server);
	s->step = STEP_GREETING;
	s->deadline_us = event_loop_now_us(s->a->loop) + s->timeout_us;
	wait_reply(s);
}

static void on_write(struct event_loop *loop, const struct event_info *info)
{
	struct smtp_session *s = info->arg;

	(void)loop;
	if (info->result == EVENT_TIMEDOUT)
		session_fail(s, "timeout %s", s->step == STEP_CONNECT ?
			     "connecting" : "sending");
	else if (s->step == STEP_CONNECT)
		on_connected(s);
	else
		flush_out(s);
}

/* ---- queuing an alert ---------------------------------------------------- */

static char *host_name(void)
{
	char name[256];

	if (gethostname(name, sizeof(name)) < 0 || !name[0])
		return mem_strdup("localhost");
	name[sizeof(name) - 1] = 0;
	return mem_strdup(name);
}

static long utc_offset_s(time_t when)
{
	struct tm tm;

	return localtime_r(&when, &tm) ? tm.tm_gmtoff : 0;
}

/* The message and the envelope, from the configuration as it is now. */
static int session_fill(struct smtp_session *s, const struct global_data *gd,
			const char *subject, const char *body)
{
	char *host = host_name();
	struct smtp_msg m = { .subject = subject, .body = body };
	size_t i;

	s->helo = mem_strdup(gd->smtp_helo_name ? gd->smtp_helo_name : host);
	s->from = gd->email_from ? mem_strdup(gd->email_from) :
		mem_asprintf("keepalived@%s", host);
	s->to = mem_calloc(gd->email.count, sizeof(*s->to));
	for (i = 0; i < gd->email.count; i++)
		if (smtp_msg_addr_ok(gd->email.items[i]))
			s->to[s->nto++] = mem_strdup(gd->email.items[i]);
	m.from = s->from;
	m.to = (const char *const *)s->to;
	m.nto = s->nto;
	m.router_id = gd->router_id ? gd->router_id : host;
	m.when = time(NULL);
	m.utc_offset_s = utc_offset_s(m.when);
	s->data = smtp_msg_build(&m);
	mem_free(&host);
	if (!smtp_msg_addr_ok(s->from) || !s->nto ||
	    strpbrk(s->helo, "\r\n"))
		return -EINVAL;
	return 0;
}

static int session_connect(struct smtp_session *s)
{
	const struct smtp_alerter *a = s->a;
	struct sockaddr_storage ss;
	socklen_t len;
	uint16_t port = (uint16_t)(a->gd->smtp_port ? a->gd->smtp_port : 25);
	char ip[ADDR_STRLEN] = "?";

	/* "[127.0.0.1]:25", as keepalived names the server in its logs */
	addr_ntop(&a->server, ip, sizeof(ip));
	snprintf(s->server, sizeof(s->server), "[%s]:%u", ip, port);
	if (addr_to_sockaddr(&a->server, port, &ss, &len) < 0)
		return -EINVAL;
	s->fd = socket(a->server.family,
		       SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return -errno;
	s->step = STEP_CONNECT;
	s->deadline_us = event_loop_now_us(a->loop) + s->timeout_us;
	if (connect(s->fd, (struct sockaddr *)&ss, len) < 0 &&
	    errno != EINPROGRESS)
		return -errno;
	return event_add_write(a->loop, &s->ev_write, s->fd, s->timeout_us,
			       on_write, s);
}

int smtp_alert_send(struct smtp_alerter *a, const char *subject,
		    const char *body)
{
	const struct global_data *gd = a->gd;
	struct smtp_session *s;
	int r;

	if (!gd || !gd->smtp_server || !gd->email.count)
		return 0;
	if (!a->server.family) {
		log_warnx_limited(&a->rl, "SMTP alert not sent: smtp_server "
				  "%s has no address", gd->smtp_server);
		return 0;
	}
	if (a->in_flight >= SMTP_ALERT_MAX_IN_FLIGHT) {
		log_warnx_limited(&a->rl, "SMTP alert dropped: %u alerts are "
				  "already being sent",
				  SMTP_ALERT_MAX_IN_FLIGHT);
		return -EBUSY;
	}
	s = mem_new(struct smtp_session);
	s->a = a;
	s->fd = -1;
	s->timeout_us = (gd->smtp_connect_timeout_s ?
			 gd->smtp_connect_timeout_s :
			 SMTP_ALERT_TIMEOUT_DEFAULT_S) * SEC_US;
	list_add_tail(&a->sessions, &s->node);
	a->in_flight++;
	if (session_fill(s, gd, subject, body) < 0) {
		session_fail(s, "no valid sender, recipient or HELO name");
		return 0;
	}
	r = session_connect(s);
	if (r < 0)
		session_fail(s, "cannot connect: %s", strerror(-r));
	return 0;
}
