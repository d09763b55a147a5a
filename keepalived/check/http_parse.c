/*
 * http_parse.c: the incremental HTTP/1.x response parser (RFC 9112).
 *
 * The parser is a small state machine over two kinds of input: lines
 * (status, headers, chunk sizes, the CRLF after a chunk, trailers), which
 * are gathered into one buffer of max_line bytes, and counted body bytes,
 * which go straight to the digest and, up to keep_body, to resp->body.
 * Nothing grows past a limit the caller gave.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>

#include "http_parse.h"
#include "memory.h"

/* A chunk size past this is nonsense, and keeps the arithmetic safe. */
#define CHUNK_SIZE_MAX ((uint64_t)1 << 60)

void http_limits_default(struct http_limits *l)
{
	memset(l, 0, sizeof(*l));
	l->max_line = HTTP_DEFAULT_MAX_LINE;
	l->max_header = HTTP_DEFAULT_MAX_HEADER;
	l->keep_body = HTTP_DEFAULT_KEEP_BODY;
}

int http_resp_init(struct http_resp *r, const struct http_limits *lim)
{
	EVP_MD_CTX *md;

	memset(r, 0, sizeof(*r));
	if (lim)
		r->lim = *lim;
	else
		http_limits_default(&r->lim);
	if (r->lim.max_line < 16)
		r->lim.max_line = 16;
	md = EVP_MD_CTX_new();
	if (!md)
		return -ENOMEM;
	if (!EVP_DigestInit_ex(md, EVP_md5(), NULL)) {
		EVP_MD_CTX_free(md);
		return -ENOMEM;
	}
	r->md = md;
	r->line = mem_zalloc(r->lim.max_line + 1);
	return 0;
}

void http_resp_clear(struct http_resp *r)
{
	EVP_MD_CTX_free(r->md);
	r->md = NULL;
	mem_free(&r->line);
	mem_free(&r->body);
	mem_free(&r->head);
	memset(r, 0, sizeof(*r));
}

static void fail(struct http_resp *r, const char *why)
{
	r->state = HTTP_ST_ERROR;
	r->error = why;
}

/* Makes room for "need" bytes of body, NUL included. The buffer grows by
 * doubling from 4 KiB up to keep_body + 1: a health check's small answer
 * must not cost a zeroed megabyte (the benchmark found that memset taking
 * 15% of the checker's CPU with HTTP_GET). */
static void body_reserve(struct http_resp *r, size_t need)
{
	size_t cap = r->body_cap ? r->body_cap : 4096;

	if (r->body && need <= r->body_cap)
		return;
	while (cap < need)
		cap *= 2;
	if (cap > r->lim.keep_body + 1)
		cap = r->lim.keep_body + 1;
	r->body = mem_realloc(r->body, cap);
	if (!r->body_cap)
		r->body[0] = '\0';
	r->body_cap = cap;
}

/* Digests body bytes and keeps the first keep_body of them. */
static void body_add(struct http_resp *r, const char *p, size_t n)
{
	size_t room;

	r->body_len += n;
	if (r->lim.max_body && r->body_len > r->lim.max_body) {
		fail(r, "body too large");
		return;
	}
	EVP_DigestUpdate(r->md, p, n);
	room = r->lim.keep_body - r->body_kept;
	if (n > room) {
		r->body_truncated = true;
		n = room;
	}
	body_reserve(r, r->body_kept + n + 1);
	memcpy(r->body + r->body_kept, p, n);
	r->body_kept += n;
	r->body[r->body_kept] = '\0';
}

static void head_add(struct http_resp *r, const char *p, size_t n)
{
	r->head_bytes += n;
	if (r->head_bytes > r->lim.max_header) {
		fail(r, "header too large");
		return;
	}
	/* Trailers count against the limit but are not part of the head. */
	if (!r->lim.keep_head || r->state == HTTP_ST_TRAILER)
		return;
	if (!r->head)
		r->head = mem_zalloc(r->lim.max_header + 1);
	memcpy(r->head + r->head_len, p, n);
	r->head_len += n;
}

