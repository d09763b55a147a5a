/*
 * vrrp_packet.c: encoding and decoding of VRRP advertisements.
 *
 * Layout of the fixed header (RFC 3768 section 5.1, RFC 5798 section 5.1):
 *   byte 0  version (high nibble) and type (low nibble)
 *   byte 1  virtual router id
 *   byte 2  priority
 *   byte 3  count of addresses
 *   v2: byte 4 authentication type, byte 5 advertisement interval (s)
 *   v3: bytes 4-5 four reserved bits, then 12 bits of interval (cs)
 *   bytes 6-7  checksum
 * then the addresses, then (v2 only) 8 bytes of authentication data.
 */
#include <errno.h>
#include <string.h>

#include "inet_cksum.h"
#include "vrrp_packet.h"

static size_t addr_len(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

static size_t msg_len(uint8_t version, int family, size_t naddr)
{
	return VRRP_HDR_LEN + naddr * addr_len(family) +
	       (version == 2 ? VRRP_AUTH_DATA_LEN : 0);
}

size_t vrrp_pkt_len(const struct vrrp_pkt_spec *spec)
{
	return msg_len(spec->version, spec->family, spec->naddr);
}

static const void *addr_bytes(const struct ka_addr *a)
{
	return a->family == AF_INET6 ? (const void *)&a->u.v6 :
				       (const void *)&a->u.v4;
}

/*
 * RFC 5798 section 5.2.8: version 3 sums a pseudo-header of the IP
 * addresses, the protocol and the length; for IPv4 too, as keepalived and
 * FRR both do.
 */
static uint32_t pseudo_header_sum(int family, const struct ka_addr *src,
				  const struct ka_addr *dst, size_t len)
{
	uint8_t tail[8] = { 0 };
	size_t tail_len;
	uint32_t sum;

	sum = inet_cksum_add(0, addr_bytes(src), addr_len(family));
	sum = inet_cksum_add(sum, addr_bytes(dst), addr_len(family));
	if (family == AF_INET6) {
		/* 32-bit length, three zero bytes, next header */
		tail[2] = (uint8_t)(len >> 8);
		tail[3] = (uint8_t)len;
		tail[7] = VRRP_PROTOCOL;
		tail_len = 8;
	} else {
		/* zero byte, protocol, 16-bit length */
		tail[1] = VRRP_PROTOCOL;
		tail[2] = (uint8_t)(len >> 8);
		tail[3] = (uint8_t)len;
		tail_len = 4;
	}
	return inet_cksum_add(sum, tail, tail_len);
}

static uint16_t msg_cksum(uint8_t version, int family,
			  const struct ka_addr *src, const struct ka_addr *dst,
			  const uint8_t *msg, size_t len)
{
	uint32_t sum = 0;

	if (version == 3)
		sum = pseudo_header_sum(family, src, dst, len);
	return inet_cksum_finish(inet_cksum_add(sum, msg, len));
}

static bool pair_ok(int family, const struct ka_addr *src,
		    const struct ka_addr *dst)
{
	return src && dst && src->family == family && dst->family == family;
}

static int check_spec(const struct vrrp_pkt_spec *s,
		      const struct ka_addr *src, const struct ka_addr *dst,
		      const char **why)
{
	size_t i;

	*why = NULL;
	if (s->version != 2 && s->version != 3)
		*why = "version must be 2 or 3";
	else if (s->family != AF_INET && s->family != AF_INET6)
		*why = "unknown address family";
	else if (s->version == 2 && s->family == AF_INET6)
		*why = "VRRP version 2 is for IPv4 only";
	else if (s->vrid == 0)
		*why = "virtual router id 0";
	else if (s->naddr > 255 || (s->naddr && !s->addrs))
		*why = "too many addresses";
	else if (s->version == 2 && (s->adver_int_cs % 100 ||
				     s->adver_int_cs / 100 == 0 ||
				     s->adver_int_cs / 100 > 255))
		*why = "version 2 interval must be 1 to 255 whole seconds";
	else if (s->version == 3 && (s->adver_int_cs == 0 ||
				     s->adver_int_cs > VRRP_V3_ADVER_INT_MAX_CS))
		*why = "version 3 interval must be 1 to 4095 centiseconds";
	else if (s->version == 3 && !pair_ok(s->family, src, dst))
		*why = "version 3 needs source and destination of the family";
	for (i = 0; !*why && i < s->naddr; i++)
		if (s->addrs[i].family != s->family)
			*why = "address of another family";
	return *why ? -EINVAL : 0;
}

static void put_header(const struct vrrp_pkt_spec *s, uint8_t *buf)
{
	buf[0] = (uint8_t)(s->version << 4 | VRRP_TYPE_ADVERT);
	buf[1] = s->vrid;
	buf[2] = s->priority;
	buf[3] = (uint8_t)s->naddr;
	if (s->version == 2) {
		buf[4] = s->auth_type;
		buf[5] = (uint8_t)(s->adver_int_cs / 100);
	} else {
		buf[4] = (uint8_t)(s->adver_int_cs >> 8 & 0x0f);
		buf[5] = (uint8_t)s->adver_int_cs;
	}
	buf[6] = buf[7] = 0;
}

ssize_t vrrp_pkt_build(const struct vrrp_pkt_spec *spec,
		       const struct ka_addr *src, const struct ka_addr *dst,
		       uint8_t *buf, size_t size, const char **why)
{
	size_t len, alen, i;
	uint8_t *p;
	uint16_t ck;

	if (check_spec(spec, src, dst, why) < 0)
		return -EINVAL;
	len = vrrp_pkt_len(spec);
	if (size < len) {
		*why = "buffer too small";
		return -EINVAL;
	}
	memset(buf, 0, len);
	put_header(spec, buf);
	alen = addr_len(spec->family);
	for (i = 0, p = buf + VRRP_HDR_LEN; i < spec->naddr; i++, p += alen)
		memcpy(p, addr_bytes(&spec->addrs[i]), alen);
	if (spec->version == 2 && spec->auth_type == VRRP_AUTH_PASS &&
	    spec->auth_pass)
		memcpy(p, spec->auth_pass,
		       strnlen(spec->auth_pass, VRRP_AUTH_DATA_LEN));
	ck = msg_cksum(spec->version, spec->family, src, dst, buf, len);
	memcpy(buf + 6, &ck, sizeof(ck));
	return (ssize_t)len;
}

static void get_header(const uint8_t *buf, struct vrrp_pkt *out)
{
	out->version = buf[0] >> 4;
	out->type = buf[0] & 0x0f;
	out->vrid = buf[1];
	out->priority = buf[2];
	out->naddr = buf[3];
	if (out->version == 2) {
		out->auth_type = buf[4];
		out->adver_int_cs = (uint16_t)(buf[5] * 100);
	} else {
		out->auth_type = 0;
		out->adver_int_cs = (uint16_t)((buf[4] & 0x0f) << 8 | buf[5]);
	}
}

static const char *check_header(const struct vrrp_pkt *h, int family,
				size_t len)
{
	if (h->version != 2 && h->version != 3)
		return "unknown version";
	if (h->version == 2 && family == AF_INET6)
		return "version 2 over IPv6";
	if (h->type != VRRP_TYPE_ADVERT)
		return "not an advertisement";
	if (len != msg_len(h->version, family, h->naddr))
		return "length does not match the address count";
	if (h->adver_int_cs == 0)
		return "advertisement interval 0";
	return NULL;
}

int vrrp_pkt_parse(const uint8_t *buf, size_t len, int family,
		   const struct ka_addr *src, const struct ka_addr *dst,
		   struct vrrp_pkt *out, const char **why)
{
	struct vrrp_pkt h = { .family = family };

	*why = NULL;
	if (family != AF_INET && family != AF_INET6)
		*why = "unknown address family";
	else if (len < VRRP_HDR_LEN)
		*why = "shorter than a VRRP header";
	if (*why)
		return -EINVAL;
	get_header(buf, &h);
	*why = check_header(&h, family, len);
	if (!*why && h.version == 3 && !pair_ok(family, src, dst))
		*why = "version 3 needs source and destination of the family";
	if (!*why && msg_cksum(h.version, family, src, dst, buf, len) != 0)
		*why = "bad checksum";
	if (*why)
		return -EINVAL;
	h.addrs = buf + VRRP_HDR_LEN;
	if (h.version == 2)
		h.auth_data = h.addrs + h.naddr * addr_len(family);
	*out = h;
	return 0;
}

void vrrp_pkt_addr(const struct vrrp_pkt *pkt, size_t i, struct ka_addr *out)
{
	size_t alen = addr_len(pkt->family);

	memset(out, 0, sizeof(*out));
	out->family = pkt->family;
	if (pkt->family == AF_INET6)
		memcpy(&out->u.v6, pkt->addrs + i * alen, alen);
	else
		memcpy(&out->u.v4, pkt->addrs + i * alen, alen);
}
