/*
 * check_kw_http.c: HTTP_GET and SSL_GET options and their url blocks.
 * The regex is only stored here; check_conf_check() compiles it, so a
 * bad pattern is reported with its place like any other error.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "check_kw.h"
#include "memory.h"
#include "strutil.h"

#define URL(obj) (CUR(obj)->url)
#define HTTP(obj) (&CUR(obj)->ck->u.http)

CK_OPEN(ck_kw_url_open)
{
	struct ck_cursor *cur = parent;
	struct ck_url *u = ck_url_new();

	if (w->count > 1)
		cfg_want_args(p, w, 0, 0);
	ck_kw_mark(cur, w, &u->at);
	list_add_tail(&cur->ck->u.http.urls, &u->node);
	cur->url = u;
	return cur;
}

CK_CLOSE(ck_kw_url_close)
{
	(void)p;
	(void)parent;
	CUR(obj)->url = NULL;
	return 0;
}

CK_KW(ck_kw_url_path)
{
	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return cfg_get_string(p, w, 1, &URL(obj)->path);
}

CK_KW(ck_kw_url_digest)
{
	const char *d;
	size_t i, len;

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	d = w->words[1];
	len = strlen(d);
	if (len != 32) {
		cfg_report(p, CFG_ERROR, "digest '%s' has %zu characters, "
			   "an MD5 digest has 32", d, len);
		return -EINVAL;
	}
	for (i = 0; i < len; i++) {
		if (isxdigit((unsigned char)d[i]))
			continue;
		cfg_report(p, CFG_ERROR, "digest '%s': '%c' is not a "
			   "hexadecimal digit", d, d[i]);
		return -EINVAL;
	}
	if (URL(obj)->digest && !strcasecmp(URL(obj)->digest, d)) {
		cfg_report(p, CFG_ERROR, "Digest '%s' is a duplicate", d);
		return -EINVAL;
	}
	mem_free(&URL(obj)->digest);
	URL(obj)->digest = mem_strdup(d);
	for (i = 0; i < len; i++)
		URL(obj)->digest[i] = (char)tolower((unsigned char)d[i]);
	return 0;
}

/* "200" or "200-299". */
static int status_range(const char *s, unsigned *lo, unsigned *hi)
{
	const char *dash = strchr(s, '-');
	unsigned long a, b;
	char *first;
	int r;

	if (!dash) {
		r = str_to_ulong(s, CK_HTTP_STATUS_MIN, CK_HTTP_STATUS_MAX, &a);
		b = a;
	} else {
		first = mem_strndup(s, (size_t)(dash - s));
		r = str_to_ulong(first, CK_HTTP_STATUS_MIN,
				 CK_HTTP_STATUS_MAX, &a);
		mem_free(&first);
		if (r == 0)
			r = str_to_ulong(dash + 1, CK_HTTP_STATUS_MIN,
					 CK_HTTP_STATUS_MAX, &b);
		if (r == 0 && b < a)
			r = -ERANGE;
	}
	if (r < 0)
		return r;
	*lo = (unsigned)a;
	*hi = (unsigned)b;
	return 0;
}

CK_KW(ck_kw_url_status_code)
{
	struct ck_status_set set = { { 0 }, false };
	unsigned lo, hi;
	size_t i;

	if (w->count < 2) {
		/* keepalived 2.2.7 lets it pass */
		cfg_report(p, CFG_NOTE, "status_code without a code - "
			   "ignoring");
		return 0;
	}
	for (i = 1; i < w->count; i++) {
		if (status_range(w->words[i], &lo, &hi) < 0) {
			cfg_report(p, CFG_ERROR, "status_code: invalid code "
				   "or range '%s' (codes are %d to %d)",
				   w->words[i], CK_HTTP_STATUS_MIN,
				   CK_HTTP_STATUS_MAX);
			return -EINVAL;
		}
		ck_status_add(&set, lo, hi);
	}
	URL(obj)->status = set;
	return 0;
}

CK_KW(ck_kw_url_virtualhost)
{
	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return cfg_get_string(p, w, 1, &URL(obj)->virtualhost);
}

CK_KW(ck_kw_url_regex)
{
	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return cfg_get_string(p, w, 1, &URL(obj)->regex);
}

CK_KW(ck_kw_url_regex_no_match)
{
	cfg_want_args(p, w, 0, 0);
	URL(obj)->regex_no_match = true;
	return 0;
}

/* Checked against the list of pcre2 options by check_conf_check(). */
CK_KW(ck_kw_url_regex_options)
{
	if (cfg_want_args(p, w, 1, SIZE_MAX) < 0)
		return -EINVAL;
	return cfg_get_rest(p, w, 1, &URL(obj)->regex_options);
}

/* The JIT stack sizes are pcre2 tuning we leave to pcre2: read and
 * checked, not kept. */
CK_KW(ck_kw_url_regex_stack)
{
	unsigned long start, max;

	(void)obj;
	if (cfg_want_args(p, w, 2, 2) < 0 ||
	    cfg_get_uint(p, w, 1, 1, UINT32_MAX, &start) < 0 ||
	    cfg_get_uint(p, w, 2, start, UINT32_MAX, &max) < 0)
		return -EINVAL;
	return 0;
}

CK_KW(ck_kw_url_regex_min_offset)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, 0, UINT32_MAX, &v) < 0)
		return -EINVAL;
	URL(obj)->regex_min_offset = v;
	return 0;
}

CK_KW(ck_kw_url_regex_max_offset)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, 0, UINT32_MAX, &v) < 0)
		return -EINVAL;
	URL(obj)->regex_max_offset = v;
	return 0;
}

CK_KW(ck_kw_http_protocol)
{
	static const struct {
		const char *name;
		enum ck_http_protocol v;
	} ps[] = {
		{ "1.0", CK_HTTP_1_0 }, { "1.0C", CK_HTTP_1_0C },
		{ "1.0c", CK_HTTP_1_0C }, { "1.1", CK_HTTP_1_1 },
	};
	size_t i;

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	for (i = 0; i < sizeof(ps) / sizeof(*ps); i++) {
		if (strcmp(w->words[1], ps[i].name))
			continue;
		HTTP(obj)->protocol = ps[i].v;
		return 0;
	}
	cfg_report(p, CFG_ERROR, "Invalid http_protocol '%s' - ignoring",
		   w->words[1]);
	return -EINVAL;
}

CK_KW(ck_kw_fast_recovery)
{
	bool on;

	if (ck_kw_bool(p, w, &on) < 0)
		return -EINVAL;
	HTTP(obj)->fast_recovery = on;
	return 0;
}

CK_KW(ck_kw_enable_sni)
{
	bool on;

	if (ck_kw_bool(p, w, &on) < 0)
		return -EINVAL;
	HTTP(obj)->enable_sni = on;
	return 0;
}


