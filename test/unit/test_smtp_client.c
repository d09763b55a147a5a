/*
 * Unit tests of the alert client (smtp_alert.c, smtp_session.c) on a real
 * event loop against a scripted SMTP server on 127.0.0.1 driven by the
 * same loop: the commands on the wire, replies cut in pieces, refusals at
 * each step, the bound on alerts in flight, and freeing with alerts in
 * flight. The log goes to a file the tests read.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "event.h"
#include "global_data.h"
#include "log.h"
#include "memory.h"
#include "smtp_alert.h"

#define SAFETY_US 10000000ULL
#define MAX_CLIENTS 20

/* ---- a scripted server -------------------------------------------------- */

struct client {
	struct server *srv;
	int fd;
	struct event *ev;
	bool in_data;
	char line[2048];
	size_t len;
};

struct server {
	struct event_loop *loop;
	int lfd;
	uint16_t port;
	struct event *ev_accept;
	const char *greeting;		/* NULL: never speaks */
	const char *fail_verb;		/* this command gets fail_reply */
	const char *fail_reply;
	bool split;			/* write replies a byte at a time */
	char got[8192];			/* everything the clients sent */
	size_t got_len;
	unsigned accepted, closed;
	struct client clients[MAX_CLIENTS];
};

static void say(struct client *c, const char *s)
{
	size_t i, n = strlen(s);

	if (!c->srv->split) {
		assert_int_equal(write(c->fd, s, n), (ssize_t)n);
		return;
	}
	for (i = 0; i < n; i++)
		assert_int_equal(write(c->fd, s + i, 1), 1);
}

/* The reply to one line from the client. */
static const char *answer(struct client *c, const char *line)
{
	struct server *s = c->srv;

	if (c->in_data) {
		if (strcmp(line, "."))
			return NULL;
		c->in_data = false;
		return s->fail_verb && !strcmp(s->fail_verb, ".") ?
			s->fail_reply : "250 2.0.0 queued\r\n";
	}
	if (s->fail_verb && !strncmp(line, s->fail_verb, strlen(s->fail_verb)))
		return s->fail_reply;
	if (!strncmp(line, "DATA", 4)) {
		c->in_data = true;
		return "354 go ahead\r\n";
	}
	if (!strncmp(line, "QUIT", 4))
		return "221 bye\r\n";
	if (!strncmp(line, "HELO", 4))
		return "250-sink.test\r\n250 pleased\r\n";
	return "250 ok\r\n";
}

static void client_close(struct client *c)
{
	event_cancel(&c->ev);
	close(c->fd);
	c->fd = -1;
	c->srv->closed++;
}

static void on_client(struct event_loop *loop, const struct event_info *info)
{
	struct client *c = info->arg;
	struct server *s = c->srv;
	char buf[512], *nl;
	const char *reply;
	ssize_t n = read(c->fd, buf, sizeof(buf));

	if (n <= 0) {
		client_close(c);
		return;
	}
	assert_true(s->got_len + (size_t)n < sizeof(s->got));
	memcpy(s->got + s->got_len, buf, (size_t)n);
	s->got_len += (size_t)n;
	assert_true(c->len + (size_t)n < sizeof(c->line));
	memcpy(c->line + c->len, buf, (size_t)n);
	c->len += (size_t)n;
	c->line[c->len] = 0;
	while ((nl = strstr(c->line, "\r\n"))) {
		*nl = 0;
		reply = answer(c, c->line);
		c->len -= (size_t)(nl + 2 - c->line);
		memmove(c->line, nl + 2, c->len + 1);
		if (reply)
			say(c, reply);
	}
	assert_int_equal(event_add_read(loop, &c->ev, c->fd, 0, on_client, c),
			 0);
}

static void on_accept(struct event_loop *loop, const struct event_info *info)
{
	struct server *s = info->arg;
	struct client *c;

	assert_true(s->accepted < MAX_CLIENTS);
	c = &s->clients[s->accepted++];
	c->srv = s;
	c->fd = accept4(s->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	assert_true(c->fd >= 0);
	if (s->greeting) {
		say(c, s->greeting);
		assert_int_equal(event_add_read(loop, &c->ev, c->fd, 0,
						on_client, c), 0);
	}
	assert_int_equal(event_add_read(loop, &s->ev_accept, s->lfd, 0,
					on_accept, s), 0);
}

static void server_start(struct server *s, struct event_loop *loop)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);

	s->loop = loop;
	s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	assert_true(s->lfd >= 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s->lfd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(getsockname(s->lfd, (struct sockaddr *)&sin, &len), 0);
	s->port = ntohs(sin.sin_port);
	assert_int_equal(listen(s->lfd, MAX_CLIENTS), 0);
	assert_int_equal(event_add_read(loop, &s->ev_accept, s->lfd, 0,
					on_accept, s), 0);
}

