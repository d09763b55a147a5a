/*
 * Unit tests of keepalived/core/smtp_reply.c: single and multi-line
 * replies, split anywhere, and the malformed ones.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "smtp_reply.h"

/* Feeds all of s at once; returns the result and *used. */
static int feed_all(struct smtp_reply *r, const char *s, size_t *used)
{
	smtp_reply_init(r);
	return smtp_reply_feed(r, s, strlen(s), used);
}

static void test_single_line(void **state)
{
	struct smtp_reply r;
	size_t used = 0;

	(void)state;
	assert_int_equal(feed_all(&r, "220 mail.example.test ESMTP\r\n",
				  &used), 1);
	assert_int_equal(r.code, 220);
	assert_string_equal(r.text, "mail.example.test ESMTP");
	assert_int_equal(used, 29);
}

static void test_code_alone_and_bare_lf(void **state)
{
	struct smtp_reply r;
	size_t used;

	(void)state;
	assert_int_equal(feed_all(&r, "250\r\n", &used), 1);
	assert_int_equal(r.code, 250);
	assert_string_equal(r.text, "");
	assert_int_equal(feed_all(&r, "221 bye\n", &used), 1);
	assert_int_equal(r.code, 221);
	assert_string_equal(r.text, "bye");
}

static void test_multi_line(void **state)
{
	const char *s = "250-mail.example.test\r\n250-SIZE 100\r\n"
		"250 HELP\r\n";
	struct smtp_reply r;
	size_t used;

	(void)state;
	assert_int_equal(feed_all(&r, s, &used), 1);
	assert_int_equal(r.code, 250);
	assert_int_equal(r.lines, 3);
	assert_string_equal(r.text, "HELP");
	assert_int_equal(used, strlen(s));
}

/* The same reply cut at every place, and fed a byte at a time. */
static void test_split_anywhere(void **state)
{
	const char *s = "250-first\r\n250-second\r\n250 last one\r\n";
	size_t len = strlen(s), cut, used, i;
	struct smtp_reply r;

	(void)state;
	for (cut = 0; cut < len; cut++) {
		smtp_reply_init(&r);
		assert_int_equal(smtp_reply_feed(&r, s, cut, &used), 0);
		assert_int_equal(used, cut);
		assert_int_equal(smtp_reply_feed(&r, s + cut, len - cut,
						 &used), 1);
		assert_int_equal(used, len - cut);
		assert_int_equal(r.code, 250);
		assert_string_equal(r.text, "last one");
	}
	smtp_reply_init(&r);
	for (i = 0; i + 1 < len; i++)
		assert_int_equal(smtp_reply_feed(&r, s + i, 1, &used), 0);
	assert_int_equal(smtp_reply_feed(&r, s + i, 1, &used), 1);
	assert_int_equal(used, 1);
	assert_string_equal(r.text, "last one");
}

static void test_what_follows_is_left(void **state)
{
	const char *s = "354 go ahead\r\n250 ok\r\n";
	struct smtp_reply r;
	size_t used;

	(void)state;
	assert_int_equal(feed_all(&r, s, &used), 1);
	assert_int_equal(r.code, 354);
	assert_int_equal(used, 14);
	smtp_reply_init(&r);
	assert_int_equal(smtp_reply_feed(&r, s + used, strlen(s) - used,
					 &used), 1);
	assert_int_equal(r.code, 250);
}

static void test_malformed(void **state)
{
	static const char *const bad[] = {
		"abc\r\n", "150 continue\r\n", "650 no\r\n", "2\r\n",
		"25\r\n", "25x ok\r\n", "250x\r\n", "250_ok\r\n", "\r\n",
		" 250 ok\r\n", "250-a\r\n251 b\r\n", "250-a\r\n\r\n",
	};
	struct smtp_reply r;
	size_t used, i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(feed_all(&r, bad[i], &used), -EPROTO);
		/* the error sticks */
		assert_int_equal(smtp_reply_feed(&r, "250 ok\r\n", 8, &used),
				 -EPROTO);
	}
}

static void test_line_too_long(void **state)
{
	char line[SMTP_REPLY_LINE_MAX + 8];
	struct smtp_reply r;
	size_t used;

	(void)state;
	memset(line, 'x', sizeof(line));
	memcpy(line, "250 ", 4);
	/* exactly SMTP_REPLY_LINE_MAX octets before CRLF: accepted */
	smtp_reply_init(&r);
	assert_int_equal(smtp_reply_feed(&r, line, SMTP_REPLY_LINE_MAX,
					 &used), 0);
	assert_int_equal(smtp_reply_feed(&r, "\r\n", 2, &used), 1);
	assert_int_equal(strlen(r.text), SMTP_REPLY_TEXT_MAX - 1);
	/* one more: refused before the end of the line comes */
	smtp_reply_init(&r);
	assert_int_equal(smtp_reply_feed(&r, line, SMTP_REPLY_LINE_MAX + 1,
					 &used), -EMSGSIZE);
}

static void test_too_many_lines(void **state)
{
	struct smtp_reply r;
	size_t used;
	int i;

	(void)state;
	smtp_reply_init(&r);
	for (i = 0; i < SMTP_REPLY_LINES_MAX - 1; i++)
		assert_int_equal(smtp_reply_feed(&r, "250-x\r\n", 7, &used), 0);
	assert_int_equal(smtp_reply_feed(&r, "250 x\r\n", 7, &used), 1);
	smtp_reply_init(&r);
	for (i = 0; i < SMTP_REPLY_LINES_MAX; i++)
		assert_int_equal(smtp_reply_feed(&r, "250-x\r\n", 7, &used), 0);
	assert_int_equal(smtp_reply_feed(&r, "250-x\r\n", 7, &used),
			 -EMSGSIZE);
}

static void test_control_characters_hidden(void **state)
{
	struct smtp_reply r;
	size_t used;

	(void)state;
	smtp_reply_init(&r);
	assert_int_equal(smtp_reply_feed(&r, "550 a\tb\033c\x7f\r\n", 12,
					 &used), 1);
	assert_int_equal(r.code, 550);
	assert_string_equal(r.text, "a?b?c?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_line),
		cmocka_unit_test(test_code_alone_and_bare_lf),
		cmocka_unit_test(test_multi_line),
		cmocka_unit_test(test_split_anywhere),
		cmocka_unit_test(test_what_follows_is_left),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_line_too_long),
		cmocka_unit_test(test_too_many_lines),
		cmocka_unit_test(test_control_characters_hidden),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
