/*
 * vrrp_proc_watch.h: the processes vrrp_track_process blocks describe,
 * followed through the kernel's process-events connector (fork, exec,
 * name change, exit), with one scan of /proc when the first block is
 * joined (and again only if the kernel says it dropped events): no
 * polling.
 *
 * The connector exists only in the initial network namespace: a daemon
 * started in another one opens its connector socket there (it needs the
 * rights to enter it, as root has), and says so in the log.
 *
 * One struct vrrp_proc per block name, shared by the instances that join
 * it; each joiner is called back when the block's status changes (after
 * fork_delay / terminate_delay).
 */
#ifndef KA_VRRP_PROC_WATCH_H
#define KA_VRRP_PROC_WATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "vrrp_proc.h"
#include "vrrp_track.h"

struct vrrp_proc_set;
struct vrrp_proc;

/* What a block asks for; spec is copied on the first join. */
struct vrrp_proc_params {
	const char *name;
	const struct vrrp_proc_spec *spec;
	unsigned quorum, quorum_max;
	uint64_t fork_delay_us, terminate_delay_us;
};

typedef void vrrp_proc_cb(void *ctx, const struct vrrp_proc *p);

/* Never NULL; "loop" must outlive it. The socket opens on first join. */
struct vrrp_proc_set *vrrp_proc_set_new(struct event_loop *loop);
/* Frees (every block must have been left), NULLs *s; accepts NULL. */
void vrrp_proc_set_free(struct vrrp_proc_set **s);

/* The block "pp->name" (made from pp if new to the set); cb is called
 * with ctx when its status changes. Never NULL: without the connector
 * (logged) the status is the start-up scan's. */
struct vrrp_proc *vrrp_proc_join(struct vrrp_proc_set *s,
				 const struct vrrp_proc_params *pp,
				 vrrp_proc_cb *cb, void *ctx);
/* Undoes one join; the last one forgets the block. NULLs *p. */
void vrrp_proc_leave(struct vrrp_proc_set *s, struct vrrp_proc **p,
		     vrrp_proc_cb *cb, void *ctx);

/* UP while the quorum holds (after the delays), else DOWN. */
enum vrrp_track_status vrrp_proc_status(const struct vrrp_proc *p);
/* Matching processes running now. */
unsigned vrrp_proc_count(const struct vrrp_proc *p);

/* Same settings (name, spec, quorum, delays). */
bool vrrp_proc_params_equal(const struct vrrp_proc_params *a,
			    const struct vrrp_proc_params *b);

#endif