static void server_stop(struct server *s)
{
	unsigned i;

	event_cancel(&s->ev_accept);
	for (i = 0; i < s->accepted; i++)
		if (s->clients[i].fd >= 0)
			client_close(&s->clients[i]);
	close(s->lfd);
}

/* ---- the fixture ---------------------------------------------------- */

struct fixture {
	struct event_loop *loop;
	struct global_data *gd;
	struct smtp_alerter *a;
	struct server srv;
	FILE *logf;
	long live;
};

static void fixture_init(struct fixture *f)
{
	struct log_opts lo = { .ident = "test", .flags = LOG_FLAG_CONSOLE };

	memset(f, 0, sizeof(*f));
	f->live = mem_live_count();
	f->logf = tmpfile();
	assert_non_null(f->logf);
	lo.console = f->logf;
	log_open(&lo);
	f->loop = event_loop_new(NULL);
	assert_non_null(f->loop);
	f->gd = global_data_new();
	f->gd->router_id = mem_strdup("lb1");
	f->gd->email_from = mem_strdup("ka@example.test");
	f->gd->smtp_helo_name = mem_strdup("lb1.example.test");
	f->gd->smtp_connect_timeout_s = 1;
	global_data_strlist_add(&f->gd->email, "a@example.test");
	global_data_strlist_add(&f->gd->email, "b@example.test");
}

/* Points the configuration at the scripted server and makes the
 * alerter. */
static void fixture_server(struct fixture *f)
{
	server_start(&f->srv, f->loop);
	f->gd->smtp_server = mem_strdup("127.0.0.1");
	f->gd->smtp_port = f->srv.port;
	f->a = smtp_alerter_new(f->loop, f->gd);
}

static void on_safety(struct event_loop *loop, const struct event_info *info)
{
	(void)loop;
	*(bool *)info->arg = true;
}

/* Runs the loop until the only events left are the server's. */
static void run_until_idle(struct fixture *f)
{
	struct event_loop_stats st;
	struct event *ev = NULL;
	bool expired = false;
	size_t server_events;
	unsigned i;

	assert_int_equal(event_add_timer(f->loop, &ev, SAFETY_US, on_safety,
					 &expired), 0);
	for (;;) {
		server_events = f->srv.ev_accept ? 1 : 0;
		for (i = 0; i < f->srv.accepted; i++)
			server_events += f->srv.clients[i].ev ? 1 : 0;
		event_loop_get_stats(f->loop, &st);
		if (expired || st.scheduled <= server_events + 1)
			break;
		assert_true(event_loop_run_once(f->loop, true) >= 0);
	}
	event_cancel(&ev);
	assert_false(expired);
}

/* Runs the loop until server "s" received "text". */
static void run_until_got(struct fixture *f, struct server *s,
			  const char *text)
{
	struct event *ev = NULL;
	bool expired = false;

	assert_int_equal(event_add_timer(f->loop, &ev, SAFETY_US, on_safety,
					 &expired), 0);
	while (!expired && !strstr(s->got, text))
		assert_true(event_loop_run_once(f->loop, true) >= 0);
	event_cancel(&ev);
	assert_false(expired);
}

/* The log so far. */
static const char *log_text(struct fixture *f)
{
	static char text[16384];
	size_t n;

	fflush(f->logf);
	rewind(f->logf);
	n = fread(text, 1, sizeof(text) - 1, f->logf);
	text[n] = 0;
	return text;
}

