/*
 * gh_print.c: genhash -v, the page as it came: the header in hex and as
 * text, the body in hex, the digest and the time taken.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>

#include "genhash.h"
#include "http_parse.h"

#define HEX_PER_LINE 16

static void rule(FILE *out, const char *title)
{
	fprintf(out, "==== %s ====\n", title);
}

/* "0000  48 54 54 50 ...   |HTTP|", sixteen bytes a line. */
static void hexdump(FILE *out, const char *buf, size_t len)
{
	size_t i, j;

	for (i = 0; i < len; i += HEX_PER_LINE) {
		fprintf(out, "%06zx ", i);
		for (j = i; j < i + HEX_PER_LINE; j++) {
			if (j < len)
				fprintf(out, " %02x", (unsigned char)buf[j]);
			else
				fputs("   ", out);
		}
		fputs("  |", out);
		for (j = i; j < len && j < i + HEX_PER_LINE; j++)
			fputc(isprint((unsigned char)buf[j]) ? buf[j] : '.',
			      out);
		fputs("|\n", out);
	}
}

void gh_print_verbose(FILE *out, const struct gh_opts *o,
		      const struct http_resp *r, const char *digest,
		      uint64_t elapsed_us)
{
	char title[128];

	snprintf(title, sizeof(title), "HTTP header, %zu bytes", r->head_len);
	rule(out, title);
	hexdump(out, r->head, r->head_len);
	rule(out, "HTTP header as text");
	fwrite(r->head, 1, r->head_len, out);
	if (r->body_truncated)
		snprintf(title, sizeof(title), "body, %" PRIu64 " bytes, the "
			 "first %zu shown", r->body_len, r->body_kept);
	else
		snprintf(title, sizeof(title), "body, %" PRIu64 " bytes%s",
			 r->body_len, r->chunked ? " (chunks joined)" : "");
	rule(out, title);
	hexdump(out, r->body, r->body_kept);
	rule(out, "MD5 digest of the body");
	fprintf(out, "%s\n", digest);
	fprintf(out, "\nHTTP status %u; %s fetched in %" PRIu64 " us\n",
		r->status, o->url, elapsed_us);
}
