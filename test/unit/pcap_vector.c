#include <stdio.h>
#include <string.h>

#include "pcap_vector.h"

#define PCAP_GLOBAL_LEN 24
#define PCAP_RECORD_LEN 16

static uint32_t field32(const uint8_t *p, int swapped)
{
	return swapped ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
				 (uint32_t)p[2] << 8 | p[3]
		       : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
				 (uint32_t)p[1] << 8 | p[0];
}

long pcap_first_frame(const char *path, uint8_t *buf, size_t size)
{
	uint8_t g[PCAP_GLOBAL_LEN], r[PCAP_RECORD_LEN];
	FILE *f = fopen(path, "rb");
	uint32_t magic, caplen;
	int swapped;
	long ret = -1;

	if (!f)
		return -1;
	if (fread(g, 1, sizeof(g), f) != sizeof(g) ||
	    fread(r, 1, sizeof(r), f) != sizeof(r))
		goto out;
	magic = field32(g, 0);
	if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d &&
	    field32(g, 1) != 0xa1b2c3d4 && field32(g, 1) != 0xa1b23c4d)
		goto out;
	swapped = magic != 0xa1b2c3d4 && magic != 0xa1b23c4d;
	caplen = field32(r + 8, swapped);
	if (caplen > size || fread(buf, 1, caplen, f) != caplen)
		goto out;
	ret = (long)caplen;
out:
	fclose(f);
	return ret;
}
