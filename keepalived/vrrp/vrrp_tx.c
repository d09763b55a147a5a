/*
 * vrrp_tx.c: adverts assembled for sending.
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>

#include "vrrp_ah.h"
#include "vrrp_ip4.h"
#include "vrrp_tx.h"

static bool uses_ah(const struct vrrp_pkt_spec *spec)
{
	return spec->version == 2 && spec->auth_type == VRRP_AUTH_AH;
}

static uint16_t next_ip_id(uint16_t id)
{
	/* 0 makes the kernel choose one, after AH has covered ours */
	return id == UINT16_MAX ? 1 : (uint16_t)(id + 1);
}

static uint32_t next_ah_seq(uint32_t seq)
{
	/*
	 * RFC 2402 3.3.2 wants a new SA rather than a wrap; VRRP has no SA
	 * negotiation, and at one advert a second the wrap is 136 years off.
	 */
	return seq == UINT32_MAX ? 1 : seq + 1;
}

static ssize_t build_v6(const struct vrrp_pkt_spec *spec,
			const struct ka_addr *src, const struct ka_addr *dst,
			uint8_t *buf, size_t size, const char **why)
{
	if (src->family != AF_INET6 || dst->family != AF_INET6) {
		*why = "addresses are not IPv6";
		return -EINVAL;
	}
	return vrrp_pkt_build(spec, src, dst, buf, size, why);
}

static ssize_t build_v4(const struct vrrp_pkt_spec *spec,
			const struct ka_addr *src, const struct ka_addr *dst,
			bool unicast, struct vrrp_tx_state *st,
			uint8_t *buf, size_t size, const char **why)
{
	bool ah = uses_ah(spec);
	size_t off = VRRP_IP4_HDR_LEN + (ah ? VRRP_AH_LEN : 0);
	size_t vlen = vrrp_pkt_len(spec);
	uint16_t id = next_ip_id(st->ip_id);
	uint32_t seq = next_ah_seq(st->ah_seq);
	ssize_t n;

	if (size < off + vlen) {
		*why = "buffer too small";
		return -EINVAL;
	}
	n = vrrp_pkt_build(spec, src, dst, buf + off, size - off, why);
	if (n >= 0)
		n = vrrp_ip4_build(buf, size, src, dst,
				   ah ? VRRP_IP4_PROTO_AH : VRRP_PROTOCOL, id,
				   off - VRRP_IP4_HDR_LEN + vlen, why);
	/* keepalived's SPI is the sender's IPv4 address */
	if (n >= 0 && ah)
		n = vrrp_ah_build(buf + VRRP_IP4_HDR_LEN, VRRP_AH_LEN,
				  ntohl(src->u.v4.s_addr), seq, why);
	if (n >= 0 && ah)
		n = vrrp_ah_sign(buf, off + vlen, spec->auth_pass, unicast,
				 why);
	if (n < 0)
		return n;
	st->ip_id = id;
	if (ah)
		st->ah_seq = seq;
	return (ssize_t)(off + vlen);
}

ssize_t vrrp_tx_build(const struct vrrp_pkt_spec *spec,
		      const struct ka_addr *src, const struct ka_addr *dst,
		      bool unicast, struct vrrp_tx_state *st,
		      uint8_t *buf, size_t size, const char **why)
{
	*why = NULL;
	if (!spec || !src || !dst || !st || !buf)
		*why = "missing argument";
	else if (spec->family == AF_INET6 && spec->auth_type != VRRP_AUTH_NONE)
		*why = "authentication over IPv6";
	else if (spec->version == 3 && spec->auth_type != VRRP_AUTH_NONE)
		*why = "authentication with VRRP version 3";
	if (*why)
		return -EINVAL;
	if (spec->family == AF_INET6)
		return build_v6(spec, src, dst, buf, size, why);
	if (src->family != AF_INET || dst->family != AF_INET) {
		*why = "addresses are not IPv4";
		return -EINVAL;
	}
	return build_v4(spec, src, dst, unicast, st, buf, size, why);
}
