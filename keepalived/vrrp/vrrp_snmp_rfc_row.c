/*
 * vrrp_snmp_rfc_row.c: the rows of the standard VRRP MIBs' tables,
 * copied from the running instances (at each request: RFC_REFRESH_S),
 * and each column's value in the MIB's type.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "event.h"
#include "log.h"
#include "memory.h"
#include "vrrp_snmp_rfc_internal.h"

static bool is_v3(enum rfc_table kind)
{
	return kind >= RFC_V3_OPER;
}

static bool is_asso(enum rfc_table kind)
{
	return kind == RFC_V2_ASSO || kind == RFC_V3_ASSO;
}

void rfc_row_index_types(enum rfc_table kind,
			 netsnmp_table_registration_info *ti)
{
	/* ifIndex, VRID[, InetAddressType][, address] */
	if (!is_v3(kind))
		netsnmp_table_helper_add_indexes(ti, ASN_INTEGER, ASN_INTEGER,
						 is_asso(kind) ? ASN_IPADDRESS :
						 0, 0);
	else
		netsnmp_table_helper_add_indexes(ti, ASN_INTEGER, ASN_INTEGER,
						 ASN_INTEGER, is_asso(kind) ?
						 ASN_OCTET_STR : 0, 0);
}

static size_t addr_bytes(const struct ka_addr *a, const void **p)
{
	if (a->family == AF_INET6) {
		*p = &a->u.v6;
		return 16;
	}
	*p = &a->u.v4;
	return 4;
}

static int add_index(struct rfc_table_reg *t, struct rfc_row *row)
{
	netsnmp_tdata_row *tr = netsnmp_tdata_create_row();
	long ifindex = row->ifindex, vrid = row->vrid;
	long type = vrrp_snmp_rfc_inet_type(row->family);
	const void *p;
	uint32_t v4;
	size_t n;

	if (!tr)
		return -ENOMEM;
	tr->data = row;
	netsnmp_tdata_row_add_index(tr, ASN_INTEGER, &ifindex, sizeof(long));
	netsnmp_tdata_row_add_index(tr, ASN_INTEGER, &vrid, sizeof(long));
	if (is_v3(t->kind))
		netsnmp_tdata_row_add_index(tr, ASN_INTEGER, &type,
					    sizeof(long));
	if (is_v3(t->kind) && is_asso(t->kind)) {
		n = addr_bytes(&row->addr, &p);
		netsnmp_tdata_row_add_index(tr, ASN_OCTET_STR, p, n);
	} else if (is_asso(t->kind)) {
		/* net-snmp turns an IpAddress index into sub-identifiers
		 * from a host-order number */
		v4 = ntohl(row->addr.u.v4.s_addr);
		netsnmp_tdata_row_add_index(tr, ASN_IPADDRESS, &v4, 4);
	}
	if (netsnmp_tdata_add_row(t->td, tr) != SNMPERR_SUCCESS) {
		/* two rows with one index (same VRID and family on one
		 * interface): the configuration check refuses that, so
		 * only the first is shown */
		netsnmp_tdata_delete_row(tr);
		return -EEXIST;
	}
	return 0;
}

static void fill_row(struct rfc_row *row, const struct vrrp_run_view *v,
		     uint32_t uptime_cs, uint64_t now_us)
{
	row->ifindex = v->ifindex;
	row->family = v->family;
	row->vrid = v->vrid;
	row->v = *v;
	/* the instance may go before the row: keep no pointer into it */
	row->v.name = NULL;
	row->v.primary = row->v.master = row->v.addrs = NULL;
	row->v.stats = NULL;
	if (v->primary)
		row->primary = *v->primary;
	if (v->master)
		row->master = *v->master;
	row->stats = *v->stats;
	row->up_ts = vrrp_snmp_rfc_timestamp(uptime_cs, now_us,
					     v->up_since_us);
	row->stats_ts = vrrp_snmp_rfc_timestamp(uptime_cs, now_us,
						v->stats_since_us);
}

struct load_ctx {
	struct rfc_table_reg *t;
	uint32_t uptime_cs;
	uint64_t now_us;
};

static void add_rows(struct load_ctx *c, const struct vrrp_run_view *v)
{
	struct rfc_row *row;
	size_t i, n = is_asso(c->t->kind) ? v->naddrs : 1;

	for (i = 0; i < n; i++) {
		row = mem_new(struct rfc_row);
		fill_row(row, v, c->uptime_cs, c->now_us);
		if (is_asso(c->t->kind))
			row->addr = v->addrs[i];
		if (add_index(c->t, row) < 0)
			mem_free(&row);
	}
}

