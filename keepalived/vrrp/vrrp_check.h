/*
 * vrrp_check.h: the validation pass over the VRRP configuration, run once
 * the whole file is parsed. Each check is a short function that reports
 * at the line where the offending value was configured and, where
 * keepalived carries on with a corrected value, makes the same
 * correction, so that the daemon runs what keepalived would run.
 *
 * The system is seen only through struct vrrp_check_env, so that the unit
 * tests describe the interfaces instead of depending on the host's.
 */
#ifndef KA_VRRP_CHECK_H
#define KA_VRRP_CHECK_H

#include "config_check.h"
#include "global_data.h"
#include "parser.h"
#include "vrrp_data.h"

struct vrrp_check_env {
	/* 0 and the interface's IFF_* flags, or -ENOENT if there is no
	 * such interface. */
	int (*if_flags)(const char *name, unsigned *flags, void *ctx);
	void *ctx;
	/* users, groups and files, for the scripts' checks; a zeroed one
	 * (core.stat NULL) skips those checks */
	struct config_check_env core;
};

/* The running system (the current network namespace). */
void vrrp_check_env_system(struct vrrp_check_env *env);

/*
 * Completes the configuration (vrrp_conf_complete()) and runs every
 * check. Returns the number of checks that failed.
 */
int vrrp_check(struct cfg_parser *p, struct vrrp_conf *vc,
	       const struct global_data *gd,
	       const struct vrrp_check_env *env);

/* The checks of one completed instance, for the unit tests; each returns
 * 0 or -EINVAL after reporting. */
int vrrp_check_vrid(struct cfg_parser *p, struct vrrp_instance_conf *ic);
int vrrp_check_interface(struct cfg_parser *p, struct vrrp_instance_conf *ic,
			 const struct vrrp_check_env *env);
int vrrp_check_family(struct cfg_parser *p, struct vrrp_instance_conf *ic);
int vrrp_check_vips(struct cfg_parser *p, struct vrrp_instance_conf *ic,
		    const struct vrrp_check_env *env);
int vrrp_check_advert_int(struct cfg_parser *p,
			  struct vrrp_instance_conf *ic);
int vrrp_check_auth(struct cfg_parser *p, struct vrrp_instance_conf *ic);
int vrrp_check_preempt(struct cfg_parser *p, struct vrrp_instance_conf *ic);
int vrrp_check_unicast(struct cfg_parser *p, struct vrrp_instance_conf *ic);
/* vrrp_check_strict.c: with strict_mode (or vrrp_strict), keepalived's
 * protocol restrictions, each reported and its setting reset as
 * keepalived resets it. */
int vrrp_check_strict(struct cfg_parser *p, struct vrrp_instance_conf *ic);
/* vrrp_check_track.c: the vrrp_script blocks (a command, a user that
 * exists, script security), then each instance's tracking lines (the
 * names exist; the address owner ignores weights) and notify scripts. */
int vrrp_check_scripts(struct cfg_parser *p, struct vrrp_conf *vc,
		       const struct global_data *gd,
		       const struct vrrp_check_env *env);
int vrrp_check_tracking(struct cfg_parser *p, struct vrrp_conf *vc,
			struct vrrp_instance_conf *ic,
			const struct vrrp_check_env *env);
int vrrp_check_notify(struct cfg_parser *p, struct vrrp_instance_conf *ic,
		      const struct global_data *gd,
		      const struct vrrp_check_env *env);
/* vrrp_check_sync.c: the vrrp_sync_group blocks (their members exist,
 * each instance in one group at most), their notify scripts, and their
 * tracking lines copied into the members: before the instances' checks.
 * Then, once the members' tracking is resolved, the weights a group does
 * not allow. */
int vrrp_check_syncs(struct cfg_parser *p, struct vrrp_conf *vc,
		     const struct global_data *gd,
		     const struct vrrp_check_env *env);
int vrrp_check_sync_weights(struct cfg_parser *p, struct vrrp_conf *vc);
/* vrrp_check_proc.c: the vrrp_track_process blocks ("process" given,
 * the matching mode settled) and the track_process lines (the block
 * exists; its weight and reverse unless the line gives its own; the same
 * rules on weights as track_file). */
int vrrp_check_procs(struct cfg_parser *p, struct vrrp_conf *vc);
/* vrrp_check_tfile.c: the track_file lines of every instance (sync group
 * lines already copied) against "files", the checker configuration's
 * list of struct ck_track_file (check_data.h): each names a block; the
 * block's weight and reverse unless the line gives its own; no weight on
 * the address owner, nor in a sync group without
 * sync_group_tracking_weight. After check_conf_check(). */
int vrrp_check_track_files(struct cfg_parser *p, struct vrrp_conf *vc,
			   const struct list_node *files);
/* Two instances on one interface, family and VRID that would receive
 * each other's adverts (both multicast, or unicast to a common peer). */
int vrrp_check_vrid_unique(struct cfg_parser *p, const struct vrrp_conf *vc);

#endif
