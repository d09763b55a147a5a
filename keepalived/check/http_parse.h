/*
 * http_parse.h: what HTTP_GET, SSL_GET and genhash need of HTTP/1.x, as
 * pure code on caller buffers: no sockets, no clock, no logging.
 *
 *   - an incremental response parser, fed whatever chunks the socket
 *     gives: status line, headers, then a body delimited by
 *     Content-Length, by the chunked transfer coding (extensions and
 *     trailers allowed), or by the end of the connection;
 *   - the MD5 digest of the body (the entity, chunk framing removed),
 *     computed as the bytes arrive, so a huge body costs no memory;
 *   - a bounded copy of the start of the body, for the regex and for
 *     genhash's verbose dump;
 *   - the regex match of url blocks (pcre2), and the GET request.
 *
 * Every limit is the caller's (struct http_limits). A response that
 * breaks one is an error, never a bigger buffer.
 */
#ifndef KA_HTTP_PARSE_H
#define KA_HTTP_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "check_data.h"

#define HTTP_DIGEST_HEXLEN 32		/* MD5: 16 bytes as lower-case hex */

#define HTTP_DEFAULT_MAX_LINE 8192
#define HTTP_DEFAULT_MAX_HEADER 65536
#define HTTP_DEFAULT_KEEP_BODY (1024 * 1024)

struct http_limits {
	size_t max_line;	/* status, header, chunk-size, trailer line */
	size_t max_header;	/* all of the head, and all trailers */
	size_t keep_body;	/* body bytes kept in resp->body; the rest is
				 * digested and dropped */
	uint64_t max_body;	/* 0: no limit; a longer body is an error */
	bool keep_head;		/* keep the raw head in resp->head */
};

/* Sets the defaults above (no body limit, head not kept). */
void http_limits_default(struct http_limits *l);

enum http_state {
	HTTP_ST_STATUS = 0,
	HTTP_ST_HEADER,
	HTTP_ST_BODY_LENGTH,	/* Content-Length bytes */
	HTTP_ST_BODY_CLOSE,	/* until the peer closes */
	HTTP_ST_CHUNK_SIZE,
	HTTP_ST_CHUNK_DATA,
	HTTP_ST_CHUNK_END,	/* the CRLF after a chunk's data */
	HTTP_ST_TRAILER,
	HTTP_ST_DONE,
	HTTP_ST_ERROR,
};

struct http_resp {
	struct http_limits lim;
	enum http_state state;
	const char *error;	/* static text, set in HTTP_ST_ERROR */

	/* From the head. */
	unsigned version_minor;	/* HTTP/1.x */
	unsigned status;	/* 100..999 */
	bool chunked;
	bool has_length;
	uint64_t content_length;

	/* The body: its length, the part kept, its digest. */
	uint64_t body_len;
	char *body;		/* owned; NUL-terminated; NULL until a byte */
	size_t body_kept;
	size_t body_cap;	/* bytes allocated for body, with the NUL */
	bool body_truncated;	/* more arrived than keep_body */
	char *head;		/* owned, NUL-terminated, if keep_head */
	size_t head_len;

	/* Private to the parser. */
	char *line;
	size_t line_len;
	size_t head_bytes;
	uint64_t left;		/* of the Content-Length or the chunk */
	void *md;		/* EVP_MD_CTX; NULL once final */
	char digest[HTTP_DIGEST_HEXLEN + 1];
};

/*
 * Prepares *r for one response. lim NULL: the defaults. Returns 0 or
 * -ENOMEM (the digest context). Free with http_resp_clear().
 */
int http_resp_init(struct http_resp *r, const struct http_limits *lim);
/* Frees what *r holds; *r may then be initialised again. */
void http_resp_clear(struct http_resp *r);

/*
 * Feeds "len" bytes that followed the ones fed before. Returns 1 when the
 * response is complete (bytes after its end are ignored; *used, if not
 * NULL, says how many were consumed), 0 when more is needed, or -EBADMSG
 * with r->error set when the response is malformed or breaks a limit.
 * After 1 or -EBADMSG, further calls return the same.
 */
int http_resp_feed(struct http_resp *r, const void *buf, size_t len,
		   size_t *used);

/*
 * The peer closed the connection. Returns 1 if that completes the
 * response (a body delimited by the close), -EBADMSG if it cuts it short
 * (r->error says where), or 1 again if it was already complete.
 */
int http_resp_eof(struct http_resp *r);

/*
 * The MD5 digest of the body as 32 lower-case hex digits and a NUL, into
 * out (HTTP_DIGEST_HEXLEN + 1 bytes). The response must be complete
 * (HTTP_ST_DONE): returns 0 or -EINVAL.
 */
int http_resp_digest(struct http_resp *r, char *out);

/* A compiled url regex. */
struct http_regex;

/*
 * Compiles "pattern" with regex_options ("caseless dotall ...", the
 * pcre2 option names keepalived accepts; NULL or "" for none). Returns 0
 * and *out, -EINVAL for an unknown option or a bad pattern (a message in
 * err, if errlen > 0), or -ENOMEM.
 */
int http_regex_new(const char *pattern, const char *options,
		   struct http_regex **out, char *err, size_t errlen);
void http_regex_free(struct http_regex **re);
/* The PCRE2 flag of one regex_options word ("caseless"; len bytes, need
 * not be NUL-terminated), or 0 for a word that is not an option. */
uint32_t http_regex_option(const char *word, size_t len);

/*
 * Whether the pattern occurs in subject[0..len) with its match starting
 * at or after min_offset and, when max_offset is not 0, at or before
 * max_offset. Returns 1 (match), 0 (none) or a negative errno (pcre2
 * failed, e.g. its match limit).
 */
int http_regex_match(const struct http_regex *re, const char *subject,
		     size_t len, unsigned long min_offset,
		     unsigned long max_offset);

/*
 * The GET request for "path", as keepalived sends it: HTTP/1.0, or 1.0
 * with "Connection: close" (1.0C), or 1.1 with it; a User-Agent; and a
 * Host header of "vhost" if not NULL, else "addr:port" ("[v6]:port").
 * Returns the length written (NUL-terminated), or -ENOSPC.
 */
int http_request_build(char *buf, size_t size, const char *path,
		       enum ck_http_protocol proto, const char *vhost,
		       const struct ka_addr *addr, uint16_t port);

#endif
