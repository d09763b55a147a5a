/*
 * Unit tests of keepalived/check/dns_packet.c: the query on the wire, and
 * replies good, bad, truncated and hostile (compression loops, names too
 * long, records past the end).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dns_packet.h"

#define QTYPE_A 1
#define QTYPE_SOA 6

struct msg {
	uint8_t b[DNS_UDP_MAX];
	size_t len;
};

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void add(struct msg *m, const void *data, size_t n)
{
	assert_true(m->len + n <= sizeof(m->b));
	memcpy(m->b + m->len, data, n);
	m->len += n;
}

static void add16(struct msg *m, unsigned v)
{
	uint8_t b[2];

	put16(b, v);
	add(m, b, 2);
}

static void build_query(struct msg *q, uint16_t id, uint16_t type,
			const char *name)
{
	int n = dns_query_build(q->b, sizeof(q->b), id, type, name);

	assert_true(n > 0);
	q->len = (size_t)n;
}

/* A reply to q: the query echoed with QR (and "flags" ORed in), then
 * "answers" A records whose owner is a pointer to the question. */
static void build_reply(struct msg *r, const struct msg *q, unsigned flags,
			unsigned answers)
{
	static const uint8_t rr[] = {
		0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 10, 9, 9, 9
	};
	unsigned i;

	r->len = 0;
	add(r, q->b, q->len);
	put16(r->b + 2, 0x8180 | flags);	/* QR RD RA */
	put16(r->b + 6, answers);
	for (i = 0; i < answers; i++)
		add(r, rr, sizeof(rr));
}

static int parse(const struct msg *q, const struct msg *r,
		 struct dns_reply *out, const char **why)
{
	return dns_reply_parse(q->b, q->len, r->b, r->len, out, why);
}

static void test_query_bytes(void **state)
{
	static const uint8_t want[] = {
		0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
		7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 4, 't', 'e', 's', 't', 0,
		0, 1, 0, 1
	};
	struct msg q, q2;

	(void)state;
	build_query(&q, 0x1234, QTYPE_A, "example.test");
	assert_int_equal(q.len, sizeof(want));
	assert_memory_equal(q.b, want, sizeof(want));
	/* a final dot changes nothing */
	build_query(&q2, 0x1234, QTYPE_A, "example.test.");
	assert_int_equal(q2.len, q.len);
	assert_memory_equal(q2.b, q.b, q.len);
}

static void test_query_root(void **state)
{
	static const uint8_t want[] = {
		0xab, 0xcd, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1
	};
	struct msg q;

	(void)state;
	build_query(&q, 0xabcd, QTYPE_SOA, ".");
	assert_int_equal(q.len, sizeof(want));
	assert_memory_equal(q.b, want, sizeof(want));
}

static void test_query_bad_names(void **state)
{
	uint8_t buf[DNS_QUERY_MAX];
	char name[400];

	(void)state;
	assert_int_equal(dns_query_build(buf, sizeof(buf), 1, 1, ""), -EINVAL);
	assert_int_equal(dns_query_build(buf, sizeof(buf), 1, 1, "a..b"),
			 -EINVAL);
	assert_int_equal(dns_query_build(buf, sizeof(buf), 1, 1, ".a"),
			 -EINVAL);
	assert_int_equal(dns_query_build(buf, sizeof(buf), 1, 1, "a.."),
			 -EINVAL);
	/* a 63-octet label is allowed, 64 is not */
	memset(name, 'x', 63);
	name[63] = 0;
	assert_true(dns_query_build(buf, sizeof(buf), 1, 1, name) > 0);
	memset(name, 'x', 64);
	name[64] = 0;
	assert_int_equal(dns_query_build(buf, sizeof(buf), 1, 1, name),
			 -EINVAL);
	/* 127 labels "x." make 254 octets with the root: allowed; one
	 * more label is over 255 */
	memset(name, 0, sizeof(name));
	for (int i = 0; i < 127; i++)
		strcat(name, "x.");
	assert_int_equal(dns_query_build(buf, sizeof(buf), 1, 1, name),
			 DNS_HEADER_LEN + 255 + 4);
	strcat(name, "x");
	assert_int_equal(dns_query_build(buf, sizeof(buf), 1, 1, name),
			 -EINVAL);
}

