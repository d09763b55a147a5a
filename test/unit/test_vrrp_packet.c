/*
 * Unit tests of the VRRP wire code against adverts captured from
 * keepalived 2.2.7 and FRRouting vrrpd (test/unit/vectors/, described in
 * the project's shared reference-packets folder): decode each, check every
 * field, encode it again from the decoded values and compare bytes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "inet_cksum.h"
#include "pcap_vector.h"
#include "vrrp_ah.h"
#include "vrrp_ip4.h"
#include "vrrp_packet.h"

#define ETH_LEN 14
#define IP6_HDR_LEN 40

struct frame {
	uint8_t buf[2048];
	size_t len;
	const uint8_t *ip;	/* after the Ethernet header */
	size_t ip_len;
};

static void load(const char *name, struct frame *f)
{
	char path[512];
	long n;

	snprintf(path, sizeof(path), "%s/%s.pcap", VECTOR_DIR, name);
	n = pcap_first_frame(path, f->buf, sizeof(f->buf));
	assert_true(n > ETH_LEN);
	f->len = (size_t)n;
	f->ip = f->buf + ETH_LEN;
	f->ip_len = f->len - ETH_LEN;
}

static struct ka_addr a4(const char *s)
{
	struct ka_addr a;

	assert_int_equal(addr_parse(s, &a), 0);
	return a;
}

/* IPv6: the fixed header only (the vectors carry no extension headers). */
static void ip6_split(const struct frame *f, struct ka_addr *src,
		      struct ka_addr *dst, const uint8_t **payload,
		      size_t *plen)
{
	assert_int_equal(f->ip[0] >> 4, 6);
	assert_int_equal(f->ip[6], VRRP_PROTOCOL);
	assert_int_equal(f->ip[7], 255);	/* hop limit */
	memset(src, 0, sizeof(*src));
	memset(dst, 0, sizeof(*dst));
	src->family = dst->family = AF_INET6;
	memcpy(&src->u.v6, f->ip + 8, 16);
	memcpy(&dst->u.v6, f->ip + 24, 16);
	*payload = f->ip + IP6_HDR_LEN;
	*plen = (size_t)(f->ip[4] << 8 | f->ip[5]);
}

static void assert_addr(const struct vrrp_pkt *p, size_t i, const char *want)
{
	struct ka_addr a;
	char s[ADDR_STRLEN];

	vrrp_pkt_addr(p, i, &a);
	assert_int_equal(addr_ntop(&a, s, sizeof(s)), 0);
	assert_string_equal(s, want);
}

/* Builds the message again from what was decoded and compares bytes. */
static void assert_reencodes(const struct vrrp_pkt *p, const char *pass,
			     const struct ka_addr *src,
			     const struct ka_addr *dst, const uint8_t *wire,
			     size_t len)
{
	struct ka_addr addrs[255];
	struct vrrp_pkt_spec s = {
		.version = p->version, .vrid = p->vrid,
		.priority = p->priority, .family = p->family,
		.adver_int_cs = p->adver_int_cs, .auth_type = p->auth_type,
		.auth_pass = pass, .addrs = addrs, .naddr = p->naddr,
	};
	uint8_t out[2048];
	const char *why = NULL;
	size_t i;

	for (i = 0; i < p->naddr; i++)
		vrrp_pkt_addr(p, i, &addrs[i]);
	assert_int_equal(vrrp_pkt_build(&s, src, dst, out, sizeof(out), &why),
			 (ssize_t)len);
	assert_memory_equal(out, wire, len);
}

