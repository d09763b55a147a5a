/*
 * test_ckmisc_helpers.c: the pure parts of MISC_CHECK, FILE_CHECK,
 * PING_CHECK and UDP_CHECK: script exit statuses, track file numbers,
 * the ICMP echo codec and UDP reply matching.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "icmp_echo.h"
#include "inet_cksum.h"
#include "misc_status.h"
#include "track_file_read.h"
#include "udp_match.h"

/* ---- MISC_CHECK exit statuses ----------------------------------------- */

#define EXITED(s) ((s) << 8)
#define SIGNALLED(n) (n)

static void test_misc_status(void **state)
{
	struct misc_outcome o;
	char why[64];

	(void)state;
	misc_status_outcome(EXITED(0), false, 5, &o, why, sizeof(why));
	assert_true(o.ok);
	assert_false(o.has_delta);
	misc_status_outcome(EXITED(1), false, 5, &o, why, sizeof(why));
	assert_false(o.ok);
	assert_string_equal(why, "exited with status 1");
	misc_status_outcome(EXITED(7), false, 5, &o, why, sizeof(why));
	assert_false(o.ok);
	misc_status_outcome(SIGNALLED(9), true, 5, &o, why, sizeof(why));
	assert_false(o.ok);
	assert_string_equal(why, "killed by signal 9");
}

static void test_misc_dynamic(void **state)
{
	struct misc_outcome o;
	char why[64];

	(void)state;
	/* 0: success, the weight left as it is. */
	misc_status_outcome(EXITED(0), true, 5, &o, why, sizeof(why));
	assert_true(o.ok);
	assert_false(o.has_delta);
	misc_status_outcome(EXITED(1), true, 5, &o, why, sizeof(why));
	assert_false(o.ok);
	/* Exit 10 sets the weight to 8 whatever the configured one. */
	misc_status_outcome(EXITED(10), true, 5, &o, why, sizeof(why));
	assert_true(o.ok);
	assert_true(o.has_delta);
	assert_int_equal(5 + o.delta, 8);
	misc_status_outcome(EXITED(255), true, 1, &o, why, sizeof(why));
	assert_int_equal(1 + o.delta, 253);
	misc_status_outcome(EXITED(2), true, 3, &o, why, sizeof(why));
	assert_true(o.ok);
	assert_int_equal(3 + o.delta, 0);
}

/* ---- track files -------------------------------------------------------- */

static long parse_ok(const char *s)
{
	long v = 12345;

	assert_int_equal(track_file_parse(s, strlen(s), &v), 0);
	return v;
}

/* Each value as keepalived 2.2.7 read it (observed through a VRRP
 * instance's effective priority). */
static void test_track_parse(void **state)
{
	long v = 77;

	(void)state;
	assert_int_equal(parse_ok("5\n"), 5);
	assert_int_equal(parse_ok("  7  \n"), 7);
	assert_int_equal(parse_ok("12abc\n"), 12);
	assert_int_equal(parse_ok("abc\n"), 0);
	assert_int_equal(parse_ok(""), 0);
	assert_int_equal(parse_ok("\n"), 0);
	assert_int_equal(parse_ok("-3\n"), -3);
	assert_int_equal(parse_ok("0x10\n"), 16);
	assert_int_equal(parse_ok("010\n"), 8);
	assert_int_equal(parse_ok("1e3\n"), 1);
	assert_int_equal(parse_ok("3\n4\n"), 3);
	assert_int_equal(parse_ok("+6\n"), 6);
	assert_int_equal(parse_ok("- 4\n"), 0);
	assert_int_equal(parse_ok("2147483648"), 2147483648L);
	assert_int_equal(parse_ok("-2147483648"), -2147483648L);
	assert_int_equal(track_file_parse("9999999999\n", 11, &v), -ERANGE);
	assert_int_equal(track_file_parse("-2147483649", 11, &v), -ERANGE);
	assert_int_equal(track_file_parse("99999999999999999999999", 23, &v),
			 -ERANGE);
	assert_int_equal(v, 77);
	/* Not NUL-terminated: only "len" bytes count. */
	assert_int_equal(track_file_parse("4567", 2, &v), 0);
	assert_int_equal(v, 45);
	assert_int_equal(track_file_parse("4\0" "99", 4, &v), 0);
	assert_int_equal(v, 4);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_track_read(void **state)
{
	char dir[] = "/tmp/test_ckmisc_XXXXXX";
	char path[64], fifo[64];
	long v = -1;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/val", dir);
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);

	/* keepalived reads a missing file as 0. */
	assert_int_equal(track_file_read(path, &v), 0);
	assert_int_equal(v, 0);
	write_file(path, " 42\n");
	assert_int_equal(track_file_read(path, &v), 0);
	assert_int_equal(v, 42);
	write_file(path, "9999999999\n");
	assert_int_equal(track_file_read(path, &v), -ERANGE);
	assert_int_equal(v, 42);
	/* A directory exists but holds no number. */
	assert_int_equal(track_file_read(dir, &v), -EISDIR);
	/* A FIFO with no writer must not block the loop. */
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(track_file_read(fifo, &v), 0);
	assert_int_equal(v, 0);

	unlink(fifo);
	unlink(path);
	rmdir(dir);
}

