/*
 * vrrp_ndisc.c: unsolicited neighbour advertisements.
 */
#include <errno.h>
#include <string.h>

#include "inet_cksum.h"
#include "vrrp_ndisc.h"

#define ICMP6_NA 136
#define NA_FLAG_OVERRIDE 0x20
#define ND_OPT_TARGET_LLADDR 2
#define IPPROTO_ICMPV6_ 58

static uint16_t icmp6_cksum(const struct ka_addr *src,
			    const struct ka_addr *dst, const uint8_t *msg,
			    size_t len)
{
	uint8_t tail[8] = { 0, 0, (uint8_t)(len >> 8), (uint8_t)len,
			    0, 0, 0, IPPROTO_ICMPV6_ };
	uint32_t sum = inet_cksum_add(0, &src->u.v6, 16);

	sum = inet_cksum_add(sum, &dst->u.v6, 16);
	sum = inet_cksum_add(sum, tail, sizeof(tail));
	return inet_cksum_finish(inet_cksum_add(sum, msg, len));
}

ssize_t vrrp_ndisc_na_build(uint8_t *buf, size_t size, const uint8_t mac[6],
			    const struct ka_addr *vip,
			    const struct ka_addr *src,
			    const struct ka_addr *dst, const char **why)
{
	uint16_t ck;

	*why = NULL;
	if (size < VRRP_NDISC_NA_LEN)
		*why = "buffer too small";
	else if (!vip || vip->family != AF_INET6 || !src ||
		 src->family != AF_INET6 || !dst || dst->family != AF_INET6)
		*why = "not IPv6 addresses";
	if (*why)
		return -EINVAL;
	memset(buf, 0, VRRP_NDISC_NA_LEN);
	buf[0] = ICMP6_NA;
	buf[4] = NA_FLAG_OVERRIDE;
	memcpy(buf + 8, &vip->u.v6, 16);
	buf[24] = ND_OPT_TARGET_LLADDR;
	buf[25] = 1;				/* in units of 8 bytes */
	memcpy(buf + 26, mac, 6);
	ck = icmp6_cksum(src, dst, buf, VRRP_NDISC_NA_LEN);
	memcpy(buf + 2, &ck, sizeof(ck));
	return VRRP_NDISC_NA_LEN;
}
