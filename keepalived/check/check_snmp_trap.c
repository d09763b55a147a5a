/*
 * check_snmp_trap.c: realServerStateChange and
 * virtualServerQuorumStateChange. Their varbinds are the MIB's OBJECTS,
 * each the row's own instance (the same values a walk reads), with the
 * virtual server's identity after virtualServerType as the MIB's
 * DESCRIPTION asks: the group's name, the fwmark, or address type,
 * address and port.
 */
#include "config.h"

#include <unistd.h>

#include "check_snmp_internal.h"
#include "log.h"
#include "snmp_agent.h"

static const oid trap_oid_oid[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };
static const oid router_id_oid[] = { 1, 3, 6, 1, 4, 1, 9586, 100, 5, 1, 2,
				     0 };

#define TRAP_RS 1
#define TRAP_QUORUM 2

/* check.table.1.col.index...: one column's instance. */
static size_t column_oid(oid *o, int table, unsigned col, long i1, long i2)
{
	static const oid check[] = { CK_SNMP_CHECK_OID };
	size_t n = CK_SNMP_CHECK_OID_LEN;

	memcpy(o, check, sizeof(check));
	o[n++] = table;
	o[n++] = 1;
	o[n++] = col;
	o[n++] = i1;
	if (i2)
		o[n++] = i2;
	return n;
}

/* Appends one column of the row; a column the row leaves out is left
 * out of the trap too. */
static void add_vs(netsnmp_variable_list **vars, const struct check_snmp *s,
		   const struct ck_vs_run *vs, long ivs, unsigned col)
{
	oid o[MAX_OID_LEN];
	size_t n = column_oid(o, CK_SNMP_VS_TABLE, col, ivs, 0);
	netsnmp_variable_list *v;

	v = snmp_varlist_add_variable(vars, o, n, ASN_NULL, NULL, 0);
	if (v && ck_snmp_vs_column(s, vs, col, v) < 0)
		snmp_set_var_typed_value(v, ASN_NULL, NULL, 0);
}

static void add_rs(netsnmp_variable_list **vars, const struct check_snmp *s,
		   const struct ck_rs_run *rs, long ivs, long irs,
		   unsigned col)
{
	oid o[MAX_OID_LEN];
	size_t n = column_oid(o, CK_SNMP_RS_TABLE, col, ivs, irs);
	netsnmp_variable_list *v;

	v = snmp_varlist_add_variable(vars, o, n, ASN_NULL, NULL, 0);
	if (v && ck_snmp_rs_column(s, rs, col, v) < 0)
		snmp_set_var_typed_value(v, ASN_NULL, NULL, 0);
}

static netsnmp_variable_list *trap_start(int which)
{
	static const oid traps[] = { CK_SNMP_CHECK_OID, CK_SNMP_TRAPS, 0, 0 };
	netsnmp_variable_list *vars = NULL;
	oid t[OID_LENGTH(traps)];

	memcpy(t, traps, sizeof(traps));
	t[OID_LENGTH(t) - 1] = which;
	snmp_varlist_add_variable(&vars, trap_oid_oid,
				  OID_LENGTH(trap_oid_oid), ASN_OBJECT_ID,
				  t, sizeof(t));
	return vars;
}

/* virtualServerType and the identity its value calls for. */
static void add_vs_identity(netsnmp_variable_list **vars,
			    const struct check_snmp *s,
			    const struct ck_vs_run *vs, long ivs)
{
	add_vs(vars, s, vs, ivs, 2);
	switch (vs->conf->kind) {
	case CK_VS_GROUP:
		add_vs(vars, s, vs, ivs, 3);
		break;
	case CK_VS_FWMARK:
		add_vs(vars, s, vs, ivs, 4);
		break;
	case CK_VS_ADDR:
		add_vs(vars, s, vs, ivs, 5);
		add_vs(vars, s, vs, ivs, 6);
		add_vs(vars, s, vs, ivs, 7);
		break;
	}
}

/* router_id, else the host name, as the alerts and keepalived say. */
static void add_router_id(netsnmp_variable_list **vars,
			  const struct check_snmp *s)
{
	char host[256] = "";
	const char *id = s->gd ? s->gd->router_id : NULL;

	if (!id) {
		if (gethostname(host, sizeof(host) - 1) < 0)
			host[0] = '\0';
		id = host;
	}
	snmp_varlist_add_variable(vars, router_id_oid,
				  OID_LENGTH(router_id_oid), ASN_OCTET_STR,
				  id, strlen(id));
}

static void trap_send(struct check_snmp *s, netsnmp_variable_list *vars,
		 const char *what)
{
	if (snmp_agent_trap(s->agent, vars) < 0)
		log_warnx("SNMP: cannot send the %s trap", what);
	snmp_free_varbind(vars);
}

void ck_snmp_trap_rs(struct check_snmp *s, const struct ck_vs_run *vs,
		     const struct ck_rs_run *rs)
{
	netsnmp_variable_list *vars = trap_start(TRAP_RS);
	long ivs = ck_snmp_vs_index(s, vs), irs = ck_snmp_rs_index(rs);
	static const unsigned rs_cols[] = { 3, 4, 5, 6 };
	size_t i;

	if (!vars || !ivs || !irs) {
		snmp_free_varbind(vars);
		return;
	}
	for (i = 0; i < sizeof(rs_cols) / sizeof(rs_cols[0]); i++)
		add_rs(&vars, s, rs, ivs, irs, rs_cols[i]);
	add_vs_identity(&vars, s, vs, ivs);
	add_vs(&vars, s, vs, ivs, 8);		/* virtualServerProtocol */
	add_vs(&vars, s, vs, ivs, 21);		/* ...RealServersUp */
	add_vs(&vars, s, vs, ivs, 20);		/* ...RealServersTotal */
	add_router_id(&vars, s);
	trap_send(s, vars, "realServerStateChange");
}

void ck_snmp_trap_quorum(struct check_snmp *s, const struct ck_vs_run *vs)
{
	netsnmp_variable_list *vars = trap_start(TRAP_QUORUM);
	long ivs = ck_snmp_vs_index(s, vs);
	static const unsigned vs_cols[] = { 8, 23, 22, 21, 20 };
	size_t i;

	if (!vars || !ivs) {
		snmp_free_varbind(vars);
		return;
	}
	add_vs_identity(&vars, s, vs, ivs);
	for (i = 0; i < sizeof(vs_cols) / sizeof(vs_cols[0]); i++)
		add_vs(&vars, s, vs, ivs, vs_cols[i]);
	add_router_id(&vars, s);
	trap_send(s, vars, "virtualServerQuorumStateChange");
}
