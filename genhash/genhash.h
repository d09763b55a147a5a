/*
 * genhash.h: the genhash tool, which prints the MD5 digest of a web
 * page's body for the digest of an HTTP_GET or SSL_GET url block. It runs
 * as its own program and as "keepalived -T ..." (keepalived/core/main.c).
 */
#ifndef KA_GENHASH_H
#define KA_GENHASH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"
#include "check_data.h"

/* Exit statuses. */
#define GENHASH_EXIT_OK 0
#define GENHASH_EXIT_FAIL 1	/* the page could not be fetched */
#define GENHASH_EXIT_USAGE 2

struct gh_opts {
	struct ka_addr server;		/* -s */
	uint16_t port;			/* -p */
	const char *url;		/* -u */
	const char *vhost;		/* -V, or NULL */
	enum ck_http_protocol protocol;	/* -P */
	uint64_t timeout_us;		/* -t, default 5 s */
	uint32_t fwmark;		/* -m */
	bool ssl;			/* -S */
	bool sni;			/* -I */
	bool verbose;			/* -v */
	bool help;			/* -h */
};

/*
 * Reads genhash's command line (argv[0] is the program name). Returns 0,
 * or -EINVAL with a message for the user in err.
 */
int gh_opts_parse(int argc, char **argv, struct gh_opts *o, char *err,
		  size_t errlen);
void gh_usage(FILE *out, const char *prog);

/* The whole tool: parses argv, fetches, prints; returns the exit status. */
int genhash_main(int argc, char **argv);

struct http_resp;
/* The -v report of a fetched page, in sections (gh_print.c). */
void gh_print_verbose(FILE *out, const struct gh_opts *o,
		      const struct http_resp *r, const char *digest,
		      uint64_t elapsed_us);

#endif
