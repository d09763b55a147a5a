/*
 * Unit tests of keepalived/check/http_parse.c and http_req.c: the HTTP
 * response parser fed in every possible split, its limits and errors,
 * the body digest, the url regex with its offsets, and the request.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "http_parse.h"

#define HELLO_MD5 "5eb63bbbe01eeed093cb22bb8f5acdc3"	/* "hello world" */
#define EMPTY_MD5 "d41d8cd98f00b204e9800998ecf8427e"

static const char resp_length[] =
	"HTTP/1.1 200 OK\r\n"
	"Server: test\r\n"
	"content-length:  11 \r\n"
	"\r\n"
	"hello world";

static const char resp_chunked[] =
	"HTTP/1.1 200 OK\r\n"
	"Transfer-Encoding: gzip, Chunked\r\n"
	"Content-Length: 999\r\n"
	"\r\n"
	"5;name=value;x\r\n"
	"hello\r\n"
	"6 \r\n"
	" world\r\n"
	"0\r\n"
	"Trailer-One: a\r\n"
	"Trailer-Two: b\r\n"
	"\r\n";

static const char resp_close[] =
	"HTTP/1.0 200 OK\n"
	"Server: test\n"
	"\n"
	"hello world";

/* What a parse ended with, to compare feeds split differently. */
struct outcome {
	int rc;
	unsigned status;
	char body[64];
	char digest[HTTP_DIGEST_HEXLEN + 1];
};

/*
 * Feeds text in pieces cut at "cuts" (ascending offsets), then the end of
 * the connection if "eof"; fills *out.
 */
static void parse_cuts(const char *text, size_t len, const size_t *cuts,
		       size_t ncuts, bool eof, struct outcome *out)
{
	struct http_resp r;
	size_t from = 0, i, to;
	int rc = 0;

	assert_int_equal(http_resp_init(&r, NULL), 0);
	for (i = 0; i <= ncuts && rc == 0; i++) {
		to = i < ncuts ? cuts[i] : len;
		rc = http_resp_feed(&r, text + from, to - from, NULL);
		from = to;
	}
	if (eof && rc == 0)
		rc = http_resp_eof(&r);
	memset(out, 0, sizeof(*out));
	out->rc = rc;
	out->status = r.status;
	if (r.body)
		snprintf(out->body, sizeof(out->body), "%s", r.body);
	if (rc == 1)
		assert_int_equal(http_resp_digest(&r, out->digest), 0);
	http_resp_clear(&r);
}

/* Every split in two, then byte by byte, must give the same result. */
static void check_all_splits(const char *text, bool eof)
{
	size_t len = strlen(text), i, *cuts;
	struct outcome whole, part;

	parse_cuts(text, len, NULL, 0, eof, &whole);
	assert_int_equal(whole.rc, 1);
	assert_int_equal(whole.status, 200);
	assert_string_equal(whole.body, "hello world");
	assert_string_equal(whole.digest, HELLO_MD5);
	for (i = 0; i <= len; i++) {
		parse_cuts(text, len, &i, 1, eof, &part);
		assert_memory_equal(&whole, &part, sizeof(whole));
	}
	cuts = calloc(len, sizeof(*cuts));
	assert_non_null(cuts);
	for (i = 0; i < len; i++)
		cuts[i] = i;
	parse_cuts(text, len, cuts, len, eof, &part);
	assert_memory_equal(&whole, &part, sizeof(whole));
	free(cuts);
}

static void test_content_length(void **state)
{
	struct http_resp r;
	const char *extra = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
			    "helloGARBAGE";
	size_t used = 0;

	(void)state;
	check_all_splits(resp_length, false);

	/* Bytes after the end are not the body's. */
	assert_int_equal(http_resp_init(&r, NULL), 0);
	assert_int_equal(http_resp_feed(&r, extra, strlen(extra), &used), 1);
	assert_int_equal(used, strlen(extra) - strlen("GARBAGE"));
	assert_string_equal(r.body, "hello");
	assert_true(r.has_length);
	assert_int_equal(r.content_length, 5);
	assert_int_equal(r.version_minor, 1);
	http_resp_clear(&r);
}

static void test_chunked(void **state)
{
	(void)state;
	check_all_splits(resp_chunked, false);
	/* Upper-case hex sizes; LF alone ends lines. */
	check_all_splits("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n"
			 "B\nhello world\n0\n\n", false);
}