static unsigned count(const char *hay, const char *needle)
{
	unsigned n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void fixture_done(struct fixture *f)
{
	smtp_alerter_free(&f->a);
	assert_null(f->a);
	if (f->srv.lfd > 0)
		server_stop(&f->srv);
	event_loop_free(&f->loop);
	global_data_free(&f->gd);
	log_close();
	fclose(f->logf);
	assert_int_equal(mem_live_count(), f->live);
}

/* ---- the tests ------------------------------------------------------ */

static void test_dialogue_on_the_wire(void **state)
{
	static const char *const commands = "HELO lb1.example.test\r\n"
		"MAIL FROM:<ka@example.test>\r\n"
		"RCPT TO:<a@example.test>\r\n"
		"RCPT TO:<b@example.test>\r\n"
		"DATA\r\nDate: ";
	struct fixture f;
	const char *sent;

	(void)state;
	fixture_init(&f);
	f.srv.greeting = "220 sink.test ESMTP\r\n";
	fixture_server(&f);
	assert_int_equal(smtp_alert_send(f.a, "Entering MASTER state",
					 "=> up <=\n.dot"), 0);
	run_until_idle(&f);
	sent = f.srv.got;
	assert_true(!strncmp(sent, commands, strlen(commands)));
	assert_non_null(strstr(sent, "\r\nFrom: ka@example.test\r\n"
			       "Subject: [lb1] Entering MASTER state\r\n"
			       "X-Mailer: Keepalived\r\n"
			       "To: a@example.test, b@example.test\r\n\r\n"
			       "=> up <=\r\n..dot\r\n.\r\nQUIT\r\n"));
	assert_int_equal(count(log_text(&f), "SMTP alert successfully sent."),
			 1);
	assert_int_equal(count(log_text(&f), "Error"), 0);
	fixture_done(&f);
}

static void test_replies_a_byte_at_a_time(void **state)
{
	struct fixture f;

	(void)state;
	fixture_init(&f);
	f.srv.greeting = "220-sink.test\r\n220 ESMTP\r\n";
	f.srv.split = true;
	fixture_server(&f);
	assert_int_equal(smtp_alert_send(f.a, "s", "b"), 0);
	run_until_idle(&f);
	assert_int_equal(count(log_text(&f), "SMTP alert successfully sent."),
			 1);
	fixture_done(&f);
}

/* A refusal at "verb" ends the alert with one line naming the step,
 * and nothing after it is sent but nothing. */
static void expect_refusal(const char *verb, const char *reply,
			   const char *logged, const char *not_sent)
{
	struct fixture f;

	fixture_init(&f);
	f.srv.greeting = "220 sink.test\r\n";
	f.srv.fail_verb = verb;
	f.srv.fail_reply = reply;
	fixture_server(&f);
	assert_int_equal(smtp_alert_send(f.a, "s", "b"), 0);
	run_until_idle(&f);
	assert_int_equal(count(log_text(&f), "Error sending SMTP alert"), 1);
	if (!strstr(log_text(&f), logged))
		fail_msg("log lacks \"%s\":\n%s", logged, log_text(&f));
	assert_null(strstr(f.srv.got, not_sent));
	assert_int_equal(count(log_text(&f), "successfully"), 0);
	fixture_done(&f);
}

static void test_refusals(void **state)
{
	(void)state;
	expect_refusal("HELO", "501 bad name\r\n",
		       "HELO answered 501 bad name", "MAIL");
	expect_refusal("MAIL", "553 not you\r\n",
		       "MAIL FROM answered 553 not you", "RCPT");
	expect_refusal("RCPT", "550 unknown\r\n",
		       "every recipient was refused", "DATA");
	expect_refusal("DATA", "554 no\r\n", "DATA answered 554 no",
		       "Subject");
	expect_refusal(".", "552 too big\r\n", "message answered 552 too big",
		       "QUIT");
}

static void test_greeting_refused(void **state)
{
	struct fixture f;

	(void)state;
	fixture_init(&f);
	f.srv.greeting = "421 busy\r\n";
	fixture_server(&f);
	assert_int_equal(smtp_alert_send(f.a, "s", "b"), 0);
	run_until_idle(&f);
	assert_non_null(strstr(log_text(&f), "greeting answered 421 busy"));
	assert_int_equal(f.srv.got_len, 0);
	fixture_done(&f);
}

static void test_nothing_configured_sends_nothing(void **state)
{
	struct event_loop_stats st;
	struct fixture f;

	(void)state;
	fixture_init(&f);
	f.a = smtp_alerter_new(f.loop, f.gd);		/* no smtp_server */
	assert_int_equal(smtp_alert_send(f.a, "s", "b"), 0);
	event_loop_get_stats(f.loop, &st);
	assert_int_equal(st.scheduled, 0);
	smtp_alerter_free(&f.a);
	f.gd->smtp_server = mem_strdup("127.0.0.1");
	global_data_strlist_clear(&f.gd->email);	/* no address */
	f.a = smtp_alerter_new(f.loop, f.gd);
	assert_int_equal(smtp_alert_send(f.a, "s", "b"), 0);
	event_loop_get_stats(f.loop, &st);
	assert_int_equal(st.scheduled, 0);
	assert_int_equal(count(log_text(&f), "SMTP"), 0);
	f.srv.lfd = -1;
	fixture_done(&f);
}

static void test_bound_and_free_in_flight(void **state)
{
	struct fixture f;
	int i, busy = 0;

	(void)state;
	fixture_init(&f);
	f.srv.greeting = NULL;			/* a mute server */
	fixture_server(&f);
	for (i = 0; i < 18; i++)
		if (smtp_alert_send(f.a, "s", "b") == -EBUSY)
			busy++;
	assert_int_equal(busy, 2);
	for (i = 0; i < 20; i++)
		assert_true(event_loop_run_once(f.loop, false) >= 0);
	/* freeing cancels the 16 in flight; fixture_done() checks that
	 * nothing is left allocated */
	smtp_alerter_free(&f.a);
	assert_int_equal(count(log_text(&f), "successfully"), 0);
	fixture_done(&f);
}

static void test_mute_server_times_out(void **state)
{
	struct fixture f;

	(void)state;
	fixture_init(&f);
	f.srv.greeting = NULL;
	fixture_server(&f);
	assert_int_equal(smtp_alert_send(f.a, "s", "b"), 0);
	run_until_idle(&f);
	assert_int_equal(count(log_text(&f), "Error sending SMTP alert"), 1);
	assert_non_null(strstr(log_text(&f),
			       "timeout waiting for the greeting reply"));
	fixture_done(&f);
}

static void test_bad_addresses_are_not_sent(void **state)
{
	struct fixture f;

	(void)state;
	fixture_init(&f);
	f.srv.greeting = "220 sink.test\r\n";
	global_data_strlist_clear(&f.gd->email);
	global_data_strlist_add(&f.gd->email, "x@y>\r\nRCPT TO:<evil@z");
	fixture_server(&f);
	assert_int_equal(smtp_alert_send(f.a, "s", "b"), 0);
	run_until_idle(&f);
	assert_non_null(strstr(log_text(&f), "no valid sender, recipient"));
	assert_int_equal(f.srv.accepted, 0);
	fixture_done(&f);
}

/* After a reload the alerter follows the new global_defs; the old ones
 * may be freed at once. */
static void test_reload_follows_the_configuration(void **state)
{
	struct server other = { .greeting = "220 other.test\r\n" };
	struct global_data *gd2;
	struct fixture f;

	(void)state;
	fixture_init(&f);
	f.srv.greeting = "220 sink.test\r\n";
	fixture_server(&f);
	server_start(&other, f.loop);
	gd2 = global_data_new();
	gd2->smtp_server = mem_strdup("127.0.0.1");
	gd2->smtp_port = other.port;
	gd2->email_from = mem_strdup("new@example.test");
	global_data_strlist_add(&gd2->email, "c@example.test");
	smtp_alerter_set_global(f.a, gd2);
	global_data_free(&f.gd);
	f.gd = gd2;
	assert_int_equal(smtp_alert_send(f.a, "s", "b"), 0);
	/* the old server gets nothing: run until the new one has its
	 * QUIT and the alert is over */
	run_until_got(&f, &other, "QUIT\r\n");
	server_stop(&other);
	run_until_idle(&f);
	assert_int_equal(f.srv.accepted, 0);
	assert_non_null(strstr(other.got, "MAIL FROM:<new@example.test>\r\n"
			       "RCPT TO:<c@example.test>\r\nDATA\r\n"));
	fixture_done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dialogue_on_the_wire),
		cmocka_unit_test(test_replies_a_byte_at_a_time),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_greeting_refused),
		cmocka_unit_test(test_nothing_configured_sends_nothing),
		cmocka_unit_test(test_bound_and_free_in_flight),
		cmocka_unit_test(test_mute_server_times_out),
		cmocka_unit_test(test_bad_addresses_are_not_sent),
		cmocka_unit_test(test_reload_follows_the_configuration),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
