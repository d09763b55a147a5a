/*
 * check_snmp.c: registers the check subtree's tables with net-snmp's
 * table iterator, which does the GETNEXT ordering from our first/next
 * functions; an object a row leaves out answers noSuchInstance, which
 * the agent's GETNEXT loop steps over. The tables walk the live lists on
 * every request: nothing is cached, so a reload or a state change shows
 * at once.
 */
#include "config.h"

#include <errno.h>

#include "check_snmp_internal.h"
#include "check_snmp_val.h"
#include "log.h"
#include "memory.h"
#include "snmp_agent.h"

static const oid check_oid[] = { CK_SNMP_CHECK_OID };

/* ---- iteration ----------------------------------------------------- */

static struct check_snmp *owner(netsnmp_iterator_info *ii)
{
	return ii->myvoid;
}

static netsnmp_variable_list *put_index(netsnmp_variable_list *idx, long a,
					long b, bool two)
{
	snmp_set_var_typed_integer(idx, ASN_INTEGER, a);
	if (two)
		snmp_set_var_typed_integer(idx->next_variable, ASN_INTEGER,
					   b);
	return idx;
}

static netsnmp_variable_list *vsg_at(struct ck_snmp_pos *p,
				     const struct list_node *n,
				     void **loop, void **data,
				     netsnmp_variable_list *idx)
{
	if (!n)
		return NULL;
	p->outer = list_entry(n, struct ck_vsg_conf, node);
	p->iouter++;
	*loop = p;
	*data = (void *)p->outer;
	return put_index(idx, p->iouter, 0, false);
}

static netsnmp_variable_list *vsg_first(void **loop, void **data,
					netsnmp_variable_list *idx,
					netsnmp_iterator_info *ii)
{
	struct check_snmp *s = owner(ii);
	struct ck_snmp_pos *p = &s->pos[0];

	if (!s->conf)
		return NULL;
	p->iouter = 0;
	return vsg_at(p, list_first(&s->conf->groups), loop, data, idx);
}

static netsnmp_variable_list *vsg_next(void **loop, void **data,
				       netsnmp_variable_list *idx,
				       netsnmp_iterator_info *ii)
{
	struct check_snmp *s = owner(ii);
	struct ck_snmp_pos *p = *loop;
	const struct ck_vsg_conf *g = p->outer;

	return vsg_at(p, list_next(&s->conf->groups, &g->node), loop, data,
		      idx);
}

/* Members: the first entry at or after group "g" (entry "n" of it, or
 * its first when n is NULL), skipping empty groups. */
static netsnmp_variable_list *member_from(struct check_snmp *s,
					  struct ck_snmp_pos *p,
					  const struct ck_vsg_conf *g,
					  const struct list_node *n,
					  void **loop, void **data,
					  netsnmp_variable_list *idx)
{
	const struct list_node *gn;

	while (g && !n) {
		gn = list_next(&s->conf->groups, &g->node);
		g = gn ? list_entry(gn, struct ck_vsg_conf, node) : NULL;
		p->iouter++;
		p->iinner = 0;
		if (g)
			n = list_first(&g->entries);
	}
	if (!g)
		return NULL;
	p->outer = g;
	p->inner = list_entry(n, struct ck_vsg_entry, node);
	p->iinner++;
	*loop = p;
	*data = (void *)p->inner;
	return put_index(idx, p->iouter, p->iinner, true);
}

static netsnmp_variable_list *member_first(void **loop, void **data,
					   netsnmp_variable_list *idx,
					   netsnmp_iterator_info *ii)
{
	struct check_snmp *s = owner(ii);
	struct ck_snmp_pos *p = &s->pos[1];
	const struct ck_vsg_conf *g;

	if (!s->conf)
		return NULL;
	g = list_first_entry(&s->conf->groups, struct ck_vsg_conf, node);
	if (!g)
		return NULL;
	p->iouter = 1;
	p->iinner = 0;
	return member_from(s, p, g, list_first(&g->entries), loop, data,
			   idx);
}

static netsnmp_variable_list *member_next(void **loop, void **data,
					  netsnmp_variable_list *idx,
					  netsnmp_iterator_info *ii)
{
	struct check_snmp *s = owner(ii);
	struct ck_snmp_pos *p = *loop;
	const struct ck_vsg_conf *g = p->outer;
	const struct ck_vsg_entry *e = p->inner;

	return member_from(s, p, g, list_next(&g->entries, &e->node), loop,
			   data, idx);
}

