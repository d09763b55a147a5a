/*
 * smtp_session.h: one alert on its way to the SMTP server (smtp_session.c).
 * Internal to the alerter (smtp_alert.c), which fills a session from the
 * configuration and starts it; the session then runs on the loop and
 * ends itself, logging at most one line, and is unlinked and freed.
 */
#ifndef KA_SMTP_SESSION_H
#define KA_SMTP_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "event.h"
#include "global_data.h"
#include "list.h"
#include "ratelimit.h"
#include "smtp_reply.h"

enum smtp_step {
	SMTP_STEP_CONNECT,
	SMTP_STEP_GREETING,
	SMTP_STEP_HELO,
	SMTP_STEP_MAIL,
	SMTP_STEP_RCPT,
	SMTP_STEP_DATA,
	SMTP_STEP_BODY,
	SMTP_STEP_QUIT,
};

/* What the sessions of one alerter share. */
struct smtp_alerter {
	struct event_loop *loop;
	const struct global_data *gd;
	struct list_node sessions;
	size_t in_flight;
	struct ka_addr server;		/* family 0: unusable */
	struct ratelimit rl;
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
	uint16_t port;
	char server[ADDR_PORT_STRLEN];
	bool sent;			/* the server took the message */
};

/*
 * Connects to s->a's server and runs the dialogue. s is linked in the
 * alerter's list and counted in in_flight; whatever happens it is freed
 * later (or at once when connecting fails), so the caller forgets it.
 */
void smtp_session_start(struct smtp_session *s);

/* Ends s and logs why (rate-limited) unless the message was taken. */
void smtp_session_fail(struct smtp_session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Cancels, closes, unlinks and frees *sp, without a word. */
void smtp_session_free(struct smtp_session **sp);

#endif
