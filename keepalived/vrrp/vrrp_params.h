/*
 * vrrp_params.h: the tracking and notify parts of an instance's runtime
 * parameters (vrrp_run.h), from its completed and checked configuration,
 * with the users scripts run as looked up on the system.
 */
#ifndef KA_VRRP_PARAMS_H
#define KA_VRRP_PARAMS_H

#include <sys/types.h>

#include "global_data.h"
#include "vrrp_data.h"
#include "vrrp_run.h"

/*
 * The ids a script runs as: its own user (its group, else the user's),
 * else global script_user (script_group, else the user's), else
 * keepalived_script if that user exists, else ours (unchanged). Returns
 * 0, or -ENOENT for a user or group that does not exist.
 */
int vrrp_script_ids(const char *user, const char *group,
		    const struct global_data *gd, uid_t *uid, gid_t *gid);

/* Fills p's track_scripts, track_ifs, notify and sync_group from ic; lines the
 * checks marked ignored, and scripts they refused, are left out. */
void vrrp_params_tracking(const struct vrrp_instance_conf *ic,
			  const struct global_data *gd,
			  struct vrrp_run_params *p);

/* smtp_alert of an instance or group, else global smtp_alert_vrrp, else
 * smtp_alert, else off (keepalived.conf(5)). */
bool vrrp_params_smtp(const struct vrrp_notify_conf *n,
		      const struct global_data *gd);

/* A vrrp_sync_group's runtime parameters (its notify scripts). */
void vrrp_params_sync(const struct vrrp_sync_conf *sc,
		      const struct global_data *gd,
		      struct vrrp_run_sync_params *out);

/* notify_fifo and vrrp_notify_fifo, with their scripts; returns how
 * many of out[] are filled. */
size_t vrrp_params_fifos(const struct global_data *gd,
			 struct vrrp_fifo_params out[VRRP_RUN_FIFO_MAX]);

#endif