static netsnmp_variable_list *vs_at(struct ck_snmp_pos *p,
				    const struct list_node *n, void **loop,
				    void **data, netsnmp_variable_list *idx)
{
	if (!n)
		return NULL;
	p->outer = list_entry(n, struct ck_vs_run, node);
	p->iouter++;
	*loop = p;
	*data = (void *)p->outer;
	return put_index(idx, p->iouter, 0, false);
}

static netsnmp_variable_list *vs_first(void **loop, void **data,
				       netsnmp_variable_list *idx,
				       netsnmp_iterator_info *ii)
{
	struct check_snmp *s = owner(ii);
	struct ck_snmp_pos *p = &s->pos[2];

	p->iouter = 0;
	return vs_at(p, list_first(&s->run->vss), loop, data, idx);
}

static netsnmp_variable_list *vs_next(void **loop, void **data,
				      netsnmp_variable_list *idx,
				      netsnmp_iterator_info *ii)
{
	struct check_snmp *s = owner(ii);
	struct ck_snmp_pos *p = *loop;
	const struct ck_vs_run *vs = p->outer;

	return vs_at(p, list_next(&s->run->vss, &vs->node), loop, data, idx);
}

/* The row after "rs" in vs (NULL: its first): its real servers, then
 * its sorry server. */
static const struct ck_rs_run *rs_after(const struct ck_vs_run *vs,
					const struct ck_rs_run *rs)
{
	const struct list_node *n;

	if (rs && rs->is_sorry)
		return NULL;
	n = rs ? list_next(&vs->rss, &rs->node) : list_first(&vs->rss);
	if (n)
		return list_entry(n, struct ck_rs_run, node);
	return vs->sorry;
}

static netsnmp_variable_list *rs_from(struct check_snmp *s,
				      struct ck_snmp_pos *p,
				      const struct ck_vs_run *vs,
				      const struct ck_rs_run *rs,
				      void **loop, void **data,
				      netsnmp_variable_list *idx)
{
	const struct list_node *n;

	while (vs && !rs) {
		n = list_next(&s->run->vss, &vs->node);
		vs = n ? list_entry(n, struct ck_vs_run, node) : NULL;
		p->iouter++;
		p->iinner = 0;
		if (vs)
			rs = rs_after(vs, NULL);
	}
	if (!vs)
		return NULL;
	p->outer = vs;
	p->inner = rs;
	p->iinner++;
	*loop = p;
	*data = (void *)rs;
	return put_index(idx, p->iouter, p->iinner, true);
}

static netsnmp_variable_list *rs_first(void **loop, void **data,
				       netsnmp_variable_list *idx,
				       netsnmp_iterator_info *ii)
{
	struct check_snmp *s = owner(ii);
	struct ck_snmp_pos *p = &s->pos[3];
	const struct ck_vs_run *vs;

	vs = list_first_entry(&s->run->vss, struct ck_vs_run, node);
	if (!vs)
		return NULL;
	p->iouter = 1;
	p->iinner = 0;
	return rs_from(s, p, vs, rs_after(vs, NULL), loop, data, idx);
}

static netsnmp_variable_list *rs_next(void **loop, void **data,
				      netsnmp_variable_list *idx,
				      netsnmp_iterator_info *ii)
{
	struct check_snmp *s = owner(ii);
	struct ck_snmp_pos *p = *loop;
	const struct ck_vs_run *vs = p->outer;

	return rs_from(s, p, vs, rs_after(vs, p->inner), loop, data, idx);
}

/* ---- values -------------------------------------------------------- */

static int vsg_column(const struct ck_vsg_conf *g, unsigned col,
		      netsnmp_variable_list *var)
{
	if (col != 2)			/* virtualServerGroupName */
		return -ENOENT;
	ck_snmp_set_str(var, g->name);
	return 0;
}