static void check_v2_pass(const char *name, const char *dst_s)
{
	struct frame f;
	struct vrrp_ip4 ip;
	struct vrrp_pkt p;
	const char *why = NULL;
	uint8_t hdr[VRRP_IP4_HDR_LEN];

	load(name, &f);
	assert_int_equal(vrrp_ip4_parse(f.ip, f.ip_len, &ip, &why), 0);
	assert_int_equal(ip.protocol, VRRP_PROTOCOL);
	assert_int_equal(ip.ttl, 255);
	assert_true(addr_equal(&ip.dst, &(struct ka_addr){ 0 }) == false);
	assert_int_equal(vrrp_pkt_parse(ip.payload, ip.payload_len, AF_INET,
					&ip.src, &ip.dst, &p, &why), 0);
	assert_int_equal(p.version, 2);
	assert_int_equal(p.type, VRRP_TYPE_ADVERT);
	assert_int_equal(p.vrid, 51);
	assert_int_equal(p.priority, 90);
	assert_int_equal(p.naddr, 1);
	assert_int_equal(p.auth_type, VRRP_AUTH_PASS);
	assert_int_equal(p.adver_int_cs, 100);
	assert_addr(&p, 0, "10.210.1.100");
	assert_memory_equal(p.auth_data, "secret12", 8);
	assert_reencodes(&p, "secret12", &ip.src, &ip.dst, ip.payload,
			 ip.payload_len);
	/* the IPv4 header too, with the captured IP ID */
	struct ka_addr dst = a4(dst_s);
	assert_int_equal(vrrp_ip4_build(hdr, sizeof(hdr), &ip.src, &dst,
					VRRP_PROTOCOL, ip.id, ip.payload_len,
					&why), VRRP_IP4_HDR_LEN);
	assert_memory_equal(hdr, f.ip, VRRP_IP4_HDR_LEN);
}

static void test_v2_pass_multicast(void **state)
{
	(void)state;
	check_v2_pass("v2_pass", "224.0.0.18");
}

static void test_v2_pass_unicast(void **state)
{
	(void)state;
	check_v2_pass("v2_unicast", "10.210.1.1");
}

static void check_v3_ipv4(const char *name)
{
	struct frame f;
	struct vrrp_ip4 ip;
	struct vrrp_pkt p;
	const char *why = NULL;

	load(name, &f);
	assert_int_equal(vrrp_ip4_parse(f.ip, f.ip_len, &ip, &why), 0);
	assert_int_equal(vrrp_pkt_parse(ip.payload, ip.payload_len, AF_INET,
					&ip.src, &ip.dst, &p, &why), 0);
	assert_int_equal(p.version, 3);
	assert_int_equal(p.vrid, 51);
	assert_int_equal(p.priority, 90);
	assert_int_equal(p.adver_int_cs, 100);
	assert_null(p.auth_data);
	assert_addr(&p, 0, "10.210.1.100");
	assert_reencodes(&p, NULL, &ip.src, &ip.dst, ip.payload,
			 ip.payload_len);
}

static void test_v3_ipv4_keepalived(void **state)
{
	(void)state;
	check_v3_ipv4("v3_ipv4");
}

static void test_v3_ipv4_frr(void **state)
{
	(void)state;
	check_v3_ipv4("frr_v3_ipv4");
}

static void check_v3_ipv6(const char *name)
{
	struct frame f;
	struct ka_addr src, dst;
	const uint8_t *payload;
	size_t plen;
	struct vrrp_pkt p;
	const char *why = NULL;

	load(name, &f);
	ip6_split(&f, &src, &dst, &payload, &plen);
	assert_int_equal(vrrp_pkt_parse(payload, plen, AF_INET6, &src, &dst,
					&p, &why), 0);
	assert_int_equal(p.version, 3);
	assert_int_equal(p.vrid, 51);
	assert_int_equal(p.priority, 90);
	assert_int_equal(p.naddr, 1);
	assert_int_equal(p.adver_int_cs, 100);
	assert_addr(&p, 0, "fd00:210::100");
	assert_reencodes(&p, NULL, &src, &dst, payload, plen);
	/* the pseudo-header counts: another source breaks the checksum */
	src.u.v6.s6_addr[15] ^= 1;
	assert_int_equal(vrrp_pkt_parse(payload, plen, AF_INET6, &src, &dst,
					&p, &why), -EINVAL);
	assert_string_equal(why, "bad checksum");
}

