/*
 * vrrp_lvs_sync.h: lvs_sync_daemon (global_defs): the kernel's IPVS
 * connection synchronisation daemon follows one VRRP instance, as master
 * while the instance is MASTER and as backup otherwise, so that the new
 * master of a pair of load balancers knows the connections of the old
 * one. Without an instance named, both run from the start. Whatever was
 * started is stopped when the VRRP child stops.
 */
#ifndef KA_VRRP_LVS_SYNC_H
#define KA_VRRP_LVS_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "global_data.h"
#include "ipvs_backend.h"
#include "vrrp_fsm.h"

struct vrrp_lvs_sync;

/*
 * Follows configuration "c" through backend "ipvs" (owned: freed with
 * the object). NULL when c names no interface (nothing to run); then
 * "ipvs" is freed at once.
 */
struct vrrp_lvs_sync *vrrp_lvs_sync_new(struct ipvs_backend *ipvs,
					const struct gd_lvs_sync *c);

/* Starts both daemons when no instance is named; else waits for it. */
void vrrp_lvs_sync_start(struct vrrp_lvs_sync *s);

/* Instance "name" (router id "vrid") entered state "to". */
void vrrp_lvs_sync_state(struct vrrp_lvs_sync *s, const char *name,
			 uint8_t vrid, enum vrrp_state to);

/* Whether a reload with "c" needs the daemons restarted (the interface,
 * instance or a setting changed). */
bool vrrp_lvs_sync_changed(const struct vrrp_lvs_sync *s,
			   const struct gd_lvs_sync *c);

/* Stops what runs, frees; accepts NULL and *s == NULL. */
void vrrp_lvs_sync_free(struct vrrp_lvs_sync **s);

/* Pure: which daemons should run for an instance in state "st"
 * (has_instance false: both, whatever st). */
void vrrp_lvs_sync_want(bool has_instance, enum vrrp_state st, bool *master,
			bool *backup);

#endif