static void test_until_close(void **state)
{
	struct http_resp r;

	(void)state;
	check_all_splits(resp_close, true);
	/* A coding other than chunked last: the close delimits the body. */
	check_all_splits("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip"
			 "\r\n\r\nhello world", true);

	/* Without the close, it is not complete. */
	assert_int_equal(http_resp_init(&r, NULL), 0);
	assert_int_equal(http_resp_feed(&r, resp_close, strlen(resp_close),
					NULL), 0);
	assert_int_equal(r.state, HTTP_ST_BODY_CLOSE);
	assert_int_equal(http_resp_eof(&r), 1);
	assert_int_equal(http_resp_eof(&r), 1);
	http_resp_clear(&r);
}

static void expect_done(const char *text, unsigned status, const char *body)
{
	struct http_resp r;
	char d[HTTP_DIGEST_HEXLEN + 1];

	assert_int_equal(http_resp_init(&r, NULL), 0);
	assert_int_equal(http_resp_feed(&r, text, strlen(text), NULL), 1);
	assert_int_equal(r.status, status);
	assert_string_equal(r.body ? r.body : "", body);
	assert_int_equal(http_resp_digest(&r, d), 0);
	if (!*body)
		assert_string_equal(d, EMPTY_MD5);
	http_resp_clear(&r);
}

static void test_no_body(void **state)
{
	(void)state;
	expect_done("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n",
		    204, "");
	expect_done("HTTP/1.1 304 Not Modified\r\n\r\n", 304, "");
	expect_done("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 200, "");
	expect_done("HTTP/1.1 500 Oops\r\nContent-Length: 2\r\n\r\nno",
		    500, "no");
	/* An interim response before the real one. */
	expect_done("HTTP/1.1 100 Continue\r\n\r\n"
		    "HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nnot",
		    404, "not");
	/* No reason phrase. */
	expect_done("HTTP/1.1 503\r\nContent-Length: 0\r\n\r\n", 503, "");
}

static void expect_error(const char *text, bool eof,
			 const struct http_limits *lim, const char *why)
{
	struct http_resp r;
	int rc;

	assert_int_equal(http_resp_init(&r, lim), 0);
	rc = http_resp_feed(&r, text, strlen(text), NULL);
	if (rc == 0 && eof)
		rc = http_resp_eof(&r);
	assert_int_equal(rc, -EBADMSG);
	assert_int_equal(r.state, HTTP_ST_ERROR);
	assert_string_equal(r.error, why);
	/* It stays failed. */
	assert_int_equal(http_resp_feed(&r, "x", 1, NULL), -EBADMSG);
	assert_int_equal(http_resp_eof(&r), -EBADMSG);
	http_resp_clear(&r);
}

static void test_bad_input(void **state)
{
	(void)state;
	expect_error("HTP/1.1 200 OK\r\n", false, NULL,
		     "malformed status line");
	expect_error("HTTP/2 200 OK\r\n", false, NULL,
		     "malformed status line");
	expect_error("HTTP/1.1 20 OK\r\n", false, NULL,
		     "malformed status line");
	expect_error("HTTP/1.1 2000 OK\r\n", false, NULL,
		     "malformed status line");
	expect_error("\r\n", false, NULL, "malformed status line");
	expect_error("HTTP/1.1 200 OK\r\nNoColon\r\n", false, NULL,
		     "malformed header");
	expect_error("HTTP/1.1 200 OK\r\n: empty name\r\n", false, NULL,
		     "malformed header");
	expect_error("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n", false,
		     NULL, "malformed header");
	expect_error("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n", false,
		     NULL, "malformed header");
	expect_error("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n"
		     "Content-Length: 2\r\n", false, NULL, "malformed header");
	expect_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		     "zz\r\n", false, NULL, "malformed chunk size");
	expect_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		     "fffffffffffffffffff\r\n", false, NULL,
		     "malformed chunk size");
	expect_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		     "2\r\nabc\r\n", false, NULL, "chunk longer than its size");
	expect_error("", true, NULL, "no data received");
	expect_error("HTTP/1.1 200 OK\r\nServer", true, NULL,
		     "connection closed in the header");
	expect_error("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nshort",
		     true, NULL, "connection closed before the end of the body");
	expect_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		     "5\r\nhello\r\n", true, NULL,
		     "connection closed before the end of the body");
}

