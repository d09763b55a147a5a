#include <string.h>

#include "inet_cksum.h"

uint32_t inet_cksum_add(uint32_t sum, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	/* Bytes are paired in network order; summing big-endian words and
	 * storing the result big-endian keeps this independent of the host. */
	for (; len > 1; p += 2, len -= 2) {
		sum += (uint32_t)(p[0] << 8 | p[1]);
		if (sum & 0x80000000u)
			sum = (sum & 0xffff) + (sum >> 16);
	}
	if (len)
		sum += (uint32_t)(p[0] << 8);
	return sum;
}

uint16_t inet_cksum_finish(uint32_t sum)
{
	uint16_t folded, be;
	uint8_t bytes[2];

	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	folded = (uint16_t)~sum;
	bytes[0] = (uint8_t)(folded >> 8);
	bytes[1] = (uint8_t)folded;
	memcpy(&be, bytes, sizeof(be));
	return be;
}
