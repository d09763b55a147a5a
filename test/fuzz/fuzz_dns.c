/*
 * fuzz_dns.c: a DNS reply from a real server, as DNS_CHECK reads it,
 * checked against a query built for one of a few names and types (chosen
 * by the first byte). The query's id is copied into the reply half of the
 * time so that the parse goes past the id check.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dns_packet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = { "example.org", ".", "a.b.c.d.e.f" };
static const uint16_t types[] = { 1, 28, 15, 16, 2, 6, 12, 33 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t query[DNS_QUERY_MAX];
	struct dns_reply out;
	const char *why;
	uint8_t *reply;
	uint8_t sel;
	int qlen;

	if (size < 1)
		return 0;
	sel = data[0];
	qlen = dns_query_build(query, sizeof(query), 0x1234,
			       types[sel % 8], names[(sel >> 3) % 3]);
	if (qlen < 0)
		return 0;
	/* A copy of exactly the reply's length, so that ASan sees any read
	 * past its end. */
	reply = malloc(size - 1 ? size - 1 : 1);
	if (!reply)
		return 0;
	memcpy(reply, data + 1, size - 1);
	if ((sel & 0x80) && size - 1 >= 2) {
		reply[0] = 0x12;
		reply[1] = 0x34;
	}
	dns_reply_parse(query, (size_t)qlen, reply, size - 1, &out, &why);
	free(reply);
	return 0;
}
