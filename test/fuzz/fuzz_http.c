/*
 * fuzz_http.c: an HTTP response from a real server, as HTTP_GET/SSL_GET
 * and genhash read it. The input is cut into pieces at points chosen by
 * its first byte, as a socket would deliver it, then ended by a close;
 * small limits are used half of the time so that every limit is hit.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "http_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_limits lim;
	struct http_resp r;
	char digest[HTTP_DIGEST_HEXLEN + 1];
	size_t step, off = 0, used;
	int rc = 0;

	if (size < 1)
		return 0;
	step = (size_t)(data[0] & 0x3f) + 1;
	http_limits_default(&lim);
	if (data[0] & 0x40) {
		lim.max_line = 64;
		lim.max_header = 256;
		lim.keep_body = 16;
		lim.max_body = 4096;
		lim.keep_head = true;
	}
	data++;
	size--;
	if (http_resp_init(&r, &lim) < 0)
		return 0;
	while (off < size && rc == 0) {
		size_t n = size - off < step ? size - off : step;

		rc = http_resp_feed(&r, data + off, n, &used);
		off += n;
	}
	if (rc == 0)
		rc = http_resp_eof(&r);
	if (rc == 1)
		http_resp_digest(&r, digest);
	http_resp_clear(&r);
	return 0;
}
