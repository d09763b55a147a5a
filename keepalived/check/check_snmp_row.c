/*
 * check_snmp_row.c: the columns of virtualServerTable and
 * realServerTable, from the running configuration, the framework's
 * state and the IPVS backend's counters.
 *
 * Timers a virtual or real server did not set itself are shown with
 * their effective default only where keepalived has one at that level
 * (delay_loop 60 s, connect_timeout 5 s); retry, delay_before_retry and
 * warmup depend on each checker's type, so they are left out unless
 * configured.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_ipvs.h"
#include "check_snmp_internal.h"
#include "check_snmp_val.h"
#include "memory.h"

#define SEC_US INT64_C(1000000)
#define DEFAULT_DELAY_LOOP_US (60 * SEC_US)
#define DEFAULT_CONNECT_TIMEOUT_US (5 * SEC_US)

long ck_snmp_vs_index(const struct check_snmp *s, const struct ck_vs_run *vs)
{
	const struct ck_vs_run *v;
	long i = 0;

	list_for_each_entry(v, &s->run->vss, node) {
		i++;
		if (v == vs)
			return i;
	}
	return 0;
}

long ck_snmp_rs_index(const struct ck_rs_run *rs)
{
	const struct ck_rs_run *r;
	long i = 0;

	list_for_each_entry(r, &rs->vs->rss, node) {
		i++;
		if (r == rs)
			return i;
	}
	return rs->is_sorry ? i + 1 : 0;
}

/* ---- IPVS counters --------------------------------------------------- */

/* A virtual server of a group stands for several services: their sum. */
static int vs_stats(const struct check_snmp *s, const struct ck_vs_run *vs,
		    struct ipvs_stats *out)
{
	struct ipvs_backend *b = s->run->ipvs;
	struct ipvs_stats st;
	size_t i, found = 0;

	memset(out, 0, sizeof(*out));
	if (!b || !b->ops->get_stats)
		return -ENOENT;
	for (i = 0; i < vs->nsvc; i++) {
		if (b->ops->get_stats(b, &vs->svcs[i], NULL, &st) < 0)
			continue;
		ck_snmp_stats_add(out, &st);
		found++;
	}
	return found ? 0 : -ENOENT;
}

struct rs_info {
	struct ipvs_stats st;
	uint64_t active, inact, persist;
};

static void rs_info_add(struct rs_info *a, const struct ipvs_dest_info *b)
{
	ck_snmp_stats_add(&a->st, &b->stats);
	a->active += b->active_conns;
	a->inact += b->inact_conns;
	a->persist += b->persist_conns;
}

/* The destination's counters in every service of its virtual server,
 * from the backend's dest_list. */
static int rs_stats(const struct check_snmp *s, const struct ck_rs_run *rs,
		    struct rs_info *out)
{
	struct ipvs_backend *b = s->run->ipvs;
	const struct ck_vs_run *vs = rs->vs;
	struct ipvs_dest *v = NULL;
	struct ipvs_dest_info *info = NULL;
	struct ipvs_dest want;
	size_t i, j, n, found = 0;

	memset(out, 0, sizeof(*out));
	if (!rs->in_ipvs || !b || !b->ops->dest_list)
		return -ENOENT;
	ck_ipvs_dest(vs->conf, rs->conf, 0, &want);
	for (i = 0; i < vs->nsvc; i++) {
		if (b->ops->dest_list(b, &vs->svcs[i], &v, &info, &n) < 0)
			continue;
		for (j = 0; j < n; j++) {
			if (v[j].port != want.port ||
			    !addr_equal(&v[j].addr, &want.addr))
				continue;
			rs_info_add(out, &info[j]);
			found++;
		}
		mem_free(&v);
		mem_free(&info);
	}
	return found ? 0 : -ENOENT;
}

/* The statistics columns, numbered from "base" as in both tables:
 * conns, inpkts, outpkts, inbytes, outbytes, then the five rates. */
