/*
 * vrrp_snmp_internal.h: what the files of the vrrp SNMP tables share.
 * They read the runtime's instances (vrrp_run_internal.h) as the dumps
 * of vrrp_run_dump.c do, and write nothing.
 */
#ifndef KA_VRRP_SNMP_INTERNAL_H
#define KA_VRRP_SNMP_INTERNAL_H

#include "conf.h"
#include "snmp_row.h"
#include "vrrp_run_internal.h"
#include "vrrp_snmp.h"

#define VRRP_SNMP_TABS_MAX 24

struct snmp_tab;

struct vrrp_snmp {
	struct snmp_agent *agent;
	struct vrrp_run *run;
	const struct ka_conf *const *conf;
	struct snmp_tab *tabs[VRRP_SNMP_TABS_MAX];
	size_t ntabs;
};

/* The configuration running now, or NULL. */
const struct vrrp_conf *vrrp_snmp_conf(const struct vrrp_snmp *vs);

/* For each configured instance that runs: its index (its rank in the
 * configuration, from 1), its configuration and its runtime. */
typedef void vrrp_snmp_inst_fn(const struct vrrp_snmp *vs, uint32_t idx,
			       const struct vrrp_instance_conf *ic,
			       const struct vrrp_inst *in,
			       struct snmp_rows *rows);
void vrrp_snmp_each_inst(const struct vrrp_snmp *vs, vrrp_snmp_inst_fn *fn,
			 struct snmp_rows *rows);
/* An interface's index now; 0: unknown. */
int vrrp_snmp_ifindex(const struct vrrp_snmp *vs, const char *ifname);

/* The fill functions (snmp_tab_fill_fn), ctx the struct vrrp_snmp. */
/* vrrp_snmp_inst.c */
void vrrp_snmp_fill_instances(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_addresses(void *ctx, struct snmp_rows *rows);
/* vrrp_snmp_track.c: an instance's tracked objects */
void vrrp_snmp_fill_tracked_ifs(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_tracked_scripts(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_tracked_files(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_tracked_procs(void *ctx, struct snmp_rows *rows);
/* vrrp_snmp_sync.c */
void vrrp_snmp_fill_syncs(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_sync_members(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_sync_ifs(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_sync_scripts(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_sync_files(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_sync_procs(void *ctx, struct snmp_rows *rows);
/* vrrp_snmp_objs.c: the blocks instances track */
void vrrp_snmp_fill_scripts(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_files(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_procs(void *ctx, struct snmp_rows *rows);
/* vrrp_snmp_route.c */
void vrrp_snmp_fill_routes(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_route_nexthops(void *ctx, struct snmp_rows *rows);
void vrrp_snmp_fill_rules(void *ctx, struct snmp_rows *rows);

#endif