static int parse_status(struct http_resp *r, const char *s)
{
	unsigned code = 0;
	int i;

	if (strncmp(s, "HTTP/1.", 7) || !isdigit((unsigned char)s[7]) ||
	    s[8] != ' ')
		return -1;
	r->version_minor = (unsigned)(s[7] - '0');
	s += 9;
	while (*s == ' ')
		s++;
	for (i = 0; i < 3; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		code = code * 10 + (unsigned)(s[i] - '0');
	}
	if ((s[3] != '\0' && s[3] != ' ') || code < 100)
		return -1;
	r->status = code;
	return 0;
}

static const char *skip_ows(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Length of s without trailing optional white space. */
static size_t trim_len(const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

static int parse_length(struct http_resp *r, const char *v)
{
	uint64_t n = 0;
	size_t len = trim_len(v), i;

	if (!len)
		return -1;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)v[i]) || n > CHUNK_SIZE_MAX)
			return -1;
		n = n * 10 + (uint64_t)(v[i] - '0');
	}
	/* Two different lengths: no way to tell where the body ends. */
	if (r->has_length && r->content_length != n)
		return -1;
	r->has_length = true;
	r->content_length = n;
	return 0;
}

/* Chunked only if it is the last coding (RFC 9112 section 6.3). */
static void parse_coding(struct http_resp *r, const char *v)
{
	size_t len = trim_len(v);
	const char *last = v, *c;

	for (c = v; c < v + len; c++)
		if (*c == ',')
			last = c + 1;
	last = skip_ows(last);
	r->chunked = (size_t)(v + len - last) == 7 &&
		     !strncasecmp(last, "chunked", 7);
}

static int parse_header(struct http_resp *r, const char *s)
{
	const char *colon = strchr(s, ':');
	size_t name_len;

	/* An obsolete folded line continues a header we do not need. */
	if (*s == ' ' || *s == '\t')
		return 0;
	if (!colon || colon == s)
		return -1;
	name_len = (size_t)(colon - s);
	if (name_len == 14 && !strncasecmp(s, "Content-Length", 14))
		return parse_length(r, skip_ows(colon + 1));
	if (name_len == 17 && !strncasecmp(s, "Transfer-Encoding", 17))
		parse_coding(r, skip_ows(colon + 1));
	return 0;
}

/* The empty line after the headers: how is the body delimited? */
static void head_done(struct http_resp *r)
{
	if (r->status < 200) {
		/* An interim response; the real one follows. */
		r->state = HTTP_ST_STATUS;
		r->has_length = false;
		r->chunked = false;
		r->content_length = 0;
		return;
	}
	if (r->status == 204 || r->status == 304)
		r->state = HTTP_ST_DONE;
	else if (r->chunked)
		r->state = HTTP_ST_CHUNK_SIZE;
	else if (r->has_length) {
		r->left = r->content_length;
		r->state = r->left ? HTTP_ST_BODY_LENGTH : HTTP_ST_DONE;
	} else {
		r->state = HTTP_ST_BODY_CLOSE;
	}
}

static int parse_chunk_size(struct http_resp *r, const char *s)
{
	uint64_t n = 0;
	const char *p = s;

	for (; isxdigit((unsigned char)*p); p++) {
		if (n >= CHUNK_SIZE_MAX)
			return -1;
		n = n * 16 + (uint64_t)(isdigit((unsigned char)*p) ?
			*p - '0' : (tolower((unsigned char)*p) - 'a' + 10));
	}
	if (p == s)
		return -1;
	p = skip_ows(p);
	if (*p && *p != ';')
		return -1;
	if (n == 0) {
		r->head_bytes = 0;
		r->state = HTTP_ST_TRAILER;
	} else {
		r->left = n;
		r->state = HTTP_ST_CHUNK_DATA;
	}
	return 0;
}

/* A whole line, without its CR LF, is in r->line. */
static void on_line(struct http_resp *r)
{
	const char *s = r->line;

	switch (r->state) {
	case HTTP_ST_STATUS:
		if (parse_status(r, s) < 0)
			fail(r, "malformed status line");
		else
			r->state = HTTP_ST_HEADER;
		break;
	case HTTP_ST_HEADER:
		if (!*s)
			head_done(r);
		else if (parse_header(r, s) < 0)
			fail(r, "malformed header");
		break;
	case HTTP_ST_CHUNK_SIZE:
		if (parse_chunk_size(r, s) < 0)
			fail(r, "malformed chunk size");
		break;
	case HTTP_ST_CHUNK_END:
		if (*s)
			fail(r, "chunk longer than its size");
		else
			r->state = HTTP_ST_CHUNK_SIZE;
		break;
	case HTTP_ST_TRAILER:
		if (!*s)
			r->state = HTTP_ST_DONE;
		break;
	default:
		break;
	}
}

