/*
 * vrrp_snmp_rfc_internal.h: what the files of the standard VRRP MIBs
 * share (vrrp_snmp_rfc.c: registration and scalars; vrrp_snmp_rfc_row.c:
 * the tables' rows and columns; vrrp_snmp_rfc_trap.c: notifications).
 */
#ifndef KA_VRRP_SNMP_RFC_INTERNAL_H
#define KA_VRRP_SNMP_RFC_INTERNAL_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "snmp_agent.h"
#include "event.h"
#include "ratelimit.h"
#include "vrrp_run.h"
#include "vrrp_snmp_rfc.h"
#include "vrrp_snmp_rfc_map.h"

/* The MIBs' roots: mib-2.68 and mib-2.207. */
#define RFC_V2_ROOT 1, 3, 6, 1, 2, 1, 68
#define RFC_V3_ROOT 1, 3, 6, 1, 2, 1, 207

/* How long a table's copy of the instances serves (net-snmp's cache
 * timeout, seconds): 0, a fresh copy for every request, so a walk reads
 * the counters as they are; vrrpv3StatisticsRefreshRate says so (in
 * milliseconds). */
#define RFC_REFRESH_S 0

enum rfc_table {
	RFC_V2_OPER,		/* vrrpOperTable */
	RFC_V2_ASSO,		/* vrrpAssoIpAddrTable */
	RFC_V2_STATS,		/* vrrpRouterStatsTable */
	RFC_V3_OPER,		/* vrrpv3OperationsTable */
	RFC_V3_ASSO,		/* vrrpv3AssociatedIpAddrTable */
	RFC_V3_STATS,		/* vrrpv3StatisticsTable */
	RFC_TABLE_COUNT,
};

/* One row as a copy of the instance (the runtime's pointers do not
 * outlive the call that gave them). Associated address rows carry
 * their address in "addr". */
struct rfc_row {
	int ifindex;
	int family;
	uint8_t vrid;
	struct vrrp_run_view v;		/* pointers not to be followed */
	struct ka_addr primary, master, addr;
	struct vrrp_stats stats;
	uint32_t up_ts;			/* TimeStamps, sysUpTime hundredths */
	uint32_t stats_ts;
};

struct rfc_table_reg {
	struct vrrp_snmp_rfc *owner;
	enum rfc_table kind;
	netsnmp_handler_registration *reg;
	netsnmp_tdata *td;
};

struct vrrp_snmp_rfc {
	struct snmp_agent *agent;
	struct event_loop *loop;
	struct vrrp_run *run;
	struct vrrp_snmp_rfc_opts o;
	struct rfc_table_reg tables[RFC_TABLE_COUNT];
	netsnmp_handler_registration *scalars[16];
	size_t nscalars;
	struct ratelimit trap_rl;	/* traps caused by received packets */
	bool observing;
};

/* vrrp_snmp_rfc_row.c: (re)fills a table from the running instances;
 * and answers a GET for a column of a row. */
void rfc_rows_load(struct rfc_table_reg *t);
void rfc_rows_clear(struct rfc_table_reg *t);
void rfc_row_column(enum rfc_table kind, const struct rfc_row *row,
		    unsigned col, netsnmp_variable_list *var);
/* Index types of a table, for the table helper (0-terminated). */
void rfc_row_index_types(enum rfc_table kind,
			 netsnmp_table_registration_info *ti);
/* Sets an InetAddress (length 4 or 16) or IpAddress value. */
void rfc_set_inet(netsnmp_variable_list *var, const struct ka_addr *a,
		  int family);
void rfc_set_ip4(netsnmp_variable_list *var, const struct ka_addr *a);

/* vrrp_snmp_rfc_trap.c: the observer of the runtime. */
/* Registers the module as an observer of its runtime: 0 or -errno. */
int rfc_trap_observe(struct vrrp_snmp_rfc *s);
#endif
