/*
 * vrrp_snmp_rfc.c: VRRP-MIB (RFC 2787) and VRRPV3-MIB (RFC 6527) on the
 * sub-agent: the tables with net-snmp's tdata helper behind a cache that
 * copies the running instances for each request (RFC_REFRESH_S), and the
 * scalars with the scalar helper. Read-only: the read-create objects
 * answer notWritable, since the configuration file owns the instances.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "log.h"
#include "memory.h"
#include "vrrp_snmp_rfc_internal.h"

struct table_def {
	const char *name;
	oid root[10];
	size_t root_len;
	unsigned min_col, max_col;
};

static const struct table_def tables[RFC_TABLE_COUNT] = {
	[RFC_V2_OPER] = { "vrrpOperTable", { RFC_V2_ROOT, 1, 3 }, 9, 2, 15 },
	[RFC_V2_ASSO] = { "vrrpAssoIpAddrTable", { RFC_V2_ROOT, 1, 4 }, 9,
			  2, 2 },
	[RFC_V2_STATS] = { "vrrpRouterStatsTable", { RFC_V2_ROOT, 2, 4 }, 9,
			   1, 12 },
	[RFC_V3_OPER] = { "vrrpv3OperationsTable", { RFC_V3_ROOT, 1, 1, 1 },
			  10, 3, 13 },
	[RFC_V3_ASSO] = { "vrrpv3AssociatedIpAddrTable",
			  { RFC_V3_ROOT, 1, 1, 2 }, 10, 2, 2 },
	[RFC_V3_STATS] = { "vrrpv3StatisticsTable", { RFC_V3_ROOT, 1, 2, 5 },
			   10, 1, 13 },
};

/* The scalars: each registration's my_reg_void says which. */
enum rfc_scalar {
	S_V2_NODE_VERSION,	/* vrrpNodeVersion */
	S_V2_NOTIF_CNTL,	/* vrrpNotificationCntl */
	S_V2_CHECKSUM,		/* vrrpRouterChecksumErrors */
	S_V2_VERSION,		/* vrrpRouterVersionErrors */
	S_V2_VRID,		/* vrrpRouterVrIdErrors */
	S_V3_CHECKSUM,		/* vrrpv3RouterChecksumErrors */
	S_V3_VERSION,		/* vrrpv3RouterVersionErrors */
	S_V3_VRID,		/* vrrpv3RouterVrIdErrors */
	S_V3_DISCONTINUITY,	/* vrrpv3GlobalStatisticsDiscontinuityTime */
	S_COUNT,
};

struct scalar_def {
	const char *name;
	oid id[10];
	size_t id_len;
	bool v3;
};

static const struct scalar_def scalars[S_COUNT] = {
	[S_V2_NODE_VERSION] = { "vrrpNodeVersion", { RFC_V2_ROOT, 1, 1 }, 9 },
	[S_V2_NOTIF_CNTL] = { "vrrpNotificationCntl", { RFC_V2_ROOT, 1, 2 },
			      9 },
	[S_V2_CHECKSUM] = { "vrrpRouterChecksumErrors", { RFC_V2_ROOT, 2, 1 },
			    9 },
	[S_V2_VERSION] = { "vrrpRouterVersionErrors", { RFC_V2_ROOT, 2, 2 },
			   9 },
	[S_V2_VRID] = { "vrrpRouterVrIdErrors", { RFC_V2_ROOT, 2, 3 }, 9 },
	[S_V3_CHECKSUM] = { "vrrpv3RouterChecksumErrors",
			    { RFC_V3_ROOT, 1, 2, 1 }, 10, true },
	[S_V3_VERSION] = { "vrrpv3RouterVersionErrors",
			   { RFC_V3_ROOT, 1, 2, 2 }, 10, true },
	[S_V3_VRID] = { "vrrpv3RouterVrIdErrors", { RFC_V3_ROOT, 1, 2, 3 },
			10, true },
	[S_V3_DISCONTINUITY] = { "vrrpv3GlobalStatisticsDiscontinuityTime",
				 { RFC_V3_ROOT, 1, 2, 4 }, 10, true },
};

static int table_handler(netsnmp_mib_handler *handler,
			 netsnmp_handler_registration *reg,
			 netsnmp_agent_request_info *reqinfo,
			 netsnmp_request_info *requests)
{
	struct rfc_table_reg *t = handler->myvoid;
	netsnmp_request_info *rq;
	netsnmp_table_request_info *ti;
	struct rfc_row *row;

	(void)reg;
	if (reqinfo->mode != MODE_GET) {
		/* the configuration owns the instances: nothing is set */
		for (rq = requests; rq; rq = rq->next)
			netsnmp_set_request_error(reqinfo, rq,
						  SNMP_ERR_NOTWRITABLE);
		return SNMP_ERR_NOERROR;
	}
	for (rq = requests; rq; rq = rq->next) {
		if (rq->processed)
			continue;
		row = netsnmp_tdata_extract_entry(rq);
		ti = netsnmp_extract_table_info(rq);
		if (!row || !ti) {
			netsnmp_set_request_error(reqinfo, rq,
						  SNMP_NOSUCHINSTANCE);
			continue;
		}
		rfc_row_column(t->kind, row, ti->colnum, rq->requestvb);
	}
	return SNMP_ERR_NOERROR;
}