static int member_column(const struct ck_vsg_entry *e, unsigned col,
			 netsnmp_variable_list *var)
{
	int type = ck_snmp_vsg_member_type(e);

	switch (col) {
	case 2:				/* ...MemberType */
		ck_snmp_set_int(var, type);
		return 0;
	case 3:				/* ...MemberFwMark */
		if (type != 1)
			return -ENOENT;
		ck_snmp_set_u32(var, e->fwmark);
		return 0;
	case 4:				/* ...MemberAddrType */
		if (type == 1)
			return -ENOENT;
		ck_snmp_set_int(var, ck_snmp_addr_type(e->first.family));
		return 0;
	case 5:				/* ...MemberAddress */
		return type == 2 ? ck_snmp_set_addr(var, &e->first) : -ENOENT;
	case 6:				/* ...MemberAddr1 */
		return type == 3 ? ck_snmp_set_addr(var, &e->first) : -ENOENT;
	case 7:				/* ...MemberAddr2 */
		return type == 3 ? ck_snmp_set_addr(var, &e->last) : -ENOENT;
	case 8:				/* ...MemberPort */
		if (type == 1)
			return -ENOENT;
		ck_snmp_set_u32(var, e->port);
		return 0;
	}
	return -ENOENT;
}

/* One handler for the four tables: net-snmp has found the row (the
 * iterator's data context); "which" tells the table. */
static int table_handler(netsnmp_mib_handler *h,
			 netsnmp_handler_registration *reg,
			 netsnmp_agent_request_info *ri,
			 netsnmp_request_info *req)
{
	const struct check_snmp *s = h->myvoid;
	int which = reg->rootoid[reg->rootoid_len - 1];
	netsnmp_table_request_info *ti;
	const void *row;
	int r;

	if (ri->mode != MODE_GET)
		return SNMP_ERR_NOERROR;
	for (; req; req = req->next) {
		if (req->processed)
			continue;
		row = netsnmp_extract_iterator_context(req);
		ti = netsnmp_extract_table_info(req);
		r = -ENOENT;
		if (row && ti && which == CK_SNMP_VSG_TABLE)
			r = vsg_column(row, ti->colnum, req->requestvb);
		else if (row && ti && which == CK_SNMP_VSG_MEMBER_TABLE)
			r = member_column(row, ti->colnum, req->requestvb);
		else if (row && ti && which == CK_SNMP_VS_TABLE)
			r = ck_snmp_vs_column(s, row, ti->colnum,
					      req->requestvb);
		else if (row && ti && which == CK_SNMP_RS_TABLE)
			r = ck_snmp_rs_column(s, row, ti->colnum,
					      req->requestvb);
		if (r < 0)
			netsnmp_set_request_error(ri, req,
						  SNMP_NOSUCHINSTANCE);
	}
	return SNMP_ERR_NOERROR;
}

#define TIMEOUT_SUBID (CK_SNMP_CHECK_OID_LEN + 1)

/* lvsTimeouts: the configured values; 0 (left to the kernel) is not
 * one the MIB allows, so it is left out. */
static int timeouts_handler(netsnmp_mib_handler *h,
			    netsnmp_handler_registration *reg_unused,
			    netsnmp_agent_request_info *ri,
			    netsnmp_request_info *req)
{
	const struct check_snmp *s = h->myvoid;
	const struct gd_lvs_timeouts *t;
	unsigned long v;

	(void)reg_unused;
	if (ri->mode != MODE_GET)
		return SNMP_ERR_NOERROR;
	for (; req; req = req->next) {
		v = 0;
		t = s->gd ? &s->gd->lvs_timeouts : NULL;
		/* check.7.N.0: the scalar group helper hands us the
		 * instance as the registration's root, so count from the
		 * subtree's own OID. */
		if (t && req->requestvb->name_length > TIMEOUT_SUBID) {
			switch (req->requestvb->name[TIMEOUT_SUBID]) {
			case 1:
				v = t->tcp;
				break;
			case 2:
				v = t->tcpfin;
				break;
			case 3:
				v = t->udp;
				break;
			}
		}
		if (v)
			ck_snmp_set_int(req->requestvb, (long)v);
		else
			netsnmp_set_request_error(ri, req,
						  SNMP_NOSUCHINSTANCE);
	}
	return SNMP_ERR_NOERROR;
}

/* ---- registration -------------------------------------------------- */

struct table_def {
	const char *name;
	int sub;
	int nindex;
	unsigned max_col;
	Netsnmp_First_Data_Point *first;
	Netsnmp_Next_Data_Point *next;
};

static const struct table_def tables[CK_SNMP_NTABLES] = {
	{ "virtualServerGroupTable", CK_SNMP_VSG_TABLE, 1, 2,
	  vsg_first, vsg_next },
	{ "virtualServerGroupMemberTable", CK_SNMP_VSG_MEMBER_TABLE, 2, 8,
	  member_first, member_next },
	{ "virtualServerTable", CK_SNMP_VS_TABLE, 1, 71, vs_first, vs_next },
	{ "realServerTable", CK_SNMP_RS_TABLE, 2, 55, rs_first, rs_next },
};

