/*
 * check_kw_vs.c: the virtual_server line and the keywords only a virtual
 * server has.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "check_kw.h"
#include "global_data.h"
#include "memory.h"
#include "strutil.h"

#define VS(obj) (CUR(obj)->vs)

static int vs_head_fwmark(struct cfg_parser *p, const struct cfg_words *w,
			  struct ck_virtual_server_conf *vs)
{
	unsigned long v;

	if (w->count < 3) {
		cfg_report(p, CFG_ERROR, "virtual_server fwmark: missing "
			   "mark");
		return -EINVAL;
	}
	if (cfg_get_uint(p, w, 2, 1, UINT32_MAX, &v) < 0)
		return -EINVAL;
	vs->kind = CK_VS_FWMARK;
	vs->fwmark = (uint32_t)v;
	return 0;
}

static int vs_head_addr(struct cfg_parser *p, const struct cfg_words *w,
			struct ck_virtual_server_conf *vs)
{
	if (addr_parse(w->words[1], &vs->addr) < 0) {
		cfg_report(p, CFG_ERROR, "virtual_server: invalid address "
			   "'%s'", w->words[1]);
		return -EINVAL;
	}
	if (w->count > 2 && ck_kw_port(p, w, 2, &vs->port) < 0)
		return -EINVAL;
	vs->kind = CK_VS_ADDR;
	vs->family = vs->addr.family;
	return 0;
}

/* "IP [PORT]", "fwmark N" or "group NAME". */
static int vs_head(struct cfg_parser *p, const struct cfg_words *w,
		   struct ck_virtual_server_conf *vs)
{
	if (w->count < 2) {
		cfg_report(p, CFG_ERROR, "virtual_server: missing address, "
			   "fwmark or group");
		return -EINVAL;
	}
	if (!strcmp(w->words[1], "group")) {
		if (w->count < 3) {
			cfg_report(p, CFG_ERROR, "virtual_server group: "
				   "missing name");
			return -EINVAL;
		}
		vs->kind = CK_VS_GROUP;
		vs->group = mem_strdup(w->words[2]);
		if (w->count > 3)
			cfg_want_args(p, w, 2, 2);
		return 0;
	}
	if (!strcmp(w->words[1], "fwmark")) {
		if (w->count > 3)
			cfg_want_args(p, w, 2, 2);
		return vs_head_fwmark(p, w, vs);
	}
	if (w->count > 3)
		cfg_want_args(p, w, 1, 2);
	return vs_head_addr(p, w, vs);
}

CK_OPEN(ck_kw_vs_open)
{
	struct check_parse_root *root = parent;
	struct ck_virtual_server_conf *vs = ck_vs_conf_new();
	struct ck_cursor *cur;

	/* Counted even if broken: the parent then starts the checker
	 * child, whose own parse reports the same problem. */
	root->gd->virtual_servers++;
	if (vs_head(p, w, vs) < 0) {
		ck_vs_conf_free(&vs);
		return NULL;
	}
	/* Unset until the block says: check_conf_complete() tells
	 * defaults from choices. */
	vs->sched[0] = '\0';
	vs->method.fwd = CK_FWD_UNSET;
	vs->protocol = 0;
	cur = mem_new(struct ck_cursor);
	cur->conf = root->conf;
	cur->gd = root->gd;
	cur->vs = vs;
	ck_kw_mark(cur, w, &vs->at);
	list_add_tail(&root->conf->virtual_servers, &vs->node);
	return cur;
}

CK_KW(ck_kw_vs_no_block)
{
	(void)obj;
	cfg_report(p, CFG_WARNING, "%s without a block - ignoring",
		   w->words[0]);
	return -EINVAL;
}

static const char *const schedulers[] = {
	"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq",
	"fo", "ovf", "mh", "twos",
};

CK_KW(ck_kw_lvs_sched)
{
	size_t i;

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	for (i = 0; i < sizeof(schedulers) / sizeof(*schedulers); i++) {
		if (strcmp(w->words[1], schedulers[i]))
			continue;
		strcpy(VS(obj)->sched, schedulers[i]);
		return 0;
	}
	cfg_report(p, CFG_ERROR, "Invalid lvs_scheduler '%s' - ignoring",
		   w->words[1]);
	return -EINVAL;
}

CK_KW(ck_kw_lvs_method)
{
	return ck_kw_method(p, w, &VS(obj)->method);
}

/* flag-1..3, the names the sh and mh schedulers give them (which need
 * that scheduler chosen first, as in keepalived), and the old "hashed"
 * of sh. */
