/*
 * vrrp_ip4.c: IPv4 header for VRRP (RFC 791 layout).
 */
#include <errno.h>
#include <string.h>

#include "inet_cksum.h"
#include "vrrp_ip4.h"

ssize_t vrrp_ip4_build(uint8_t *buf, size_t size, const struct ka_addr *src,
		       const struct ka_addr *dst, uint8_t protocol, uint16_t id,
		       size_t payload_len, const char **why)
{
	size_t total = VRRP_IP4_HDR_LEN + payload_len;
	uint16_t ck;

	*why = NULL;
	if (size < VRRP_IP4_HDR_LEN)
		*why = "buffer too small";
	else if (total > 0xffff)
		*why = "payload too long";
	else if (src->family != AF_INET || dst->family != AF_INET)
		*why = "addresses are not IPv4";
	if (*why)
		return -EINVAL;
	memset(buf, 0, VRRP_IP4_HDR_LEN);
	buf[0] = 0x45;			/* version 4, 5 words */
	buf[1] = VRRP_IP4_TOS;
	buf[2] = (uint8_t)(total >> 8);
	buf[3] = (uint8_t)total;
	buf[4] = (uint8_t)(id >> 8);
	buf[5] = (uint8_t)id;
	buf[8] = VRRP_IP4_TTL;
	buf[9] = protocol;
	memcpy(buf + 12, &src->u.v4, 4);
	memcpy(buf + 16, &dst->u.v4, 4);
	ck = inet_cksum_finish(inet_cksum_add(0, buf, VRRP_IP4_HDR_LEN));
	memcpy(buf + 10, &ck, sizeof(ck));
	return VRRP_IP4_HDR_LEN;
}

static const char *check(const uint8_t *buf, size_t len, size_t hdr_len,
			 size_t total)
{
	if (buf[0] >> 4 != 4)
		return "not IPv4";
	if (hdr_len < VRRP_IP4_HDR_LEN || hdr_len > len)
		return "bad IPv4 header length";
	if (total < hdr_len || total > len)
		return "bad IPv4 total length";
	/* more-fragments flag or an offset */
	if ((buf[6] & 0x3f) || buf[7])
		return "IPv4 fragment";
	if (inet_cksum_finish(inet_cksum_add(0, buf, hdr_len)) != 0)
		return "bad IPv4 header checksum";
	return NULL;
}

int vrrp_ip4_parse(const uint8_t *buf, size_t len, struct vrrp_ip4 *out,
		   const char **why)
{
	size_t hdr_len, total;
	struct vrrp_ip4 h = { 0 };

	if (len < VRRP_IP4_HDR_LEN) {
		*why = "shorter than an IPv4 header";
		return -EINVAL;
	}
	hdr_len = (size_t)(buf[0] & 0x0f) * 4;
	total = (size_t)buf[2] << 8 | buf[3];
	*why = check(buf, len, hdr_len, total);
	if (*why)
		return -EINVAL;
	h.src.family = h.dst.family = AF_INET;
	memcpy(&h.src.u.v4, buf + 12, 4);
	memcpy(&h.dst.u.v4, buf + 16, 4);
	h.ttl = buf[8];
	h.protocol = buf[9];
	h.id = (uint16_t)(buf[4] << 8 | buf[5]);
	h.hdr_len = hdr_len;
	h.payload = buf + hdr_len;
	h.payload_len = total - hdr_len;
	*out = h;
	return 0;
}