static void test_track_init(void **state)
{
	char dir[] = "/tmp/test_ckmisc_XXXXXX";
	struct ck_track_file tf = { .init_value = -7 };
	char path[64];
	long v = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/val", dir);
	tf.path = path;
	/* Without init_file nothing is written. */
	assert_int_equal(track_file_init(&tf), 0);
	assert_int_equal(access(path, F_OK), -1);
	tf.init_file = true;
	assert_int_equal(track_file_init(&tf), 0);
	assert_int_equal(track_file_read(path, &v), 0);
	assert_int_equal(v, -7);
	/* An existing file is kept, unless overwrite. */
	write_file(path, "3\n");
	assert_int_equal(track_file_init(&tf), 0);
	assert_int_equal(track_file_read(path, &v), 0);
	assert_int_equal(v, 3);
	tf.init_overwrite = true;
	assert_int_equal(track_file_init(&tf), 0);
	assert_int_equal(track_file_read(path, &v), 0);
	assert_int_equal(v, -7);
	snprintf(path, sizeof(path), "%s/no/val", dir);
	assert_int_equal(track_file_init(&tf), -ENOENT);
	snprintf(path, sizeof(path), "%s/val", dir);
	unlink(path);
	rmdir(dir);
}

static void outcome(long value, long weight, bool reverse, bool dynamic,
		    struct track_file_outcome *o)
{
	struct ck_file f = {
		.weight = weight, .reverse = reverse, .dynamic = dynamic,
	};

	track_file_outcome(&f, value, o);
}

static void test_track_outcome(void **state)
{
	struct track_file_outcome o;

	(void)state;
	/* Weight 0: 0 is up, anything else down, "dynamic" or not. */
	outcome(0, 0, false, false, &o);
	assert_true(o.ok);
	assert_false(o.has_delta);
	outcome(3, 0, false, false, &o);
	assert_false(o.ok);
	outcome(-3, 0, true, false, &o);
	assert_false(o.ok);
	outcome(0, 0, false, true, &o);
	assert_true(o.ok);
	assert_false(o.has_delta);
	outcome(1, 0, false, true, &o);
	assert_false(o.ok);
	/* Any other weight adjusts the real server's, "dynamic" or not
	 * (2.2.7 does not know the keyword). */
	outcome(3, 1, false, false, &o);
	assert_true(o.ok);
	assert_true(o.has_delta);
	assert_int_equal(o.delta, 3);
	/* Dynamic: value times weight, negated by reverse. */
	outcome(3, 5, false, true, &o);
	assert_true(o.ok);
	assert_true(o.has_delta);
	assert_int_equal(o.delta, 15);
	outcome(3, 5, true, true, &o);
	assert_true(o.ok);
	assert_int_equal(o.delta, -15);
	outcome(0, 5, false, true, &o);
	assert_true(o.ok);
	assert_int_equal(o.delta, 0);
	outcome(-4, 2, false, true, &o);
	assert_true(o.ok);
	assert_int_equal(o.delta, -8);
	/* Down at -2147483648 and below. */
	outcome(-2147483648L, 1, false, true, &o);
	assert_false(o.ok);
	outcome(-1073741824L, 2, false, true, &o);
	assert_false(o.ok);
	outcome(-1073741823L, 2, false, true, &o);
	assert_true(o.ok);
	assert_int_equal(o.delta, -2147483646L);
	outcome(2147483648L, 2147483647L, false, true, &o);
	assert_true(o.ok);
	assert_int_equal(o.delta, INT32_MAX);
	outcome(2147483648L, 2147483647L, true, true, &o);
	assert_false(o.ok);
}

/* ---- ICMP echo ---------------------------------------------------------- */

static void test_icmp_build4(void **state)
{
	/* Checksum worked out independently for these bytes. */
	static const uint8_t want[] = {
		8, 0, 0xbc, 0x03, 0x12, 0x34, 0x00, 0x01,
		'a', 'b', 'c', 'd', 'e',
	};
	uint8_t buf[64];

	(void)state;
	assert_int_equal(icmp_echo_build(AF_INET, 0x1234, 1, "abcde", 5, buf,
					 sizeof(buf)), 13);
	assert_memory_equal(buf, want, sizeof(want));
	assert_int_equal(icmp_echo_build(AF_INET, 1, 1, "abcde", 5, buf, 12),
			 -ENOSPC);
	assert_int_equal(icmp_echo_build(AF_INET, 1, 1, NULL, 0, buf, 7),
			 -ENOSPC);
	assert_int_equal(icmp_echo_build(AF_UNIX, 1, 1, NULL, 0, buf, 64),
			 -EAFNOSUPPORT);
}

