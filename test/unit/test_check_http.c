/*
 * test_check_http.c: the HTTP_GET kind (check_http.c with http_fetch.c)
 * end to end over the loopback, against a tiny server that runs on the
 * same event loop: one report per attempt, with the reason of a failure
 * (status, digest, regex, time-out, refused), every url in turn, and an
 * abort that leaves nothing behind. This test stands in for the
 * framework: it defines ck_checker_done().
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "check_checker.h"
#include "event.h"
#include "list.h"
#include "memory.h"

#define HELLO_MD5 "5eb63bbbe01eeed093cb22bb8f5acdc3"	/* "hello world" */

/* The server: answers every connection with "reply" (NULL: never). */
struct server {
	struct event_loop *loop;
	int lfd;
	uint16_t port;
	const char *reply;
	int conns[8];
	int nconns;
	struct event *ev_accept;
	struct event *ev_read[8];
};

/* What the kind reported. */
struct result {
	int reports;
	bool ok;
	char why[512];
};

static struct result *g_result;

void ck_checker_done(struct checker *ck, bool ok, const char *why_fmt, ...)
{
	va_list ap;

	(void)ck;
	g_result->reports++;
	g_result->ok = ok;
	va_start(ap, why_fmt);
	vsnprintf(g_result->why, sizeof(g_result->why), why_fmt, ap);
	va_end(ap);
}

void ck_checker_set_weight_delta(struct checker *ck, long delta)
{
	(void)ck;
	(void)delta;
}

static void on_request(struct event_loop *loop, const struct event_info *info)
{
	struct server *s = info->arg;
	char buf[4096];
	ssize_t n;

	(void)loop;
	n = read(info->fd, buf, sizeof(buf));
	assert_true(n > 0);
	if (!s->reply)
		return;
	assert_int_equal(write(info->fd, s->reply, strlen(s->reply)),
			 (ssize_t)strlen(s->reply));
	shutdown(info->fd, SHUT_WR);
}

