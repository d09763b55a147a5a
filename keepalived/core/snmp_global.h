/*
 * snmp_global.h: the `global` subtree of KEEPALIVED-MIB (version,
 * routerId, the mail settings and emailTable, trapEnable, linkBeat,
 * lvsFlush, netNamespace, dbus, dynamicInterfaces, lvsFlushOnStop).
 *
 * Served by the VRRP child when enable_snmp_vrrp is on, else by the
 * checker child when enable_snmp_checker is on (as keepalived does):
 * the child that serves it registers it once after snmp_agent_open() and
 * unregisters it before snmp_agent_close().
 *
 * The values are read on every request through "get", so that a reload
 * is seen without registering again: get(ctx) returns the global_defs
 * running now (never NULL while registered).
 */
#ifndef KA_SNMP_GLOBAL_H
#define KA_SNMP_GLOBAL_H

#include "global_data.h"
#include "snmp_row.h"

typedef const struct global_data *snmp_global_get_fn(void *ctx);

struct snmp_global;

/* Never NULL; a part net-snmp refused is logged and left out. */
struct snmp_global *snmp_global_register(snmp_global_get_fn *get, void *ctx);
/* Unregisters, frees and NULLs *sg; accepts NULL. */
void snmp_global_unregister(struct snmp_global **sg);

/* The routerId the daemon uses: router_id, else the host name (pure but
 * for gethostname; buf of at least 65 bytes). */
const char *snmp_global_router_id(const struct global_data *gd, char *buf,
				  size_t len);

/* The objects: subids of `global` (SNMP_G_) and of `mail` (SNMP_M_). */
enum {
	SNMP_G_VERSION = 1, SNMP_G_ROUTER_ID = 2, SNMP_G_TRAP_ENABLE = 4,
	SNMP_G_LINKBEAT = 5, SNMP_G_LVS_FLUSH = 6, SNMP_G_NET_NAMESPACE = 8,
	SNMP_G_DBUS = 9, SNMP_G_DYNAMIC_IFS = 10,
	SNMP_G_LVS_FLUSH_ON_STOP = 11,
};
enum {
	SNMP_M_SERVER_TYPE = 1, SNMP_M_SERVER = 2, SNMP_M_TIMEOUT = 3,
	SNMP_M_FROM = 4, SNMP_M_PORT = 6, SNMP_M_FAULTS = 7,
	SNMP_M_ALERT = 8, SNMP_M_ALERT_VRRP = 9, SNMP_M_ALERT_CHECKER = 10,
};

/* snmp_global_fill.c: the scalars' values, cells by subid of `global`
 * in g and of `mail` in m (either may be NULL); emailTable's rows. */
void snmp_global_fill(const struct global_data *gd, const char *router_id,
		      struct snmp_row *g, struct snmp_row *m);
void snmp_global_emails(const struct global_data *gd,
			struct snmp_rows *rows);

/* KEEPALIVED-MIB's root (1.3.6.1.4.1.9586.100.5) as numbers, for the
 * other SNMP modules. */
#define SNMP_KEEPALIVED_OID 1, 3, 6, 1, 4, 1, 9586, 100, 5
#define SNMP_KEEPALIVED_OID_LEN 9

#endif
