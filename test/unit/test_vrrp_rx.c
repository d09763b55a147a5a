/*
 * Unit tests of VRRP receive validation: one good advert accepted, then
 * each kind of bad advert refused with the counter keepalived uses, and
 * the AH sequence window, on the captured keepalived AH advert.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "pcap_vector.h"
#include "vrrp_ah.h"
#include "vrrp_ip4.h"
#include "vrrp_rx.h"

struct fixture {
	struct ka_addr src, dst, vips[2], peer;
	struct vrrp_rx_conf conf;
	struct vrrp_rx_state st;
	uint8_t msg[128];
	struct vrrp_rx_in in;
};

static struct ka_addr A(const char *s)
{
	struct ka_addr a;

	assert_int_equal(addr_parse(s, &a), 0);
	return a;
}

/* A valid v2 PASS advert for VRID 10 listing both virtual addresses. */
static void setup_v2(struct fixture *f)
{
	struct vrrp_pkt_spec spec = {
		.version = 2, .vrid = 10, .priority = 150, .family = AF_INET,
		.adver_int_cs = 100, .auth_type = VRRP_AUTH_PASS,
		.auth_pass = "pw", .naddr = 2,
	};
	const char *why;
	ssize_t n;

	memset(f, 0, sizeof(*f));
	f->src = A("10.0.0.2");
	f->dst = A("224.0.0.18");
	f->vips[0] = A("10.0.0.100");
	f->vips[1] = A("10.0.0.101");
	f->peer = A("10.0.0.9");
	spec.addrs = f->vips;
	f->conf = (struct vrrp_rx_conf){
		.version = 2, .vrid = 10, .family = AF_INET,
		.adver_int_cs = 100, .auth_type = VRRP_AUTH_PASS,
		.auth_pass = "pw", .max_ttl = 255, .vips = f->vips,
		.nvips = 2, .peers = &f->peer, .npeers = 1,
	};
	n = vrrp_pkt_build(&spec, &f->src, &f->dst, f->msg, sizeof(f->msg),
			   &why);
	assert_true(n > 0);
	f->in = (struct vrrp_rx_in){
		.msg = f->msg, .len = (size_t)n, .src = f->src,
		.dst = f->dst, .ttl = 255,
	};
}

/* Rebuilds the message with one field changed through the spec. */
static void rebuild(struct fixture *f, const struct vrrp_pkt_spec *spec)
{
	const char *why;
	ssize_t n = vrrp_pkt_build(spec, &f->src, &f->dst, f->msg,
				   sizeof(f->msg), &why);

	assert_true(n > 0);
	f->in.len = (size_t)n;
}

static void expect(struct fixture *f, int ret, enum vrrp_rx_counter counter)
{
	struct vrrp_pkt pkt;
	enum vrrp_rx_counter got = VRRP_RX_NONE;
	const char *why = NULL;
	struct vrrp_stats stats = { 0 };

	assert_int_equal(vrrp_rx_check(&f->conf, &f->st, &f->in, &pkt, &got,
				       &why), ret);
	if (ret == -EINVAL) {
		assert_non_null(why);
		assert_int_equal(got, counter);
		vrrp_rx_count(&stats, got);
	}
}

static void test_good_advert_accepted(void **state)
{
	struct fixture f;
	struct vrrp_pkt pkt;
	enum vrrp_rx_counter c;
	const char *why;
	struct vrrp_stats stats = { 0 };

	(void)state;
	setup_v2(&f);
	assert_int_equal(vrrp_rx_check(&f.conf, &f.st, &f.in, &pkt, &c, &why),
			 0);
	assert_int_equal(pkt.priority, 150);
	vrrp_rx_count_accepted(&stats, &pkt);
	assert_int_equal(stats.advert_rcvd, 1);
	assert_int_equal(stats.pri_zero_rcvd, 0);
	/* the addresses may come in another order */
	struct ka_addr t = f.vips[0];
	f.vips[0] = f.vips[1];
	f.vips[1] = t;
	expect(&f, 0, VRRP_RX_NONE);
}

