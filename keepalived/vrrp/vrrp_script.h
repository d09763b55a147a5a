/*
 * vrrp_script.h: vrrp_script at run time. A script runs every interval
 * without blocking the loop (lib/spawn.h, event_add_child() with the
 * time-out); its results, through rise and fall, make its status, which
 * the instances that track it subscribe to.
 *
 * Two parts: the status machine (pure, struct vrrp_script_state) and
 * the runners on the event loop (struct vrrp_script, in a
 * struct vrrp_script_set).
 *
 * A run is one child process leading its own process group, with its
 * output to /dev/null. At its time-out it counts as a failure at once,
 * and the group gets SIGTERM, then SIGKILL a second later if the leader
 * is still there (and SIGKILL again, for stragglers, once it has gone).
 * While a run lasts, later intervals are skipped, not queued.
 */
#ifndef KA_VRRP_SCRIPT_H
#define KA_VRRP_SCRIPT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"
#include "list.h"
#include "vrrp_track.h"

/*
 * The status from results. Until its first result a script is PENDING
 * (init_fail: DOWN); the first result then sets it. After that it goes
 * DOWN after "fall" failures in a row and UP after "rise" successes in a
 * row.
 */
struct vrrp_script_state {
	enum vrrp_track_status status;
	unsigned rise, fall;		/* at least 1 */
	unsigned count;			/* results in a row against status */
};

void vrrp_script_state_init(struct vrrp_script_state *st, unsigned rise,
			    unsigned fall, bool init_fail);
/* Feeds one result; returns true if the status changed. */
bool vrrp_script_state_feed(struct vrrp_script_state *st, bool success);

#define VRRP_SCRIPT_NAME_MAX 64

/* How to run a script; copied (cmd too) by vrrp_script_set_join(). */
struct vrrp_script_params {
	char name[VRRP_SCRIPT_NAME_MAX];
	const char *cmd;		/* the command line, split as keepalived
					 * splits it (spawn_argv_split()) */
	uid_t uid;			/* SPAWN_UID_UNCHANGED: ours */
	gid_t gid;
	uint64_t interval_us;
	uint64_t timeout_us;		/* a run longer than this is killed
					 * and counts as a failure */
	unsigned rise, fall;
	bool init_fail;
};

struct vrrp_script;

/* Called when the status changed; "ctx" is the subscriber's. */
typedef void vrrp_script_cb(void *ctx, const struct vrrp_script *s);

enum vrrp_track_status vrrp_script_status(const struct vrrp_script *s);
const char *vrrp_script_name(const struct vrrp_script *s);
/* pid (and process group) of the run in progress, or 0. */
pid_t vrrp_script_pid(const struct vrrp_script *s);

/*
 * The scripts of the VRRP child: one runner per distinct script, shared
 * by the instances that track it, started when the first one joins and
 * stopped when the last one leaves (so that a script nobody tracks is
 * never run, as in keepalived).
 */
struct vrrp_script_set;

/* Never NULL; "loop" must outlive it. */
struct vrrp_script_set *vrrp_script_set_new(struct event_loop *loop);

/*
 * Stops every runner (a script still running is killed with its process
 * group), frees, NULLs *set; accepts NULL. No subscriber is called.
 */
void vrrp_script_set_free(struct vrrp_script_set **set);

/*
 * The runner of a script with exactly these parameters (a reload that
 * changed a script gets a new runner), with (cb, ctx) subscribed to its
 * status changes. A new runner makes its first run on the loop's next
 * pass, never from inside this call. NULL, logged, if the command line
 * cannot be split. A run that cannot be started counts as a failure.
 */
struct vrrp_script *vrrp_script_set_join(struct vrrp_script_set *set,
					 const struct vrrp_script_params *p,
					 vrrp_script_cb *cb, void *ctx);

/* Unsubscribes (cb, ctx); the last one out stops the runner. NULLs *s;
 * accepts NULL. */
void vrrp_script_set_leave(struct vrrp_script_set *set,
			   struct vrrp_script **s, vrrp_script_cb *cb,
			   void *ctx);

#endif
