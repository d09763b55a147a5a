/* Unit tests of lib/addr.c: parsing, printing, comparing and ranges. */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "addr.h"

static struct ka_addr must_parse(const char *s)
{
	struct ka_addr a;

	assert_int_equal(addr_parse(s, &a), 0);
	return a;
}

/* Parses "in", prints it and expects "out" (the canonical form). */
static void round_trip(const char *in, int family, const char *out)
{
	struct ka_addr a = must_parse(in), again;
	char buf[ADDR_STRLEN];

	assert_int_equal(a.family, family);
	assert_int_equal(addr_ntop(&a, buf, sizeof(buf)), 0);
	assert_string_equal(buf, out);
	again = must_parse(buf);
	assert_true(addr_equal(&a, &again));
}

static void test_parse_print(void **state)
{
	(void)state;
	round_trip("0.0.0.0", AF_INET, "0.0.0.0");
	round_trip("10.0.0.1", AF_INET, "10.0.0.1");
	round_trip("255.255.255.255", AF_INET, "255.255.255.255");
	round_trip("192.168.200.16", AF_INET, "192.168.200.16");
	round_trip("::", AF_INET6, "::");
	round_trip("::1", AF_INET6, "::1");
	round_trip("fe80::1", AF_INET6, "fe80::1");
	round_trip("FE80:0:0:0:0:0:0:1", AF_INET6, "fe80::1");
	round_trip("2001:0db8:0000:0000:0000:0000:0000:0001", AF_INET6,
		   "2001:db8::1");
	/* RFC 5952: the longest run of zeros, the first of equal runs, and
	 * never "::" for a single zero group */
	round_trip("2001:db8:0:0:1:0:0:1", AF_INET6, "2001:db8::1:0:0:1");
	round_trip("2001:0:0:1:0:0:0:1", AF_INET6, "2001:0:0:1::1");
	round_trip("2001:db8:0:1:1:1:1:1", AF_INET6, "2001:db8:0:1:1:1:1:1");
	round_trip("ff02::12", AF_INET6, "ff02::12");
	round_trip("::ffff:192.0.2.1", AF_INET6, "::ffff:192.0.2.1");
	round_trip("1:2:3:4:5:6:7:8", AF_INET6, "1:2:3:4:5:6:7:8");
}

static void test_parse_invalid(void **state)
{
	static const char *const bad[] = {
		"", "1", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-4",
		"1.2.3.4 ", " 1.2.3.4", "1.2.3.4/24", "a.b.c.d", "01.2.3.4",
		"1..2.3", "0x1.2.3.4", ":", ":::", "1::2::3", "12345::1",
		"1:2:3:4:5:6:7:8:9", "fe80::1%eth0", "[::1]", "g::1",
		"::1.2.3", "localhost",
	};
	struct ka_addr a = { .family = 77 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (addr_parse(bad[i], &a) != -EINVAL)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(a.family, 77);
	}
	assert_int_equal(addr_parse(NULL, &a), -EINVAL);
}

static void test_ntop_buffers(void **state)
{
	struct ka_addr a = must_parse("192.168.1.1"), bad = { 0 };
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(addr_ntop(&a, buf, 11), -ENOSPC);
	assert_string_equal(buf, "");
	assert_int_equal(addr_ntop(&a, buf, 0), -ENOSPC);
	assert_int_equal(addr_ntop(&a, buf, 12), 0);
	assert_string_equal(buf, "192.168.1.1");

	strcpy(buf, "junk");
	assert_int_equal(addr_ntop(&bad, buf, sizeof(buf)), -EINVAL);
	assert_string_equal(buf, "");
}

struct prefix_case {
	const char *in;
	int ret;
	const char *out;
	bool host_bits;
};