static void test_icmp_build6(void **state)
{
	struct in6_addr src, dst;
	uint8_t buf[64];
	uint16_t sum;

	(void)state;
	assert_int_equal(icmp_echo_build(AF_INET6, 0x1234, 1, "abcde", 5, buf,
					 sizeof(buf)), 13);
	assert_int_equal(buf[0], 128);
	/* The kernel fills in the ICMPv6 checksum. */
	assert_int_equal(buf[2], 0);
	assert_int_equal(buf[3], 0);
	assert_int_equal(inet_pton(AF_INET6, "2001:db8::1", &src), 1);
	assert_int_equal(inet_pton(AF_INET6, "2001:db8::2", &dst), 1);
	sum = icmp6_cksum(&src, &dst, buf, 13);
	memcpy(buf + 2, &sum, 2);
	assert_int_equal(buf[2], 0xe8);
	assert_int_equal(buf[3], 0x46);
	/* A message carrying its right checksum sums to 0. */
	assert_int_equal(icmp6_cksum(&src, &dst, buf, 13), 0);
}

/* Turns a request into the reply a peer sends back. */
static void make_reply(int family, uint8_t *msg, size_t len)
{
	uint16_t sum;

	if (family == AF_INET6) {
		msg[0] = 129;
		return;
	}
	msg[0] = 0;
	msg[2] = msg[3] = 0;
	sum = inet_cksum_finish(inet_cksum_add(0, msg, len));
	memcpy(msg + 2, &sum, 2);
}

static void test_icmp_match4(void **state)
{
	struct icmp_echo_rx rx = { .family = AF_INET, .check_id = true };
	uint8_t pkt[20 + 64], msg[64];
	int len;

	(void)state;
	len = icmp_echo_build(AF_INET, 0x4242, 7, "0123456789", 10, msg,
			      sizeof(msg));
	/* Our own request, looped back, is not the reply. */
	assert_int_equal(icmp_echo_match(&rx, msg, (size_t)len, 0x4242, 7,
					 "0123456789", 10), -EAGAIN);
	make_reply(AF_INET, msg, (size_t)len);
	assert_int_equal(icmp_echo_match(&rx, msg, (size_t)len, 0x4242, 7,
					 "0123456789", 10), 0);
	/* Another identifier, sequence or data: someone else's. */
	assert_int_equal(icmp_echo_match(&rx, msg, (size_t)len, 0x4243, 7,
					 "0123456789", 10), -EAGAIN);
	assert_int_equal(icmp_echo_match(&rx, msg, (size_t)len, 0x4242, 8,
					 "0123456789", 10), -EAGAIN);
	assert_int_equal(icmp_echo_match(&rx, msg, (size_t)len, 0x4242, 7,
					 "0123456780", 10), -EAGAIN);
	/* A ping socket: the kernel owns the identifier. */
	rx.check_id = false;
	assert_int_equal(icmp_echo_match(&rx, msg, (size_t)len, 0x1111, 7,
					 "0123456789", 10), 0);
	rx.check_id = true;
	/* Truncated, corrupted. */
	assert_int_equal(icmp_echo_match(&rx, msg, 7, 0x4242, 7, "", 0),
			 -EBADMSG);
	msg[9] ^= 1;
	assert_int_equal(icmp_echo_match(&rx, msg, (size_t)len, 0x4242, 7,
					 "0123456789", 10), -EBADMSG);
	msg[9] ^= 1;
	/* Behind an IPv4 header with options (IHL 6). */
	memset(pkt, 0, 24);
	pkt[0] = 0x46;
	memcpy(pkt + 24, msg, (size_t)len);
	rx.ip_header = true;
	assert_int_equal(icmp_echo_match(&rx, pkt, 24 + (size_t)len, 0x4242,
					 7, "0123456789", 10), 0);
	pkt[0] = 0x4f;
	assert_int_equal(icmp_echo_match(&rx, pkt, 24 + (size_t)len, 0x4242,
					 7, "0123456789", 10), -EBADMSG);
	pkt[0] = 0x66;
	assert_int_equal(icmp_echo_match(&rx, pkt, 24 + (size_t)len, 0x4242,
					 7, "0123456789", 10), -EBADMSG);
	assert_int_equal(icmp_echo_match(&rx, pkt, 10, 0x4242, 7, "", 0),
			 -EBADMSG);
}

