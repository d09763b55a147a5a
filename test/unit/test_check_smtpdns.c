/*
 * Unit tests of the SMTP_CHECK and DNS_CHECK kinds (check_smtp.c,
 * check_dns.c) on a real event loop, against scripted servers on
 * 127.0.0.1 driven by the same loop. This program stands in for the
 * framework: its ck_checker_done() records the one report an attempt
 * makes.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "check_checker.h"
#include "dns_packet.h"
#include "event.h"
#include "global_data.h"
#include "memory.h"

#define SAFETY_US 10000000ULL	/* no test waits longer than this */
#define TIMEOUT_US 300000	/* the checks' connect_timeout */

/* ---- the framework's side --------------------------------------------- */

static struct report {
	int count;
	bool ok;
	char why[256];
} rep;

void ck_checker_done(struct checker *ck, bool ok, const char *why_fmt, ...)
{
	va_list ap;

	assert_null(ck->priv);		/* the kind let go first */
	rep.count++;
	rep.ok = ok;
	va_start(ap, why_fmt);
	vsnprintf(rep.why, sizeof(rep.why), why_fmt, ap);
	va_end(ap);
}

void ck_checker_set_weight_delta(struct checker *ck, long delta)
{
	(void)ck;
	(void)delta;
}

struct fixture {
	struct event_loop *loop;
	struct global_data gd;
	struct ck_env env;
	struct ck_checker_conf conf;
	struct checker ck;
	long live;
};

static void fixture_init(struct fixture *f, enum ck_type type,
			 const struct ck_checker_ops *ops)
{
	memset(f, 0, sizeof(*f));
	memset(&rep, 0, sizeof(rep));
	f->live = mem_live_count();
	f->loop = event_loop_new(NULL);
	assert_non_null(f->loop);
	f->gd.smtp_helo_name = "global.helo.test";
	f->env.loop = f->loop;
	f->env.gd = &f->gd;
	f->conf.type = type;
	f->conf.common.connect_timeout_us = TIMEOUT_US;
	f->ck.conf = &f->conf;
	f->ck.ops = ops;
	f->ck.env = &f->env;
	f->ck.addr.family = AF_INET;
	f->ck.addr.u.v4.s_addr = htonl(INADDR_LOOPBACK);
}

static void on_safety(struct event_loop *loop, const struct event_info *info)
{
	(void)loop;
	*(bool *)info->arg = true;
}

/* Runs the loop until the attempt reported (or the safety time-out). */
static void run_until_report(struct fixture *f)
{
	struct event *ev = NULL;
	bool expired = false;

	assert_int_equal(event_add_timer(f->loop, &ev, SAFETY_US, on_safety,
					 &expired), 0);
	while (!rep.count && !expired)
		assert_true(event_loop_run_once(f->loop, true) >= 0);
	event_cancel(&ev);
	assert_false(expired);
	assert_int_equal(rep.count, 1);
}

/* Runs the loop until *flag is set (or the safety time-out). */
static void run_until_flag(struct fixture *f, const bool *flag)
{
	struct event *ev = NULL;
	bool expired = false;

	assert_int_equal(event_add_timer(f->loop, &ev, SAFETY_US, on_safety,
					 &expired), 0);
	while (!*flag && !expired)
		assert_true(event_loop_run_once(f->loop, true) >= 0);
	event_cancel(&ev);
	assert_false(expired);
}

static void fixture_done(struct fixture *f)
{
	event_loop_free(&f->loop);
	assert_int_equal(mem_live_count(), f->live);
}

/* A socket of "type" bound to "addr" on a free port; *port gets it. */
static int bound_socket(const struct ka_addr *addr, int type, uint16_t *port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct ka_addr got;
	int fd = socket(addr->family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_int_equal(addr_to_sockaddr(addr, 0, &ss, &len), 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&ss, len), 0);
	len = sizeof(ss);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&ss, &len), 0);
	assert_int_equal(addr_from_sockaddr((struct sockaddr *)&ss, len, &got,
					    port), 0);
	return fd;
}