static int cache_load(netsnmp_cache *cache, void *magic)
{
	(void)cache;
	rfc_rows_load(magic);
	return 0;
}

static void cache_free(netsnmp_cache *cache, void *magic)
{
	(void)cache;
	rfc_rows_clear(magic);
}

static int register_table(struct vrrp_snmp_rfc *s, enum rfc_table kind)
{
	const struct table_def *d = &tables[kind];
	struct rfc_table_reg *t = &s->tables[kind];
	netsnmp_table_registration_info *ti;
	netsnmp_mib_handler *h;
	netsnmp_cache *cache;

	t->owner = s;
	t->kind = kind;
	t->td = netsnmp_tdata_create_table(d->name, 0);
	ti = SNMP_MALLOC_TYPEDEF(netsnmp_table_registration_info);
	t->reg = netsnmp_create_handler_registration(d->name, table_handler,
						     d->root, d->root_len,
						     HANDLER_CAN_RONLY);
	cache = netsnmp_cache_create(RFC_REFRESH_S, cache_load, cache_free,
				     d->root, d->root_len);
	if (!t->td || !ti || !t->reg || !cache)
		goto fail;
	t->reg->handler->myvoid = t;
	rfc_row_index_types(kind, ti);
	ti->min_column = d->min_col;
	ti->max_column = d->max_col;
	cache->magic = t;
	cache->flags = NETSNMP_CACHE_DONT_AUTO_RELEASE;
	if (netsnmp_tdata_register(t->reg, t->td, ti) != MIB_REGISTERED_OK) {
		/* the registration and ti are gone with the failure */
		t->reg = NULL;
		netsnmp_cache_free(cache);
		return -EIO;
	}
	h = netsnmp_cache_handler_get(cache);
	netsnmp_cache_handler_owns_cache(h);
	/* first in the chain: the table helpers look the rows up */
	netsnmp_inject_handler(t->reg, h);
	return 0;
fail:
	if (cache)
		netsnmp_cache_free(cache);
	if (t->reg)
		netsnmp_handler_registration_free(t->reg);
	t->reg = NULL;
	SNMP_FREE(ti);
	return -ENOMEM;
}

static void unregister_table(struct rfc_table_reg *t)
{
	if (t->reg)
		netsnmp_unregister_handler(t->reg);
	t->reg = NULL;
	if (t->td) {
		rfc_rows_clear(t);
		netsnmp_tdata_delete_table(t->td);
		t->td = NULL;
	}
}

struct totals_ctx {
	struct vrrp_snmp_rfc_totals t;
	bool v3;
};

static void add_totals(const struct vrrp_run_view *v, void *ctx)
{
	struct totals_ctx *c = ctx;

	if (c->v3 ? vrrp_snmp_rfc_in_v3(v) : vrrp_snmp_rfc_in_v2(v))
		vrrp_snmp_rfc_add_totals(&c->t, v);
}

/* The router-wide counters: the rows' own summed, and the packets of no
 * instance's VRID (which belong to no row, so both MIBs count them). */
static uint64_t router_count(struct vrrp_snmp_rfc *s, enum rfc_scalar id)
{
	struct totals_ctx c = {
		.v3 = id >= S_V3_CHECKSUM,
	};

	if (id == S_V2_VRID || id == S_V3_VRID)
		return vrrp_run_vrid_errors(s->run, NULL);
	vrrp_run_views(s->run, add_totals, &c);
	return id == S_V2_CHECKSUM || id == S_V3_CHECKSUM ? c.t.checksum_err :
	       c.t.version_err;
}

