/*
 * check_snmp_vs.c: virtualServerTable's columns, from the running
 * configuration, the quorum state and the IPVS backend's service
 * counters (summed over the services a group stands for).
 *
 * Timers a virtual server did not set itself are shown with their
 * effective default only where keepalived has one at that level
 * (delay_loop 60 s, connect_timeout 5 s); retry, delay_before_retry and
 * warmup depend on each checker's type, so they are left out unless
 * configured.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_snmp_internal.h"
#include "check_snmp_val.h"

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
		return ck_snmp_set_enum(var, ck_snmp_addr_type(c->addr.family));
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

static int vs_more_column(const struct ck_vs_run *vs, unsigned col,
			  netsnmp_variable_list *var);

/* Columns 2-26: the configuration and the quorum. */
static int vs_conf_column(const struct ck_vs_run *vs, unsigned col,
			  netsnmp_variable_list *var)
{
	const struct ck_virtual_server_conf *c = vs->conf;
	const struct ck_common *d = &c->defaults;
	uint32_t total, up;

	rs_counts(vs, &total, &up);
	switch (col) {
	case 2:
		return ck_snmp_set_enum(var, ck_snmp_vs_type(c->kind));
	case 3: case 4: case 5: case 6: case 7:
		return vs_identity(c, col, var);
	case 8:
		return ck_snmp_set_enum(var, ck_snmp_protocol(c->protocol));
	case 9:
		return ck_snmp_set_enum(var, ck_snmp_sched(c->sched));
	case 10:
		return ck_snmp_set_enum(var, ck_snmp_fwd(c->method.fwd));
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
	case 15:
		return vs_granularity(c, col, var);
	case 16:
		return ck_snmp_set_time(var, ck_snmp_inherit(d->delay_loop_us, -1,
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
	}
	return vs_more_column(vs, col, var);
}

/* Columns 37 and 51-71, added to the MIB later: flags, defaults for the
 * real servers, tunnels, the SNMP name. */
static int vs_more_column(const struct ck_vs_run *vs, unsigned col,
			  netsnmp_variable_list *var)
{
	const struct ck_virtual_server_conf *c = vs->conf;
	const struct ck_common *d = &c->defaults;

	switch (col) {
	case 37:
		return vs_flag(c, CK_SVC_ONEPACKET, NULL, var);
	case 51:
		return vs_granularity(c, col, var);
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
		return ck_snmp_set_time(var, d->delay_before_retry_us, false);
	case 59:
		return ck_snmp_set_time(var, d->warmup_us, false);
	case 61:
		return ck_snmp_set_bool_opt(var, c->smtp_alert);
	case 62:
		return vs_flag(c, CK_SVC_SCHED1, "mh", var);
	case 63:
		return vs_flag(c, CK_SVC_SCHED2, "mh", var);
	case 64:
		return ck_snmp_set_time(var, ck_snmp_inherit(d->delay_loop_us, -1,
						     DEFAULT_DELAY_LOOP_US),
				true);
	case 65:
		return ck_snmp_set_time(var, d->delay_before_retry_us, true);
	case 66:
		return ck_snmp_set_time(var, d->warmup_us, true);
	case 67:
		return ck_snmp_set_time(var, ck_snmp_inherit(d->connect_timeout_us, -1,
						     DEFAULT_CONNECT_TIMEOUT_US),
				true);
	case 68: case 69: case 70:
		return ck_snmp_tunnel_column(&c->method, col - 68, var);
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
			return ck_snmp_stats_column(&st, col - 27, var);
		return ck_snmp_stats64_column(&st, col - 38, var);
	}
	/* virtualServerWeight (60): a virtual server has no weight of its
	 * own here. */
	return vs_conf_column(vs, col, var);
}