static int stats_column(const struct ipvs_stats *st, unsigned i,
			netsnmp_variable_list *var)
{
	const uint64_t rates[] = { st->cps, st->inpps, st->outpps,
				   st->inbps, st->outbps };

	switch (i) {
	case 0:
		ck_snmp_set_gauge(var, ck_snmp_low32(st->conns));
		return 0;
	case 1:
		ck_snmp_set_counter(var, ck_snmp_low32(st->inpkts));
		return 0;
	case 2:
		ck_snmp_set_counter(var, ck_snmp_low32(st->outpkts));
		return 0;
	case 3:
		ck_snmp_set_counter64(var, st->inbytes);
		return 0;
	case 4:
		ck_snmp_set_counter64(var, st->outbytes);
		return 0;
	}
	if (i < 10) {
		ck_snmp_set_gauge(var, ck_snmp_low32(rates[i - 5]));
		return 0;
	}
	return -ENOENT;
}

/* The 64-bit counters (conns, inpkts, outpkts) and the rates as
 * Low/High pairs, from "base". */
static int stats64_column(const struct ipvs_stats *st, unsigned i,
			  netsnmp_variable_list *var)
{
	const uint64_t c[] = { st->conns, st->inpkts, st->outpkts };
	const uint64_t rates[] = { st->cps, st->inpps, st->outpps,
				   st->inbps, st->outbps };
	uint64_t r;

	if (i < 3) {
		ck_snmp_set_counter64(var, c[i]);
		return 0;
	}
	i -= 3;
	if (i >= 10)
		return -ENOENT;
	r = rates[i / 2];
	ck_snmp_set_u32(var, i % 2 ? ck_snmp_high32(r) : ck_snmp_low32(r));
	return 0;
}

/* ---- shared helpers ------------------------------------------------- */

static int set_time(netsnmp_variable_list *var, int64_t us, bool usec)
{
	if (us < 0)
		return -ENOENT;
	ck_snmp_set_u32(var, usec ? ck_snmp_usec32(us) : ck_snmp_seconds(us));
	return 0;
}

static int set_enum(netsnmp_variable_list *var, int v)
{
	if (!v)
		return -ENOENT;
	ck_snmp_set_int(var, v);
	return 0;
}

static int set_bool_opt(netsnmp_variable_list *var, int v)
{
	if (v == CK_UNSET)
		return -ENOENT;
	ck_snmp_set_int(var, ck_snmp_truth(v != 0));
	return 0;
}

/* Tunnel columns: only for a tunnelled method; the port only for GUE. */
static int tunnel_column(const struct ck_method *m, unsigned i,
			 netsnmp_variable_list *var)
{
	if (m->fwd != CK_FWD_TUN)
		return -ENOENT;
	if (i == 0)
		return set_enum(var, ck_snmp_tun_type(m->tun_type));
	if (i == 1) {
		if (m->tun_type != CK_TUN_GUE)
			return -ENOENT;
		ck_snmp_set_u32(var, m->tun_port);
		return 0;
	}
	return set_enum(var, ck_snmp_tun_csum(m->tun_csum));
}

static void rs_counts(const struct ck_vs_run *vs, uint32_t *total,
		      uint32_t *up)
{
	const struct ck_rs_run *rs;

	*total = 0;
	*up = 0;
	list_for_each_entry(rs, &vs->rss, node) {
		(*total)++;
		if (rs->up)
			(*up)++;
	}
}

/* ---- virtualServerTable --------------------------------------------- */

static int vs_identity(const struct ck_virtual_server_conf *c, unsigned col,
		       netsnmp_variable_list *var)
{
	switch (col) {
	case 3:				/* virtualServerNameOfGroup */
		if (c->kind != CK_VS_GROUP)
			return -ENOENT;
		return ck_snmp_set_str_opt(var, c->group);
	case 4:				/* virtualServerFwMark */
		if (c->kind != CK_VS_FWMARK)
			return -ENOENT;
		ck_snmp_set_u32(var, c->fwmark);
		return 0;
	case 5:				/* virtualServerAddrType */
		if (c->kind != CK_VS_ADDR)
			return -ENOENT;
		return set_enum(var, ck_snmp_addr_type(c->addr.family));
	case 6:				/* virtualServerAddress */
		if (c->kind != CK_VS_ADDR)
			return -ENOENT;
		return ck_snmp_set_addr(var, &c->addr);
	case 7:				/* virtualServerPort */
		if (c->kind != CK_VS_ADDR)
			return -ENOENT;
		ck_snmp_set_u32(var, c->port);
		return 0;
	}
	return -ENOENT;
}