static void test_prefix(void **state)
{
	static const struct prefix_case cases[] = {
		{ "10.0.0.0/8", 0, "10.0.0.0/8", false },
		{ "10.0.0.1/8", 0, "10.0.0.1/8", true },
		{ "10.0.0.1", 0, "10.0.0.1/32", false },
		{ "0.0.0.0/0", 0, "0.0.0.0/0", false },
		{ "1.0.0.0/0", 0, "1.0.0.0/0", true },
		{ "192.168.1.128/25", 0, "192.168.1.128/25", false },
		{ "192.168.1.129/25", 0, "192.168.1.129/25", true },
		{ "192.168.1.1/32", 0, "192.168.1.1/32", false },
		{ "10.0.0.1/032", 0, "10.0.0.1/32", false },
		{ "2001:db8::/32", 0, "2001:db8::/32", false },
		{ "2001:db8::1/64", 0, "2001:db8::1/64", true },
		{ "2001:db8::1", 0, "2001:db8::1/128", false },
		{ "::/0", 0, "::/0", false },
		{ "fe80::/10", 0, "fe80::/10", false },
		{ "fec0::/10", 0, "fec0::/10", false },
		{ "fee0::/10", 0, "fee0::/10", true },
		{ "::1/128", 0, "::1/128", false },
		{ "10.0.0.1/33", -EINVAL, NULL, false },
		{ "::1/129", -EINVAL, NULL, false },
		{ "10.0.0.1/", -EINVAL, NULL, false },
		{ "10.0.0.1/-1", -EINVAL, NULL, false },
		{ "10.0.0.1/+8", -EINVAL, NULL, false },
		{ "10.0.0.1/8/8", -EINVAL, NULL, false },
		{ "10.0.0.1/ 8", -EINVAL, NULL, false },
		{ "10.0.0.1/8x", -EINVAL, NULL, false },
		{ "10.0.0.1/256", -EINVAL, NULL, false },
		{ "/8", -EINVAL, NULL, false },
		{ "10.0.0/8", -EINVAL, NULL, false },
		{ "", -EINVAL, NULL, false },
		{ "0000:0000:0000:0000:0000:0000:0000:0000:1/64", -EINVAL,
		  NULL, false },
	};
	char buf[PREFIX_STRLEN];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct prefix_case *c = &cases[i];
		struct ka_prefix p = { .len = 200 };
		bool hb = !c->host_bits;

		if (prefix_parse(c->in, &p, &hb) != c->ret)
			fail_msg("prefix_parse(\"%s\")", c->in);
		if (c->ret) {
			assert_int_equal(p.len, 200);
			continue;
		}
		if (hb != c->host_bits)
			fail_msg("host bits of \"%s\"", c->in);
		assert_int_equal(prefix_ntop(&p, buf, sizeof(buf)), 0);
		assert_string_equal(buf, c->out);
	}
	/* host_bits is optional */
	struct ka_prefix p;
	assert_int_equal(prefix_parse("10.1.2.3/16", &p, NULL), 0);
	assert_int_equal(p.len, 16);
}