static netsnmp_handler_registration *make_reg(struct check_snmp *s,
					      const char *name, int sub,
					      Netsnmp_Node_Handler *fn)
{
	oid o[CK_SNMP_CHECK_OID_LEN + 1];
	netsnmp_handler_registration *reg;

	memcpy(o, check_oid, sizeof(check_oid));
	o[CK_SNMP_CHECK_OID_LEN] = sub;
	reg = netsnmp_create_handler_registration(name, fn, o,
						  OID_LENGTH(o),
						  HANDLER_CAN_RONLY);
	if (reg)
		reg->handler->myvoid = s;
	return reg;
}

static int register_table(struct check_snmp *s, const struct table_def *d,
			  netsnmp_handler_registration **out)
{
	netsnmp_handler_registration *reg;
	netsnmp_table_registration_info *ti;
	netsnmp_iterator_info *ii;

	reg = make_reg(s, d->name, d->sub, table_handler);
	ti = SNMP_MALLOC_TYPEDEF(netsnmp_table_registration_info);
	ii = SNMP_MALLOC_TYPEDEF(netsnmp_iterator_info);
	if (!reg || !ti || !ii)
		return -ENOMEM;
	if (d->nindex == 2)
		netsnmp_table_helper_add_indexes(ti, ASN_INTEGER, ASN_INTEGER,
						 0);
	else
		netsnmp_table_helper_add_indexes(ti, ASN_INTEGER, 0);
	ti->min_column = 2;
	ti->max_column = d->max_col;
	ii->get_first_data_point = d->first;
	ii->get_next_data_point = d->next;
	ii->myvoid = s;
	ii->table_reginfo = ti;
	if (netsnmp_register_table_iterator(reg, ii) != MIB_REGISTERED_OK)
		return -EINVAL;
	*out = reg;
	return 0;
}

static int register_timeouts(struct check_snmp *s,
			     netsnmp_handler_registration **out)
{
	netsnmp_handler_registration *reg;

	reg = make_reg(s, "lvsTimeouts", CK_SNMP_LVS_TIMEOUTS,
		       timeouts_handler);
	if (!reg)
		return -ENOMEM;
	if (netsnmp_register_scalar_group(reg, 1, 3) != MIB_REGISTERED_OK)
		return -EINVAL;
	*out = reg;
	return 0;
}

struct check_snmp *check_snmp_new(struct snmp_agent *a,
				  const struct check_run *r,
				  const struct check_conf *c,
				  const struct global_data *gd)
{
	struct check_snmp *s = mem_new(struct check_snmp);
	int i, rc = 0;

	s->agent = a;
	s->run = r;
	check_snmp_set_conf(s, c, gd);
	for (i = 0; i < CK_SNMP_NTABLES && rc == 0; i++)
		rc = register_table(s, &tables[i], &s->reg[i]);
	if (rc == 0)
		rc = register_timeouts(s, &s->reg[CK_SNMP_NTABLES]);
	if (rc < 0) {
		log_warnx("SNMP: cannot register KEEPALIVED-MIB's check "
			  "objects: %s", strerror(-rc));
		check_snmp_free(&s);
		return NULL;
	}
	snmp_agent_sync(a);
	return s;
}

void check_snmp_set_conf(struct check_snmp *s, const struct check_conf *c,
			 const struct global_data *gd)
{
	s->conf = c;
	s->gd = gd;
}

void check_snmp_change(struct check_snmp *s,
		       const struct check_run_change *ch)
{
	if (!s || !s->gd || !s->gd->snmp_traps)
		return;
	if (ch->rs)
		ck_snmp_trap_rs(s, ch->vs, ch->rs);
	else
		ck_snmp_trap_quorum(s, ch->vs);
}

void check_snmp_free(struct check_snmp **sp)
{
	struct check_snmp *s = sp ? *sp : NULL;
	size_t i;

	if (!s)
		return;
	for (i = 0; i < sizeof(s->reg) / sizeof(s->reg[0]); i++)
		if (s->reg[i])
			netsnmp_unregister_handler(s->reg[i]);
	snmp_agent_sync(s->agent);
	mem_free(sp);
}