/* Persistence granularity: a mask for IPv4 (column 15), a prefix length
 * for IPv6 (column 51). */
static int vs_granularity(const struct ck_virtual_server_conf *c,
			  unsigned col, netsnmp_variable_list *var)
{
	const struct ka_addr *g = &c->persistence_granularity;
	unsigned bits = 0;
	size_t i;

	if (!c->persistent || !g->family)
		return -ENOENT;
	if (col == 15)
		return g->family == AF_INET ? ck_snmp_set_addr(var, g)
					    : -ENOENT;
	if (g->family != AF_INET6)
		return -ENOENT;
	for (i = 0; i < 16; i++)
		bits += (unsigned)__builtin_popcount(g->u.v6.s6_addr[i]);
	ck_snmp_set_u32(var, bits);
	return 0;
}

static bool sched_is(const struct ck_virtual_server_conf *c, const char *n)
{
	return !strcmp(c->sched, n);
}

static int vs_flag(const struct ck_virtual_server_conf *c, unsigned flag,
		   const char *sched, netsnmp_variable_list *var)
{
	if (sched && !sched_is(c, sched))
		return -ENOENT;
	ck_snmp_set_int(var, ck_snmp_truth(c->flags & flag));
	return 0;
}

/* Columns 2-26 and 37, 51-71: the configuration and the quorum. */
static int vs_conf_column(const struct ck_vs_run *vs, unsigned col,
			  netsnmp_variable_list *var)
{
	const struct ck_virtual_server_conf *c = vs->conf;
	const struct ck_common *d = &c->defaults;
	uint32_t total, up;

	rs_counts(vs, &total, &up);
	switch (col) {
	case 2:
		return set_enum(var, ck_snmp_vs_type(c->kind));
	case 3: case 4: case 5: case 6: case 7:
		return vs_identity(c, col, var);
	case 8:
		return set_enum(var, ck_snmp_protocol(c->protocol));
	case 9:
		return set_enum(var, ck_snmp_sched(c->sched));
	case 10:
		return set_enum(var, ck_snmp_fwd(c->method.fwd));
	case 11:			/* virtualServerStatus */
		ck_snmp_set_int(var, vs->quorum_up ? CK_SNMP_ALIVE
						   : CK_SNMP_DEAD);
		return 0;
	case 12:
		return ck_snmp_set_str_opt(var, c->virtualhost);
	case 13:
		ck_snmp_set_int(var, ck_snmp_truth(c->persistent));
		return 0;
	case 14:
		if (!c->persistent)
			return -ENOENT;
		ck_snmp_set_u32(var, (uint32_t)c->persistence_timeout_s);
		return 0;
	case 15: case 51:
		return vs_granularity(c, col, var);
	case 16:
		return set_time(var, ck_snmp_inherit(d->delay_loop_us, -1,
						     DEFAULT_DELAY_LOOP_US),
				false);
	case 17:
		ck_snmp_set_int(var, ck_snmp_truth(c->ha_suspend));
		return 0;
	case 18:
		ck_snmp_set_int(var, ck_snmp_truth(c->alpha));
		return 0;
	case 19:
		ck_snmp_set_int(var, ck_snmp_truth(c->omega));
		return 0;
	case 20:
		ck_snmp_set_u32(var, total);
		return 0;
	case 21:
		ck_snmp_set_u32(var, up);
		return 0;
	case 22:
		ck_snmp_set_u32(var, (uint32_t)c->quorum);
		return 0;
	case 23:			/* met(1) notMet(2) */
		ck_snmp_set_int(var, vs->quorum_up ? 1 : 2);
		return 0;
	case 24:
		return ck_snmp_set_str_opt(var, c->quorum_up.cmd);
	case 25:
		return ck_snmp_set_str_opt(var, c->quorum_down.cmd);
	case 26:
		ck_snmp_set_u32(var, (uint32_t)c->hysteresis);
		return 0;
	case 37:
		return vs_flag(c, CK_SVC_ONEPACKET, NULL, var);
	case 52:
		return vs_flag(c, CK_SVC_HASHED, NULL, var);
	case 53:
		return vs_flag(c, CK_SVC_SCHED1, "sh", var);
	case 54:
		return vs_flag(c, CK_SVC_SCHED2, "sh", var);
	case 55:
		return vs_flag(c, CK_SVC_SCHED3, NULL, var);
	case 56:
		ck_snmp_set_int(var, c->inhibit_on_failure ? CK_SNMP_INHIBIT
							    : CK_SNMP_REMOVE);
		return 0;
	case 57:
		if (d->retry < 0)
			return -ENOENT;
		ck_snmp_set_u32(var, (uint32_t)d->retry);
		return 0;
	case 58:
		return set_time(var, d->delay_before_retry_us, false);
	case 59:
		return set_time(var, d->warmup_us, false);
	case 61:
		return set_bool_opt(var, c->smtp_alert);
	case 62:
		return vs_flag(c, CK_SVC_SCHED1, "mh", var);
	case 63:
		return vs_flag(c, CK_SVC_SCHED2, "mh", var);
	case 64:
		return set_time(var, ck_snmp_inherit(d->delay_loop_us, -1,
						     DEFAULT_DELAY_LOOP_US),
				true);
	case 65:
		return set_time(var, d->delay_before_retry_us, true);
	case 66:
		return set_time(var, d->warmup_us, true);
	case 67:
		return set_time(var, ck_snmp_inherit(d->connect_timeout_us, -1,
						     DEFAULT_CONNECT_TIMEOUT_US),
				true);
	case 68: case 69: case 70:
		return tunnel_column(&c->method, col - 68, var);
	case 71:
		return ck_snmp_set_str_opt(var, c->snmp_name);
	}
	return -ENOENT;
}

