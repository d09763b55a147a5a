/*
 * vrrp_arp.h: the gratuitous ARP a new master sends for each IPv4 virtual
 * address, so that neighbours update their caches at once. Written as
 * keepalived writes it (seen on the wire): an ARP request, broadcast,
 * with the virtual address as both sender and target address and the
 * target hardware address all ones. Pure; the packet socket is the
 * caller's.
 */
#ifndef KA_VRRP_ARP_H
#define KA_VRRP_ARP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "addr.h"

#define VRRP_ARP_FRAME_LEN 42	/* Ethernet header + ARP for IPv4 */

/* Writes the whole Ethernet frame; returns its length or -EINVAL. */
ssize_t vrrp_arp_build(uint8_t *buf, size_t size, const uint8_t mac[6],
		       const struct ka_addr *vip, const char **why);

#endif