static void test_other_vrid_is_not_an_error(void **state)
{
	struct fixture f;

	(void)state;
	setup_v2(&f);
	f.conf.vrid = 11;
	expect(&f, -ENOENT, VRRP_RX_NONE);
}

static void test_ttl(void **state)
{
	struct fixture f;

	(void)state;
	setup_v2(&f);
	f.in.ttl = 254;
	expect(&f, -EINVAL, VRRP_RX_TTL);
	/* unicast: any TTL in min_ttl..max_ttl */
	f.conf.unicast = true;
	f.conf.min_ttl = 250;
	expect(&f, 0, VRRP_RX_NONE);
	f.in.ttl = 2;
	expect(&f, -EINVAL, VRRP_RX_TTL);
}

static void test_version_type_length_checksum(void **state)
{
	struct fixture f;

	(void)state;
	setup_v2(&f);
	f.msg[0] = 0x31;
	expect(&f, -EINVAL, VRRP_RX_VERSION);
	setup_v2(&f);
	f.msg[0] = 0x22;
	expect(&f, -EINVAL, VRRP_RX_TYPE);
	setup_v2(&f);
	f.msg[3] = 3;		/* claims one address more than it has */
	expect(&f, -EINVAL, VRRP_RX_PACKET_LEN);
	setup_v2(&f);
	f.in.len = 5;
	expect(&f, -EINVAL, VRRP_RX_PACKET_LEN);
	setup_v2(&f);
	f.msg[9] ^= 1;		/* inside an address */
	expect(&f, -EINVAL, VRRP_RX_CHECKSUM);
}

static void test_auth(void **state)
{
	struct fixture f;
	struct vrrp_pkt_spec spec = {
		.version = 2, .vrid = 10, .priority = 150, .family = AF_INET,
		.adver_int_cs = 100, .auth_type = VRRP_AUTH_PASS,
		.auth_pass = "nope", .naddr = 2,
	};

	(void)state;
	setup_v2(&f);
	spec.addrs = f.vips;
	rebuild(&f, &spec);
	expect(&f, -EINVAL, VRRP_RX_AUTH_FAILURE);
	spec.auth_type = VRRP_AUTH_NONE;
	rebuild(&f, &spec);
	expect(&f, -EINVAL, VRRP_RX_AUTH_TYPE_MISMATCH);
	spec.auth_type = 7;
	rebuild(&f, &spec);
	expect(&f, -EINVAL, VRRP_RX_AUTH_TYPE_INVALID);
}

static void test_interval_and_addresses(void **state)
{
	struct fixture f;
	struct vrrp_pkt_spec spec = {
		.version = 2, .vrid = 10, .priority = 150, .family = AF_INET,
		.adver_int_cs = 200, .auth_type = VRRP_AUTH_PASS,
		.auth_pass = "pw", .naddr = 2,
	};

	(void)state;
	setup_v2(&f);
	spec.addrs = f.vips;
	rebuild(&f, &spec);
	expect(&f, -EINVAL, VRRP_RX_INTERVAL);
	spec.adver_int_cs = 100;
	spec.naddr = 1;
	rebuild(&f, &spec);
	expect(&f, -EINVAL, VRRP_RX_ADDR_LIST);
	f.conf.skip_check_adv_addr = true;
	expect(&f, 0, VRRP_RX_NONE);
	/* same count, another address */
	struct ka_addr other[2] = { f.vips[0], A("10.0.0.200") };
	f.conf.skip_check_adv_addr = false;
	spec.naddr = 2;
	spec.addrs = other;
	rebuild(&f, &spec);
	expect(&f, -EINVAL, VRRP_RX_ADDR_LIST);
}

static void test_unicast_source(void **state)
{
	struct fixture f;

	(void)state;
	setup_v2(&f);
	f.conf.unicast = true;
	f.conf.check_unicast_src = true;
	expect(&f, -EINVAL, VRRP_RX_NONE);
	f.peer = f.src;
	expect(&f, 0, VRRP_RX_NONE);
}

