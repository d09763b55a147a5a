/*
 * snmp_tab.c: rows of values served with net-snmp's table_tdata and
 * cache helpers, and scalars with its scalar helper (snmp_tab.h).
 */
#include "config.h"

#include <string.h>

#include "log.h"
#include "memory.h"
#include "snmp_tab.h"

/* Long enough for one walk to see one picture, short enough that the
 * next poll sees the state of now. */
#define SNMP_TAB_CACHE_S 1

struct snmp_tab {
	const struct snmp_tab_def *def;
	void *ctx;
	netsnmp_handler_registration *reg;
	netsnmp_tdata *tdata;
	netsnmp_table_registration_info *info;	/* ours: not freed by
						 * net-snmp's table helper */
	netsnmp_cache *cache;
	struct snmp_rows rows;
	bool loaded;
};

void snmp_tab_set_var(netsnmp_variable_list *vb, const struct snmp_cell *c)
{
	long l;
	u_long u;
	struct counter64 c64;

	switch (c->type) {
	case SNMP_CELL_INT:
		l = (long)c->i;
		snmp_set_var_typed_value(vb, ASN_INTEGER, &l, sizeof(l));
		break;
	case SNMP_CELL_UINT:
		u = (u_long)c->u;
		snmp_set_var_typed_value(vb, ASN_GAUGE, &u, sizeof(u));
		break;
	case SNMP_CELL_COUNTER:
		u = (u_long)c->u;
		snmp_set_var_typed_value(vb, ASN_COUNTER, &u, sizeof(u));
		break;
	case SNMP_CELL_COUNTER64:
		c64.high = (u_long)(c->u >> 32);
		c64.low = (u_long)(c->u & 0xffffffffu);
		snmp_set_var_typed_value(vb, ASN_COUNTER64, &c64, sizeof(c64));
		break;
	case SNMP_CELL_STR:
		snmp_set_var_typed_value(vb, ASN_OCTET_STR, c->str, c->len);
		break;
	case SNMP_CELL_NONE:
		break;
	}
}

static void tab_drop_rows(struct snmp_tab *t)
{
	netsnmp_tdata_row *tr;

	while ((tr = netsnmp_tdata_row_first(t->tdata)))
		netsnmp_tdata_remove_and_delete_row(t->tdata, tr);
	snmp_rows_clear(&t->rows);
	t->loaded = false;
}

static int tab_load(netsnmp_cache *cache, void *magic)
{
	struct snmp_tab *t = magic;
	netsnmp_tdata_row *tr;
	size_t i, k;
	long v;

	(void)cache;
	if (t->loaded)
		tab_drop_rows(t);
	t->def->fill(t->ctx, &t->rows);
	for (i = 0; i < t->rows.n; i++) {
		tr = netsnmp_tdata_create_row();
		if (!tr)
			break;
		tr->data = t->rows.rows[i];
		for (k = 0; k < t->rows.rows[i]->nidx; k++) {
			v = (long)t->rows.rows[i]->idx[k];
			netsnmp_tdata_row_add_index(tr, ASN_INTEGER, &v,
						    sizeof(v));
		}
		if (netsnmp_tdata_add_row(t->tdata, tr) != SNMPERR_SUCCESS)
			netsnmp_tdata_delete_row(tr);	/* a duplicate */
	}
	t->loaded = true;
	return 0;
}

static void tab_free(netsnmp_cache *cache, void *magic)
{
	(void)cache;
	tab_drop_rows(magic);
}

static int tab_handler(netsnmp_mib_handler *h,
		       netsnmp_handler_registration *reg,
		       netsnmp_agent_request_info *reqinfo,
		       netsnmp_request_info *requests)
{
	netsnmp_request_info *req;
	netsnmp_table_request_info *ti;
	const struct snmp_row *row;
	const struct snmp_cell *c;

	(void)h;
	(void)reg;
	if (reqinfo->mode != MODE_GET && reqinfo->mode != MODE_GETNEXT)
		return SNMP_ERR_NOERROR;
	for (req = requests; req; req = req->next) {
		if (req->processed)
			continue;
		row = netsnmp_tdata_extract_entry(req);
		ti = netsnmp_extract_table_info(req);
		c = row && ti ? snmp_row_cell(row, ti->colnum) : NULL;
		if (c)
			snmp_tab_set_var(req->requestvb, c);
		else
			netsnmp_set_request_error(reqinfo, req,
						  SNMP_NOSUCHINSTANCE);
	}
	return SNMP_ERR_NOERROR;
}

static netsnmp_table_registration_info *
tab_info(const struct snmp_tab_def *def)
{
	netsnmp_table_registration_info *info =
		SNMP_MALLOC_TYPEDEF(netsnmp_table_registration_info);
	size_t k;

	if (!info)
		return NULL;
	for (k = 0; k < def->nidx; k++)
		netsnmp_table_helper_add_index(info, ASN_INTEGER);
	info->min_column = def->min_col;
	info->max_column = def->max_col;
	return info;
}

/* The cache is not owned by its handler: net-snmp keeps it on a list
 * of its own, whose periodic release would call tab_free() on a freed
 * table if it stayed there. */
static void tab_cache_free(struct snmp_tab *t)
{
	if (!t->cache)
		return;
	netsnmp_cache_remove(t->cache);
	netsnmp_cache_free(t->cache);	/* tab_free() if loaded */
	t->cache = NULL;
}

/*
 * The handlers, top down: table (parses the index), cache (loads the
 * rows), the container's lookup of the row, tdata (hands us the row),
 * ours. The chain is complete before it is registered: net-snmp
 * registers a copy of it where the OID splits an existing subtree. A
 * cell we have no value for answers noSuchInstance, which the agent's
 * GETNEXT loop steps over by itself (net-snmp's sparse-table helper
 * made GETs of this chain fail: not used).
 */
