/*
 * smtp_alert.c: the alerter: what an alert says and where it goes, taken
 * from global_defs when it is queued; the dialogue itself is
 * smtp_session.c's.
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
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "memory.h"
#include "smtp_alert.h"
#include "smtp_msg.h"
#include "smtp_session.h"

#define SMTP_ALERT_MAX_IN_FLIGHT 16
#define SMTP_ALERT_TIMEOUT_DEFAULT_S 30
#define SEC_US 1000000ULL

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

void smtp_alerter_free(struct smtp_alerter **ap)
{
	struct smtp_alerter *a = ap ? *ap : NULL;
	struct smtp_session *s, *tmp;

	if (!a)
		return;
	list_for_each_entry_safe(s, tmp, &a->sessions, node)
		smtp_session_free(&s);
	mem_free(ap);
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

/* A session for the server as configured now, linked and counted. */
static struct smtp_session *session_new(struct smtp_alerter *a,
					const struct global_data *gd)
{
	struct smtp_session *s = mem_new(struct smtp_session);
	char ip[ADDR_STRLEN] = "?";

	s->a = a;
	s->fd = -1;
	s->port = (uint16_t)(gd->smtp_port ? gd->smtp_port : 25);
	/* "[127.0.0.1]:25", as keepalived names the server in its logs */
	addr_ntop(&a->server, ip, sizeof(ip));
	snprintf(s->server, sizeof(s->server), "[%s]:%u", ip, s->port);
	s->timeout_us = (gd->smtp_connect_timeout_s ?
			 gd->smtp_connect_timeout_s :
			 SMTP_ALERT_TIMEOUT_DEFAULT_S) * SEC_US;
	list_add_tail(&a->sessions, &s->node);
	a->in_flight++;
	return s;
}

int smtp_alert_send(struct smtp_alerter *a, const char *subject,
		    const char *body)
{
	const struct global_data *gd = a->gd;
	struct smtp_session *s;

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
	s = session_new(a, gd);
	if (session_fill(s, gd, subject, body) < 0)
		smtp_session_fail(s, "no valid sender, recipient or HELO name");
	else
		smtp_session_start(s);
	return 0;
}