int ck_snmp_vs_column(const struct check_snmp *s, const struct ck_vs_run *vs,
		      unsigned col, netsnmp_variable_list *var)
{
	struct ipvs_stats st;

	if ((col >= 27 && col <= 36) || (col >= 38 && col <= 50)) {
		if (vs_stats(s, vs, &st) < 0)
			return -ENOENT;
		if (col <= 36)
			return stats_column(&st, col - 27, var);
		return stats64_column(&st, col - 38, var);
	}
	/* virtualServerWeight (60): a virtual server has no weight of its
	 * own here. */
	return vs_conf_column(vs, col, var);
}

/* ---- realServerTable ------------------------------------------------ */

static const struct ck_method *rs_method(const struct ck_rs_run *rs)
{
	const struct ck_virtual_server_conf *vs = rs->vs->conf;

	if (rs->is_sorry && vs->sorry_method.fwd != CK_FWD_UNSET)
		return &vs->sorry_method;
	if (rs->conf->method.fwd != CK_FWD_UNSET)
		return &rs->conf->method;
	return &vs->method;
}

static bool rs_inhibit(const struct ck_rs_run *rs)
{
	const struct ck_virtual_server_conf *vs = rs->vs->conf;

	if (rs->is_sorry)
		return vs->sorry_inhibit;
	if (rs->conf->inhibit_on_failure != CK_UNSET)
		return rs->conf->inhibit_on_failure == 1;
	return vs->inhibit_on_failure;
}

static uint32_t rs_failed_checks(const struct ck_rs_run *rs)
{
	uint32_t n = 0;
	size_t i;

	for (i = 0; i < rs->nck; i++)
		if (!rs->checkers[i].sm.up)
			n++;
	return n;
}