CK_KW(ck_kw_flag)
{
	static const struct {
		const char *name, *sched;
		unsigned bit;
	} flags[] = {
		{ "flag-1", NULL, CK_SVC_SCHED1 },
		{ "flag-2", NULL, CK_SVC_SCHED2 },
		{ "flag-3", NULL, CK_SVC_SCHED3 },
		{ "sh-port", "sh", CK_SVC_SCHED2 },
		{ "sh-fallback", "sh", CK_SVC_SCHED1 },
		{ "mh-port", "mh", CK_SVC_SCHED2 },
		{ "mh-fallback", "mh", CK_SVC_SCHED1 },
		{ "hashed", "sh", CK_SVC_HASHED },
	};
	struct ck_virtual_server_conf *vs = VS(obj);
	size_t i;

	cfg_want_args(p, w, 0, 0);
	for (i = 0; i < sizeof(flags) / sizeof(*flags); i++) {
		if (strcmp(w->words[0], flags[i].name))
			continue;
		if (flags[i].sched && strcmp(vs->sched, flags[i].sched)) {
			cfg_report(p, CFG_WARNING, "%s only applies to %s "
				   "scheduler - ignoring", flags[i].name,
				   flags[i].sched);
			return -EINVAL;
		}
		vs->flags |= flags[i].bit;
	}
	return 0;
}

CK_KW(ck_kw_ops)
{
	cfg_want_args(p, w, 0, 0);
	VS(obj)->flags |= CK_SVC_ONEPACKET;
	return 0;
}

CK_KW(ck_kw_persistence_timeout)
{
	struct ck_virtual_server_conf *vs = VS(obj);
	unsigned long v = 360;

	if (cfg_want_args(p, w, 0, 1) < 0)
		return -EINVAL;
	if (w->count > 1 && cfg_get_uint(p, w, 1, 1, 2678400, &v) < 0)
		return -EINVAL;
	vs->persistent = true;
	vs->persistence_timeout_s = v;
	return 0;
}

/* A prefix length as a mask of the virtual server's family (IPv4 when
 * it is not known yet and the length allows it). */
static int mask_from_len(const char *s, int family, struct ka_addr *out)
{
	unsigned long len;
	unsigned i, bits;
	uint8_t *b;

	if (str_to_ulong(s, 1, 128, &len) < 0)
		return -EINVAL;
	if (!family)
		family = len > 32 ? AF_INET6 : AF_INET;
	if (family == AF_INET && len > 32)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	out->family = family;
	b = family == AF_INET ? (uint8_t *)&out->u.v4 : out->u.v6.s6_addr;
	for (i = 0, bits = (unsigned)len; bits; i++) {
		unsigned n = bits > 8 ? 8 : bits;

		b[i] = (uint8_t)(0xff00 >> n);
		bits -= n;
	}
	return 0;
}

/* A netmask: dotted, an IPv6 mask, or a prefix length; stored as the
 * mask itself. */
CK_KW(ck_kw_persistence_granularity)
{
	struct ck_virtual_server_conf *vs = VS(obj);
	struct ka_addr mask;

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	if (addr_parse(w->words[1], &mask) == 0) {
		vs->persistence_granularity = mask;
		return 0;
	}
	if (mask_from_len(w->words[1], vs->family, &mask) == 0) {
		vs->persistence_granularity = mask;
		return 0;
	}
	if (mask_from_len(w->words[1], AF_INET6, &mask) == 0) {
		/* keepalived 2.2.7 lets it pass */
		cfg_report(p, CFG_NOTE, "persistence_granularity: /%s is too "
			   "long for an IPv4 service - ignoring", w->words[1]);
		return 0;
	}
	cfg_report(p, CFG_ERROR, "persistence_granularity: invalid "
		   "netmask '%s'", w->words[1]);
	return -EINVAL;
}

/* The kernel's names are at most 15 characters (IP_VS_PENAME_MAXLEN). */
#define CK_PENAME_MAX 15

CK_KW(ck_kw_persistence_engine)
{
	char **pe = &VS(obj)->persistence_engine;

	if (cfg_want_args(p, w, 1, 1) < 0 || cfg_get_string(p, w, 1, pe) < 0)
		return -EINVAL;
	if (strlen(*pe) > CK_PENAME_MAX) {
		cfg_report(p, CFG_WARNING, "persistence_name too long, "
			   "truncating - %s", *pe);
		(*pe)[CK_PENAME_MAX] = '\0';
	}
	return 0;
}

CK_KW(ck_kw_protocol)
{
	static const struct { const char *name; enum ck_protocol p; } ps[] = {
		{ "TCP", CK_PROTO_TCP }, { "UDP", CK_PROTO_UDP },
		{ "SCTP", CK_PROTO_SCTP },
	};
	size_t i;

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	for (i = 0; i < 3; i++) {
		if (strcasecmp(w->words[1], ps[i].name))
			continue;
		VS(obj)->protocol = ps[i].p;
		return 0;
	}
	cfg_report(p, CFG_ERROR, "Unknown protocol %s - ignoring",
		   w->words[1]);
	return -EINVAL;
}

CK_KW(ck_kw_ha_suspend)
{
	cfg_want_args(p, w, 0, 0);
	VS(obj)->ha_suspend = true;
	return 0;
}

