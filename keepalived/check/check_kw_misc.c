/*
 * check_kw_misc.c: the options of MISC_CHECK, SMTP_CHECK and DNS_CHECK.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "check_kw.h"
#include "memory.h"

#define CK(obj) (CUR(obj)->ck)

/* The whole rest of the line is the command: unquoted words are its
 * arguments. */
CK_KW(ck_kw_misc_path)
{
	struct ck_script *s = &CK(obj)->u.misc.script;

	if (cfg_want_args(p, w, 1, SIZE_MAX) < 0)
		return -EINVAL;
	mem_free(&s->cmd);
	if (cfg_get_rest(p, w, 1, &s->cmd) < 0)
		return -EINVAL;
	ck_kw_mark(CUR(obj), w, &s->at);
	return 0;
}

/* Whole seconds (keepalived refuses a fraction here); 0 is the
 * default, the delay loop. */
CK_KW(ck_kw_misc_timeout)
{
	unsigned long s;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, 0, UINT32_MAX, &s) < 0)
		return -EINVAL;
	CK(obj)->u.misc.timeout_us = s ? (int64_t)s * 1000000 : CK_UNSET;
	return 0;
}

CK_KW(ck_kw_misc_dynamic)
{
	cfg_want_args(p, w, 0, 0);
	CK(obj)->u.misc.dynamic = true;
	return 0;
}

CK_KW(ck_kw_misc_user)
{
	struct ck_script *s = &CK(obj)->u.misc.script;

	if (cfg_want_args(p, w, 1, 2) < 0)
		return -EINVAL;
	mem_free(&s->user);
	mem_free(&s->group);
	s->user = mem_strdup(w->words[1]);
	if (w->count > 2)
		s->group = mem_strdup(w->words[2]);
	return 0;
}

CK_KW(ck_kw_helo_name)
{
	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return cfg_get_string(p, w, 1, &CK(obj)->u.smtp.helo_name);
}

/*
 * The old "host" block of SMTP_CHECK: one more SMTP checker of the same
 * real server, with the outer block's settings read so far and its own
 * connection options. keepalived 2.2.7 still reads it, deprecated.
 */
CK_OPEN(ck_kw_smtp_host_open)
{
	struct ck_cursor *cur = parent;
	struct ck_checker_conf *outer = cur->ck, *ck;

	if (w->count > 1)
		cfg_want_args(p, w, 0, 0);
	cfg_report(p, CFG_NOTE, "The SMTP_CHECK host block is deprecated. "
		   "Please define additional checkers.");
	ck = ck_checker_conf_new(CK_SMTP);
	ck->common = outer->common;
	if (outer->u.smtp.helo_name)
		ck->u.smtp.helo_name = mem_strdup(outer->u.smtp.helo_name);
	ck_kw_mark(cur, w, &ck->at);
	list_add_tail(&cur->rs->checkers, &ck->node);
	cur->ck_outer = outer;
	cur->ck = ck;
	return cur;
}

CK_CLOSE(ck_kw_smtp_host_close)
{
	struct ck_cursor *cur = obj;

	(void)p;
	(void)parent;
	cur->ck = cur->ck_outer;
	cur->ck_outer = NULL;
	return 0;
}

CK_KW(ck_kw_dns_type)
{
	static const struct { const char *name; enum ck_dns_type t; } ts[] = {
		{ "A", CK_DNS_A }, { "NS", CK_DNS_NS },
		{ "CNAME", CK_DNS_CNAME }, { "SOA", CK_DNS_SOA },
		{ "MX", CK_DNS_MX }, { "TXT", CK_DNS_TXT },
		{ "AAAA", CK_DNS_AAAA }, { "RRSIG", CK_DNS_RRSIG },
		{ "DNSKEY", CK_DNS_DNSKEY },
	};
	size_t i;

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	for (i = 0; i < sizeof(ts) / sizeof(*ts); i++) {
		if (strcasecmp(w->words[1], ts[i].name))
			continue;
		CK(obj)->u.dns.type = ts[i].t;
		return 0;
	}
	cfg_report(p, CFG_ERROR, "DNS_CHECK: unknown query type '%s'",
		   w->words[1]);
	return -EINVAL;
}

/* A name with an empty label ("a..b") cannot be put in a query. */
CK_KW(ck_kw_dns_name)
{
	struct ck_dns *d = &CK(obj)->u.dns;
	const char *n;

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	n = w->words[1];
	if (d->name) {
		cfg_report(p, CFG_WARNING, "DNS_CHECK name already specified "
			   "- ignoring");
		return -EINVAL;
	}
	if (strstr(n, "..") || (n[0] == '.' && n[1])) {
		cfg_report(p, CFG_WARNING, "DNS_CHECK name '%s' has empty "
			   "label - ignoring", n);
		return -EINVAL;
	}
	return cfg_get_string(p, w, 1, &d->name);
}
