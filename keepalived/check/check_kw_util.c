/*
 * check_kw_util.c: readers shared by the LVS keyword handlers.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "check_kw.h"
#include "memory.h"
#include "strutil.h"

void ck_kw_mark(struct ck_cursor *cur, const struct cfg_words *w,
		struct ck_place *at)
{
	at->file = check_conf_file(cur->conf, w->file);
	at->line = w->line;
}

struct ck_common *ck_kw_common(struct ck_cursor *cur)
{
	if (cur->ck)
		return &cur->ck->common;
	if (cur->rs)
		return &cur->rs->defaults;
	return &cur->vs->defaults;
}

/* keepalived's own bounds for the checker timers: at least a
 * microsecond, and what fits its unsigned long. */
int ck_kw_timer(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		int64_t *out)
{
	uint64_t us;

	if (cfg_want_args(p, w, i, i) < 0 ||
	    cfg_get_timer_us(p, w, i, 1, INT64_MAX, &us) < 0)
		return -EINVAL;
	*out = (int64_t)us;
	return 0;
}

int ck_kw_port(struct cfg_parser *p, const struct cfg_words *w, size_t i,
	       uint16_t *out)
{
	unsigned long v;

	if (cfg_get_uint(p, w, i, 0, 65535, &v) < 0)
		return -EINVAL;
	*out = (uint16_t)v;
	return 0;
}

int ck_kw_port1(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		uint16_t *out)
{
	unsigned long v;

	if (cfg_get_uint(p, w, i, 1, 65535, &v) < 0)
		return -EINVAL;
	*out = (uint16_t)v;
	return 0;
}

int ck_kw_addr(struct cfg_parser *p, const struct cfg_words *w, size_t i,
	       struct ka_addr *out)
{
	if (i >= w->count) {
		cfg_report(p, CFG_ERROR, "%s: missing address", w->words[0]);
		return -EINVAL;
	}
	if (addr_parse(w->words[i], out) < 0) {
		cfg_report(p, CFG_ERROR, "%s: invalid address '%s'",
			   w->words[0], w->words[i]);
		return -EINVAL;
	}
	return 0;
}

int ck_kw_script(struct ck_cursor *cur, struct cfg_parser *p,
		 const struct cfg_words *w, struct ck_script *s)
{
	if (cfg_want_args(p, w, 1, 3) < 0)
		return -EINVAL;
	ck_script_clear(s);
	s->cmd = mem_strdup(w->words[1]);
	if (w->count > 2)
		s->user = mem_strdup(w->words[2]);
	if (w->count > 3)
		s->group = mem_strdup(w->words[3]);
	ck_kw_mark(cur, w, &s->at);
	return 0;
}

int ck_kw_bool(struct cfg_parser *p, const struct cfg_words *w, bool *out)
{
	if (w->count > 2)
		cfg_want_args(p, w, 0, 1);
	return cfg_get_bool(p, w, 1, out);
}

static int tun_type(struct cfg_parser *p, const struct cfg_words *w,
		    size_t *i, struct ck_method *m)
{
	const char *t = w->words[*i];
	unsigned long port;

	if (!strcasecmp(t, "ipip")) {
		m->tun_type = CK_TUN_IPIP;
	} else if (!strcasecmp(t, "gre")) {
		m->tun_type = CK_TUN_GRE;
	} else if (!strcasecmp(t, "gue")) {
		m->tun_type = CK_TUN_GUE;
		if (*i + 2 >= w->count ||
		    strcasecmp(w->words[*i + 1], "port")) {
			cfg_report(p, CFG_ERROR, "gue tunnels require port, "
				   "otherwise cannot have port.");
			return -EINVAL;
		}
		if (cfg_get_uint(p, w, *i + 2, 1, 65535, &port) < 0)
			return -EINVAL;
		m->tun_port = (uint16_t)port;
		*i += 2;
	} else {
		cfg_report(p, CFG_ERROR, "%s: unknown tunnel type '%s'",
			   w->words[0], t);
		return -EINVAL;
	}
	(*i)++;
	return 0;
}

static int tun_csum(struct cfg_parser *p, const struct cfg_words *w,
		    size_t i, struct ck_method *m)
{
	static const char *const names[] = {
		[CK_TUN_NOCSUM] = "nocsum", [CK_TUN_CSUM] = "csum",
		[CK_TUN_REMCSUM] = "remcsum",
	};
	size_t k;

	for (k = CK_TUN_NOCSUM; k <= CK_TUN_REMCSUM; k++) {
		if (strcasecmp(w->words[i], names[k]))
			continue;
		if (m->tun_type == CK_TUN_IPIP) {
			cfg_report(p, CFG_ERROR, "ipip tunnels do not support "
				   "checksum option.");
			return -EINVAL;
		}
		if (m->tun_type == CK_TUN_GRE && k == CK_TUN_REMCSUM) {
			cfg_report(p, CFG_ERROR, "gre tunnels do not support "
				   "remote checksum option.");
			return -EINVAL;
		}
		m->tun_csum = (enum ck_tun_csum)k;
		if (i + 1 < w->count)
			cfg_want_args(p, w, 0, i);
		return 0;
	}
	cfg_report(p, CFG_ERROR, "%s: unknown tunnel checksum option '%s'",
		   w->words[0], w->words[i]);
	return -EINVAL;
}

/* "TUN [type T [port N]] [csum]" from word 2. */
static int tun_options(struct cfg_parser *p, const struct cfg_words *w,
		       struct ck_method *m)
{
	size_t i = 2;

	if (i < w->count && !strcasecmp(w->words[i], "type")) {
		if (++i >= w->count) {
			cfg_report(p, CFG_ERROR, "%s: missing tunnel type",
				   w->words[0]);
			return -EINVAL;
		}
		if (tun_type(p, w, &i, m) < 0)
			return -EINVAL;
	}
	if (i < w->count)
		return tun_csum(p, w, i, m);
	return 0;
}

int ck_kw_method(struct cfg_parser *p, const struct cfg_words *w,
		 struct ck_method *out)
{
	struct ck_method m = { 0 };
	const char *k;

	if (cfg_want_args(p, w, 1, 8) < 0)
		return -EINVAL;
	k = w->words[1];
	if (!strcmp(k, "NAT")) {
		m.fwd = CK_FWD_NAT;
	} else if (!strcmp(k, "DR")) {
		m.fwd = CK_FWD_DR;
	} else if (!strcmp(k, "TUN")) {
		m.fwd = CK_FWD_TUN;
		if (tun_options(p, w, &m) < 0)
			return -EINVAL;
	} else {
		cfg_report(p, CFG_ERROR, "%s: invalid forwarding method '%s'",
			   w->words[0], k);
		return -EINVAL;
	}
	if (m.fwd != CK_FWD_TUN && w->count > 2)
		cfg_want_args(p, w, 1, 1);
	*out = m;
	return 0;
}