static void test_limits(void **state)
{
	struct http_limits lim;
	struct http_resp r;
	char *big;
	size_t used = 0, i;

	(void)state;
	http_limits_default(&lim);
	lim.max_line = 32;
	expect_error("HTTP/1.1 200 OK\r\nX-Long: 0123456789012345678901234"
		     "\r\n", false, &lim, "line too long");
	/* Long lines without LF are caught before their end arrives. */
	expect_error("HTTP/1.1 200 OK\r\nX-Long: 0123456789012345678901234",
		     false, &lim, "line too long");
	expect_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		     "5;a-very-long-extension-indeed-yes\r\n", false, &lim,
		     "line too long");

	http_limits_default(&lim);
	lim.max_body = 4;
	expect_error(resp_length, false, &lim, "body too large");

	/* A 10 MB head stops at the limit, having kept at most the limit. */
	big = malloc(10 * 1024 * 1024 + 1);
	assert_non_null(big);
	memcpy(big, "HTTP/1.1 200 OK\r\n", 17);
	for (i = 17; i + 8 <= 10 * 1024 * 1024; i += 8)
		memcpy(big + i, "X-A: b\r\n", 8);
	big[i] = '\0';
	http_limits_default(&lim);
	lim.keep_head = true;
	assert_int_equal(http_resp_init(&r, &lim), 0);
	assert_int_equal(http_resp_feed(&r, big, i, &used), -EBADMSG);
	assert_string_equal(r.error, "header too large");
	assert_true(used <= HTTP_DEFAULT_MAX_HEADER + HTTP_DEFAULT_MAX_LINE);
	assert_true(r.head_len <= HTTP_DEFAULT_MAX_HEADER);
	http_resp_clear(&r);
	free(big);

	/* Trailers have a limit too. */
	http_limits_default(&lim);
	lim.max_header = 64;
	expect_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		     "0\r\nT: 1\r\nT: 2\r\nT: 3\r\nT: 4\r\nT: 5\r\nT: 6\r\n"
		     "T: 7\r\nT: 8\r\nT: 9\r\nT: 10\r\nT: 11\r\nT: 12\r\n",
		     false, &lim, "header too large");
}

/* An endless body costs at most keep_body bytes, however long it runs. */
static void test_endless_body(void **state)
{
	const char *head = "HTTP/1.0 200 OK\r\n\r\n";
	static char chunk[65536];
	struct http_resp r;
	int i;

	(void)state;
	memset(chunk, 'x', sizeof(chunk));
	assert_int_equal(http_resp_init(&r, NULL), 0);
	assert_int_equal(http_resp_feed(&r, head, strlen(head), NULL), 0);
	for (i = 0; i < 800; i++)	/* 50 MiB */
		assert_int_equal(http_resp_feed(&r, chunk, sizeof(chunk),
						NULL), 0);
	assert_int_equal(r.body_len, 800 * (uint64_t)sizeof(chunk));
	assert_int_equal(r.body_kept, HTTP_DEFAULT_KEEP_BODY);
	assert_true(r.body_truncated);
	http_resp_clear(&r);
}

static void test_keep(void **state)
{
	struct http_limits lim;
	struct http_resp r;
	char d[HTTP_DIGEST_HEXLEN + 1];
	const char *head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
			   "\r\n";

	(void)state;
	http_limits_default(&lim);
	lim.keep_body = 4;
	lim.keep_head = true;
	assert_int_equal(http_resp_init(&r, &lim), 0);
	assert_int_equal(http_resp_feed(&r, resp_chunked,
					strlen(resp_chunked), NULL), 1);
	/* The digest covers the whole body, the copy only its start. */
	assert_string_equal(r.body, "hell");
	assert_int_equal(r.body_kept, 4);
	assert_true(r.body_truncated);
	assert_int_equal(r.body_len, 11);
	assert_int_equal(http_resp_digest(&r, d), 0);
	assert_string_equal(d, HELLO_MD5);
	/* Twice gives the same. */
	assert_int_equal(http_resp_digest(&r, d), 0);
	assert_string_equal(d, HELLO_MD5);
	/* The head as received, trailers apart. */
	assert_int_equal(r.head_len, strlen(resp_chunked) -
			 strlen(strstr(resp_chunked, "5;")));
	assert_memory_equal(r.head, "HTTP/1.1 200 OK\r\n", 17);
	http_resp_clear(&r);

	/* Not complete: no digest. */
	assert_int_equal(http_resp_init(&r, NULL), 0);
	assert_int_equal(http_resp_feed(&r, head, strlen(head), NULL), 0);
	assert_int_equal(http_resp_digest(&r, d), -EINVAL);
	http_resp_clear(&r);
}

