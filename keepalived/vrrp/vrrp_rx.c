/*
 * vrrp_rx.c: receive validation of VRRP adverts, in the order of
 * RFC 5798 section 7.1 (RFC 3768 7.1 for version 2 and authentication).
 */
#include <errno.h>
#include <string.h>

#include "vrrp_ah.h"
#include "vrrp_rx.h"

struct check {
	enum vrrp_rx_counter counter;
	const char *why;
};

#define PASS_OK ((struct check){ VRRP_RX_NONE, NULL })
#define FAIL(c, w) ((struct check){ (c), (w) })

static size_t addr_len(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

static struct check check_ttl(const struct vrrp_rx_conf *c,
			      const struct vrrp_rx_in *in)
{
	/* 7.1: a multicast advert must not have crossed a router */
	if (!c->unicast && in->ttl != 255)
		return FAIL(VRRP_RX_TTL, "TTL or hop limit is not 255");
	if (c->unicast && (in->ttl < c->min_ttl || in->ttl > c->max_ttl))
		return FAIL(VRRP_RX_TTL, "TTL outside min_ttl..max_ttl");
	return PASS_OK;
}

/* Version, type and length, before trusting the count of addresses. */
static struct check check_shape(const struct vrrp_rx_conf *c,
				const struct vrrp_rx_in *in)
{
	const uint8_t *m = in->msg;
	size_t want;

	if (in->len < VRRP_HDR_LEN)
		return FAIL(VRRP_RX_PACKET_LEN, "shorter than a VRRP header");
	if (m[0] >> 4 != c->version)
		return FAIL(VRRP_RX_VERSION, "another VRRP version");
	if ((m[0] & 0x0f) != VRRP_TYPE_ADVERT)
		return FAIL(VRRP_RX_TYPE, "not an advertisement");
	want = VRRP_HDR_LEN + (size_t)m[3] * addr_len(c->family) +
	       (c->version == 2 ? VRRP_AUTH_DATA_LEN : 0);
	if (in->len != want)
		return FAIL(VRRP_RX_PACKET_LEN,
			    "length does not match the address count");
	return PASS_OK;
}

static struct check check_parse(const struct vrrp_rx_conf *c,
				const struct vrrp_rx_in *in,
				struct vrrp_pkt *pkt)
{
	const char *why = NULL;

	if (vrrp_pkt_parse(in->msg, in->len, c->family, &in->src, &in->dst,
			   pkt, &why) == 0)
		return PASS_OK;
	/* shape was checked already: what is left is these two */
	if (in->msg[5] == 0 && (c->version == 2 || !(in->msg[4] & 0x0f)))
		return FAIL(VRRP_RX_INTERVAL, why);
	return FAIL(VRRP_RX_CHECKSUM, why);
}

static struct check check_pass(const struct vrrp_rx_conf *c,
			       const struct vrrp_pkt *pkt)
{
	char want[VRRP_AUTH_DATA_LEN] = { 0 };

	if (c->auth_pass)
		memcpy(want, c->auth_pass,
		       strnlen(c->auth_pass, VRRP_AUTH_DATA_LEN));
	if (memcmp(want, pkt->auth_data, VRRP_AUTH_DATA_LEN) != 0)
		return FAIL(VRRP_RX_AUTH_FAILURE, "wrong password");
	return PASS_OK;
}

static struct check check_ah(const struct vrrp_rx_conf *c,
			     const struct vrrp_rx_state *st,
			     const struct vrrp_rx_in *in)
{
	const char *why = NULL;

	if (!in->ip4 || vrrp_ah_verify(in->ip4, in->ip4_len, c->auth_pass,
				       c->unicast, &why) < 0)
		return FAIL(VRRP_RX_AUTH_FAILURE,
			    why ? why : "no IPv4 packet to check AH on");
	if (st->seq_seen && in->ah_seq <= st->last_seq)
		return FAIL(VRRP_RX_AUTH_FAILURE, "replayed AH sequence number");
	return PASS_OK;
}

static struct check check_auth(const struct vrrp_rx_conf *c,
			       const struct vrrp_rx_state *st,
			       const struct vrrp_rx_in *in,
			       const struct vrrp_pkt *pkt)
{
	uint8_t got = c->version == 2 ? pkt->auth_type : VRRP_AUTH_NONE;

	if (in->has_ah && c->version == 3)
		return FAIL(VRRP_RX_AUTH_TYPE_MISMATCH, "AH with version 3");
	if (got > VRRP_AUTH_AH)
		return FAIL(VRRP_RX_AUTH_TYPE_INVALID,
			    "unknown authentication type");
	if (got != c->auth_type || (got == VRRP_AUTH_AH) != in->has_ah)
		return FAIL(VRRP_RX_AUTH_TYPE_MISMATCH,
			    "authentication type mismatch");
	if (got == VRRP_AUTH_PASS)
		return check_pass(c, pkt);
	if (got == VRRP_AUTH_AH)
		return check_ah(c, st, in);
	return PASS_OK;
}

static bool listed(const struct ka_addr *a, const struct ka_addr *set,
		   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (addr_equal(a, &set[i]))
			return true;
	return false;
}

/* The advert lists exactly our virtual addresses, in any order. */
static struct check check_addresses(const struct vrrp_rx_conf *c,
				    const struct vrrp_pkt *pkt)
{
	struct ka_addr a;
	size_t i;

	if (c->skip_check_adv_addr)
		return PASS_OK;
	if (pkt->naddr != c->nvips)
		return FAIL(VRRP_RX_ADDR_LIST, "address count differs");
	for (i = 0; i < pkt->naddr; i++) {
		vrrp_pkt_addr(pkt, i, &a);
		if (!listed(&a, c->vips, c->nvips))
			return FAIL(VRRP_RX_ADDR_LIST,
				    "address list differs");
	}
	return PASS_OK;
}

static struct check check_policy(const struct vrrp_rx_conf *c,
				 const struct vrrp_rx_state *st,
				 const struct vrrp_rx_in *in,
				 const struct vrrp_pkt *pkt)
{
	struct check r = check_auth(c, st, in, pkt);

	if (r.why)
		return r;
	/* v2 requires the same interval; v3 lets a backup adopt it */
	if (c->version == 2 && pkt->adver_int_cs != c->adver_int_cs)
		return FAIL(VRRP_RX_INTERVAL, "advertisement interval differs");
	if (c->unicast && c->check_unicast_src &&
	    !listed(&in->src, c->peers, c->npeers))
		return FAIL(VRRP_RX_NONE, "source is not a unicast peer");
	return check_addresses(c, pkt);
}

int vrrp_rx_check(const struct vrrp_rx_conf *conf, struct vrrp_rx_state *st,
		  const struct vrrp_rx_in *in, struct vrrp_pkt *out,
		  enum vrrp_rx_counter *counter, const char **why)
{
	struct vrrp_pkt pkt;
	struct check r;

	if (in->len >= 2 && in->msg[1] != conf->vrid)
		return -ENOENT;
	r = check_ttl(conf, in);
	if (!r.why)
		r = check_shape(conf, in);
	if (!r.why)
		r = check_parse(conf, in, &pkt);
	if (!r.why)
		r = check_policy(conf, st, in, &pkt);
	if (r.why) {
		*counter = r.counter;
		*why = r.why;
		return -EINVAL;
	}
	if (in->has_ah) {
		st->seq_seen = true;
		st->last_seq = in->ah_seq;
	}
	*out = pkt;
	return 0;
}

void vrrp_rx_count(struct vrrp_stats *s, enum vrrp_rx_counter c)
{
	switch (c) {
	case VRRP_RX_NONE:
		break;
	case VRRP_RX_PACKET_LEN:
		s->packet_len_err++;
		break;
	case VRRP_RX_INTERVAL:
		s->advert_interval_err++;
		break;
	case VRRP_RX_TTL:
		s->ip_ttl_err++;
		break;
	case VRRP_RX_TYPE:
		s->invalid_type_rcvd++;
		break;
	case VRRP_RX_ADDR_LIST:
		s->addr_list_err++;
		break;
	case VRRP_RX_AUTH_TYPE_INVALID:
		s->invalid_authtype++;
		break;
	case VRRP_RX_AUTH_TYPE_MISMATCH:
		s->authtype_mismatch++;
		break;
	case VRRP_RX_AUTH_FAILURE:
		s->auth_failure++;
		break;
	case VRRP_RX_VERSION:
		s->version_err++;
		break;
	case VRRP_RX_CHECKSUM:
		s->checksum_err++;
		break;
	}
}

void vrrp_rx_count_accepted(struct vrrp_stats *s, const struct vrrp_pkt *pkt)
{
	s->advert_rcvd++;
	if (pkt->priority == 0)
		s->pri_zero_rcvd++;
}