static void load_one(const struct vrrp_run_view *v, void *ctx)
{
	struct load_ctx *c = ctx;

	if (is_v3(c->t->kind) ? vrrp_snmp_rfc_in_v3(v) :
	    vrrp_snmp_rfc_in_v2(v))
		add_rows(c, v);
}

void rfc_rows_clear(struct rfc_table_reg *t)
{
	netsnmp_tdata_row *tr;
	struct rfc_row *row;

	while ((tr = netsnmp_tdata_row_first(t->td))) {
		row = netsnmp_tdata_remove_and_delete_row(t->td, tr);
		mem_free(&row);
	}
}

void rfc_rows_load(struct rfc_table_reg *t)
{
	struct load_ctx c = {
		.t = t, .uptime_cs = (uint32_t)netsnmp_get_agent_uptime(),
		.now_us = event_loop_now_us(t->owner->loop),
	};

	rfc_rows_clear(t);
	vrrp_run_views(t->owner->run, load_one, &c);
}

void rfc_set_ip4(netsnmp_variable_list *var, const struct ka_addr *a)
{
	struct in_addr none = { 0 };

	snmp_set_var_typed_value(var, ASN_IPADDRESS,
				 a->family == AF_INET ? (const void *)&a->u.v4 :
				 (const void *)&none, 4);
}

/* An InetAddress of the row's type: the unspecified address when none
 * is known (a backup that has heard no master yet). */
void rfc_set_inet(netsnmp_variable_list *var, const struct ka_addr *a,
		  int family)
{
	static const uint8_t zero[16];
	const void *p;
	size_t n;

	if (a->family == family) {
		n = addr_bytes(a, &p);
		snmp_set_var_typed_value(var, ASN_OCTET_STR, p, n);
	} else {
		snmp_set_var_typed_value(var, ASN_OCTET_STR, zero,
					 family == AF_INET6 ? 16 : 4);
	}
}

static void set_int(netsnmp_variable_list *var, int type, long v)
{
	snmp_set_var_typed_value(var, (u_char)type, &v, sizeof(v));
}

static void set_c64(netsnmp_variable_list *var, uint64_t n)
{
	struct counter64 c = { .high = (u_long)(n >> 32),
			       .low = (u_long)(n & 0xffffffffu) };

	snmp_set_var_typed_value(var, ASN_COUNTER64, &c, sizeof(c));
}

static void set_c32(netsnmp_variable_list *var, uint64_t n)
{
	set_int(var, ASN_COUNTER, (long)vrrp_snmp_rfc_counter32(n));
}

static void set_vmac(netsnmp_variable_list *var, const struct rfc_row *row)
{
	uint8_t mac[6];

	vrrp_snmp_rfc_vmac(row->family, row->vrid, mac);
	snmp_set_var_typed_value(var, ASN_OCTET_STR, mac, sizeof(mac));
}

/* TruthValue: true(1), false(2). */
static long truth(bool b)
{
	return b ? 1 : 2;
}

/* RFC 2787 vrrpOperEntry. Read-create objects read what runs: the
 * router is up (2: AdminState), the row active (15: RowStatus), the
 * protocol IP (14); the authentication key reads as empty (10), as
 * the MIB asks of an agent. */
static void v2_oper(const struct rfc_row *r, unsigned col,
		    netsnmp_variable_list *var)
{
	switch (col) {
	case 2:
		set_vmac(var, r);
		break;
	case 3:
		set_int(var, ASN_INTEGER, vrrp_snmp_rfc_state(r->v.state));
		break;
	case 4:
		set_int(var, ASN_INTEGER, 1);
		break;
	case 5:
		set_int(var, ASN_INTEGER, r->v.priority);
		break;
	case 6:
		set_int(var, ASN_INTEGER, (long)r->v.naddrs);
		break;
	case 7:
		rfc_set_ip4(var, &r->master);
		break;
	case 8:
		rfc_set_ip4(var, &r->primary);
		break;
	case 9:
		set_int(var, ASN_INTEGER,
			vrrp_snmp_rfc_auth_type(r->v.auth_type));
		break;
	case 10:
		snmp_set_var_typed_value(var, ASN_OCTET_STR, "", 0);
		break;
	case 11:
		set_int(var, ASN_INTEGER,
			vrrp_snmp_rfc_v2_interval(r->v.adver_int_cs));
		break;
	case 12:
		set_int(var, ASN_INTEGER, truth(r->v.preempt));
		break;
	case 13:
		set_int(var, ASN_TIMETICKS, (long)r->up_ts);
		break;
	case 14:
		set_int(var, ASN_INTEGER, 1);
		break;
	case 15:
		set_int(var, ASN_INTEGER, 1);
		break;
	}
}

