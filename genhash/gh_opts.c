/*
 * gh_opts.c: genhash's command line, the options of keepalived's
 * genhash: -s -p -u [-S] [-I] [-V] [-P] [-t] [-m] [-v] [-h].
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "genhash.h"
#include "strutil.h"

static const struct option long_opts[] = {
	{ "use-ssl", no_argument, NULL, 'S' },
	{ "use-sni", no_argument, NULL, 'I' },
	{ "server", required_argument, NULL, 's' },
	{ "port", required_argument, NULL, 'p' },
	{ "url", required_argument, NULL, 'u' },
	{ "use-virtualhost", required_argument, NULL, 'V' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "fwmark", required_argument, NULL, 'm' },
	{ "protocol", required_argument, NULL, 'P' },
	{ "timeout", required_argument, NULL, 't' },
	{ NULL, 0, NULL, 0 },
};

void gh_usage(FILE *out, const char *prog)
{
	fprintf(out,
		"Usage: %s -s ADDRESS -p PORT -u PATH [OPTION]...\n"
		"Prints the MD5 digest of the body of a web page, for the "
		"digest of an\nHTTP_GET or SSL_GET url block.\n\n"
		"  -s, --server ADDRESS         IPv4 or IPv6 address of the "
		"server\n"
		"  -p, --port PORT              its port\n"
		"  -u, --url PATH               the page, e.g. /index.html\n"
		"  -S, --use-ssl                connect with TLS\n"
		"  -I, --use-sni                send the virtual host as the "
		"TLS server name\n"
		"  -V, --use-virtualhost NAME   Host header (default: "
		"ADDRESS:PORT)\n"
		"  -P, --protocol VERSION       1.0 (default), 1.0c (1.0 "
		"with Connection: close)\n"
		"                               or 1.1\n"
		"  -t, --timeout SECONDS        time limit (default 5)\n"
		"  -m, --fwmark MARK            firewall mark of the "
		"connection\n"
		"  -v, --verbose                show the header, the body "
		"and the time taken\n"
		"  -h, --help                   show this help\n", prog);
}

static int bad(char *err, size_t errlen, const char *what, const char *arg)
{
	snprintf(err, errlen, "invalid %s '%s'", what, arg ? arg : "");
	return -EINVAL;
}

static int set_protocol(struct gh_opts *o, const char *s)
{
	if (!strcmp(s, "1.0"))
		o->protocol = CK_HTTP_1_0;
	else if (!strcasecmp(s, "1.0c"))
		o->protocol = CK_HTTP_1_0C;
	else if (!strcmp(s, "1.1"))
		o->protocol = CK_HTTP_1_1;
	else
		return -EINVAL;
	return 0;
}

/* One option; -EINVAL with a message. */
static int one_opt(struct gh_opts *o, int c, const char *arg, char *err,
		   size_t errlen)
{
	unsigned long n;

	switch (c) {
	case 'S':
		o->ssl = true;
		return 0;
	case 'I':
		o->sni = true;
		return 0;
	case 'v':
		o->verbose = true;
		return 0;
	case 'h':
		o->help = true;
		return 0;
	case 'u':
		o->url = arg;
		return 0;
	case 'V':
		o->vhost = arg;
		return 0;
	case 's':
		return addr_parse(arg, &o->server) < 0 ?
		       bad(err, errlen, "server address (an IP address is "
			   "needed)", arg) : 0;
	case 'p':
		if (str_to_ulong(arg, 1, 65535, &n) < 0)
			return bad(err, errlen, "port", arg);
		o->port = (uint16_t)n;
		return 0;
	case 'm':
		if (str_to_ulong_base(arg, 0, 0, UINT32_MAX, &n) < 0)
			return bad(err, errlen, "fwmark", arg);
		o->fwmark = (uint32_t)n;
		return 0;
	case 't':
		return str_to_timer_us(arg, 1, UINT64_C(86400000000),
				       &o->timeout_us) < 0 ?
		       bad(err, errlen, "timeout", arg) : 0;
	case 'P':
		return set_protocol(o, arg) < 0 ?
		       bad(err, errlen, "protocol", arg) : 0;
	default:
		snprintf(err, errlen, "unknown option or missing argument");
		return -EINVAL;
	}
}

int gh_opts_parse(int argc, char **argv, struct gh_opts *o, char *err,
		  size_t errlen)
{
	int c, rc;

	memset(o, 0, sizeof(*o));
	o->timeout_us = 5000000;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "SIs:p:u:V:vhm:P:t:", long_opts,
				NULL)) != -1) {
		rc = one_opt(o, c, optarg, err, errlen);
		if (rc < 0)
			return rc;
	}
	if (o->help)
		return 0;
	if (optind < argc) {
		snprintf(err, errlen, "unexpected argument '%s'",
			 argv[optind]);
		return -EINVAL;
	}
	if (!o->server.family || !o->port || !o->url) {
		snprintf(err, errlen, "-s, -p and -u are all needed");
		return -EINVAL;
	}
	return 0;
}