/* Gathers a line; consumes up to and including its LF. */
static size_t feed_line(struct http_resp *r, const char *p, size_t len)
{
	const char *lf = memchr(p, '\n', len);
	size_t n = lf ? (size_t)(lf - p) + 1 : len;
	size_t text = lf ? n - 1 : n;

	if (r->state == HTTP_ST_STATUS || r->state == HTTP_ST_HEADER ||
	    r->state == HTTP_ST_TRAILER) {
		head_add(r, p, n);
		if (r->state == HTTP_ST_ERROR)
			return n;
	}
	if (r->line_len + text > r->lim.max_line) {
		fail(r, "line too long");
		return n;
	}
	memcpy(r->line + r->line_len, p, text);
	r->line_len += text;
	if (!lf)
		return n;
	if (r->line_len && r->line[r->line_len - 1] == '\r')
		r->line_len--;
	r->line[r->line_len] = '\0';
	r->line_len = 0;
	on_line(r);
	return n;
}

static size_t feed_body(struct http_resp *r, const char *p, size_t len)
{
	size_t n = len;

	if (r->state != HTTP_ST_BODY_CLOSE && r->left < n)
		n = (size_t)r->left;
	body_add(r, p, n);
	if (r->state == HTTP_ST_ERROR || r->state == HTTP_ST_BODY_CLOSE)
		return n;
	r->left -= n;
	if (!r->left)
		r->state = r->state == HTTP_ST_CHUNK_DATA ?
			   HTTP_ST_CHUNK_END : HTTP_ST_DONE;
	return n;
}

static int result(const struct http_resp *r)
{
	if (r->state == HTTP_ST_DONE)
		return 1;
	return r->state == HTTP_ST_ERROR ? -EBADMSG : 0;
}

int http_resp_feed(struct http_resp *r, const void *buf, size_t len,
		   size_t *used)
{
	const char *p = buf;
	size_t i = 0;

	while (i < len && r->state != HTTP_ST_DONE &&
	       r->state != HTTP_ST_ERROR) {
		switch (r->state) {
		case HTTP_ST_BODY_LENGTH:
		case HTTP_ST_BODY_CLOSE:
		case HTTP_ST_CHUNK_DATA:
			i += feed_body(r, p + i, len - i);
			break;
		default:
			i += feed_line(r, p + i, len - i);
			break;
		}
	}
	if (used)
		*used = i;
	return result(r);
}

int http_resp_eof(struct http_resp *r)
{
	switch (r->state) {
	case HTTP_ST_BODY_CLOSE:
		r->state = HTTP_ST_DONE;
		break;
	case HTTP_ST_STATUS:
		if (!r->head_bytes) {
			fail(r, "no data received");
			break;
		}
		/* fall through */
	case HTTP_ST_HEADER:
		fail(r, "connection closed in the header");
		break;
	case HTTP_ST_DONE:
	case HTTP_ST_ERROR:
		break;
	default:
		fail(r, "connection closed before the end of the body");
		break;
	}
	return result(r);
}

int http_resp_digest(struct http_resp *r, char *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0, i;

	if (r->state != HTTP_ST_DONE)
		return -EINVAL;
	if (r->md) {
		if (!EVP_DigestFinal_ex(r->md, md, &len) || len != 16)
			return -EINVAL;
		for (i = 0; i < len; i++) {
			r->digest[2 * i] = hex[md[i] >> 4];
			r->digest[2 * i + 1] = hex[md[i] & 15];
		}
		r->digest[2 * len] = '\0';
		EVP_MD_CTX_free(r->md);
		r->md = NULL;
	}
	memcpy(out, r->digest, HTTP_DIGEST_HEXLEN + 1);
	return 0;
}