static void scalar_value(struct vrrp_snmp_rfc *s, enum rfc_scalar id,
			 netsnmp_variable_list *var)
{
	struct counter64 c64;
	uint64_t n, since_us;
	long l;

	switch (id) {
	case S_V2_NODE_VERSION:
		l = 2;		/* the VRRP version this MIB describes */
		snmp_set_var_typed_value(var, ASN_INTEGER, &l, sizeof(l));
		return;
	case S_V2_NOTIF_CNTL:
		l = s->o.traps ? 1 : 2;	/* enabled(1), disabled(2) */
		snmp_set_var_typed_value(var, ASN_INTEGER, &l, sizeof(l));
		return;
	case S_V2_CHECKSUM:
	case S_V2_VERSION:
	case S_V2_VRID:
		l = (long)vrrp_snmp_rfc_counter32(router_count(s, id));
		snmp_set_var_typed_value(var, ASN_COUNTER, &l, sizeof(l));
		return;
	case S_V3_DISCONTINUITY:
		/* the router counters run since the runtime started */
		vrrp_run_vrid_errors(s->run, &since_us);
		l = (long)vrrp_snmp_rfc_timestamp(
			(uint32_t)netsnmp_get_agent_uptime(),
			event_loop_now_us(s->loop), since_us);
		snmp_set_var_typed_value(var, ASN_TIMETICKS, &l, sizeof(l));
		return;
	default:
		n = router_count(s, id);
		c64.high = (u_long)(n >> 32);
		c64.low = (u_long)(n & 0xffffffffu);
		snmp_set_var_typed_value(var, ASN_COUNTER64, &c64,
					 sizeof(c64));
		return;
	}
}

static int scalar_handler(netsnmp_mib_handler *handler,
			  netsnmp_handler_registration *reg,
			  netsnmp_agent_request_info *reqinfo,
			  netsnmp_request_info *requests)
{
	struct vrrp_snmp_rfc *s = handler->myvoid;
	enum rfc_scalar id = (enum rfc_scalar)(intptr_t)reg->my_reg_void;
	netsnmp_request_info *rq;

	for (rq = requests; rq; rq = rq->next) {
		if (reqinfo->mode == MODE_GET)
			scalar_value(s, id, rq->requestvb);
		else
			netsnmp_set_request_error(reqinfo, rq,
						  SNMP_ERR_NOTWRITABLE);
	}
	return SNMP_ERR_NOERROR;
}

static int register_scalar(struct vrrp_snmp_rfc *s, enum rfc_scalar id)
{
	const struct scalar_def *d = &scalars[id];
	netsnmp_handler_registration *reg;

	if (s->nscalars == sizeof(s->scalars) / sizeof(s->scalars[0]))
		return -ENOSPC;
	reg = netsnmp_create_handler_registration(d->name, scalar_handler,
						  d->id, d->id_len,
						  HANDLER_CAN_RONLY);
	if (!reg)
		return -ENOMEM;
	reg->handler->myvoid = s;
	reg->my_reg_void = (void *)(intptr_t)id;
	if (netsnmp_register_scalar(reg) != MIB_REGISTERED_OK)
		return -EIO;
	s->scalars[s->nscalars++] = reg;
	return 0;
}

static int register_rfc_mib(struct vrrp_snmp_rfc *s, bool v3)
{
	int i, ret = 0;

	for (i = 0; i < RFC_TABLE_COUNT && !ret; i++)
		if ((i >= RFC_V3_OPER) == v3)
			ret = register_table(s, (enum rfc_table)i);
	for (i = 0; i < S_COUNT && !ret; i++)
		if (scalars[i].v3 == v3)
			ret = register_scalar(s, (enum rfc_scalar)i);
	return ret;
}

struct vrrp_snmp_rfc *vrrp_snmp_rfc_new(struct snmp_agent *agent,
					struct event_loop *loop,
					struct vrrp_run *run,
					const struct vrrp_snmp_rfc_opts *o)
{
	struct vrrp_snmp_rfc *s;
	int ret = 0;

	if (!agent || !run || (!o->v2 && !o->v3))
		return NULL;
	s = mem_new(struct vrrp_snmp_rfc);
	s->agent = agent;
	s->loop = loop;
	s->run = run;
	s->o = *o;
	/* packets cause these traps: a flood must not become one */
	s->trap_rl = (struct ratelimit)RATELIMIT_INIT(10000000, 10);
	if (o->v2)
		ret = register_rfc_mib(s, false);
	if (!ret && o->v3)
		ret = register_rfc_mib(s, true);
	if (ret < 0) {
		log_warnx("SNMP: cannot register the VRRP RFC MIBs: %s",
			  strerror(-ret));
		vrrp_snmp_rfc_free(&s);
		return NULL;
	}
	if (o->traps)
		s->observing = rfc_trap_observe(s) == 0;
	snmp_agent_sync(agent);
	return s;
}

void vrrp_snmp_rfc_free(struct vrrp_snmp_rfc **sp)
{
	struct vrrp_snmp_rfc *s = *sp;
	size_t i;

	if (!s)
		return;
	if (s->observing)
		vrrp_run_unobserve(s->run, s);
	for (i = 0; i < RFC_TABLE_COUNT; i++)
		unregister_table(&s->tables[i]);
	for (i = 0; i < s->nscalars; i++)
		netsnmp_unregister_handler(s->scalars[i]);
	snmp_agent_sync(s->agent);
	mem_free(sp);
}