static void test_v3_adopts_interval(void **state)
{
	struct fixture f;
	struct vrrp_pkt_spec spec = {
		.version = 3, .vrid = 10, .priority = 150, .family = AF_INET,
		.adver_int_cs = 35, .naddr = 2,
	};
	struct vrrp_pkt pkt;
	enum vrrp_rx_counter c;
	const char *why;

	(void)state;
	setup_v2(&f);
	spec.addrs = f.vips;
	f.conf.version = 3;
	f.conf.auth_type = VRRP_AUTH_NONE;
	rebuild(&f, &spec);
	assert_int_equal(vrrp_rx_check(&f.conf, &f.st, &f.in, &pkt, &c, &why),
			 0);
	assert_int_equal(pkt.adver_int_cs, 35);
	/* zero interval is refused as an interval error */
	f.msg[4] = 0, f.msg[5] = 0;
	expect(&f, -EINVAL, VRRP_RX_INTERVAL);
}

/* The captured keepalived AH advert, and its sequence window. */
static void test_ah_and_replay(void **state)
{
	uint8_t frame[256];
	long n;
	char path[512];
	struct vrrp_ip4 ip;
	struct vrrp_ah ah;
	const char *why;
	struct fixture f;

	(void)state;
	snprintf(path, sizeof(path), "%s/v2_ah.pcap", VECTOR_DIR);
	n = pcap_first_frame(path, frame, sizeof(frame));
	assert_true(n > 14);
	assert_int_equal(vrrp_ip4_parse(frame + 14, (size_t)n - 14, &ip, &why),
			 0);
	assert_int_equal(vrrp_ah_parse(ip.payload, ip.payload_len, &ah, &why),
			 0);
	memset(&f, 0, sizeof(f));
	f.vips[0] = A("10.210.1.100");
	f.conf = (struct vrrp_rx_conf){
		.version = 2, .vrid = 51, .family = AF_INET,
		.adver_int_cs = 100, .auth_type = VRRP_AUTH_AH,
		.auth_pass = "secret12", .vips = f.vips, .nvips = 1,
	};
	f.in = (struct vrrp_rx_in){
		.msg = ip.payload + VRRP_AH_LEN,
		.len = ip.payload_len - VRRP_AH_LEN,
		.src = ip.src, .dst = ip.dst, .ttl = ip.ttl,
		.ip4 = frame + 14, .ip4_len = (size_t)n - 14,
		.has_ah = true, .ah_seq = ah.seq,
	};
	expect(&f, 0, VRRP_RX_NONE);
	assert_int_equal(f.st.last_seq, 6);
	/* the same packet again is a replay */
	expect(&f, -EINVAL, VRRP_RX_AUTH_FAILURE);
	/* a wrong key fails the integrity check */
	f.st.seq_seen = false;
	f.conf.auth_pass = "secret13";
	expect(&f, -EINVAL, VRRP_RX_AUTH_FAILURE);
	/* PASS expected, AH received */
	f.conf.auth_pass = "secret12";
	f.conf.auth_type = VRRP_AUTH_PASS;
	expect(&f, -EINVAL, VRRP_RX_AUTH_TYPE_MISMATCH);
}

static void test_counters(void **state)
{
	struct vrrp_stats s = { 0 };
	enum vrrp_rx_counter c;

	(void)state;
	for (c = VRRP_RX_NONE; c <= VRRP_RX_CHECKSUM; c++)
		vrrp_rx_count(&s, c);
	assert_int_equal(s.packet_len_err + s.advert_interval_err +
			 s.ip_ttl_err + s.invalid_type_rcvd + s.addr_list_err +
			 s.invalid_authtype + s.authtype_mismatch +
			 s.auth_failure + s.version_err + s.checksum_err, 10);
	assert_int_equal(s.advert_rcvd, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_advert_accepted),
		cmocka_unit_test(test_other_vrid_is_not_an_error),
		cmocka_unit_test(test_ttl),
		cmocka_unit_test(test_version_type_length_checksum),
		cmocka_unit_test(test_auth),
		cmocka_unit_test(test_interval_and_addresses),
		cmocka_unit_test(test_unicast_source),
		cmocka_unit_test(test_v3_adopts_interval),
		cmocka_unit_test(test_ah_and_replay),
		cmocka_unit_test(test_counters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
