/*
 * Unit tests of keepalived/core/smtp_msg.c: the date, the addresses we
 * accept, and the message text byte for byte.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "memory.h"
#include "smtp_msg.h"

/* 2026-11-22 07:57:17 UTC, a Sunday */
#define WHEN ((time_t)1795334237)

static void expect_date(time_t when, long off, const char *want)
{
	char buf[SMTP_MSG_DATE_LEN];

	assert_int_equal(smtp_msg_date(when, off, buf, sizeof(buf)), 0);
	assert_string_equal(buf, want);
}

static void test_date(void **state)
{
	char small[31];

	(void)state;
	expect_date(0, 0, "Thu, 01 Jan 1970 00:00:00 +0000");
	expect_date(WHEN, 0, "Sun, 22 Nov 2026 07:57:17 +0000");
	expect_date(WHEN, 3600, "Sun, 22 Nov 2026 08:57:17 +0100");
	expect_date(WHEN, 5 * 3600 + 1800, "Sun, 22 Nov 2026 13:27:17 +0530");
	/* west of UTC the local day can be the one before */
	expect_date(WHEN, -8 * 3600, "Sat, 21 Nov 2026 23:57:17 -0800");
	expect_date(WHEN, -(3 * 3600 + 1800),
		    "Sun, 22 Nov 2026 04:27:17 -0330");
	/* 31 octets and the NUL do not fit in 31 */
	assert_int_equal(smtp_msg_date(WHEN, 0, small, sizeof(small)),
			 -ENOSPC);
	assert_int_equal(smtp_msg_date(WHEN, 24 * 3600, small, sizeof(small)),
			 -EINVAL);
}

static void test_addr_ok(void **state)
{
	char longest[256];

	(void)state;
	assert_true(smtp_msg_addr_ok("admin@example.test"));
	assert_true(smtp_msg_addr_ok("a.b+c@d"));
	assert_false(smtp_msg_addr_ok(NULL));
	assert_false(smtp_msg_addr_ok(""));
	assert_false(smtp_msg_addr_ok("a b@c"));
	assert_false(smtp_msg_addr_ok("a@c>\r\nRCPT TO:<x@y"));
	assert_false(smtp_msg_addr_ok("<a@c>"));
	assert_false(smtp_msg_addr_ok("a@c\n"));
	assert_false(smtp_msg_addr_ok("caf\xc3\xa9@c"));
	memset(longest, 'a', 254);
	longest[254] = 0;
	assert_true(smtp_msg_addr_ok(longest));
	longest[254] = 'a';
	longest[255] = 0;
	assert_false(smtp_msg_addr_ok(longest));
}

static char *build(const char *subject, const char *body)
{
	static const char *const to[] = {
		"alice@example.test", "bob@example.test"
	};
	struct smtp_msg m = {
		.from = "ka@example.test", .to = to, .nto = 2,
		.router_id = "lb1", .subject = subject, .body = body,
		.when = WHEN, .utc_offset_s = 0,
	};

	return smtp_msg_build(&m);
}

#define HEADERS(subject) \
	"Date: Sun, 22 Nov 2026 07:57:17 +0000\r\n" \
	"From: ka@example.test\r\n" \
	"Subject: [lb1] " subject "\r\n" \
	"X-Mailer: Keepalived\r\n" \
	"To: alice@example.test, bob@example.test\r\n" \
	"\r\n"

static void expect_msg(const char *subject, const char *body,
		       const char *want)
{
	char *s = build(subject, body);
	long live = mem_live_count();

	assert_string_equal(s, want);
	mem_free(&s);
	assert_null(s);
	assert_int_equal(mem_live_count(), live - 1);
}

static void test_message(void **state)
{
	(void)state;
	expect_msg("Real server down",
		   "=> CHECK failed on service : connection error <=\n",
		   HEADERS("Real server down")
		   "=> CHECK failed on service : connection error <=\r\n"
		   ".\r\n");
}

static void test_body_lines(void **state)
{
	(void)state;
	/* LF and CRLF both end lines; a last line without one gets one */
	expect_msg("s", "one\ntwo\r\nthree",
		   HEADERS("s") "one\r\ntwo\r\nthree\r\n.\r\n");
	/* empty lines are kept */
	expect_msg("s", "a\n\nb\n", HEADERS("s") "a\r\n\r\nb\r\n.\r\n");
	/* an empty body is just the end */
	expect_msg("s", "", HEADERS("s") ".\r\n");
	expect_msg("s", NULL, HEADERS("s") ".\r\n");
	/* a CR inside a line is not a line end */
	expect_msg("s", "a\rb\n", HEADERS("s") "a b\r\n.\r\n");
}

static void test_dot_stuffing(void **state)
{
	(void)state;
	expect_msg("s", ".\n..x\nmid.dle\n.",
		   HEADERS("s") "..\r\n...x\r\nmid.dle\r\n..\r\n.\r\n");
}

static void test_no_header_injection(void **state)
{
	(void)state;
	expect_msg("up\r\nBcc: eve@example.test", "b",
		   HEADERS("up  Bcc: eve@example.test") "b\r\n.\r\n");
}

static void test_no_router_id(void **state)
{
	static const char *const to[] = { "a@b" };
	struct smtp_msg m = {
		.from = "f@g", .to = to, .nto = 1, .subject = "x",
		.body = "y", .when = 0,
	};
	char *s;

	(void)state;
	s = smtp_msg_build(&m);
	assert_non_null(strstr(s, "\r\nSubject: [] x\r\n"));
	assert_non_null(strstr(s, "\r\nTo: a@b\r\n\r\ny\r\n.\r\n"));
	mem_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_addr_ok),
		cmocka_unit_test(test_message),
		cmocka_unit_test(test_body_lines),
		cmocka_unit_test(test_dot_stuffing),
		cmocka_unit_test(test_no_header_injection),
		cmocka_unit_test(test_no_router_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