static void test_v3_ipv6_keepalived(void **state)
{
	(void)state;
	check_v3_ipv6("v3_ipv6");
}

static void test_v3_ipv6_frr(void **state)
{
	(void)state;
	check_v3_ipv6("frr_v3_ipv6");
}

static void test_v2_ah(void **state)
{
	struct frame f;
	struct vrrp_ip4 ip;
	struct vrrp_ah ah;
	struct vrrp_pkt p;
	const char *why = NULL;

	(void)state;
	load("v2_ah", &f);
	assert_int_equal(vrrp_ip4_parse(f.ip, f.ip_len, &ip, &why), 0);
	assert_int_equal(ip.protocol, VRRP_IP4_PROTO_AH);
	assert_int_equal(vrrp_ah_parse(ip.payload, ip.payload_len, &ah, &why),
			 0);
	assert_int_equal(ah.spi, 0x0ad20102);	/* the sender's address */
	assert_int_equal(ah.seq, 6);
	assert_int_equal(vrrp_ah_verify(f.ip, f.ip_len, "secret12", false,
					&why), 0);
	assert_int_equal(vrrp_ah_verify(f.ip, f.ip_len, "secret13", false,
					&why), -EINVAL);
	/* keepalived keeps the TTL in the ICV of a multicast advert */
	assert_int_equal(vrrp_ah_verify(f.ip, f.ip_len, "secret12", true,
					&why), -EINVAL);
	assert_int_equal(vrrp_pkt_parse(ip.payload + VRRP_AH_LEN,
					ip.payload_len - VRRP_AH_LEN, AF_INET,
					&ip.src, &ip.dst, &p, &why), 0);
	assert_int_equal(p.auth_type, VRRP_AUTH_AH);
	assert_addr(&p, 0, "10.210.1.100");
}

/* Builds the AH advert from nothing and gets the captured bytes. */
static void test_v2_ah_build_matches_capture(void **state)
{
	struct frame f;
	struct ka_addr src = a4("10.210.1.2"), dst = a4("224.0.0.18");
	struct ka_addr vip = a4("10.210.1.100");
	struct vrrp_pkt_spec s = {
		.version = 2, .vrid = 51, .priority = 90, .family = AF_INET,
		.adver_int_cs = 100, .auth_type = VRRP_AUTH_AH,
		.addrs = &vip, .naddr = 1,
	};
	uint8_t out[256];
	const char *why = NULL;
	size_t vlen = vrrp_pkt_len(&s);
	size_t total = VRRP_IP4_HDR_LEN + VRRP_AH_LEN + vlen;

	(void)state;
	load("v2_ah", &f);
	assert_int_equal(vrrp_ip4_build(out, sizeof(out), &src, &dst,
					VRRP_IP4_PROTO_AH, 1,
					VRRP_AH_LEN + vlen, &why),
			 VRRP_IP4_HDR_LEN);
	assert_int_equal(vrrp_ah_build(out + VRRP_IP4_HDR_LEN, VRRP_AH_LEN,
				       ntohl(src.u.v4.s_addr), 6, &why),
			 VRRP_AH_LEN);
	assert_int_equal(vrrp_pkt_build(&s, &src, &dst,
					out + VRRP_IP4_HDR_LEN + VRRP_AH_LEN,
					vlen, &why), (ssize_t)vlen);
	assert_int_equal(vrrp_ah_sign(out, total, "secret12", false, &why), 0);
	assert_int_equal(total, f.ip_len);
	assert_memory_equal(out, f.ip, total);
}