static void test_prefix_ops(void **state)
{
	struct ka_prefix net, p, q;
	struct ka_addr in = must_parse("10.1.255.7"), out = must_parse("10.2.0.1");
	struct ka_addr v6 = must_parse("::ffff:10.1.0.1");
	char buf[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(prefix_parse("10.1.2.3/16", &net, NULL), 0);
	assert_true(prefix_contains(&net, &in));
	assert_false(prefix_contains(&net, &out));
	assert_false(prefix_contains(&net, &v6));
	prefix_clear_host_bits(&net);
	assert_int_equal(prefix_ntop(&net, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "10.1.0.0/16");

	assert_int_equal(prefix_parse("2001:db8:ffff::1/35", &p, NULL), 0);
	prefix_clear_host_bits(&p);
	assert_int_equal(prefix_ntop(&p, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "2001:db8:e000::/35");
	in = must_parse("2001:db8:f000::9");
	assert_true(prefix_contains(&p, &in));
	in = must_parse("2001:db8:d000::9");
	assert_false(prefix_contains(&p, &in));

	assert_int_equal(prefix_parse("2001:db8:e000::/35", &q, NULL), 0);
	assert_true(prefix_equal(&p, &q));
	q.len = 36;
	assert_false(prefix_equal(&p, &q));
	q.len = 129;
	assert_int_equal(prefix_ntop(&q, buf, sizeof(buf)), -EINVAL);
	assert_false(prefix_contains(&q, &in));

	assert_int_equal(prefix_parse("0.0.0.0/0", &p, NULL), 0);
	assert_true(prefix_contains(&p, &out));
}

static void test_cmp(void **state)
{
	struct ka_addr a = must_parse("10.0.0.2"), b = must_parse("10.0.0.10");
	struct ka_addr c = must_parse("9.255.255.255"), d = must_parse("::");
	struct ka_addr e = must_parse("::1"), a2 = must_parse("10.0.0.2");

	(void)state;
	assert_true(addr_cmp(&a, &b) < 0);
	assert_true(addr_cmp(&b, &a) > 0);
	assert_true(addr_cmp(&c, &a) < 0);
	assert_int_equal(addr_cmp(&a, &a2), 0);
	assert_true(addr_equal(&a, &a2));
	assert_false(addr_equal(&a, &b));
	/* IPv4 sorts before IPv6, whatever the bytes */
	assert_true(addr_cmp(&a, &d) < 0);
	assert_true(addr_cmp(&d, &e) < 0);
	assert_false(addr_equal(&d, &c));
}

static void test_port_parse(void **state)
{
	struct ka_addr a;
	uint16_t port;
	char buf[ADDR_PORT_STRLEN];

	(void)state;
	assert_int_equal(addr_port_parse("1.2.3.4:80", &a, &port), 0);
	assert_int_equal(port, 80);
	assert_int_equal(addr_port_ntop(&a, port, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "1.2.3.4:80");

	assert_int_equal(addr_port_parse("1.2.3.4", &a, &port), 0);
	assert_int_equal(port, 0);
	assert_int_equal(a.family, AF_INET);

	assert_int_equal(addr_port_parse("[::1]:65535", &a, &port), 0);
	assert_int_equal(port, 65535);
	assert_int_equal(addr_port_ntop(&a, port, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "[::1]:65535");

	assert_int_equal(addr_port_parse("[2001:DB8::1]", &a, &port), 0);
	assert_int_equal(port, 0);
	assert_int_equal(addr_ntop(&a, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "2001:db8::1");

	/* a bare IPv6 address has no port: the last group stays */
	assert_int_equal(addr_port_parse("2001:db8::80", &a, &port), 0);
	assert_int_equal(port, 0);
	assert_int_equal(addr_ntop(&a, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "2001:db8::80");

	static const char *const bad[] = {
		"1.2.3.4:", "1.2.3.4:0", "1.2.3.4:65536", "1.2.3.4:-1",
		"1.2.3.4:80x", ":80", "[::1", "[::1]80", "[::1]:", "[1.2.3.4]:80",
		"[]:80", "[::1]:0", "1.2.3:80", "", "[fe80::1%eth0]:80",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		port = 7;
		if (addr_port_parse(bad[i], &a, &port) != -EINVAL)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(port, 7);
	}

	assert_int_equal(addr_port_ntop(&a, 80, buf, 8), -ENOSPC);
	assert_string_equal(buf, "");
}

static void test_sockaddr(void **state)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	struct ka_addr a = must_parse("192.0.2.7"), b, none = { 0 };
	socklen_t len = 0;
	uint16_t port = 0;

	(void)state;
	assert_int_equal(addr_to_sockaddr(&a, 8080, &ss, &len), 0);
	assert_int_equal(len, sizeof(struct sockaddr_in));
	assert_int_equal(sin->sin_family, AF_INET);
	assert_int_equal(ntohs(sin->sin_port), 8080);
	assert_int_equal(sin->sin_addr.s_addr, htonl(0xc0000207));
	assert_int_equal(addr_from_sockaddr((struct sockaddr *)&ss, len, &b,
					    &port), 0);
	assert_true(addr_equal(&a, &b));
	assert_int_equal(port, 8080);

	a = must_parse("fe80::1:2");
	assert_int_equal(addr_to_sockaddr(&a, 443, &ss, &len), 0);
	assert_int_equal(len, sizeof(struct sockaddr_in6));
	assert_int_equal(sin6->sin6_family, AF_INET6);
	assert_int_equal(ntohs(sin6->sin6_port), 443);
	assert_memory_equal(&sin6->sin6_addr, &a.u.v6, 16);
	assert_int_equal(addr_from_sockaddr((struct sockaddr *)&ss, len, &b,
					    NULL), 0);
	assert_true(addr_equal(&a, &b));

	/* short lengths and unknown families are refused */
	b = none;
	assert_int_equal(addr_from_sockaddr((struct sockaddr *)&ss, len - 1,
					    &b, &port), -EINVAL);
	ss.ss_family = AF_UNIX;
	assert_int_equal(addr_from_sockaddr((struct sockaddr *)&ss,
					    sizeof(ss), &b, &port), -EINVAL);
	assert_int_equal(b.family, 0);
	assert_int_equal(port, 8080);
	assert_int_equal(addr_from_sockaddr((struct sockaddr *)&ss, 0, &b,
					    &port), -EINVAL);
	assert_int_equal(addr_to_sockaddr(&none, 1, &ss, &len), -EINVAL);
}

static void test_classify(void **state)
{
	static const struct {
		const char *s;
		bool unspec, mcast, ll, loop;
	} cases[] = {
		{ "0.0.0.0", true, false, false, false },
		{ "::", true, false, false, false },
		{ "224.0.0.18", false, true, false, false },
		{ "239.255.255.255", false, true, false, false },
		{ "223.255.255.255", false, false, false, false },
		{ "240.0.0.1", false, false, false, false },
		{ "ff02::12", false, true, false, false },
		{ "fe80::1", false, false, true, false },
		{ "febf:ffff::1", false, false, true, false },
		{ "fec0::1", false, false, false, false },
		{ "169.254.1.1", false, false, true, false },
		{ "169.253.1.1", false, false, false, false },
		{ "127.0.0.1", false, false, false, true },
		{ "127.255.0.9", false, false, false, true },
		{ "::1", false, false, false, true },
		{ "::2", false, false, false, false },
		{ "10.0.0.1", false, false, false, false },
		{ "2001:db8::1", false, false, false, false },
	};
	struct ka_addr none = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ka_addr a = must_parse(cases[i].s);

		if (addr_is_unspecified(&a) != cases[i].unspec ||
		    addr_is_multicast(&a) != cases[i].mcast ||
		    addr_is_linklocal(&a) != cases[i].ll ||
		    addr_is_loopback(&a) != cases[i].loop)
			fail_msg("classification of %s", cases[i].s);
	}
	assert_false(addr_is_unspecified(&none));
	assert_false(addr_is_multicast(&none));
}

static void range_ok(const char *s, const char *first, unsigned count)
{
	struct ka_addr a, want = must_parse(first);
	unsigned n = 0;

	if (addr_range_parse(s, &a, &n) != 0)
		fail_msg("addr_range_parse(\"%s\")", s);
	assert_true(addr_equal(&a, &want));
	assert_int_equal(n, count);
}

static void range_err(const char *s, int err)
{
	struct ka_addr a = { .family = 77 };
	unsigned n = 5;

	if (addr_range_parse(s, &a, &n) != err)
		fail_msg("addr_range_parse(\"%s\") != %d", s, err);
	assert_int_equal(a.family, 77);
	assert_int_equal(n, 5);
}

static void test_range(void **state)
{
	(void)state;
	range_ok("10.0.0.1", "10.0.0.1", 1);
	range_ok("10.0.0.1-10", "10.0.0.1", 10);
	range_ok("192.168.200.1-10", "192.168.200.1", 10);
	range_ok("10.0.0.5-5", "10.0.0.5", 1);
	range_ok("10.0.0.0-255", "10.0.0.0", 256);
	range_ok("2001:db8::1-ff", "2001:db8::1", 255);
	range_ok("2001:db8::1-a", "2001:db8::1", 10);
	range_ok("2001:db8::fffe-FFFF", "2001:db8::fffe", 2);
	range_ok("192.168.200.250-192.168.201.10", "192.168.200.250", 17);
	range_ok("10.0.0.1-10.0.0.1", "10.0.0.1", 1);
	range_ok("0.0.0.0-255.255.255.254", "0.0.0.0", UINT_MAX);
	range_ok("2001:db8::ffff-2001:db8::1:0", "2001:db8::ffff", 2);

	range_err("10.0.0.10-1", -EINVAL);
	range_err("10.0.0.1-256", -EINVAL);
	range_err("10.0.0.1-", -EINVAL);
	range_err("10.0.0.1-a", -EINVAL);
	range_err("10.0.0.1--2", -EINVAL);
	range_err("10.0.0.1-2-3", -EINVAL);
	range_err("10.0.0.1-0x5", -EINVAL);
	range_err("-5", -EINVAL);
	range_err("2001:db8::10-f", -EINVAL);
	range_err("2001:db8::1-10000", -EINVAL);
	range_err("2001:db8::1-g", -EINVAL);
	range_err("10.0.0.9-10.0.0.8", -EINVAL);
	range_err("10.0.0.1-::5", -EINVAL);
	range_err("10.0.0.1-10.0.0.300", -EINVAL);
	range_err("0.0.0.0-255.255.255.255", -ERANGE);
	range_err("::-ffff::", -ERANGE);
	range_err("", -EINVAL);
}

static void test_add(void **state)
{
	struct ka_addr first, out, want;
	unsigned n, i;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(addr_range_parse("192.168.200.250-192.168.201.10",
					  &first, &n), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(addr_add(&first, i, &out), 0);
	want = must_parse("192.168.201.10");
	assert_true(addr_equal(&out, &want));
	assert_int_equal(addr_add(&first, 6, &out), 0);
	assert_int_equal(addr_ntop(&out, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "192.168.201.0");

	first = must_parse("2001:db8::ffff:ffff");
	assert_int_equal(addr_add(&first, 1, &out), 0);
	assert_int_equal(addr_ntop(&out, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "2001:db8::1:0:0");

	first = must_parse("255.255.255.250");
	assert_int_equal(addr_add(&first, 5, &out), 0);
	out.family = 77;
	assert_int_equal(addr_add(&first, 6, &out), -ERANGE);
	assert_int_equal(out.family, 77);
	first = must_parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe");
	assert_int_equal(addr_add(&first, 1, &out), 0);
	assert_int_equal(addr_add(&first, 2, &out), -ERANGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_print),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_ntop_buffers),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_prefix_ops),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_port_parse),
		cmocka_unit_test(test_sockaddr),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_add),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