static void test_query_small_buffer(void **state)
{
	uint8_t buf[64];
	size_t need = DNS_HEADER_LEN + 14 + 4, size;

	(void)state;
	for (size = 0; size < need; size++)
		assert_int_equal(dns_query_build(buf, size, 1, 1,
						 "example.test"), -ENOSPC);
	assert_int_equal(dns_query_build(buf, need, 1, 1, "example.test"),
			 (int)need);
}

static void test_reply_noerror(void **state)
{
	struct dns_reply d = { 0 };
	struct msg q, r;
	const char *why = NULL;

	(void)state;
	build_query(&q, 0x4242, QTYPE_A, "example.test");
	build_reply(&r, &q, 0x0400, 2);
	assert_int_equal(parse(&q, &r, &d, &why), 0);
	assert_int_equal(d.id, 0x4242);
	assert_int_equal(d.rcode, DNS_RCODE_NOERROR);
	assert_int_equal(d.ancount, 2);
	assert_true(d.authoritative);
	assert_false(d.truncated);
	assert_string_equal(dns_rcode_name(d.rcode), "NOERROR");
	assert_int_equal(dns_message_id(r.b, r.len), 0x4242);
}

static void test_reply_rcodes(void **state)
{
	static const unsigned codes[] = {
		DNS_RCODE_NXDOMAIN, DNS_RCODE_SERVFAIL, DNS_RCODE_REFUSED
	};
	static const char *const names[] = {
		"NXDOMAIN", "SERVFAIL", "REFUSED"
	};
	struct dns_reply d;
	struct msg q, r;
	const char *why;
	size_t i;

	(void)state;
	build_query(&q, 7, QTYPE_A, "nothere.test");
	for (i = 0; i < 3; i++) {
		build_reply(&r, &q, codes[i], 0);
		assert_int_equal(parse(&q, &r, &d, &why), 0);
		assert_int_equal(d.rcode, codes[i]);
		assert_string_equal(dns_rcode_name(d.rcode), names[i]);
	}
	assert_null(dns_rcode_name(11));
}

static void test_reply_case_insensitive(void **state)
{
	struct dns_reply d;
	struct msg q, r;
	const char *why;

	(void)state;
	build_query(&q, 9, QTYPE_A, "Example.TEST");
	build_reply(&r, &q, 0, 1);
	memcpy(r.b + DNS_HEADER_LEN + 1, "eXAMPLE", 7);
	assert_int_equal(parse(&q, &r, &d, &why), 0);
}

static void expect_bad(const struct msg *q, const struct msg *r, int err,
		       const char *reason)
{
	struct dns_reply d = { .id = 0x5555 };
	const char *why = NULL;

	assert_int_equal(parse(q, r, &d, &why), err);
	assert_non_null(why);
	if (reason)
		assert_non_null(strstr(why, reason));
	assert_int_equal(d.id, 0x5555);		/* untouched */
}

static void test_reply_mismatches(void **state)
{
	struct msg q, r;

	(void)state;
	build_query(&q, 0x1111, QTYPE_A, "example.test");
	build_reply(&r, &q, 0, 1);
	put16(r.b, 0x1112);
	expect_bad(&q, &r, -ESRCH, "id");

	build_reply(&r, &q, 0, 1);
	r.b[2] &= 0x7f;				/* QR clear */
	expect_bad(&q, &r, -EBADMSG, "QR");

	build_reply(&r, &q, 0x1000, 1);		/* opcode 2 */
	expect_bad(&q, &r, -EBADMSG, "opcode");

	build_reply(&r, &q, 0, 1);
	put16(r.b + 4, 0);			/* no question */
	expect_bad(&q, &r, -EBADMSG, "question count");

	build_reply(&r, &q, 0, 1);
	r.b[DNS_HEADER_LEN + 1] = 'f';		/* another name */
	expect_bad(&q, &r, -EBADMSG, "echoed");

	build_reply(&r, &q, 0, 1);
	put16(r.b + q.len - 4, 28);		/* another type */
	expect_bad(&q, &r, -EBADMSG, "echoed");

	build_reply(&r, &q, 0, 1);
	put16(r.b + q.len - 2, 3);		/* another class */
	expect_bad(&q, &r, -EBADMSG, "echoed");
}