/* Every single-byte change to a v3 IPv6 advert is refused. */
static void test_any_byte_flip_is_refused(void **state)
{
	struct frame f;
	struct ka_addr src, dst;
	const uint8_t *payload;
	size_t plen, i;
	uint8_t copy[64];
	struct vrrp_pkt p;
	const char *why;
	unsigned bit;

	(void)state;
	load("v3_ipv6", &f);
	ip6_split(&f, &src, &dst, &payload, &plen);
	assert_true(plen <= sizeof(copy));
	for (i = 0; i < plen; i++) {
		for (bit = 0; bit < 8; bit++) {
			memcpy(copy, payload, plen);
			copy[i] ^= (uint8_t)(1u << bit);
			why = NULL;
			assert_int_equal(vrrp_pkt_parse(copy, plen, AF_INET6,
							&src, &dst, &p, &why),
					 -EINVAL);
			assert_non_null(why);
		}
	}
}

static void test_truncated_and_garbage(void **state)
{
	struct frame f;
	struct vrrp_ip4 ip;
	struct vrrp_pkt p;
	struct vrrp_ah ah;
	const char *why;
	uint8_t junk[512];
	size_t n, i;

	(void)state;
	load("v2_pass", &f);
	for (n = 0; n < f.ip_len; n++) {
		/* a shorter buffer either fails or stops at its length */
		if (vrrp_ip4_parse(f.ip, n, &ip, &why) == 0)
			assert_true(ip.hdr_len + ip.payload_len <= n);
		assert_int_equal(vrrp_pkt_parse(f.ip + 20, n > 20 ? n - 20 : 0,
						AF_INET, NULL, NULL, &p, &why),
				 -EINVAL);
	}
	srand(7);
	for (i = 0; i < 20000; i++) {
		n = (size_t)rand() % sizeof(junk);
		for (size_t j = 0; j < n; j++)
			junk[j] = (uint8_t)rand();
		if (i % 2)
			junk[0] = (uint8_t)(i % 4 ? 0x45 : 0x21);
		vrrp_ip4_parse(junk, n, &ip, &why);
		vrrp_ah_parse(junk, n, &ah, &why);
		vrrp_pkt_parse(junk, n, AF_INET, NULL, NULL, &p, &why);
	}
}

static void test_parse_reasons(void **state)
{
	struct ka_addr src = a4("10.0.0.1"), dst = a4("224.0.0.18");
	struct ka_addr vip = a4("10.0.0.100");
	struct vrrp_pkt_spec s = {
		.version = 2, .vrid = 7, .priority = 100, .family = AF_INET,
		.adver_int_cs = 100, .auth_type = VRRP_AUTH_NONE,
		.addrs = &vip, .naddr = 1,
	};
	uint8_t b[64];
	struct vrrp_pkt p;
	const char *why = NULL;
	ssize_t n;

	(void)state;
	n = vrrp_pkt_build(&s, &src, &dst, b, sizeof(b), &why);
	assert_int_equal(n, 20);
	assert_int_equal(vrrp_pkt_parse(b, 20, AF_INET6, &src, &dst, &p, &why),
			 -EINVAL);
	assert_string_equal(why, "version 2 over IPv6");
	assert_int_equal(vrrp_pkt_parse(b, 19, AF_INET, &src, &dst, &p, &why),
			 -EINVAL);
	assert_string_equal(why, "length does not match the address count");
	b[0] = 0x22;	/* type 2 */
	assert_int_equal(vrrp_pkt_parse(b, 20, AF_INET, &src, &dst, &p, &why),
			 -EINVAL);
	assert_string_equal(why, "not an advertisement");
	b[0] = 0x41;
	assert_int_equal(vrrp_pkt_parse(b, 20, AF_INET, &src, &dst, &p, &why),
			 -EINVAL);
	assert_string_equal(why, "unknown version");
}