static void test_icmp_match6(void **state)
{
	struct icmp_echo_rx rx = { .family = AF_INET6, .check_id = true };
	uint8_t msg[64];
	int len;

	(void)state;
	len = icmp_echo_build(AF_INET6, 9, 65535, "xy", 2, msg, sizeof(msg));
	assert_int_equal(icmp_echo_match(&rx, msg, (size_t)len, 9, 65535,
					 "xy", 2), -EAGAIN);
	make_reply(AF_INET6, msg, (size_t)len);
	/* No checksum check: the kernel verifies ICMPv6's. */
	assert_int_equal(icmp_echo_match(&rx, msg, (size_t)len, 9, 65535,
					 "xy", 2), 0);
	assert_int_equal(icmp_echo_match(&rx, msg, (size_t)len, 9, 65535,
					 "xyz", 3), -EAGAIN);
	msg[1] = 1;
	assert_int_equal(icmp_echo_match(&rx, msg, (size_t)len, 9, 65535,
					 "xy", 2), -EAGAIN);
}

/* ---- UDP replies ---------------------------------------------------------- */

static void test_udp_lengths(void **state)
{
	struct ck_udp u = { .min_reply_length = 2, .max_reply_length = 4 };
	const uint8_t r[] = "abcdef";

	(void)state;
	assert_int_equal(udp_match_reply(&u, r, 1, 1, NULL),
			 UDP_MATCH_TOO_SHORT);
	assert_int_equal(udp_match_reply(&u, r, 2, 2, NULL), UDP_MATCH_OK);
	assert_int_equal(udp_match_reply(&u, r, 4, 4, NULL), UDP_MATCH_OK);
	assert_int_equal(udp_match_reply(&u, r, 5, 5, NULL),
			 UDP_MATCH_TOO_LONG);
	/* The real length counts, not what the caller kept of it. */
	assert_int_equal(udp_match_reply(&u, r, 5000, 1, NULL),
			 UDP_MATCH_TOO_LONG);
	u.min_reply_length = 0;
	u.max_reply_length = 255;
	assert_int_equal(udp_match_reply(&u, r, 0, 0, NULL), UDP_MATCH_OK);
	assert_string_equal(udp_match_str(UDP_MATCH_TOO_LONG),
			    "reply too long");
}

static void test_udp_pattern(void **state)
{
	/* "Ab1x x5": AB 1? ?5, where x is any nibble. */
	uint8_t pat[] = { 0xab, 0x10, 0x05 };
	uint8_t mask[] = { 0xff, 0xf0, 0x0f };
	struct ck_udp u = {
		.reply = pat, .reply_mask = mask, .reply_len = 3,
		.max_reply_length = 255,
	};
	uint8_t r[] = { 0xab, 0x1c, 0xd5, 0x99 };
	size_t at = 99;

	(void)state;
	assert_int_equal(udp_match_reply(&u, r, 4, 4, NULL), UDP_MATCH_OK);
	/* Shorter than the pattern: only its length is compared. */
	assert_int_equal(udp_match_reply(&u, r, 2, 2, NULL), UDP_MATCH_OK);
	r[1] = 0x2c;
	assert_int_equal(udp_match_reply(&u, r, 4, 4, &at),
			 UDP_MATCH_MISMATCH);
	assert_int_equal(at, 1);
	r[1] = 0x1c;
	r[2] = 0xd6;
	assert_int_equal(udp_match_reply(&u, r, 4, 4, &at),
			 UDP_MATCH_MISMATCH);
	assert_int_equal(at, 2);
	/* Bytes the caller could not keep cannot match. */
	r[2] = 0xd5;
	assert_int_equal(udp_match_reply(&u, r, 4, 2, &at),
			 UDP_MATCH_MISMATCH);
	assert_int_equal(at, 2);
	/* No mask: every bit counts. */
	u.reply_mask = NULL;
	assert_int_equal(udp_match_reply(&u, r, 4, 4, NULL),
			 UDP_MATCH_MISMATCH);
	r[1] = 0x10;
	r[2] = 0x05;
	assert_int_equal(udp_match_reply(&u, r, 4, 4, NULL), UDP_MATCH_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_misc_status),
		cmocka_unit_test(test_misc_dynamic),
		cmocka_unit_test(test_track_parse),
		cmocka_unit_test(test_track_read),
		cmocka_unit_test(test_track_init),
		cmocka_unit_test(test_track_outcome),
		cmocka_unit_test(test_icmp_build4),
		cmocka_unit_test(test_icmp_build6),
		cmocka_unit_test(test_icmp_match4),
		cmocka_unit_test(test_icmp_match6),
		cmocka_unit_test(test_udp_lengths),
		cmocka_unit_test(test_udp_pattern),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