/* Every proper prefix of a valid reply is refused, without reading past
 * its end (the sanitizers watch: each prefix lives in its own block). */
static void test_reply_truncated(void **state)
{
	struct dns_reply d;
	struct msg q, r;
	const char *why;
	uint8_t *copy;
	size_t n;

	(void)state;
	build_query(&q, 3, QTYPE_A, "example.test");
	build_reply(&r, &q, 0, 2);
	for (n = 0; n < r.len; n++) {
		copy = malloc(n ? n : 1);
		assert_non_null(copy);
		memcpy(copy, r.b, n);
		why = NULL;
		assert_int_equal(dns_reply_parse(q.b, q.len, copy, n, &d,
						 &why), -EBADMSG);
		assert_non_null(why);
		free(copy);
	}
}

static void test_reply_tc_allows_short_answers(void **state)
{
	struct dns_reply d;
	struct msg q, r;
	const char *why;

	(void)state;
	build_query(&q, 3, QTYPE_A, "example.test");
	build_reply(&r, &q, 0x0200, 2);		/* TC */
	r.len -= 5;
	assert_int_equal(parse(&q, &r, &d, &why), 0);
	assert_true(d.truncated);
	assert_int_equal(d.ancount, 2);
}

static void test_reply_compression_loops(void **state)
{
	struct msg q, r;

	(void)state;
	build_query(&q, 5, QTYPE_A, "example.test");

	/* the question's name is a pointer to itself */
	r.len = 0;
	add(&r, q.b, DNS_HEADER_LEN);
	put16(r.b + 2, 0x8180);
	add16(&r, 0xc00c);
	add(&r, q.b + q.len - 4, 4);
	expect_bad(&q, &r, -EBADMSG, "loop");

	/* an answer name pointing to itself */
	build_reply(&r, &q, 0, 1);
	put16(r.b + q.len, 0xc000 | (unsigned)q.len);
	expect_bad(&q, &r, -EBADMSG, "loop");

	/* a pointer forwards, to a pointer back to the first */
	build_reply(&r, &q, 0, 1);
	r.len = q.len;
	add16(&r, 0xc000 | (unsigned)(q.len + 2));
	add16(&r, 0xc000 | (unsigned)q.len);
	expect_bad(&q, &r, -EBADMSG, "loop");

	/* a label, then a pointer back into the same name */
	build_reply(&r, &q, 0, 1);
	r.len = q.len;
	add(&r, "\001a", 2);
	add16(&r, 0xc000 | (unsigned)q.len);
	add(&r, "\0\1\0\1\0\0\0\0\0\0", 10);
	expect_bad(&q, &r, -EBADMSG, "loop");
}

/*
 * Pointers that each go backwards but spell a name over 255 octets: a
 * first record holds in its data a chain of names, each a label and a
 * pointer to the one before; the second record's owner is the last.
 */
