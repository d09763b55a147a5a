/*
 * snmp_tab.h: serves rows of values (snmp_row.h) through net-snmp's agent
 * library: a table with net-snmp's tdata table helper behind a short
 * cache (a walk sees one consistent picture, the next request a fresh
 * one), or a group of scalars. The module that owns the data only fills
 * rows from the daemon's live state; no GETNEXT logic of its own.
 *
 * Registration is net-snmp's global state, after snmp_agent_open();
 * every snmp_tab and snmp_scalars must be unregistered before
 * snmp_agent_close().
 */
#ifndef KA_SNMP_TAB_H
#define KA_SNMP_TAB_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "snmp_row.h"

/* Fills "rows" (empty) from the module's state; ctx is the one given at
 * registration. */
typedef void snmp_tab_fill_fn(void *ctx, struct snmp_rows *rows);

struct snmp_tab_def {
	const char *name;		/* net-snmp's handler name: unique */
	const oid *oid;			/* the table's OID (not its entry's) */
	size_t oid_len;
	size_t nidx;			/* integer indexes, 1 to 3 */
	unsigned min_col, max_col;	/* accessible columns */
	snmp_tab_fill_fn *fill;
};

struct snmp_tab;

/* NULL if net-snmp refused (logged). "def" must outlive the table. */
struct snmp_tab *snmp_tab_register(const struct snmp_tab_def *def,
				   void *ctx);
/* Unregisters, frees, NULLs *t; accepts NULL. */
void snmp_tab_unregister(struct snmp_tab **t);

/* Scalars base.subid.0 for each subid listed; fill gives one row with no
 * index whose cell of column "subid" is the scalar's value. */
struct snmp_scalars_def {
	const char *name;
	const oid *oid;			/* the group's OID */
	size_t oid_len;
	const unsigned *subids;
	size_t nsubids;
	snmp_tab_fill_fn *fill;
};

struct snmp_scalars;

struct snmp_scalars *snmp_scalars_register(const struct snmp_scalars_def *def,
					   void *ctx);
void snmp_scalars_unregister(struct snmp_scalars **s);

/* Sets a varbind from a cell (GET answers, trap varbinds). */
void snmp_tab_set_var(netsnmp_variable_list *vb, const struct snmp_cell *c);

#endif