static void on_accept(struct event_loop *loop, const struct event_info *info)
{
	struct server *s = info->arg;
	int fd = accept4(s->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

	assert_true(fd >= 0);
	assert_true(s->nconns < 8);
	s->conns[s->nconns] = fd;
	assert_int_equal(event_add_read(loop, &s->ev_read[s->nconns], fd, 0,
					on_request, s), 0);
	s->nconns++;
	assert_int_equal(event_add_read(loop, &s->ev_accept, s->lfd, 0,
					on_accept, s), 0);
}

static void server_start(struct server *s, struct event_loop *loop)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);

	memset(s, 0, sizeof(*s));
	s->loop = loop;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	assert_true(s->lfd >= 0);
	assert_int_equal(bind(s->lfd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(listen(s->lfd, 8), 0);
	assert_int_equal(getsockname(s->lfd, (struct sockaddr *)&sin, &len), 0);
	s->port = ntohs(sin.sin_port);
	assert_int_equal(event_add_read(loop, &s->ev_accept, s->lfd, 0,
					on_accept, s), 0);
}

static void server_stop(struct server *s)
{
	int i;

	event_cancel(&s->ev_accept);
	for (i = 0; i < s->nconns; i++) {
		event_cancel(&s->ev_read[i]);
		close(s->conns[i]);
	}
	close(s->lfd);
}

struct fixture {
	struct event_loop *loop;
	struct ck_env env;
	struct server srv;
	struct ck_checker_conf conf;
	struct ck_url urls[2];
	struct checker ck;
	struct result res;
};

static int setup(void **state)
{
	struct fixture *fx = mem_new(struct fixture);

	fx->loop = event_loop_new(NULL);
	assert_non_null(fx->loop);
	fx->env.loop = fx->loop;
	server_start(&fx->srv, fx->loop);
	fx->conf.type = CK_HTTP;
	fx->conf.common.connect_timeout_us = 5000000;
	list_init(&fx->conf.u.http.urls);
	fx->urls[0].path = "/one";
	fx->urls[1].path = "/two";
	list_add_tail(&fx->conf.u.http.urls, &fx->urls[0].node);
	fx->ck.conf = &fx->conf;
	fx->ck.ops = &ck_http_ops;
	fx->ck.env = &fx->env;
	assert_int_equal(addr_parse("127.0.0.1", &fx->ck.addr), 0);
	fx->ck.port = fx->srv.port;
	g_result = &fx->res;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	assert_null(fx->ck.priv);
	server_stop(&fx->srv);
	event_loop_free(&fx->loop);
	mem_free(&fx);
	return 0;
}

/* Runs one attempt to its report. */
static void attempt(struct fixture *fx)
{
	int passes = 0;

	memset(&fx->res, 0, sizeof(fx->res));
	assert_int_equal(ck_http_ops.start(&fx->ck), 0);
	/* Never reported from start(). */
	assert_int_equal(fx->res.reports, 0);
	while (!fx->res.reports && passes++ < 10000)
		assert_true(event_loop_run_once(fx->loop, true) >= 0);
	assert_int_equal(fx->res.reports, 1);
	assert_null(fx->ck.priv);
}

static void test_ok(void **state)
{
	struct fixture *fx = *state;

	fx->srv.reply = "HTTP/1.0 200 OK\r\nContent-Length: 11\r\n\r\n"
			"hello world";
	fx->urls[0].digest = HELLO_MD5;
	fx->urls[0].regex = "w.rld";
	attempt(fx);
	assert_true(fx->res.ok);

	/* A chunked body has the same digest. */
	fx->srv.reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
			"6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n";
	attempt(fx);
	assert_true(fx->res.ok);
}

static void test_status(void **state)
{
	struct fixture *fx = *state;

	fx->srv.reply = "HTTP/1.0 500 Oops\r\nContent-Length: 0\r\n\r\n";
	attempt(fx);
	assert_false(fx->res.ok);
	assert_string_equal(fx->res.why, "/one: HTTP status code 500");

	ck_status_add(&fx->urls[0].status, 500, 503);
	attempt(fx);
	assert_true(fx->res.ok);
}

static void test_digest_and_regex(void **state)
{
	struct fixture *fx = *state;

	fx->srv.reply = "HTTP/1.0 200 OK\r\n\r\nhello there";
	fx->urls[0].digest = HELLO_MD5;
	attempt(fx);
	assert_false(fx->res.ok);
	assert_non_null(strstr(fx->res.why, "/one: MD5 digest mismatch"));

	fx->urls[0].digest = NULL;
	fx->urls[0].regex = "world";
	attempt(fx);
	assert_false(fx->res.ok);
	assert_string_equal(fx->res.why, "/one: regex mismatch");

	fx->urls[0].regex_no_match = true;
	attempt(fx);
	assert_true(fx->res.ok);

	fx->urls[0].regex = "there";
	attempt(fx);
	assert_false(fx->res.ok);

	/* "there" starts at 6. */
	fx->urls[0].regex_no_match = false;
	fx->urls[0].regex_max_offset = 5;
	attempt(fx);
	assert_false(fx->res.ok);
	fx->urls[0].regex_max_offset = 6;
	attempt(fx);
	assert_true(fx->res.ok);
}

static void test_every_url(void **state)
{
	struct fixture *fx = *state;

	list_add_tail(&fx->conf.u.http.urls, &fx->urls[1].node);
	fx->srv.reply = "HTTP/1.0 200 OK\r\n\r\nhello world";
	fx->urls[1].digest = "00000000000000000000000000000000";
	attempt(fx);
	assert_false(fx->res.ok);
	assert_non_null(strstr(fx->res.why, "/two: MD5 digest mismatch"));
	assert_int_equal(fx->srv.nconns, 2);
	fx->urls[1].digest = HELLO_MD5;
	attempt(fx);
	assert_true(fx->res.ok);
	assert_int_equal(fx->srv.nconns, 4);
}

static void test_timeout_and_refused(void **state)
{
	struct fixture *fx = *state;

	fx->srv.reply = NULL;
	fx->conf.common.connect_timeout_us = 200000;
	attempt(fx);
	assert_false(fx->res.ok);
	assert_string_equal(fx->res.why, "/one: timeout");

	/* A response cut short is no success. */
	fx->srv.reply = "HTTP/1.0 200 OK\r\nContent-Length: 50\r\n\r\nhello";
	attempt(fx);
	assert_false(fx->res.ok);
	assert_string_equal(fx->res.why, "/one: connection closed before the "
			    "end of the body");

	event_cancel(&fx->srv.ev_accept);
	close(fx->srv.lfd);
	fx->srv.lfd = socket(AF_INET, SOCK_STREAM, 0);
	attempt(fx);
	assert_false(fx->res.ok);
	assert_string_equal(fx->res.why, "/one: Connection refused");
}

static void test_abort(void **state)
{
	struct fixture *fx = *state;
	struct event_loop_stats st;

	fx->srv.reply = NULL;
	memset(&fx->res, 0, sizeof(fx->res));
	assert_int_equal(ck_http_ops.start(&fx->ck), 0);
	assert_int_equal(event_loop_run_once(fx->loop, true) >= 0, 1);
	ck_http_ops.abort(&fx->ck);
	assert_null(fx->ck.priv);
	/* Only the server's own events are left. */
	event_loop_get_stats(fx->loop, &st);
	assert_int_equal(st.scheduled, 1 + (size_t)fx->srv.nconns);
	assert_int_equal(fx->res.reports, 0);
	/* An abort with nothing running is harmless. */
	ck_http_ops.abort(&fx->ck);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status, setup, teardown),
		cmocka_unit_test_setup_teardown(test_digest_and_regex, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_every_url, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_timeout_and_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_abort, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
