/*
 * Unit tests of the send side of VRRP: whole adverts assembled by
 * vrrp_tx_build() compared byte for byte with adverts captured from
 * keepalived 2.2.7 (test/unit/vectors/), taken apart again by
 * vrrp_socket_unwrap4() and accepted by vrrp_rx_check(); and the schedule
 * of gratuitous ARPs and NAs on an event loop with a fake clock.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "event.h"
#include "inet_cksum.h"
#include "pcap_vector.h"
#include "vrrp_ah.h"
#include "vrrp_announce.h"
#include "vrrp_arp.h"
#include "vrrp_ip4.h"
#include "vrrp_ndisc.h"
#include "vrrp_rx.h"
#include "vrrp_socket.h"
#include "vrrp_tx.h"

#define ETH_LEN 14
#define IP6_HDR_LEN 40

/*
 * keepalived 2.2.7's very first advert after start (VRID 51, priority
 * 150, AH with "secret12", from 10.210.1.2), as tcpdump showed it: IPv4
 * ID 1 and AH sequence number 1.
 */
static const uint8_t first_ah_advert[] = {
	0x45, 0xc0, 0x00, 0x40, 0x00, 0x01, 0x00, 0x00, 0xff, 0x33, 0xce, 0xe3,
	0x0a, 0xd2, 0x01, 0x02, 0xe0, 0x00, 0x00, 0x12, 0x70, 0x04, 0x00, 0x00,
	0x0a, 0xd2, 0x01, 0x02, 0x00, 0x00, 0x00, 0x01, 0x51, 0xd8, 0x08, 0xd2,
	0x3f, 0x28, 0xc4, 0x58, 0xc5, 0xa1, 0xde, 0x78, 0x21, 0x33, 0x96, 0x01,
	0x02, 0x01, 0x3a, 0x94, 0x0a, 0xd2, 0x01, 0x64, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

struct frame {
	uint8_t buf[2048];
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
	f->ip = f->buf + ETH_LEN;
	f->ip_len = (size_t)n - ETH_LEN;
}

static struct ka_addr A(const char *s)
{
	struct ka_addr a;

	assert_int_equal(addr_parse(s, &a), 0);
	return a;
}

/* The spec of the captured keepalived adverts: VRID 51, priority 90. */
static struct vrrp_pkt_spec spec_of(uint8_t version, int family,
				    uint8_t auth, const struct ka_addr *vip)
{
	struct vrrp_pkt_spec s = {
		.version = version, .vrid = 51, .priority = 90,
		.family = family, .adver_int_cs = 100, .auth_type = auth,
		.auth_pass = auth ? "secret12" : NULL,
		.addrs = vip, .naddr = 1,
	};

	return s;
}

static uint16_t ip_id_of(const struct frame *f)
{
	return (uint16_t)(f->ip[4] << 8 | f->ip[5]);
}

/* Builds the IPv4 advert the capture holds and compares every byte. */
static void check_ipv4(const char *name, uint8_t version, uint8_t auth,
		       const char *dst_s, bool unicast, uint32_t prev_seq)
{
	struct frame f;
	struct ka_addr src = A("10.210.1.2"), dst = A(dst_s);
	struct ka_addr vip = A("10.210.1.100");
	struct vrrp_pkt_spec s = spec_of(version, AF_INET, auth, &vip);
	struct vrrp_tx_state st = { .ah_seq = prev_seq };
	uint8_t out[VRRP_TX_MAX_LEN];
	const char *why = NULL;
	ssize_t n;

	load(name, &f);
	/* the capture's ID is the one after the state's */
	st.ip_id = (uint16_t)(ip_id_of(&f) - 1);
	n = vrrp_tx_build(&s, &src, &dst, unicast, &st, out, sizeof(out),
			  &why);
	assert_null(why);
	assert_int_equal(n, f.ip_len);
	assert_memory_equal(out, f.ip, f.ip_len);
	assert_int_equal(st.ip_id, ip_id_of(&f));
}

static void test_v2_pass_multicast(void **state)
{
	(void)state;
	check_ipv4("v2_pass", 2, VRRP_AUTH_PASS, "224.0.0.18", false, 0);
}

static void test_v2_pass_unicast(void **state)
{
	(void)state;
	check_ipv4("v2_unicast", 2, VRRP_AUTH_PASS, "10.210.1.1", true, 0);
}

static void test_v2_ah(void **state)
{
	(void)state;
	/* the capture is the sixth advert */
	check_ipv4("v2_ah", 2, VRRP_AUTH_AH, "224.0.0.18", false, 5);
}

static void test_v3_ipv4(void **state)
{
	(void)state;
	check_ipv4("v3_ipv4", 3, VRRP_AUTH_NONE, "224.0.0.18", false, 0);
}

/* A fresh state gives what keepalived sends first, AH included. */
static void test_first_advert_is_keepalived_first(void **state)
{
	struct ka_addr src = A("10.210.1.2"), dst = A("224.0.0.18");
	struct ka_addr vip = A("10.210.1.100");
	struct vrrp_pkt_spec s = spec_of(2, AF_INET, VRRP_AUTH_AH, &vip);
	struct vrrp_tx_state st = { 0 };
	uint8_t out[VRRP_TX_MAX_LEN];
	const char *why = NULL;

	(void)state;
	s.priority = 150;
	assert_int_equal(vrrp_tx_build(&s, &src, &dst, false, &st, out,
				       sizeof(out), &why),
			 sizeof(first_ah_advert));
	assert_memory_equal(out, first_ah_advert, sizeof(first_ah_advert));
	assert_int_equal(st.ip_id, 1);
	assert_int_equal(st.ah_seq, 1);
}

static void check_ipv6(const char *name)
{
	struct frame f;
	struct ka_addr src = { .family = AF_INET6 }, dst = src;
	struct ka_addr vip = A("fd00:210::100");
	struct vrrp_pkt_spec s = spec_of(3, AF_INET6, VRRP_AUTH_NONE, &vip);
	struct vrrp_tx_state st = { 0 };
	uint8_t out[VRRP_TX_MAX_LEN];
	const char *why = NULL;
	size_t plen;

	load(name, &f);
	memcpy(&src.u.v6, f.ip + 8, 16);
	memcpy(&dst.u.v6, f.ip + 24, 16);
	plen = (size_t)(f.ip[4] << 8 | f.ip[5]);
	assert_int_equal(vrrp_tx_build(&s, &src, &dst, false, &st, out,
				       sizeof(out), &why), plen);
	assert_memory_equal(out, f.ip + IP6_HDR_LEN, plen);
	/* no IPv4 ID or AH over IPv6 */
	assert_int_equal(st.ip_id, 0);
	assert_int_equal(st.ah_seq, 0);
}

static void test_v3_ipv6_keepalived(void **state)
{
	(void)state;
	check_ipv6("v3_ipv6");
}

static void test_v3_ipv6_frr(void **state)
{
	(void)state;
	check_ipv6("frr_v3_ipv6");
}

/* FRR writes its own IPv4 header: its VRRP part must match ours. */
static void test_v3_ipv4_frr_message(void **state)
{
	struct frame f;
	struct vrrp_rx_in in;
	struct ka_addr vip = A("10.210.1.100");
	struct vrrp_pkt_spec s = spec_of(3, AF_INET, VRRP_AUTH_NONE, &vip);
	struct vrrp_tx_state st = { 0 };
	uint8_t out[VRRP_TX_MAX_LEN];
	const char *why = NULL;
	ssize_t n;

	(void)state;
	load("frr_v3_ipv4", &f);
	assert_int_equal(vrrp_socket_unwrap4(f.ip, f.ip_len, &in, NULL, &why),
			 0);
	n = vrrp_tx_build(&s, &in.src, &in.dst, false, &st, out, sizeof(out),
			  &why);
	assert_int_equal(n, VRRP_IP4_HDR_LEN + in.len);
	assert_memory_equal(out + VRRP_IP4_HDR_LEN, in.msg, in.len);
}

static void test_counters_advance_and_wrap(void **state)
{
	struct ka_addr src = A("10.0.0.1"), dst = A("224.0.0.18");
	struct ka_addr vip = A("10.0.0.100");
	struct vrrp_pkt_spec s = spec_of(2, AF_INET, VRRP_AUTH_AH, &vip);
	struct vrrp_tx_state st = { .ip_id = UINT16_MAX - 1,
				    .ah_seq = UINT32_MAX - 1 };
	uint8_t out[VRRP_TX_MAX_LEN];
	const char *why = NULL;
	struct vrrp_ah ah;

	(void)state;
	assert_true(vrrp_tx_build(&s, &src, &dst, false, &st, out, sizeof(out),
				  &why) > 0);
	assert_int_equal(st.ip_id, UINT16_MAX);
	assert_int_equal(st.ah_seq, UINT32_MAX);
	/* 0 would let the kernel rewrite the signed ID */
	assert_true(vrrp_tx_build(&s, &src, &dst, false, &st, out, sizeof(out),
				  &why) > 0);
	assert_int_equal(st.ip_id, 1);
	assert_int_equal(st.ah_seq, 1);
	assert_int_equal(out[4] << 8 | out[5], 1);
	assert_int_equal(vrrp_ah_parse(out + 20, VRRP_AH_LEN, &ah, &why), 0);
	assert_int_equal(ah.seq, 1);
	assert_int_equal(ah.spi, ntohl(src.u.v4.s_addr));
	/* without AH the sequence number stays put */
	s.auth_type = VRRP_AUTH_PASS;
	assert_true(vrrp_tx_build(&s, &src, &dst, false, &st, out, sizeof(out),
				  &why) > 0);
	assert_int_equal(st.ip_id, 2);
	assert_int_equal(st.ah_seq, 1);
}

static void test_refusals_leave_state(void **state)
{
	struct ka_addr src = A("10.0.0.1"), dst = A("224.0.0.18");
	struct ka_addr v6 = A("fe80::1"), vip = A("10.0.0.100");
	struct vrrp_pkt_spec s = spec_of(2, AF_INET, VRRP_AUTH_AH, &vip);
	struct vrrp_pkt_spec s6 = spec_of(3, AF_INET6, VRRP_AUTH_NONE, &v6);
	struct vrrp_tx_state st = { 7, 9 };
	uint8_t out[VRRP_TX_MAX_LEN];
	const char *why;

	(void)state;
	/* too small for IP + AH + VRRP */
	assert_int_equal(vrrp_tx_build(&s, &src, &dst, false, &st, out, 60,
				       &why), -EINVAL);
	assert_string_equal(why, "buffer too small");
	assert_int_equal(vrrp_tx_build(&s, &src, &v6, false, &st, out,
				       sizeof(out), &why), -EINVAL);
	s.version = 3;
	assert_int_equal(vrrp_tx_build(&s, &src, &dst, false, &st, out,
				       sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "authentication with VRRP version 3");
	s6.auth_type = VRRP_AUTH_PASS;
	assert_int_equal(vrrp_tx_build(&s6, &v6, &v6, false, &st, out,
				       sizeof(out), &why), -EINVAL);
	s6.auth_type = VRRP_AUTH_NONE;
	assert_int_equal(vrrp_tx_build(&s6, &src, &dst, false, &st, out,
				       sizeof(out), &why), -EINVAL);
	assert_string_equal(why, "addresses are not IPv6");
	/* an invalid spec: VRID 0 */
	s = spec_of(2, AF_INET, VRRP_AUTH_PASS, &vip);
	s.vrid = 0;
	assert_int_equal(vrrp_tx_build(&s, &src, &dst, false, &st, out,
				       sizeof(out), &why), -EINVAL);
	assert_int_equal(st.ip_id, 7);
	assert_int_equal(st.ah_seq, 9);
}

/* What we send, the receive side takes apart and accepts. */
static void round_trip(uint8_t version, uint8_t auth, bool unicast)
{
	struct ka_addr src = A("10.210.1.2");
	struct ka_addr dst = unicast ? A("10.210.1.1") : A("224.0.0.18");
	struct ka_addr vip = A("10.210.1.100");
	struct vrrp_pkt_spec s = spec_of(version, AF_INET, auth, &vip);
	struct vrrp_rx_conf c = {
		.version = version, .vrid = 51, .family = AF_INET,
		.adver_int_cs = 100, .auth_type = auth,
		.auth_pass = s.auth_pass, .unicast = unicast,
		.min_ttl = 0, .max_ttl = 255, .vips = &vip, .nvips = 1,
	};
	struct vrrp_tx_state st = { 0 };
	struct vrrp_rx_state rs = { 0 };
	struct vrrp_rx_in in;
	struct vrrp_pkt p;
	enum vrrp_rx_counter counter = VRRP_RX_NONE;
	uint8_t out[VRRP_TX_MAX_LEN];
	const char *why = NULL;
	uint32_t spi = 0;
	ssize_t n;
	int i;

	for (i = 1; i <= 3; i++) {
		n = vrrp_tx_build(&s, &src, &dst, unicast, &st, out,
				  sizeof(out), &why);
		assert_true(n > 0);
		assert_int_equal(vrrp_socket_unwrap4(out, (size_t)n, &in,
						     &spi, &why), 0);
		assert_int_equal(in.ttl, 255);
		assert_true(addr_equal(&in.src, &src));
		assert_int_equal(in.has_ah, auth == VRRP_AUTH_AH);
		assert_int_equal(vrrp_rx_check(&c, &rs, &in, &p, &counter,
					       &why), 0);
		assert_int_equal(p.priority, 90);
		if (auth == VRRP_AUTH_AH) {
			assert_int_equal(in.ah_seq, i);
			assert_int_equal(spi, ntohl(src.u.v4.s_addr));
		}
	}
	if (auth != VRRP_AUTH_AH)
		return;
	/* the same advert again is a replay */
	assert_int_equal(vrrp_rx_check(&c, &rs, &in, &p, &counter, &why),
			 -EINVAL);
	assert_int_equal(counter, VRRP_RX_AUTH_FAILURE);
}

static void test_round_trips(void **state)
{
	(void)state;
	round_trip(2, VRRP_AUTH_NONE, false);
	round_trip(2, VRRP_AUTH_PASS, false);
	round_trip(2, VRRP_AUTH_AH, false);
	round_trip(2, VRRP_AUTH_AH, true);
	round_trip(3, VRRP_AUTH_NONE, false);
	round_trip(3, VRRP_AUTH_NONE, true);
}

static void test_unwrap4_refusals(void **state)
{
	struct frame f;
	struct vrrp_rx_in in = { .len = 77 };
	uint8_t copy[128];
	const char *why = NULL;
	uint16_t ck;

	(void)state;
	load("v2_ah", &f);
	assert_int_equal(vrrp_socket_unwrap4(f.ip, f.ip_len, &in, NULL, &why),
			 0);
	assert_true(in.has_ah);
	assert_int_equal(in.ah_seq, 6);
	assert_int_equal(in.len, f.ip_len - 20 - VRRP_AH_LEN);
	assert_ptr_equal(in.ip4, f.ip);
	/* AH cut short */
	in.len = 77;
	assert_int_equal(vrrp_socket_unwrap4(f.ip, 30, &in, NULL, &why),
			 -EINVAL);
	assert_int_equal(in.len, 77);
	/* UDP is not ours; the header checksum is fixed up to match */
	memcpy(copy, f.ip, f.ip_len);
	copy[9] = 17;
	copy[10] = copy[11] = 0;
	ck = inet_cksum_finish(inet_cksum_add(0, copy, VRRP_IP4_HDR_LEN));
	memcpy(copy + 10, &ck, sizeof(ck));
	assert_int_equal(vrrp_socket_unwrap4(copy, f.ip_len, &in, NULL, &why),
			 -EINVAL);
	assert_string_equal(why, "neither VRRP nor AH");
	/* a broken header checksum */
	copy[10] ^= 1;
	assert_int_equal(vrrp_socket_unwrap4(copy, f.ip_len, &in, NULL, &why),
			 -EINVAL);
}

/* ---- announcements on a fake clock -------------------------------- */

struct sent {
	bool na;
	int ifindex;
	uint8_t msg[64];
	size_t len;
	uint64_t at_us;
	struct ka_addr vip;	/* NA only */
};

struct rec {
	struct clock_fake fake;
	struct sent sent[64];
	size_t nsent;
	int fail_next;		/* -errno for the next send, then 0 */
	/* hook */
	unsigned hooks, rounds[64];
	int errs;
	struct vrrp_announce *cancel_in_hook;
};

static int record(struct rec *r, bool na, int ifindex, const uint8_t *msg,
		  size_t len, const struct ka_addr *vip)
{
	struct sent *s = &r->sent[r->nsent];
	int err = r->fail_next;

	r->fail_next = 0;
	if (err)
		return err;
	assert_true(r->nsent < 64 && len <= sizeof(s->msg));
	s->na = na;
	s->ifindex = ifindex;
	memcpy(s->msg, msg, len);
	s->len = len;
	s->at_us = r->fake.now_us;
	if (vip)
		s->vip = *vip;
	r->nsent++;
	return 0;
}

static int rec_arp(void *ctx, int ifindex, const uint8_t *frame, size_t len)
{
	return record(ctx, false, ifindex, frame, len, NULL);
}

static int rec_na(void *ctx, int ifindex, const struct ka_addr *vip,
		  const uint8_t *msg, size_t len)
{
	return record(ctx, true, ifindex, msg, len, vip);
}

static void rec_hook(void *ctx, const struct ka_addr *vip, unsigned round,
		     int err)
{
	struct rec *r = ctx;

	(void)vip;
	r->rounds[r->hooks++ % 64] = round;
	if (err)
		r->errs++;
	if (r->cancel_in_hook)
		vrrp_announce_cancel(r->cancel_in_hook);
}

static const uint8_t MAC[6] = { 0x02, 0x10, 0x00, 0x00, 0x00, 0x02 };

struct fixture {
	struct rec r;
	struct event_clock clock;
	struct event_loop *loop;
	struct vrrp_announce *a;
	struct ka_addr vips[3];
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct vrrp_announce_io io = { rec_arp, rec_na, NULL };

	fx->clock = clock_fake_init(&fx->r.fake, 1000000);
	fx->loop = event_loop_new(&fx->clock);
	io.ctx = &fx->r;
	fx->a = vrrp_announce_new(fx->loop, &io, 7, MAC);
	fx->vips[0] = A("192.168.79.100");
	fx->vips[1] = A("fd00:79::100");
	fx->vips[2] = A("192.168.79.101");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	vrrp_announce_free(&fx->a);
	assert_null(fx->a);
	event_loop_free(&fx->loop);
	free(fx);
	return 0;
}

/* Runs every pass that is due now. */
static void run_now(struct fixture *fx)
{
	while (event_loop_run_once(fx->loop, false) > 0)
		;
}

static void advance(struct fixture *fx, uint64_t us)
{
	clock_fake_advance(&fx->r.fake, us);
	run_now(fx);
}

static size_t count_kind(const struct rec *r, bool na)
{
	size_t i, n = 0;

	for (i = 0; i < r->nsent; i++)
		n += r->sent[i].na == na;
	return n;
}

static void test_announce_schedule(void **state)
{
	struct fixture *fx = *state;
	struct vrrp_announce_params p = {
		.delay_us = 1000, .repeat = 3, .garp_interval_us = 200,
		.gna_interval_us = 0,
	};
	struct vrrp_announce_counts c;
	uint8_t want[VRRP_ARP_FRAME_LEN];
	const char *why;
	size_t i;

	assert_int_equal(vrrp_announce_start(fx->a, fx->vips, 3, &p, rec_hook,
					     &fx->r), 0);
	assert_true(vrrp_announce_pending(fx->a));
	advance(fx, 999);
	assert_int_equal(fx->r.nsent, 0);
	/* at the delay: the first ARP, and all three NAs (no gap) */
	advance(fx, 1);
	assert_int_equal(count_kind(&fx->r, false), 1);
	assert_int_equal(count_kind(&fx->r, true), 3);
	/* then one ARP every 200 us, alternating the two IPv4 addresses */
	for (i = 2; i <= 6; i++) {
		advance(fx, 199);
		assert_int_equal(count_kind(&fx->r, false), i - 1);
		advance(fx, 1);
		assert_int_equal(count_kind(&fx->r, false), i);
	}
	assert_false(vrrp_announce_pending(fx->a));
	advance(fx, 10000);
	assert_int_equal(fx->r.nsent, 9);
	for (i = 0; i < fx->r.nsent; i++) {
		const struct sent *s = &fx->r.sent[i];

		assert_int_equal(s->ifindex, 7);
		if (!s->na)
			continue;
		assert_int_equal(s->len, VRRP_NDISC_NA_LEN);
		assert_true(addr_equal(&s->vip, &fx->vips[1]));
		assert_memory_equal(s->msg + 8, &fx->vips[1].u.v6, 16);
	}
	/* ARPs: 100, 101, 100, 101, 100, 101 in send order */
	{
		size_t k = 0;

		for (i = 0; i < fx->r.nsent; i++) {
			if (fx->r.sent[i].na)
				continue;
			assert_int_equal(vrrp_arp_build(
				want, sizeof(want), MAC,
				&fx->vips[k % 2 ? 2 : 0], &why),
				VRRP_ARP_FRAME_LEN);
			assert_memory_equal(fx->r.sent[i].msg, want,
					    VRRP_ARP_FRAME_LEN);
			k++;
		}
	}
	assert_int_equal(fx->r.hooks, 9);
	vrrp_announce_get_counts(fx->a, &c);
	assert_int_equal(c.arp_sent, 6);
	assert_int_equal(c.na_sent, 3);
	assert_int_equal(c.errors, 0);
}

static void test_announce_cancel_and_restart(void **state)
{
	struct fixture *fx = *state;
	struct vrrp_announce_params p = {
		.delay_us = 0, .repeat = 5, .garp_interval_us = 100,
		.gna_interval_us = 100,
	};

	assert_int_equal(vrrp_announce_start(fx->a, fx->vips, 1, &p, NULL,
					     NULL), 0);
	run_now(fx);
	assert_int_equal(fx->r.nsent, 1);
	advance(fx, 100);
	assert_int_equal(fx->r.nsent, 2);
	/* leaving MASTER: nothing more */
	vrrp_announce_cancel(fx->a);
	assert_false(vrrp_announce_pending(fx->a));
	advance(fx, 10000);
	assert_int_equal(fx->r.nsent, 2);
	/* a new start replaces a pending one: only the new set goes out */
	assert_int_equal(vrrp_announce_start(fx->a, fx->vips, 1, &p, NULL,
					     NULL), 0);
	advance(fx, 50);
	assert_int_equal(fx->r.nsent, 3);
	p.repeat = 2;
	assert_int_equal(vrrp_announce_start(fx->a, &fx->vips[1], 1, &p, NULL,
					     NULL), 0);
	for (int i = 0; i < 10; i++)
		advance(fx, 100);
	assert_int_equal(fx->r.nsent, 5);
	assert_true(fx->r.sent[3].na && fx->r.sent[4].na);
	/* repeat 0 and no addresses: nothing to do */
	p.repeat = 0;
	assert_int_equal(vrrp_announce_start(fx->a, fx->vips, 3, &p, NULL,
					     NULL), 0);
	assert_false(vrrp_announce_pending(fx->a));
	p.repeat = 1;
	assert_int_equal(vrrp_announce_start(fx->a, NULL, 0, &p, NULL, NULL),
			 0);
	assert_false(vrrp_announce_pending(fx->a));
	/* refused: an address of no family */
	struct ka_addr bad[1] = { { 0 } };
	assert_int_equal(vrrp_announce_start(fx->a, bad, 1, &p, NULL, NULL),
			 -EINVAL);
	vrrp_announce_cancel(NULL);
}

static void test_announce_errors_and_hook_cancel(void **state)
{
	struct fixture *fx = *state;
	struct vrrp_announce_params p = { .repeat = 3 };
	struct vrrp_announce_counts c;

	/* a failed send is counted and reported; the others still go */
	fx->r.fail_next = -ENOBUFS;
	assert_int_equal(vrrp_announce_start(fx->a, fx->vips, 1, &p, rec_hook,
					     &fx->r), 0);
	run_now(fx);
	assert_int_equal(fx->r.nsent, 2);
	assert_int_equal(fx->r.errs, 1);
	assert_int_equal(fx->r.rounds[0], 0);
	assert_int_equal(fx->r.rounds[2], 2);
	vrrp_announce_get_counts(fx->a, &c);
	assert_int_equal(c.errors, 1);
	assert_int_equal(c.arp_sent, 2);
	/* a hook that cancels stops the burst at once, even without gaps */
	fx->r.cancel_in_hook = fx->a;
	assert_int_equal(vrrp_announce_start(fx->a, fx->vips, 3, &p, rec_hook,
					     &fx->r), 0);
	advance(fx, 1000);
	assert_int_equal(fx->r.nsent, 3);
	assert_false(vrrp_announce_pending(fx->a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v2_pass_multicast),
		cmocka_unit_test(test_v2_pass_unicast),
		cmocka_unit_test(test_v2_ah),
		cmocka_unit_test(test_v3_ipv4),
		cmocka_unit_test(test_first_advert_is_keepalived_first),
		cmocka_unit_test(test_v3_ipv6_keepalived),
		cmocka_unit_test(test_v3_ipv6_frr),
		cmocka_unit_test(test_v3_ipv4_frr_message),
		cmocka_unit_test(test_counters_advance_and_wrap),
		cmocka_unit_test(test_refusals_leave_state),
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_unwrap4_refusals),
		cmocka_unit_test_setup_teardown(test_announce_schedule, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_announce_cancel_and_restart, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_announce_errors_and_hook_cancel, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