/* The inherited timers, columns 43-46 and 48-51. */
static int rs_timer_column(const struct ck_rs_run *rs, unsigned col,
			   netsnmp_variable_list *var)
{
	const struct ck_common *r = &rs->conf->defaults;
	const struct ck_common *v = &rs->vs->conf->defaults;
	bool usec = col >= 48;
	int64_t t;

	switch (col) {
	case 43:
		t = ck_snmp_inherit(r->retry, v->retry, -1);
		if (t < 0)
			return -ENOENT;
		ck_snmp_set_u32(var, (uint32_t)t);
		return 0;
	case 44: case 48:
		t = ck_snmp_inherit(r->delay_before_retry_us,
				    v->delay_before_retry_us, -1);
		break;
	case 45: case 49:
		t = ck_snmp_inherit(r->warmup_us, v->warmup_us, -1);
		break;
	case 46: case 50:
		t = ck_snmp_inherit(r->delay_loop_us, v->delay_loop_us,
				    DEFAULT_DELAY_LOOP_US);
		break;
	case 51:
		t = ck_snmp_inherit(r->connect_timeout_us,
				    v->connect_timeout_us,
				    DEFAULT_CONNECT_TIMEOUT_US);
		break;
	default:
		return -ENOENT;
	}
	return set_time(var, t, usec);
}

static int rs_conf_column(const struct ck_rs_run *rs, unsigned col,
			  netsnmp_variable_list *var)
{
	const struct ck_real_server_conf *c = rs->conf;
	const struct ck_virtual_server_conf *vc = rs->vs->conf;

	switch (col) {
	case 2:				/* regular(1) sorry(2) */
		ck_snmp_set_int(var, rs->is_sorry ? 2 : 1);
		return 0;
	case 3:
		return set_enum(var, ck_snmp_addr_type(c->addr.family));
	case 4:
		return ck_snmp_set_addr(var, &c->addr);
	case 5:
		ck_snmp_set_u32(var, c->port ? c->port : vc->port);
		return 0;
	case 6:
		ck_snmp_set_int(var, rs->up ? CK_SNMP_ALIVE : CK_SNMP_DEAD);
		return 0;
	case 7:
		ck_snmp_set_int(var, ck_rs_weight(rs));
		return 0;
	case 8:
		if (!c->uthreshold)
			return -ENOENT;
		ck_snmp_set_u32(var, (uint32_t)c->uthreshold);
		return 0;
	case 9:
		if (!c->lthreshold)
			return -ENOENT;
		ck_snmp_set_u32(var, (uint32_t)c->lthreshold);
		return 0;
	case 10:
		ck_snmp_set_int(var, rs_inhibit(rs) ? CK_SNMP_INHIBIT
						    : CK_SNMP_REMOVE);
		return 0;
	case 11:
		return ck_snmp_set_str_opt(var, c->notify_up.cmd);
	case 12:
		return ck_snmp_set_str_opt(var, c->notify_down.cmd);
	case 13:
		ck_snmp_set_u32(var, rs_failed_checks(rs));
		return 0;
	case 40:
		return set_enum(var, ck_snmp_fwd(rs_method(rs)->fwd));
	case 41:
		return ck_snmp_set_str_opt(var, c->virtualhost);
	case 42:
		ck_snmp_set_int(var, ck_snmp_truth(ck_snmp_inherit(
			c->defaults.alpha, vc->defaults.alpha, 0) > 0));
		return 0;
	case 47:
		return set_bool_opt(var, c->smtp_alert);
	case 52: case 53: case 54:
		return tunnel_column(rs_method(rs), col - 52, var);
	case 55:
		return ck_snmp_set_str_opt(var, c->snmp_name);
	}
	return rs_timer_column(rs, col, var);
}

int ck_snmp_rs_column(const struct check_snmp *s, const struct ck_rs_run *rs,
		      unsigned col, netsnmp_variable_list *var)
{
	struct rs_info in;

	if (col >= 14 && col <= 39) {
		if (rs_stats(s, rs, &in) < 0)
			return -ENOENT;
		switch (col) {
		case 14:
			return stats_column(&in.st, 0, var);
		case 15:
			ck_snmp_set_gauge(var, ck_snmp_low32(in.active));
			return 0;
		case 16:
			ck_snmp_set_gauge(var, ck_snmp_low32(in.inact));
			return 0;
		case 17:
			ck_snmp_set_gauge(var, ck_snmp_low32(in.persist));
			return 0;
		}
		if (col <= 26)
			return stats_column(&in.st, col - 17, var);
		return stats64_column(&in.st, col - 27, var);
	}
	return rs_conf_column(rs, col, var);
}
