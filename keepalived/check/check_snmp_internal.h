/*
 * check_snmp_internal.h: shared by check_snmp*.c only. The tables read
 * the framework's runtime objects (check_run_internal.h) read-only, as
 * check_run_dump.c does.
 */
#ifndef KA_CHECK_SNMP_INTERNAL_H
#define KA_CHECK_SNMP_INTERNAL_H

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "check_run_internal.h"
#include "check_snmp.h"

/* KEEPALIVED-MIB: keepalived is { debian(9586) 100 5 }, check its 3. */
#define CK_SNMP_CHECK_OID 1, 3, 6, 1, 4, 1, 9586, 100, 5, 3
#define CK_SNMP_CHECK_OID_LEN 10
/* The subtrees of check. */
enum {
	CK_SNMP_VSG_TABLE = 1,
	CK_SNMP_VSG_MEMBER_TABLE = 2,
	CK_SNMP_VS_TABLE = 3,
	CK_SNMP_RS_TABLE = 4,
	CK_SNMP_TRAPS = 5,
	CK_SNMP_LVS_TIMEOUTS = 7,
};

/* Where an iteration over a table is (net-snmp's loop context). */
struct ck_snmp_pos {
	const void *outer, *inner;
	long iouter, iinner;
};

enum { CK_SNMP_NTABLES = 4 };

struct check_snmp {
	struct snmp_agent *agent;
	const struct check_run *run;
	const struct check_conf *conf;
	const struct global_data *gd;
	netsnmp_handler_registration *reg[CK_SNMP_NTABLES + 1];
	struct ck_snmp_pos pos[CK_SNMP_NTABLES];
};

/* A column's value into "var": 0, or -ENOENT when the row has no value
 * for it (the object is left out). */
int ck_snmp_vs_column(const struct check_snmp *s, const struct ck_vs_run *vs,
		      unsigned col, netsnmp_variable_list *var);
int ck_snmp_rs_column(const struct check_snmp *s, const struct ck_rs_run *rs,
		      unsigned col, netsnmp_variable_list *var);

/* Row numbers, from 1 in configuration order; 0 if not found. */
long ck_snmp_vs_index(const struct check_snmp *s, const struct ck_vs_run *vs);
long ck_snmp_rs_index(const struct ck_rs_run *rs);

/* Typed setters (check_snmp_set.c). */
void ck_snmp_set_int(netsnmp_variable_list *v, long n);
void ck_snmp_set_u32(netsnmp_variable_list *v, uint32_t n);
void ck_snmp_set_gauge(netsnmp_variable_list *v, uint32_t n);
void ck_snmp_set_counter(netsnmp_variable_list *v, uint32_t n);
void ck_snmp_set_counter64(netsnmp_variable_list *v, uint64_t n);
void ck_snmp_set_str(netsnmp_variable_list *v, const char *str);
/* -ENOENT for a NULL or empty string: not configured. */
int ck_snmp_set_str_opt(netsnmp_variable_list *v, const char *str);
/* An InetAddress; -ENOENT for no address. */
int ck_snmp_set_addr(netsnmp_variable_list *v, const struct ka_addr *a);

/* Column groups both server tables have (check_snmp_set.c), each
 * returning 0 or -ENOENT like the columns. The IPVS counters: conns,
 * inpkts, outpkts, inbytes, outbytes, then the five rates (i 0-9); the
 * 64-bit conns, inpkts, outpkts, then the rates as Low/High pairs
 * (i 0-12). */
int ck_snmp_stats_column(const struct ipvs_stats *st, unsigned i,
			 netsnmp_variable_list *var);
int ck_snmp_stats64_column(const struct ipvs_stats *st, unsigned i,
			   netsnmp_variable_list *var);
/* A time in seconds or micro-seconds; us < 0: not configured. */
int ck_snmp_set_time(netsnmp_variable_list *var, int64_t us, bool usec);
/* An enumeration; 0: the MIB has no value for it. */
int ck_snmp_set_enum(netsnmp_variable_list *var, int v);
/* enabled(1)/disabled(2) of a bool or CK_UNSET. */
int ck_snmp_set_bool_opt(netsnmp_variable_list *var, int v);
/* Tunnel type, GUE port, checksum (i 0-2) of a tunnelled method. */
int ck_snmp_tunnel_column(const struct ck_method *m, unsigned i,
			  netsnmp_variable_list *var);

/* keepalived's defaults where a server's own level has one. */
#define CK_SNMP_SEC_US INT64_C(1000000)
#define DEFAULT_DELAY_LOOP_US (60 * CK_SNMP_SEC_US)
#define DEFAULT_CONNECT_TIMEOUT_US (5 * CK_SNMP_SEC_US)

/* The traps (check_snmp_trap.c). */
void ck_snmp_trap_rs(struct check_snmp *s, const struct ck_vs_run *vs,
		     const struct ck_rs_run *rs);
void ck_snmp_trap_quorum(struct check_snmp *s, const struct ck_vs_run *vs);

#endif