static void test_reply_compressed_name_too_long(void **state)
{
	struct msg q, r;
	size_t prev, here, rdata;
	int i;

	(void)state;
	build_query(&q, 6, QTYPE_A, "example.test");
	build_reply(&r, &q, 0, 1);
	put16(r.b + 6, 2);
	put16(r.b + q.len + 2, 16);		/* TXT */
	rdata = r.len - 4;
	r.len = rdata;
	/* 41 labels of 6 octets and the question's 14: 260 octets */
	prev = DNS_HEADER_LEN;
	for (i = 0; i < 41; i++) {
		here = r.len;
		add(&r, "\005xxxxx", 6);
		add16(&r, 0xc000 | (unsigned)prev);
		prev = here;
	}
	put16(r.b + rdata - 2, (unsigned)(r.len - rdata));
	add16(&r, 0xc000 | (unsigned)prev);
	add(&r, "\0\1\0\1\0\0\0\0\0\0", 10);
	expect_bad(&q, &r, -EBADMSG, "too long");

	/* with 40 labels (254 octets) the same message is fine */
	build_reply(&r, &q, 0, 1);
	put16(r.b + 6, 2);
	put16(r.b + q.len + 2, 16);
	r.len = rdata;
	prev = DNS_HEADER_LEN;
	for (i = 0; i < 40; i++) {
		here = r.len;
		add(&r, "\005xxxxx", 6);
		add16(&r, 0xc000 | (unsigned)prev);
		prev = here;
	}
	put16(r.b + rdata - 2, (unsigned)(r.len - rdata));
	add16(&r, 0xc000 | (unsigned)prev);
	add(&r, "\0\1\0\1\0\0\0\0\0\0", 10);
	{
		struct dns_reply d;
		const char *why;

		assert_int_equal(parse(&q, &r, &d, &why), 0);
		assert_int_equal(d.ancount, 2);
	}
}

static void test_reply_bad_label_type(void **state)
{
	struct msg q, r;

	(void)state;
	build_query(&q, 8, QTYPE_A, "example.test");
	build_reply(&r, &q, 0, 1);
	r.b[q.len] = 0x41;			/* extended label 01xxxxxx */
	expect_bad(&q, &r, -EBADMSG, "label type");
}

static void test_reply_rdlength_past_end(void **state)
{
	struct msg q, r;

	(void)state;
	build_query(&q, 8, QTYPE_A, "example.test");
	build_reply(&r, &q, 0, 1);
	put16(r.b + q.len + 10, 5);		/* 5 octets, 4 given */
	expect_bad(&q, &r, -EBADMSG, "overrun");
	build_reply(&r, &q, 0, 1);
	put16(r.b + 6, 2);			/* 2 answers, 1 given */
	expect_bad(&q, &r, -EBADMSG, "overrun");
}

/* Random garbage after a valid question never crashes nor reads out of
 * bounds (sanitizers), whatever the outcome. */
static void test_reply_random(void **state)
{
	struct dns_reply d;
	struct msg q, r;
	const char *why;
	uint8_t *copy;
	int i, j;

	(void)state;
	srand(12345);
	build_query(&q, 0x77, QTYPE_A, "example.test");
	for (i = 0; i < 5000; i++) {
		build_reply(&r, &q, 0, 0);
		put16(r.b + 6, (unsigned)(rand() % 8));
		for (j = rand() % 64; j > 0; j--) {
			uint8_t c = (uint8_t)rand();

			add(&r, &c, 1);
		}
		if (i % 3 == 0)		/* sometimes garble the question too */
			r.b[DNS_HEADER_LEN + rand() % (int)(q.len -
						DNS_HEADER_LEN)] =
				(uint8_t)rand();
		copy = malloc(r.len);
		assert_non_null(copy);
		memcpy(copy, r.b, r.len);
		(void)dns_reply_parse(q.b, q.len, copy, r.len, &d, &why);
		free(copy);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_bytes),
		cmocka_unit_test(test_query_root),
		cmocka_unit_test(test_query_bad_names),
		cmocka_unit_test(test_query_small_buffer),
		cmocka_unit_test(test_reply_noerror),
		cmocka_unit_test(test_reply_rcodes),
		cmocka_unit_test(test_reply_case_insensitive),
		cmocka_unit_test(test_reply_mismatches),
		cmocka_unit_test(test_reply_truncated),
		cmocka_unit_test(test_reply_tc_allows_short_answers),
		cmocka_unit_test(test_reply_compression_loops),
		cmocka_unit_test(test_reply_compressed_name_too_long),
		cmocka_unit_test(test_reply_bad_label_type),
		cmocka_unit_test(test_reply_rdlength_past_end),
		cmocka_unit_test(test_reply_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