/* A port nothing listens on (TCP or UDP). */
static uint16_t closed_port(const struct ka_addr *addr, int type)
{
	uint16_t port;
	int fd = bound_socket(addr, type, &port);

	close(fd);
	return port;
}

static void use_ipv6(struct fixture *f)
{
	memset(&f->ck.addr, 0, sizeof(f->ck.addr));
	f->ck.addr.family = AF_INET6;
	f->ck.addr.u.v6 = in6addr_loopback;
}

/* ---- a scripted SMTP server --------------------------------------------- */

struct smtp_srv {
	int lfd, cfd;
	struct event *ev_accept, *ev_read;
	const char *greeting;		/* NULL: say nothing */
	const char *helo_reply;
	bool close_at_once;
	char got[512];
	size_t got_len;
	bool replied, eof;
};

static void srv_say(int fd, const char *s)
{
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
}

static void smtp_srv_read(struct event_loop *loop,
			  const struct event_info *info)
{
	struct smtp_srv *s = info->arg;
	ssize_t n = read(s->cfd, s->got + s->got_len,
			 sizeof(s->got) - 1 - s->got_len);

	if (n <= 0) {
		s->eof = true;
		return;
	}
	s->got_len += (size_t)n;
	s->got[s->got_len] = 0;
	if (!s->replied && strstr(s->got, "\r\n")) {
		s->replied = true;
		srv_say(s->cfd, s->helo_reply);
	}
	assert_int_equal(event_add_read(loop, &s->ev_read, s->cfd, 0,
					smtp_srv_read, s), 0);
}