static int tab_chain(struct snmp_tab *t,
		     netsnmp_table_registration_info *info)
{
	netsnmp_inject_handler(t->reg, netsnmp_get_tdata_handler(t->tdata));
	netsnmp_inject_handler(t->reg, netsnmp_container_table_handler_get(
				       info, t->tdata->container,
				       TABLE_CONTAINER_KEY_NETSNMP_INDEX));
	netsnmp_inject_handler(t->reg, netsnmp_cache_handler_get(t->cache));
	return netsnmp_register_table(t->reg, info);
}

struct snmp_tab *snmp_tab_register(const struct snmp_tab_def *def,
				   void *ctx)
{
	struct snmp_tab *t = mem_new(struct snmp_tab);
	netsnmp_table_registration_info *info = tab_info(def);

	t->info = info;
	t->def = def;
	t->ctx = ctx;
	t->reg = netsnmp_create_handler_registration(def->name, tab_handler,
						     def->oid, def->oid_len,
						     HANDLER_CAN_RONLY);
	t->tdata = netsnmp_tdata_create_table(def->name, 0);
	t->cache = netsnmp_cache_create(SNMP_TAB_CACHE_S, tab_load, tab_free,
					def->oid, def->oid_len);
	if (!info || !t->reg || !t->tdata || !t->cache)
		goto fail;
	t->cache->magic = t;
	t->cache->flags = NETSNMP_CACHE_DONT_INVALIDATE_ON_SET;
	if (tab_chain(t, info) != MIB_REGISTERED_OK) {
		t->reg = NULL;		/* freed by net-snmp on failure */
		goto fail;
	}
	return t;
fail:
	log_warnx("SNMP: cannot register %s", def->name);
	if (info)
		netsnmp_table_registration_info_free(info);
	if (t->reg)
		netsnmp_handler_registration_free(t->reg);
	tab_cache_free(t);
	if (t->tdata)
		netsnmp_tdata_delete_table(t->tdata);
	mem_free(&t);
	return NULL;
}

void snmp_tab_unregister(struct snmp_tab **tp)
{
	struct snmp_tab *t = *tp;

	if (!t)
		return;
	/* frees the registration and its handlers */
	netsnmp_unregister_handler(t->reg);
	netsnmp_table_registration_info_free(t->info);
	tab_cache_free(t);
	tab_drop_rows(t);
	netsnmp_tdata_delete_table(t->tdata);
	mem_free(tp);
}

/* Scalars. */

struct snmp_scalars {
	const struct snmp_scalars_def *def;
	void *ctx;
	netsnmp_handler_registration **regs;
	size_t nregs;
};

static int scalar_handler(netsnmp_mib_handler *h,
			  netsnmp_handler_registration *reg,
			  netsnmp_agent_request_info *reqinfo,
			  netsnmp_request_info *requests)
{
	struct snmp_scalars *s = h->myvoid;
	struct snmp_rows rows = { 0 };
	netsnmp_request_info *req;
	const struct snmp_cell *c;
	unsigned subid;

	(void)reg;
	if (reqinfo->mode != MODE_GET)
		return SNMP_ERR_NOERROR;
	s->def->fill(s->ctx, &rows);
	for (req = requests; req; req = req->next) {
		c = NULL;
		if (rows.n && req->requestvb->name_length > s->def->oid_len) {
			subid = (unsigned)req->requestvb->name[s->def->oid_len];
			c = snmp_row_cell(rows.rows[0], subid);
		}
		if (c)
			snmp_tab_set_var(req->requestvb, c);
		else
			netsnmp_set_request_error(reqinfo, req,
						  SNMP_NOSUCHINSTANCE);
	}
	snmp_rows_clear(&rows);
	return SNMP_ERR_NOERROR;
}

static netsnmp_handler_registration *scalar_reg(struct snmp_scalars *s,
						unsigned subid)
{
	const struct snmp_scalars_def *def = s->def;
	netsnmp_handler_registration *reg;
	oid o[MAX_OID_LEN];

	if (def->oid_len + 1 >= MAX_OID_LEN)
		return NULL;
	memcpy(o, def->oid, def->oid_len * sizeof(oid));
	o[def->oid_len] = subid;
	reg = netsnmp_create_handler_registration(def->name, scalar_handler,
						  o, def->oid_len + 1,
						  HANDLER_CAN_RONLY);
	if (!reg)
		return NULL;
	reg->handler->myvoid = s;
	if (netsnmp_register_scalar(reg) != MIB_REGISTERED_OK)
		return NULL;	/* freed by net-snmp */
	return reg;
}

struct snmp_scalars *snmp_scalars_register(const struct snmp_scalars_def *def,
					   void *ctx)
{
	struct snmp_scalars *s = mem_new(struct snmp_scalars);
	netsnmp_handler_registration *reg;
	size_t i;

	s->def = def;
	s->ctx = ctx;
	s->regs = mem_reallocarray(NULL, def->nsubids, sizeof(*s->regs));
	for (i = 0; i < def->nsubids; i++) {
		reg = scalar_reg(s, def->subids[i]);
		if (!reg) {
			log_warnx("SNMP: cannot register %s.%u", def->name,
				  def->subids[i]);
			continue;
		}
		s->regs[s->nregs++] = reg;
	}
	return s;
}

void snmp_scalars_unregister(struct snmp_scalars **sp)
{
	struct snmp_scalars *s = *sp;
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nregs; i++)
		netsnmp_unregister_handler(s->regs[i]);
	mem_free(&s->regs);
	mem_free(sp);
}
