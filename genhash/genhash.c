/*
 * genhash.c: fetch the page once with the checkers' own HTTP engine
 * (http_fetch.c), so that the digest genhash prints is the one HTTP_GET
 * and SSL_GET compute: the MD5 of the body with any chunked framing
 * removed.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check_tls.h"
#include "event.h"
#include "genhash.h"
#include "http_fetch.h"

/* Header lines, url and Host fit easily. */
#define GH_REQUEST_MAX 8192

struct gh_run {
	const struct gh_opts *o;
	struct http_fetch *fetch;
	bool ended;
};

static void fetched(struct http_fetch *f, void *arg)
{
	struct gh_run *run = arg;

	(void)f;
	run->ended = true;
}

/* Where the fetch stopped, in words for the user. */
static const char *stage_text(enum http_fetch_stage s)
{
	switch (s) {
	case HTTP_FETCH_CONNECT:
		return "connection failed";
	case HTTP_FETCH_SEND:
		return "sending the request failed";
	case HTTP_FETCH_RECV:
		return "reading the response failed";
	case HTTP_FETCH_TIMEOUT:
		return "no complete response in time";
	default:
		return "";
	}
}

static int report(struct gh_run *run, const char *prog)
{
	struct http_fetch *f = run->fetch;
	char digest[HTTP_DIGEST_HEXLEN + 1];

	if (http_fetch_stage(f) != HTTP_FETCH_OK) {
		fprintf(stderr, "%s: %s%s%s\n", prog,
			stage_text(http_fetch_stage(f)),
			*stage_text(http_fetch_stage(f)) ? ": " : "",
			http_fetch_why(f));
		return GENHASH_EXIT_FAIL;
	}
	if (http_resp_digest(http_fetch_resp(f), digest) < 0) {
		fprintf(stderr, "%s: MD5 is not available\n", prog);
		return GENHASH_EXIT_FAIL;
	}
	if (run->o->verbose)
		gh_print_verbose(stdout, run->o, http_fetch_resp(f), digest,
				 http_fetch_elapsed_us(f));
	else
		printf("%s\n", digest);
	return GENHASH_EXIT_OK;
}

/* Builds the request and the fetch; runs the loop to its end. */
static int fetch(const struct gh_opts *o, struct event_loop *loop,
		 struct ck_env *env, const char *prog)
{
	struct ck_checker_conf cconf = { .type = o->ssl ? CK_SSL : CK_HTTP };
	struct checker ck = { .conf = &cconf, .env = env, .port = o->port,
			      .addr = o->server };
	struct gh_run run = { .o = o };
	char request[GH_REQUEST_MAX];
	struct http_fetch_req req = {
		.loop = loop, .ck = &ck, .request = request,
		.timeout_us = o->timeout_us, .done = fetched, .arg = &run,
	};
	int rc;

	cconf.common.fwmark = o->fwmark;
	http_limits_default(&req.limits);
	req.limits.keep_head = true;
	if (http_request_build(request, sizeof(request), o->url, o->protocol,
			       o->vhost, &o->server, o->port) < 0) {
		fprintf(stderr, "%s: the url is too long\n", prog);
		return GENHASH_EXIT_USAGE;
	}
	if (o->ssl) {
		rc = ck_tls_get(env, &req.tls);
		if (rc < 0) {
			fprintf(stderr, "%s: no TLS context: %s\n", prog,
				strerror(-rc));
			return GENHASH_EXIT_FAIL;
		}
		req.sni = o->sni ? o->vhost : NULL;
	}
	rc = http_fetch_start(&req, &run.fetch);
	if (rc < 0) {
		fprintf(stderr, "%s: connection failed: %s\n", prog,
			strerror(-rc));
		return GENHASH_EXIT_FAIL;
	}
	while (!run.ended && event_loop_run_once(loop, true) >= 0)
		;
	rc = run.ended ? report(&run, prog) : GENHASH_EXIT_FAIL;
	http_fetch_free(&run.fetch);
	return rc;
}

int genhash_main(int argc, char **argv)
{
	const char *prog = argc > 0 && argv[0] ? argv[0] : "genhash";
	struct ck_env env = { 0 };
	struct gh_opts o;
	char err[200];
	int rc;

	if (strrchr(prog, '/'))
		prog = strrchr(prog, '/') + 1;
	if (gh_opts_parse(argc, argv, &o, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", prog, err);
		gh_usage(stderr, prog);
		return GENHASH_EXIT_USAGE;
	}
	if (o.help) {
		gh_usage(stdout, prog);
		return GENHASH_EXIT_OK;
	}
	env.loop = event_loop_new(NULL);
	if (!env.loop) {
		fprintf(stderr, "%s: no event loop: %s\n", prog,
			strerror(errno));
		return GENHASH_EXIT_FAIL;
	}
	rc = fetch(&o, env.loop, &env, prog);
	ck_tls_free(&env.tls);
	event_loop_free(&env.loop);
	return rc;
}
