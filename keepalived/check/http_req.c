/*
 * http_req.c: the two small pure helpers around the response parser:
 * the GET request keepalived sends, and the url regex (pcre2).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "http_parse.h"
#include "memory.h"

struct http_regex {
	pcre2_code *code;
};

int http_request_build(char *buf, size_t size, const char *path,
		       enum ck_http_protocol proto, const char *vhost,
		       const struct ka_addr *addr, uint16_t port)
{
	char host[ADDR_PORT_STRLEN];
	int n;

	if (!vhost) {
		if (addr_port_ntop(addr, port, host, sizeof(host)) < 0)
			return -ENOSPC;
		vhost = host;
	}
	n = snprintf(buf, size,
		     "GET %s HTTP/1.%d\r\n"
		     "User-Agent: KeepAliveClient\r\n"
		     "%s"
		     "Host: %s\r\n\r\n",
		     path, proto == CK_HTTP_1_1 ? 1 : 0,
		     proto == CK_HTTP_1_0 ? "" : "Connection: close\r\n",
		     vhost);
	if (n < 0 || (size_t)n >= size)
		return -ENOSPC;
	return n;
}

static const struct {
	const char *name;
	uint32_t flag;
} regex_opts[] = {
	{ "allow_empty_class", PCRE2_ALLOW_EMPTY_CLASS },
	{ "alt_bsux", PCRE2_ALT_BSUX },
	{ "alt_circumflex", PCRE2_ALT_CIRCUMFLEX },
	{ "alt_verbnames", PCRE2_ALT_VERBNAMES },
	{ "auto_callout", PCRE2_AUTO_CALLOUT },
	{ "caseless", PCRE2_CASELESS },
	{ "dollar_endonly", PCRE2_DOLLAR_ENDONLY },
	{ "dotall", PCRE2_DOTALL },
	{ "dupnames", PCRE2_DUPNAMES },
	{ "extended", PCRE2_EXTENDED },
	{ "firstline", PCRE2_FIRSTLINE },
	{ "match_unset_backref", PCRE2_MATCH_UNSET_BACKREF },
	{ "multiline", PCRE2_MULTILINE },
	{ "never_backslash_c", PCRE2_NEVER_BACKSLASH_C },
	{ "never_ucp", PCRE2_NEVER_UCP },
	{ "never_utf", PCRE2_NEVER_UTF },
	{ "no_auto_capture", PCRE2_NO_AUTO_CAPTURE },
	{ "no_auto_possess", PCRE2_NO_AUTO_POSSESS },
	{ "no_dotstar_anchor", PCRE2_NO_DOTSTAR_ANCHOR },
	{ "no_start_optimize", PCRE2_NO_START_OPTIMIZE },
	{ "ucp", PCRE2_UCP },
	{ "ungreedy", PCRE2_UNGREEDY },
	{ "use_offset_limit", PCRE2_USE_OFFSET_LIMIT },
	{ "utf", PCRE2_UTF },
};

uint32_t http_regex_option(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(regex_opts) / sizeof(regex_opts[0]); i++)
		if (strlen(regex_opts[i].name) == len &&
		    !strncmp(word, regex_opts[i].name, len))
			return regex_opts[i].flag;
	return 0;
}

/* Words separated by blanks; -EINVAL names the first unknown one. */
static int parse_options(const char *s, uint32_t *flags, char *err,
			 size_t errlen)
{
	uint32_t flag;
	size_t n;

	*flags = 0;
	while (s && *s) {
		s += strspn(s, " \t");
		n = strcspn(s, " \t");
		if (!n)
			break;
		flag = http_regex_option(s, n);
		if (!flag) {
			if (errlen)
				snprintf(err, errlen, "unknown regex option "
					 "'%.*s'", (int)n, s);
			return -EINVAL;
		}
		*flags |= flag;
		s += n;
	}
	return 0;
}

int http_regex_new(const char *pattern, const char *options,
		   struct http_regex **out, char *err, size_t errlen)
{
	PCRE2_UCHAR msg[128];
	PCRE2_SIZE at;
	uint32_t flags;
	pcre2_code *code;
	int rc;

	rc = parse_options(options, &flags, err, errlen);
	if (rc < 0)
		return rc;
	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			     flags, &rc, &at, NULL);
	if (!code) {
		if (errlen) {
			pcre2_get_error_message(rc, msg, sizeof(msg));
			snprintf(err, errlen, "invalid regex '%s' at offset "
				 "%zu: %s", pattern, (size_t)at, (char *)msg);
		}
		return rc == PCRE2_ERROR_NOMEMORY ? -ENOMEM : -EINVAL;
	}
	*out = mem_new(struct http_regex);
	(*out)->code = code;
	return 0;
}

void http_regex_free(struct http_regex **re)
{
	if (!re || !*re)
		return;
	pcre2_code_free((*re)->code);
	mem_free(re);
}

int http_regex_match(const struct http_regex *re, const char *subject,
		     size_t len, unsigned long min_offset,
		     unsigned long max_offset)
{
	pcre2_match_data *md;
	PCRE2_SIZE start;
	int rc;

	if (min_offset > len)
		return 0;
	md = pcre2_match_data_create_from_pattern(re->code, NULL);
	if (!md)
		return -ENOMEM;
	rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, min_offset, 0,
			 md, NULL);
	/* pcre2 finds the leftmost match: if it starts too late, all do. */
	start = rc >= 0 ? pcre2_get_ovector_pointer(md)[0] : 0;
	pcre2_match_data_free(md);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_NOMEMORY)
		return -ENOMEM;
	if (rc < 0)
		return -EINVAL;
	return !max_offset || start <= max_offset;
}