static void smtp_srv_accept(struct event_loop *loop,
			    const struct event_info *info)
{
	struct smtp_srv *s = info->arg;

	s->cfd = accept4(s->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	assert_true(s->cfd >= 0);
	if (s->close_at_once) {
		close(s->cfd);
		s->cfd = -1;
		return;
	}
	if (!s->greeting)
		return;
	srv_say(s->cfd, s->greeting);
	assert_int_equal(event_add_read(loop, &s->ev_read, s->cfd, 0,
					smtp_srv_read, s), 0);
}

static void smtp_srv_start(struct fixture *f, struct smtp_srv *s)
{
	s->cfd = -1;
	s->lfd = bound_socket(&f->ck.addr, SOCK_STREAM, &f->ck.port);
	assert_int_equal(listen(s->lfd, 4), 0);
	assert_int_equal(event_add_read(f->loop, &s->ev_accept, s->lfd, 0,
					smtp_srv_accept, s), 0);
}

static void smtp_srv_stop(struct smtp_srv *s)
{
	event_cancel(&s->ev_accept);
	event_cancel(&s->ev_read);
	if (s->cfd >= 0)
		close(s->cfd);
	close(s->lfd);
}

/* Runs one SMTP_CHECK attempt against a server with this script. */
static void smtp_attempt(struct fixture *f, struct smtp_srv *s)
{
	fixture_init(f, CK_SMTP, &ck_smtp_ops);
	smtp_srv_start(f, s);
	assert_int_equal(ck_smtp_ops.start(&f->ck), 0);
	assert_int_equal(rep.count, 0);		/* never from start() */
	run_until_report(f);
	assert_null(f->ck.priv);
}

static void test_smtp_good(void **state)
{
	struct smtp_srv s = { .greeting = "220 mx ESMTP\r\n",
			      .helo_reply = "250 mx\r\n" };
	struct fixture f;

	(void)state;
	smtp_attempt(&f, &s);
	assert_true(rep.ok);
	/* the QUIT was written before the socket closed */
	run_until_flag(&f, &s.eof);
	assert_string_equal(s.got, "HELO global.helo.test\r\nQUIT\r\n");
	smtp_srv_stop(&s);
	fixture_done(&f);
}

static void test_smtp_checker_helo_name_and_multiline(void **state)
{
	struct smtp_srv s = { .greeting = "220-mx\r\n220-ready\r\n220 go\r\n",
			      .helo_reply = "250-mx\r\n250 hi\r\n" };
	struct fixture f;

	(void)state;
	fixture_init(&f, CK_SMTP, &ck_smtp_ops);
	f.conf.u.smtp.helo_name = "own.helo.test";
	smtp_srv_start(&f, &s);
	assert_int_equal(ck_smtp_ops.start(&f.ck), 0);
	run_until_report(&f);
	assert_true(rep.ok);
	assert_non_null(strstr(s.got, "HELO own.helo.test\r\n"));
	smtp_srv_stop(&s);
	fixture_done(&f);
}

static void expect_smtp_failure(struct smtp_srv *s, const char *why)
{
	struct fixture f;

	smtp_attempt(&f, s);
	assert_false(rep.ok);
	if (!strstr(rep.why, why))
		fail_msg("reason \"%s\" lacks \"%s\"", rep.why, why);
	smtp_srv_stop(s);
	fixture_done(&f);
}

static void test_smtp_failures(void **state)
{
	struct smtp_srv busy = { .greeting = "554 go away\r\n" };
	struct smtp_srv rude = { .greeting = "220 mx\r\n",
				 .helo_reply = "501 who are you\r\n" };
	struct smtp_srv junk = { .greeting = "hello there\r\n" };
	struct smtp_srv closes = { .close_at_once = true };
	struct smtp_srv mute = { 0 };
	struct smtp_srv stalls = { .greeting = "220 mx\r\n",
				   .helo_reply = "" };

	(void)state;
	expect_smtp_failure(&busy, "greeting code 554 go away");
	expect_smtp_failure(&rude, "HELO code 501 who are you");
	expect_smtp_failure(&junk, "malformed SMTP reply");
	expect_smtp_failure(&closes, "waiting for the greeting");
	expect_smtp_failure(&mute, "timeout waiting for the greeting");
	expect_smtp_failure(&stalls, "timeout waiting for the HELO reply");
}

static void test_smtp_refused(void **state)
{
	struct fixture f;

	(void)state;
	fixture_init(&f, CK_SMTP, &ck_smtp_ops);
	f.ck.port = closed_port(&f.ck.addr, SOCK_STREAM);
	assert_int_equal(ck_smtp_ops.start(&f.ck), 0);
	assert_int_equal(rep.count, 0);
	run_until_report(&f);
	assert_false(rep.ok);
	assert_string_equal(rep.why, strerror(ECONNREFUSED));
	fixture_done(&f);
}

static void test_smtp_ipv6(void **state)
{
	struct smtp_srv s = { .greeting = "220 mx\r\n",
			      .helo_reply = "250 mx\r\n" };
	struct fixture f;

	(void)state;
	fixture_init(&f, CK_SMTP, &ck_smtp_ops);
	use_ipv6(&f);
	smtp_srv_start(&f, &s);
	assert_int_equal(ck_smtp_ops.start(&f.ck), 0);
	run_until_report(&f);
	assert_true(rep.ok);
	smtp_srv_stop(&s);
	fixture_done(&f);
}

static void test_smtp_abort(void **state)
{
	struct smtp_srv s = { 0 };	/* mute: the attempt hangs */
	struct fixture f;
	int i;

	(void)state;
	fixture_init(&f, CK_SMTP, &ck_smtp_ops);
	smtp_srv_start(&f, &s);
	assert_int_equal(ck_smtp_ops.start(&f.ck), 0);
	for (i = 0; i < 3; i++)
		assert_true(event_loop_run_once(f.loop, false) >= 0);
	ck_smtp_ops.abort(&f.ck);
	assert_null(f.ck.priv);
	ck_smtp_ops.abort(&f.ck);		/* twice is harmless */
	smtp_srv_stop(&s);
	event_loop_run_once(f.loop, false);
	assert_int_equal(rep.count, 0);
	fixture_done(&f);
}

/* ---- a scripted DNS server ---------------------------------------------- */

enum dns_mode {
	DNS_ANSWER,		/* NOERROR with one A record */
	DNS_NXDOMAIN,
	DNS_SERVFAIL,
	DNS_WRONG_ID_FIRST,	/* a reply with another id, then the right */
	DNS_GARBAGE,
	DNS_MUTE,
};

struct dns_srv {
	int fd;
	struct event *ev;
	enum dns_mode mode;
	uint8_t query[DNS_UDP_MAX];
	size_t qlen;
};

static void dns_reply_to(struct dns_srv *s, const struct sockaddr_storage *to,
			 socklen_t tolen, unsigned rcode, unsigned id_delta,
			 bool answer)
{
	static const uint8_t rr[] = {
		0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 9, 9, 9
	};
	uint8_t r[DNS_UDP_MAX];
	size_t len = s->qlen;
	unsigned id = (unsigned)(s->query[0] << 8 | s->query[1]) + id_delta;

	memcpy(r, s->query, s->qlen);
	r[0] = (uint8_t)(id >> 8);
	r[1] = (uint8_t)id;
	r[2] = 0x81;
	r[3] = (uint8_t)(0x80 | rcode);
	r[7] = answer;
	if (answer) {
		memcpy(r + len, rr, sizeof(rr));
		len += sizeof(rr);
	}
	assert_int_equal(sendto(s->fd, r, len, 0, (const struct sockaddr *)to,
				tolen), (ssize_t)len);
}

static void dns_srv_read(struct event_loop *loop,
			 const struct event_info *info)
{
	struct dns_srv *s = info->arg;
	struct sockaddr_storage from;
	socklen_t flen = sizeof(from);
	ssize_t n = recvfrom(s->fd, s->query, sizeof(s->query), 0,
			     (struct sockaddr *)&from, &flen);

	(void)loop;
	assert_true(n > 0);
	s->qlen = (size_t)n;
	switch (s->mode) {
	case DNS_ANSWER:
		dns_reply_to(s, &from, flen, 0, 0, true);
		break;
	case DNS_NXDOMAIN:
		dns_reply_to(s, &from, flen, 3, 0, false);
		break;
	case DNS_SERVFAIL:
		dns_reply_to(s, &from, flen, 2, 0, false);
		break;
	case DNS_WRONG_ID_FIRST:
		dns_reply_to(s, &from, flen, 3, 1, false);
		dns_reply_to(s, &from, flen, 0, 0, true);
		break;
	case DNS_GARBAGE:
		assert_int_equal(sendto(s->fd, "\x00", 1, 0,
					(struct sockaddr *)&from, flen), 1);
		break;
	case DNS_MUTE:
		break;
	}
}

static void dns_attempt_on(struct fixture *f, struct dns_srv *s,
			   enum ck_dns_type type, char *name, bool v6)
{
	fixture_init(f, CK_DNS, &ck_dns_ops);
	if (v6)
		use_ipv6(f);
	f->conf.u.dns.type = type;
	f->conf.u.dns.name = name;
	s->fd = bound_socket(&f->ck.addr, SOCK_DGRAM, &f->ck.port);
	assert_int_equal(event_add_read(f->loop, &s->ev, s->fd, 0,
					dns_srv_read, s), 0);
	assert_int_equal(ck_dns_ops.start(&f->ck), 0);
	assert_int_equal(rep.count, 0);
	run_until_report(f);
	event_cancel(&s->ev);
	close(s->fd);
}

static void dns_attempt(struct fixture *f, struct dns_srv *s,
			enum ck_dns_type type, char *name)
{
	dns_attempt_on(f, s, type, name, false);
}

static void test_dns_good(void **state)
{
	static const uint8_t qname[] = "\7example\4test";
	struct dns_srv s = { .mode = DNS_ANSWER };
	struct fixture f;

	(void)state;
	dns_attempt(&f, &s, CK_DNS_A, "example.test");
	assert_true(rep.ok);
	/* the query: one question, RD set, type A class IN */
	assert_int_equal(s.qlen, DNS_HEADER_LEN + sizeof(qname) + 4);
	assert_int_equal(s.query[2], 0x01);
	assert_int_equal(s.query[5], 1);
	assert_memory_equal(s.query + DNS_HEADER_LEN, qname, sizeof(qname));
	assert_memory_equal(s.query + s.qlen - 4, "\0\1\0\1", 4);
	fixture_done(&f);
}

static void test_dns_default_name_soa(void **state)
{
	struct dns_srv s = { .mode = DNS_ANSWER };
	struct fixture f;

	(void)state;
	dns_attempt(&f, &s, CK_DNS_SOA, NULL);
	assert_true(rep.ok);
	assert_int_equal(s.qlen, DNS_HEADER_LEN + 1 + 4);
	assert_memory_equal(s.query + DNS_HEADER_LEN, "\0\0\6\0\1", 5);
	fixture_done(&f);
}

static void test_dns_wrong_id_ignored(void **state)
{
	struct dns_srv s = { .mode = DNS_WRONG_ID_FIRST };
	struct fixture f;

	(void)state;
	dns_attempt(&f, &s, CK_DNS_A, "example.test");
	assert_true(rep.ok);
	fixture_done(&f);
}

static void expect_dns_failure(enum dns_mode mode, const char *why)
{
	struct dns_srv s = { .mode = mode };
	struct fixture f;

	dns_attempt(&f, &s, CK_DNS_A, "example.test");
	assert_false(rep.ok);
	if (!strstr(rep.why, why))
		fail_msg("reason \"%s\" lacks \"%s\"", rep.why, why);
	fixture_done(&f);
}

static void test_dns_failures(void **state)
{
	(void)state;
	expect_dns_failure(DNS_NXDOMAIN, "DNS reply NXDOMAIN");
	expect_dns_failure(DNS_SERVFAIL, "DNS reply SERVFAIL");
	expect_dns_failure(DNS_GARBAGE, "invalid DNS reply");
	expect_dns_failure(DNS_MUTE, "timeout");
}

static void test_dns_refused(void **state)
{
	struct fixture f;

	(void)state;
	fixture_init(&f, CK_DNS, &ck_dns_ops);
	f.conf.u.dns.type = CK_DNS_A;
	f.conf.u.dns.name = "example.test";
	f.ck.port = closed_port(&f.ck.addr, SOCK_DGRAM);
	assert_int_equal(ck_dns_ops.start(&f.ck), 0);
	run_until_report(&f);
	assert_false(rep.ok);
	assert_string_equal(rep.why, strerror(ECONNREFUSED));
	fixture_done(&f);
}

static void test_dns_ipv6(void **state)
{
	struct dns_srv s = { .mode = DNS_ANSWER };
	struct fixture f;

	(void)state;
	dns_attempt_on(&f, &s, CK_DNS_AAAA, "example.test", true);
	assert_true(rep.ok);
	assert_memory_equal(s.query + s.qlen - 4, "\0\x1c\0\1", 4);
	fixture_done(&f);
}

static void test_dns_bad_name_cannot_start(void **state)
{
	struct fixture f;

	(void)state;
	fixture_init(&f, CK_DNS, &ck_dns_ops);
	f.conf.u.dns.type = CK_DNS_A;
	f.conf.u.dns.name = "a..b";
	f.ck.port = closed_port(&f.ck.addr, SOCK_DGRAM);
	assert_int_equal(ck_dns_ops.start(&f.ck), -EINVAL);
	assert_null(f.ck.priv);
	fixture_done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smtp_good),
		cmocka_unit_test(test_smtp_checker_helo_name_and_multiline),
		cmocka_unit_test(test_smtp_failures),
		cmocka_unit_test(test_smtp_refused),
		cmocka_unit_test(test_smtp_ipv6),
		cmocka_unit_test(test_smtp_abort),
		cmocka_unit_test(test_dns_good),
		cmocka_unit_test(test_dns_default_name_soa),
		cmocka_unit_test(test_dns_wrong_id_ignored),
		cmocka_unit_test(test_dns_failures),
		cmocka_unit_test(test_dns_refused),
		cmocka_unit_test(test_dns_ipv6),
		cmocka_unit_test(test_dns_bad_name_cannot_start),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
