/*
 * vrrp_arp.c: gratuitous ARP frames (RFC 826 layout, RFC 5227 section 3
 * on announcements).
 */
#include <errno.h>
#include <string.h>

#include "vrrp_arp.h"

#define ETH_ALEN_ 6
#define ETHERTYPE_ARP_ 0x0806
#define ARP_OP_REQUEST 1

ssize_t vrrp_arp_build(uint8_t *buf, size_t size, const uint8_t mac[6],
		       const struct ka_addr *vip, const char **why)
{
	uint8_t *arp = buf + 14;

	*why = NULL;
	if (size < VRRP_ARP_FRAME_LEN)
		*why = "buffer too small";
	else if (!vip || vip->family != AF_INET)
		*why = "not an IPv4 address";
	if (*why)
		return -EINVAL;
	memset(buf, 0xff, ETH_ALEN_);			/* broadcast */
	memcpy(buf + 6, mac, ETH_ALEN_);
	buf[12] = ETHERTYPE_ARP_ >> 8;
	buf[13] = ETHERTYPE_ARP_ & 0xff;
	arp[0] = 0, arp[1] = 1;				/* Ethernet */
	arp[2] = 0x08, arp[3] = 0x00;			/* IPv4 */
	arp[4] = ETH_ALEN_, arp[5] = 4;
	arp[6] = 0, arp[7] = ARP_OP_REQUEST;
	memcpy(arp + 8, mac, ETH_ALEN_);
	memcpy(arp + 14, &vip->u.v4, 4);
	memset(arp + 18, 0xff, ETH_ALEN_);
	memcpy(arp + 24, &vip->u.v4, 4);
	return VRRP_ARP_FRAME_LEN;
}