static int match(const char *pattern, const char *options,
		 const char *subject, unsigned long min, unsigned long max)
{
	struct http_regex *re = NULL;
	char err[128];
	int rc;

	assert_int_equal(http_regex_new(pattern, options, &re, err,
					sizeof(err)), 0);
	rc = http_regex_match(re, subject, strlen(subject), min, max);
	http_regex_free(&re);
	assert_null(re);
	return rc;
}

static void test_regex(void **state)
{
	const char *page = "<html>status: OK, all good</html>";
	struct http_regex *re = NULL;
	char err[128] = "";

	(void)state;
	/* "OK" starts at offset 14. */
	assert_int_equal(match("O[K]", NULL, page, 0, 0), 1);
	assert_int_equal(match("FAIL", NULL, page, 0, 0), 0);
	assert_int_equal(match("ok", NULL, page, 0, 0), 0);
	assert_int_equal(match("ok", "caseless", page, 0, 0), 1);
	assert_int_equal(match("ok", " caseless  dotall ", page, 0, 0), 1);
	assert_int_equal(match("OK", NULL, page, 14, 0), 1);
	assert_int_equal(match("OK", NULL, page, 15, 0), 0);
	assert_int_equal(match("OK", NULL, page, 0, 14), 1);
	assert_int_equal(match("OK", NULL, page, 0, 13), 0);
	assert_int_equal(match("OK", NULL, page, 14, 14), 1);
	assert_int_equal(match("OK", NULL, page, 100, 0), 0);
	/* The match may end past max_offset: only its start counts. */
	assert_int_equal(match("OK, all good", NULL, page, 0, 14), 1);
	assert_int_equal(match("^status", "multiline", "x\nstatus", 0, 0), 1);
	assert_int_equal(match("^status", NULL, "x\nstatus", 0, 0), 0);

	assert_int_equal(http_regex_new("a", "caseless bogus", &re, err,
					sizeof(err)), -EINVAL);
	assert_null(re);
	assert_string_equal(err, "unknown regex option 'bogus'");
	assert_int_equal(http_regex_new("a(b", NULL, &re, err, sizeof(err)),
			 -EINVAL);
	assert_null(re);
	assert_non_null(strstr(err, "invalid regex 'a(b' at offset 3"));
	http_regex_free(NULL);
	http_regex_free(&re);
}

static void test_request(void **state)
{
	struct ka_addr a4, a6;
	char buf[256];
	int n;

	(void)state;
	assert_int_equal(addr_parse("10.0.0.2", &a4), 0);
	assert_int_equal(addr_parse("2001:db8::2", &a6), 0);
	n = http_request_build(buf, sizeof(buf), "/index.html", CK_HTTP_1_0,
			       NULL, &a4, 8080);
	assert_int_equal(n, (int)strlen(buf));
	assert_string_equal(buf, "GET /index.html HTTP/1.0\r\n"
			    "User-Agent: KeepAliveClient\r\n"
			    "Host: 10.0.0.2:8080\r\n\r\n");
	http_request_build(buf, sizeof(buf), "/", CK_HTTP_1_0C, "www.example",
			   &a4, 80);
	assert_string_equal(buf, "GET / HTTP/1.0\r\n"
			    "User-Agent: KeepAliveClient\r\n"
			    "Connection: close\r\n"
			    "Host: www.example\r\n\r\n");
	http_request_build(buf, sizeof(buf), "/x?y=1", CK_HTTP_1_1, NULL,
			   &a6, 443);
	assert_string_equal(buf, "GET /x?y=1 HTTP/1.1\r\n"
			    "User-Agent: KeepAliveClient\r\n"
			    "Connection: close\r\n"
			    "Host: [2001:db8::2]:443\r\n\r\n");
	assert_int_equal(http_request_build(buf, 20, "/", CK_HTTP_1_0, NULL,
					    &a4, 80), -ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_content_length),
		cmocka_unit_test(test_chunked),
		cmocka_unit_test(test_until_close),
		cmocka_unit_test(test_no_body),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_endless_body),
		cmocka_unit_test(test_keep),
		cmocka_unit_test(test_regex),
		cmocka_unit_test(test_request),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