static void test_build_refusals(void **state)
{
	struct ka_addr src = a4("10.0.0.1"), dst = a4("224.0.0.18");
	struct ka_addr v6;
	struct vrrp_pkt_spec base = {
		.version = 3, .vrid = 7, .priority = 100, .family = AF_INET,
		.adver_int_cs = 100, .addrs = &src, .naddr = 1,
	}, s;
	uint8_t b[64];
	const char *why;

	(void)state;
	assert_int_equal(addr_parse("fe80::1", &v6), 0);
	s = base, s.version = 2, s.family = AF_INET6, s.addrs = &v6;
	assert_int_equal(vrrp_pkt_build(&s, &v6, &v6, b, sizeof(b), &why),
			 -EINVAL);
	s = base, s.vrid = 0;
	assert_int_equal(vrrp_pkt_build(&s, &src, &dst, b, sizeof(b), &why),
			 -EINVAL);
	s = base, s.adver_int_cs = 4096;
	assert_int_equal(vrrp_pkt_build(&s, &src, &dst, b, sizeof(b), &why),
			 -EINVAL);
	s = base, s.version = 2, s.adver_int_cs = 150;
	assert_int_equal(vrrp_pkt_build(&s, &src, &dst, b, sizeof(b), &why),
			 -EINVAL);
	s = base, s.addrs = &v6;
	assert_int_equal(vrrp_pkt_build(&s, &src, &dst, b, sizeof(b), &why),
			 -EINVAL);
	assert_string_equal(why, "address of another family");
	s = base;
	assert_int_equal(vrrp_pkt_build(&s, NULL, &dst, b, sizeof(b), &why),
			 -EINVAL);
	assert_int_equal(vrrp_pkt_build(&s, &src, &dst, b, 11, &why), -EINVAL);
	assert_string_equal(why, "buffer too small");
	/* v3 interval in 12 bits: 4095 cs round-trips */
	struct vrrp_pkt p;
	s = base, s.adver_int_cs = 4095;
	assert_int_equal(vrrp_pkt_build(&s, &src, &dst, b, sizeof(b), &why), 12);
	assert_int_equal(vrrp_pkt_parse(b, 12, AF_INET, &src, &dst, &p, &why),
			 0);
	assert_int_equal(p.adver_int_cs, 4095);
}

/* RFC 1071 section 3's example: the sum of these words is 0xddf2. */
static void test_inet_cksum_rfc1071(void **state)
{
	static const uint8_t data[] = { 0x00, 0x01, 0xf2, 0x03,
					0xf4, 0xf5, 0xf6, 0xf7 };
	uint16_t ck = inet_cksum_finish(inet_cksum_add(0, data, sizeof(data)));
	const uint8_t *b = (const uint8_t *)&ck;
	uint32_t sum;

	(void)state;
	assert_int_equal(b[0], 0x22);
	assert_int_equal(b[1], 0x0d);
	/* in two pieces, the first even */
	sum = inet_cksum_add(0, data, 4);
	assert_int_equal(inet_cksum_finish(inet_cksum_add(sum, data + 4, 4)),
			 ck);
	/* an odd tail is padded with a zero byte */
	assert_int_equal(inet_cksum_finish(inet_cksum_add(0, data, 3)),
			 inet_cksum_finish(inet_cksum_add(
				 0, (uint8_t[]){ 0x00, 0x01, 0xf2, 0x00 }, 4)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inet_cksum_rfc1071),
		cmocka_unit_test(test_v2_pass_multicast),
		cmocka_unit_test(test_v2_pass_unicast),
		cmocka_unit_test(test_v3_ipv4_keepalived),
		cmocka_unit_test(test_v3_ipv4_frr),
		cmocka_unit_test(test_v3_ipv6_keepalived),
		cmocka_unit_test(test_v3_ipv6_frr),
		cmocka_unit_test(test_v2_ah),
		cmocka_unit_test(test_v2_ah_build_matches_capture),
		cmocka_unit_test(test_any_byte_flip_is_refused),
		cmocka_unit_test(test_truncated_and_garbage),
		cmocka_unit_test(test_parse_reasons),
		cmocka_unit_test(test_build_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