/* RFC 2787 vrrpRouterStatsEntry, from keepalived's counters. */
static void v2_stats(const struct rfc_row *r, unsigned col,
		     netsnmp_variable_list *var)
{
	const struct vrrp_stats *s = &r->stats;
	const uint64_t by_col[] = {
		0, s->become_master, s->advert_rcvd, s->advert_interval_err,
		s->auth_failure, s->ip_ttl_err, s->pri_zero_rcvd,
		s->pri_zero_sent, s->invalid_type_rcvd, s->addr_list_err,
		s->invalid_authtype, s->authtype_mismatch, s->packet_len_err,
	};

	if (col >= 1 && col < sizeof(by_col) / sizeof(by_col[0]))
		set_c32(var, by_col[col]);
}

/* RFC 6527 vrrpv3OperationsEntry (read-create objects as for v2). */
static void v3_oper(const struct rfc_row *r, unsigned col,
		    netsnmp_variable_list *var)
{
	switch (col) {
	case 3:
		rfc_set_inet(var, &r->master, r->family);
		break;
	case 4:
		rfc_set_inet(var, &r->primary, r->family);
		break;
	case 5:
		set_vmac(var, r);
		break;
	case 6:
		set_int(var, ASN_INTEGER, vrrp_snmp_rfc_state(r->v.state));
		break;
	case 7:
		set_int(var, ASN_UNSIGNED, r->v.priority);
		break;
	case 8:
		set_int(var, ASN_INTEGER, (long)r->v.naddrs);
		break;
	case 9:
		set_int(var, ASN_INTEGER, r->v.adver_int_cs);
		break;
	case 10:
		set_int(var, ASN_INTEGER, truth(r->v.preempt));
		break;
	case 11:
		set_int(var, ASN_INTEGER, truth(r->v.accept));
		break;
	case 12:
		set_int(var, ASN_TIMETICKS, (long)r->up_ts);
		break;
	case 13:
		set_int(var, ASN_INTEGER, 1);
		break;
	}
}

/* RFC 6527 vrrpv3StatisticsEntry. */
static void v3_stats(const struct rfc_row *r, unsigned col,
		     netsnmp_variable_list *var)
{
	const struct vrrp_stats *s = &r->stats;

	switch (col) {
	case 1:
		set_c32(var, s->become_master);
		break;
	case 2:
		set_int(var, ASN_INTEGER,
			vrrp_snmp_rfc_master_reason(r->v.master_reason));
		break;
	case 3:
		set_c64(var, s->advert_rcvd);
		break;
	case 4:
		set_c64(var, s->advert_interval_err);
		break;
	case 5:
		set_c64(var, s->ip_ttl_err);
		break;
	case 6:
		set_int(var, ASN_INTEGER,
			vrrp_snmp_rfc_proto_error(r->v.last_proto_err));
		break;
	case 7:
		set_c64(var, s->pri_zero_rcvd);
		break;
	case 8:
		set_c64(var, s->pri_zero_sent);
		break;
	case 9:
		set_c64(var, s->invalid_type_rcvd);
		break;
	case 10:
		set_c64(var, s->addr_list_err);
		break;
	case 11:
		set_c64(var, s->packet_len_err);
		break;
	case 12:
		set_int(var, ASN_TIMETICKS, (long)r->stats_ts);
		break;
	case 13:
		set_int(var, ASN_UNSIGNED, RFC_REFRESH_S * 1000);
		break;
	}
}

void rfc_row_column(enum rfc_table kind, const struct rfc_row *row,
		    unsigned col, netsnmp_variable_list *var)
{
	switch (kind) {
	case RFC_V2_OPER:
		v2_oper(row, col, var);
		break;
	case RFC_V2_STATS:
		v2_stats(row, col, var);
		break;
	case RFC_V3_OPER:
		v3_oper(row, col, var);
		break;
	case RFC_V3_STATS:
		v3_stats(row, col, var);
		break;
	case RFC_V2_ASSO:
	case RFC_V3_ASSO:
		/* RowStatus: active(1) */
		set_int(var, ASN_INTEGER, 1);
		break;
	default:
		break;
	}
}
