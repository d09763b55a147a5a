/*
 * check_snmp_rs.c: realServerTable's columns (a virtual server's real
 * servers, then its sorry server), from the running configuration, the
 * framework's state and the IPVS backend's destination counters.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_ipvs.h"
#include "check_snmp_internal.h"
#include "check_snmp_val.h"
#include "memory.h"

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
	return ck_snmp_set_time(var, t, usec);
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
		return ck_snmp_set_enum(var, ck_snmp_addr_type(c->addr.family));
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
		return ck_snmp_set_enum(var, ck_snmp_fwd(rs_method(rs)->fwd));
	case 41:
		return ck_snmp_set_str_opt(var, c->virtualhost);
	case 42:
		ck_snmp_set_int(var, ck_snmp_truth(ck_snmp_inherit(
			c->defaults.alpha, vc->defaults.alpha, 0) > 0));
		return 0;
	case 47:
		return ck_snmp_set_bool_opt(var, c->smtp_alert);
	case 52: case 53: case 54:
		return ck_snmp_tunnel_column(rs_method(rs), col - 52, var);
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
			return ck_snmp_stats_column(&in.st, 0, var);
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
			return ck_snmp_stats_column(&in.st, col - 17, var);
		return ck_snmp_stats64_column(&in.st, col - 27, var);
	}
	return rs_conf_column(rs, col, var);
}
