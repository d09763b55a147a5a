/*
 * vrrp_static_track.h: track_group in the VRRP child. A static address,
 * route or rule that names a track group is followed by the group's
 * instances as keepalived 2.2 follows it:
 *
 *  - its interface is tracked by each instance of the group, as a
 *    track_interface line of weight 0 would be: down or gone, the
 *    instances go to FAULT;
 *  - a static address that is deleted (tracked or not, as keepalived
 *    does) is added again at once ("Restoring deleted static address
 *    ..."); and when its interface comes back (up, or made again), the
 *    static addresses and the tracked routes on it are added again.
 *
 * A deleted route or rule is not noticed while its interface stays (the
 * reflector does not follow routes): a tracked route comes back with its
 * interface.
 */
#ifndef KA_VRRP_STATIC_TRACK_H
#define KA_VRRP_STATIC_TRACK_H

#include "netlink_daemon.h"
#include "static_data.h"
#include "vrrp_run.h"

/* Adds to p's track_ifs the interfaces of the static entries whose
 * track group lists p->name (those already tracked are left as they
 * are). default_if: where an address without "dev" goes. */
void vrrp_static_track_params(const struct static_data *sd,
			      const char *default_if,
			      struct vrrp_run_params *p);

struct vrrp_static_track;

/* Starts restoring sd's addresses and tracked routes; sd and nl must
 * outlive it. NULL when there is nothing to restore. */
struct vrrp_static_track *vrrp_static_track_start(struct netlink_daemon *nl,
						  const struct static_data *sd,
						  const char *default_if);
/* Stops, frees and NULLs *t; accepts NULL. */
void vrrp_static_track_stop(struct vrrp_static_track **t);

#endif
