/*
 * icmp_echo.c: building echo requests and recognising their replies.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include "icmp_echo.h"
#include "inet_cksum.h"

#define ICMP4_ECHO_REQUEST 8
#define ICMP4_ECHO_REPLY 0
#define ICMP6_ECHO_REQUEST_T 128
#define ICMP6_ECHO_REPLY_T 129

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

int icmp_echo_build(int family, uint16_t id, uint16_t seq, const void *data,
		    size_t data_len, uint8_t *buf, size_t size)
{
	uint16_t sum;

	if (family != AF_INET && family != AF_INET6)
		return -EAFNOSUPPORT;
	if (size < ICMP_ECHO_HDR_LEN || data_len > size - ICMP_ECHO_HDR_LEN ||
	    data_len > 65507)
		return -ENOSPC;
	buf[0] = family == AF_INET ? ICMP4_ECHO_REQUEST : ICMP6_ECHO_REQUEST_T;
	buf[1] = 0;
	put16(buf + 2, 0);
	put16(buf + 4, id);
	put16(buf + 6, seq);
	if (data_len)
		memcpy(buf + ICMP_ECHO_HDR_LEN, data, data_len);
	if (family == AF_INET) {
		sum = inet_cksum_finish(inet_cksum_add(0, buf,
					ICMP_ECHO_HDR_LEN + data_len));
		/* Already in network order: store the bytes as they are. */
		memcpy(buf + 2, &sum, sizeof(sum));
	}
	return (int)(ICMP_ECHO_HDR_LEN + data_len);
}

/* Skips a raw IPv4 socket's IP header; NULL if the packet is short. */
static const uint8_t *skip_ip4(const uint8_t *pkt, size_t *len)
{
	size_t ihl;

	if (*len < 20 || (pkt[0] >> 4) != 4)
		return NULL;
	ihl = (size_t)(pkt[0] & 0x0f) * 4;
	if (ihl < 20 || ihl > *len)
		return NULL;
	*len -= ihl;
	return pkt + ihl;
}

int icmp_echo_match(const struct icmp_echo_rx *rx, const uint8_t *pkt,
		    size_t len, uint16_t id, uint16_t seq, const void *data,
		    size_t data_len)
{
	uint8_t reply_type = rx->family == AF_INET ? ICMP4_ECHO_REPLY
						   : ICMP6_ECHO_REPLY_T;

	if (rx->ip_header && !(pkt = skip_ip4(pkt, &len)))
		return -EBADMSG;
	if (len < ICMP_ECHO_HDR_LEN)
		return -EBADMSG;
	if (pkt[0] != reply_type || pkt[1] != 0)
		return -EAGAIN;
	if (rx->family == AF_INET &&
	    inet_cksum_finish(inet_cksum_add(0, pkt, len)) != 0)
		return -EBADMSG;
	if ((rx->check_id && get16(pkt + 4) != id) || get16(pkt + 6) != seq)
		return -EAGAIN;
	if (len - ICMP_ECHO_HDR_LEN != data_len ||
	    (data_len && memcmp(pkt + ICMP_ECHO_HDR_LEN, data, data_len)))
		return -EAGAIN;
	return 0;
}

uint16_t icmp6_cksum(const struct in6_addr *src, const struct in6_addr *dst,
		     const void *msg, size_t len)
{
	uint8_t pseudo[8] = { 0 };
	uint32_t sum = 0;

	/* Upper-layer length (32 bits), three zero bytes, next header. */
	pseudo[0] = (uint8_t)(len >> 24);
	pseudo[1] = (uint8_t)(len >> 16);
	pseudo[2] = (uint8_t)(len >> 8);
	pseudo[3] = (uint8_t)len;
	pseudo[7] = IPPROTO_ICMPV6;
	sum = inet_cksum_add(sum, src, sizeof(*src));
	sum = inet_cksum_add(sum, dst, sizeof(*dst));
	sum = inet_cksum_add(sum, pseudo, sizeof(pseudo));
	return inet_cksum_finish(inet_cksum_add(sum, msg, len));
}
