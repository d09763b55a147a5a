/*
 * vrrp_ndisc.h: the unsolicited neighbour advertisement a new master sends
 * for each IPv6 virtual address (RFC 4861 section 7.2.6), as keepalived
 * sends it: from the virtual address to ff02::1, hop limit 255, Override
 * flag set, with a target link-layer address option. Pure.
 */
#ifndef KA_VRRP_NDISC_H
#define KA_VRRP_NDISC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "addr.h"

#define VRRP_NDISC_NA_LEN 32	/* ICMPv6 NA with one 8-byte option */

/*
 * Writes the ICMPv6 message (the kernel adds the IPv6 header). The
 * checksum is computed for "src" to "dst", although a raw ICMPv6 socket
 * has the kernel compute it again.
 */
ssize_t vrrp_ndisc_na_build(uint8_t *buf, size_t size, const uint8_t mac[6],
			    const struct ka_addr *vip,
			    const struct ka_addr *src,
			    const struct ka_addr *dst, const char **why);

#endif