/* Virtual server or real server. */
CK_KW(ck_kw_smtp_alert)
{
	struct ck_cursor *cur = CUR(obj);
	bool on;

	if (ck_kw_bool(p, w, &on) < 0)
		return -EINVAL;
	if (cur->rs)
		cur->rs->smtp_alert = on;
	else
		cur->vs->smtp_alert = on;
	return 0;
}

/* Virtual server, real server or HTTP_GET/SSL_GET checker. */
CK_KW(ck_kw_virtualhost)
{
	struct ck_cursor *cur = CUR(obj);
	char **dst = cur->ck ? &cur->ck->u.http.virtualhost :
		     cur->rs ? &cur->rs->virtualhost : &cur->vs->virtualhost;

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return cfg_get_string(p, w, 1, dst);
}

CK_KW(ck_kw_snmp_name)
{
	struct ck_cursor *cur = CUR(obj);

	if (w->count != 2) {
		cfg_report(p, CFG_ERROR, "%s server snmp_name missing or extra "
			   "parameters", cur->rs ? "real" : "virtual");
		return -EINVAL;
	}
	return cfg_get_string(p, w, 1, cur->rs ? &cur->rs->snmp_name
					       : &cur->vs->snmp_name);
}

CK_KW(ck_kw_omega)
{
	cfg_want_args(p, w, 0, 0);
	VS(obj)->omega = true;
	return 0;
}

CK_KW(ck_kw_quorum)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, 1, UINT32_MAX, &v) < 0)
		return -EINVAL;
	VS(obj)->quorum = (long)v;
	return 0;
}

CK_KW(ck_kw_hysteresis)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, 0, 2147483647UL, &v) < 0)
		return -EINVAL;
	VS(obj)->hysteresis = (long)v;
	return 0;
}

CK_KW(ck_kw_quorum_up)
{
	return ck_kw_script(CUR(obj), p, w, &VS(obj)->quorum_up);
}

CK_KW(ck_kw_quorum_down)
{
	return ck_kw_script(CUR(obj), p, w, &VS(obj)->quorum_down);
}

CK_KW(ck_kw_ip_family)
{
	struct ck_virtual_server_conf *vs = VS(obj);
	int f;

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	if (!strcmp(w->words[1], "inet")) {
		f = AF_INET;
	} else if (!strcmp(w->words[1], "inet6")) {
		f = AF_INET6;
	} else {
		cfg_report(p, CFG_ERROR, "unknown virtual server ip_family "
			   "'%s' - ignoring", w->words[1]);
		return -EINVAL;
	}
	if (vs->kind == CK_VS_ADDR && vs->addr.family != f) {
		cfg_report(p, CFG_ERROR, "Virtual server specified family %s "
			   "conflicts with server family", w->words[1]);
		return -EINVAL;
	}
	vs->family = f;
	return 0;
}

CK_KW(ck_kw_sorry_server)
{
	struct ck_cursor *cur = CUR(obj);
	struct ck_real_server_conf *rs;
	struct ka_addr a;
	uint16_t port = 0;

	if (cfg_want_args(p, w, 1, 2) < 0 || ck_kw_addr(p, w, 1, &a) < 0)
		return -EINVAL;
	if (w->count > 2 && ck_kw_port(p, w, 2, &port) < 0)
		return -EINVAL;
	ck_rs_conf_free(&cur->vs->sorry);
	rs = ck_rs_conf_new();
	rs->addr = a;
	rs->port = port;
	ck_kw_mark(cur, w, &rs->at);
	cur->vs->sorry = rs;
	return 0;
}

/* Both need the sorry_server line first, as in keepalived. */
CK_KW(ck_kw_sorry_server_inhibit)
{
	if (!VS(obj)->sorry) {
		cfg_report(p, CFG_WARNING, "Ignoring sorry_server inhibit used "
			   "before or without sorry_server");
		return -EINVAL;
	}
	cfg_want_args(p, w, 0, 0);
	VS(obj)->sorry_inhibit = true;
	return 0;
}

CK_KW(ck_kw_sorry_server_lvs_method)
{
	if (!VS(obj)->sorry) {
		cfg_report(p, CFG_WARNING, "sorry_server forwarding used "
			   "without sorry_server");
		return -EINVAL;
	}
	return ck_kw_method(p, w, &VS(obj)->sorry_method);
}

/* Virtual server (no value) or real server (a bool). */
CK_KW(ck_kw_inhibit_on_failure)
{
	struct ck_cursor *cur = CUR(obj);
	bool on = true;

	if (cur->rs ? ck_kw_bool(p, w, &on) < 0 :
		      cfg_want_args(p, w, 0, 0) < 0)
		return -EINVAL;
	if (cur->rs)
		cur->rs->inhibit_on_failure = on;
	else
		cur->vs->inhibit_on_failure = on;
	return 0;
}
