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

CK_KW(ck_kw_misc_timeout)
{
	int64_t us;

	if (ck_kw_timer(p, w, 1, &us) < 0)
		return -EINVAL;
	CK(obj)->u.misc.timeout_us = us;
	return 0;
}

CK_KW(ck_kw_misc_dynamic)
{
	bool on;

	if (ck_kw_bool(p, w, &on) < 0)
		return -EINVAL;
	CK(obj)->u.misc.dynamic = on;
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

CK_KW(ck_kw_dns_type)
{
	static const struct { const char *name; enum ck_dns_type t; } ts[] = {
		{ "A", CK_DNS_A }, { "NS", CK_DNS_NS },
		{ "CNAME", CK_DNS_CNAME }, { "SOA", CK_DNS_SOA },
		{ "MX", CK_DNS_MX }, { "TXT", CK_DNS_TXT },
		{ "AAAA", CK_DNS_AAAA },
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

CK_KW(ck_kw_dns_name)
{
	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return cfg_get_string(p, w, 1, &CK(obj)->u.dns.name);
}
