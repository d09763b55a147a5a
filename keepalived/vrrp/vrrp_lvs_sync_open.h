/*
 * vrrp_lvs_sync_open.h: the VRRP child's side of lvs_sync_daemon:
 * opening the IPVS backend for it, and the hooks vrrp_daemon.c plugs in
 * (start, the instances' states, reload).
 */
#ifndef KA_VRRP_LVS_SYNC_OPEN_H
#define KA_VRRP_LVS_SYNC_OPEN_H

#include "cmdline.h"
#include "conf.h"
#include "global_data.h"
#include "vrrp_lvs_sync.h"
#include "vrrp_run.h"

/*
 * The sync daemon follower for "c", with its daemons started if no
 * instance is named. NULL (logged) when c names no interface, when IPVS
 * cannot be had, or with --ipvs-record: the recording backend is the
 * checker's file, and the sync daemon does not show in it.
 */
struct vrrp_lvs_sync *vrrp_lvs_sync_open(const struct gd_lvs_sync *c,
					 const struct ka_options *o);

/* vrrp_run_opts.on_state; ctx is a struct vrrp_lvs_sync **. */
void vrrp_lvs_sync_on_state(void *ctx, const char *name, uint8_t vrid,
			    enum vrrp_state to);

/* A reload, once the instances of "c" run: restarts the daemons only if
 * their settings changed, in the role the instance now has. */
void vrrp_lvs_sync_reload(struct vrrp_lvs_sync **s, const struct ka_conf *c,
			  const struct ka_options *o,
			  const struct vrrp_run *r);

#endif
