/*
 * check_http.c: the HTTP_GET and SSL_GET kinds of check.
 *
 * One attempt fetches every url of the checker in turn, each within
 * connect_timeout, and succeeds when all of them answer as configured:
 * a status code in the url's set (200-299 by default), the MD5 digest
 * of the body if one is given, and the regex (or, with regex_no_match,
 * its absence). The first url that fails ends the attempt with the
 * reason. keepalived instead checks one url per delay_loop while a real
 * server is down unless fast_recovery is set; here every attempt is a
 * fast recovery, so the real server comes back as soon as all its urls
 * pass.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_checker.h"
#include "check_tls.h"
#include "http_fetch.h"
#include "list.h"
#include "memory.h"

/* Enough for any url path keepalived accepts and the headers. */
#define REQUEST_MAX 4096

struct http_attempt {
	struct checker *ck;
	const struct ck_url *url;	/* the one being fetched */
	struct http_fetch *fetch;
};

static const struct ck_http *http_conf(const struct checker *ck)
{
	return &ck->conf->u.http;
}

static const struct ck_url *next_url(const struct ck_http *h,
				     const struct ck_url *u)
{
	const struct list_node *n = list_next(&h->urls, &u->node);

	return n ? list_entry(n, struct ck_url, node) : NULL;
}

static void attempt_free(struct checker *ck)
{
	struct http_attempt *a = ck->priv;

	if (!a)
		return;
	http_fetch_free(&a->fetch);
	mem_free(&a);
	ck->priv = NULL;
}

/* Ends the attempt: the state goes first, the report after. */
static void report(struct checker *ck, bool ok, const char *why)
{
	attempt_free(ck);
	ck_checker_done(ck, ok, "%s", why);
}

/* 1 if the body passes the url's regex test, 0 if not, -errno. */
static int regex_ok(const struct ck_url *u, const struct http_resp *r,
		    char *err, size_t errlen)
{
	struct http_regex *re;
	int m;

	if (!u->regex)
		return 1;
	m = http_regex_new(u->regex, u->regex_options, &re, err, errlen);
	if (m < 0)
		return m;
	m = http_regex_match(re, r->body ? r->body : "", r->body_kept,
			     u->regex_min_offset, u->regex_max_offset);
	http_regex_free(&re);
	if (m < 0) {
		snprintf(err, errlen, "regex match error");
		return m;
	}
	return m != u->regex_no_match;
}

/* Whether the response matches the url; "why" says how it does not. */
static bool judge(const struct ck_url *u, struct http_resp *r, char *why,
		  size_t size)
{
	char digest[HTTP_DIGEST_HEXLEN + 1], err[200] = "";
	int rc;

	if (!ck_status_has(&u->status, r->status)) {
		snprintf(why, size, "%s: HTTP status code %u", u->path,
			 r->status);
		return false;
	}
	if (u->digest) {
		if (http_resp_digest(r, digest) < 0) {
			snprintf(why, size, "%s: no MD5 digest", u->path);
			return false;
		}
		if (strcmp(digest, u->digest)) {
			snprintf(why, size, "%s: MD5 digest mismatch (%s)",
				 u->path, digest);
			return false;
		}
	}
	rc = regex_ok(u, r, err, sizeof(err));
	if (rc <= 0) {
		snprintf(why, size, "%s: %s", u->path,
			 rc == 0 ? "regex mismatch" : err);
		return false;
	}
	return true;
}

static int fetch_url(struct http_attempt *a);

static void fetched(struct http_fetch *f, void *arg)
{
	struct http_attempt *a = arg;
	struct checker *ck = a->ck;
	char why[512];
	int rc;

	if (http_fetch_stage(f) != HTTP_FETCH_OK) {
		snprintf(why, sizeof(why), "%s: %s", a->url->path,
			 http_fetch_why(f));
		report(ck, false, why);
		return;
	}
	if (!judge(a->url, http_fetch_resp(f), why, sizeof(why))) {
		report(ck, false, why);
		return;
	}
	http_fetch_free(&a->fetch);
	a->url = next_url(http_conf(ck), a->url);
	if (!a->url) {
		report(ck, true, "");
		return;
	}
	rc = fetch_url(a);
	if (rc < 0) {
		snprintf(why, sizeof(why), "cannot connect: %s",
			 strerror(-rc));
		report(ck, false, why);
	}
}

static int fetch_url(struct http_attempt *a)
{
	const struct checker *ck = a->ck;
	const struct ck_http *h = http_conf(ck);
	const char *vhost = a->url->virtualhost ? a->url->virtualhost :
			    h->virtualhost;
	char request[REQUEST_MAX];
	struct http_fetch_req req = {
		.loop = ck->env->loop,
		.ck = ck,
		.request = request,
		.timeout_us = (uint64_t)ck->conf->common.connect_timeout_us,
		.tls_compliant = h->tls_compliant,
		.done = fetched,
		.arg = a,
	};
	int rc;

	http_limits_default(&req.limits);
	rc = http_request_build(request, sizeof(request), a->url->path,
				h->protocol, vhost, &ck->addr, ck->port);
	if (rc < 0)
		return rc;
	if (ck->ops->type == CK_SSL) {
		rc = ck_tls_get(ck->env, &req.tls);
		if (rc < 0)
			return rc;
		req.sni = h->enable_sni ? vhost : NULL;
	}
	return http_fetch_start(&req, &a->fetch);
}

static int start(struct checker *ck)
{
	struct http_attempt *a;
	int rc;

	if (ck->priv)
		return -EBUSY;
	a = mem_new(struct http_attempt);
	a->ck = ck;
	a->url = list_first_entry(&http_conf(ck)->urls, struct ck_url, node);
	if (!a->url) {
		mem_free(&a);
		return -EINVAL;
	}
	ck->priv = a;
	rc = fetch_url(a);
	if (rc < 0)
		attempt_free(ck);
	return rc;
}

static void stop_attempt(struct checker *ck)
{
	attempt_free(ck);
}

const struct ck_checker_ops ck_http_ops = {
	.type = CK_HTTP,
	.start = start,
	.abort = stop_attempt,
};

const struct ck_checker_ops ck_ssl_ops = {
	.type = CK_SSL,
	.start = start,
	.abort = stop_attempt,
};
