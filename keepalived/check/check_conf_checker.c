/*
 * check_conf_checker.c: the validation of the checkers of a real server.
 * A checker keepalived would not run is removed.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <string.h>

#include "check_alloc.h"
#include "check_conf_check.h"
#include "http_parse.h"
#include "memory.h"

#define AT(x) (x)->at.file, (x)->at.line

static uint32_t regex_flag(const char *word)
{
	return http_regex_option(word, strlen(word));
}

bool ck_regex_option_known(const char *word)
{
	return regex_flag(word) != 0;
}

/* Unknown words are noted and left out (keepalived 2.2.7 passes them). */
static uint32_t regex_flags(struct cfg_parser *p, const struct ck_url *u)
{
	char *copy, *word, *save = NULL;
	uint32_t flags = 0;

	if (!u->regex_options)
		return 0;
	copy = mem_strdup(u->regex_options);
	for (word = strtok_r(copy, " \t", &save); word;
	     word = strtok_r(NULL, " \t", &save)) {
		if (ck_regex_option_known(word))
			flags |= regex_flag(word);
		else
			cfg_report_at(p, CFG_NOTE, AT(u), "unknown regex "
				      "option '%s' - ignoring", word);
	}
	mem_free(&copy);
	return flags;
}

static int check_regex(struct cfg_parser *p, struct ck_url *u)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	pcre2_code *re;
	int err;

	if (!u->regex) {
		if (u->regex_no_match || u->regex_options ||
		    u->regex_min_offset || u->regex_max_offset)
			cfg_report_at(p, CFG_NOTE, AT(u), "regex parameters "
				      "specified without regex");
		return 0;
	}
	if (u->regex_max_offset && u->regex_min_offset > u->regex_max_offset)
		cfg_report_at(p, CFG_NOTE, AT(u), "regex min offset %lu > "
			      "regex_max_offset %lu", u->regex_min_offset,
			      u->regex_max_offset);
	re = pcre2_compile((PCRE2_SPTR)u->regex, PCRE2_ZERO_TERMINATED,
			   regex_flags(p, u), &err, &off, NULL);
	if (re) {
		pcre2_code_free(re);
		return 0;
	}
	pcre2_get_error_message(err, msg, sizeof(msg));
	cfg_report_at(p, CFG_ERROR, AT(u), "Invalid regex: '%s' at offset "
		      "%zu: %s", u->regex, (size_t)off, (char *)msg);
	return 1;
}

/* Returns the number of problems, or -1 if the checker must go. */
static int check_http(struct cfg_parser *p, struct ck_checker_conf *ck)
{
	struct ck_url *u, *tmp;
	int bad = 0;

	list_for_each_entry_safe(u, tmp, &ck->u.http.urls, node) {
		if (u->path) {
			bad += check_regex(p, u);
			continue;
		}
		cfg_report_at(p, CFG_ERROR, AT(u), "HTTP/SSL_GET checker url "
			      "has no path - ignoring");
		bad++;
		list_del(&u->node);
		ck_url_free(&u);
	}
	if (!list_empty(&ck->u.http.urls))
		return bad;
	cfg_report_at(p, CFG_ERROR, AT(ck), "HTTP/SSL_GET checker has no urls "
		      "specified - ignoring");
	return -1;
}

static int check_file(struct cfg_parser *p, const struct check_conf *c,
		      struct ck_checker_conf *ck)
{
	const char *name = ck->u.file.track_file;

	if (!name) {
		cfg_report_at(p, CFG_ERROR, AT(ck), "FILE_CHECK has no "
			      "track_file specified - ignoring");
		return -1;
	}
	if (check_conf_find_track_file(c, name))
		return 0;
	cfg_report_at(p, CFG_ERROR, AT(ck), "FILE_CHECK: track_file %s not "
		      "found - ignoring", name);
	return -1;
}

/* bindto must be of the family the checker connects to. */
static int check_bind(struct cfg_parser *p,
		      const struct ck_real_server_conf *rs,
		      struct ck_checker_conf *ck)
{
	struct ck_common *cm = &ck->common;
	const struct ka_addr *to = cm->connect_ip.family ? &cm->connect_ip
							 : &rs->addr;
	char a[ADDR_STRLEN];

	if (!cm->bindto.family)
		return 0;
	addr_ntop(&cm->bindto, a, sizeof(a));
	if (cm->bindto.family != to->family) {
		cfg_report_at(p, CFG_ERROR, AT(ck), "bindto address %s does "
			      "not match address family of connect_ip - "
			      "skipping", a);
		memset(&cm->bindto, 0, sizeof(cm->bindto));
		return 1;
	}
	if (addr_is_linklocal(&cm->bindto) && cm->bindto.family == AF_INET6 &&
	    !cm->bind_if[0]) {
		cfg_report_at(p, CFG_ERROR, AT(ck), "Checker link local "
			      "address %s requires a bind_if", a);
		return 1;
	}
	return 0;
}

static int check_one(struct cfg_parser *p, const struct check_conf *c,
		     const struct ck_real_server_conf *rs,
		     struct ck_checker_conf *ck)
{
	const struct ck_udp *u = &ck->u.udp;

	switch (ck->type) {
	case CK_HTTP:
	case CK_SSL:
		return check_http(p, ck);
	case CK_MISC:
		if (ck->u.misc.script.cmd)
			return 0;
		cfg_report_at(p, CFG_ERROR, AT(ck), "No script path has been "
			      "specified for MISC_CHECKER - skipping");
		return -1;
	case CK_FILE:
		return check_file(p, c, ck);
	case CK_UDP:
		if (u->min_reply_length <= u->max_reply_length)
			return check_bind(p, rs, ck);
		cfg_report_at(p, CFG_WARNING, AT(ck), "UDP_CHECK min_reply "
			      "length %lu > max_reply_length %lu - will always "
			      "fail", u->min_reply_length, u->max_reply_length);
		return 1 + check_bind(p, rs, ck);
	default:
		return check_bind(p, rs, ck);
	}
}

int ck_check_checkers(struct cfg_parser *p, const struct check_conf *c,
		      struct ck_real_server_conf *rs)
{
	struct ck_checker_conf *ck, *tmp;
	int bad = 0, r;

	list_for_each_entry_safe(ck, tmp, &rs->checkers, node) {
		r = check_one(p, c, rs, ck);
		if (r >= 0) {
			bad += r;
			continue;
		}
		bad++;
		list_del(&ck->node);
		ck_checker_conf_free(&ck);
	}
	return bad;
}
