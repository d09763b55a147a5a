/*
 * vrrp_notify.h: the notify scripts of the VRRP instances, run on every
 * transition without waiting for them, with the arguments keepalived
 * 2.2.7 gives (checked against it):
 *   notify_master / notify_backup / notify_fault / notify_stop: the
 *     configured command line only;
 *   notify: the configured command line, then "INSTANCE", the instance's
 *     name, the new state ("MASTER", "BACKUP", "FAULT", "STOP") and the
 *     effective priority.
 * Each runs as its own user and group, in its own process group, with
 * its output to /dev/null; the child is reaped on the loop.
 */
#ifndef KA_VRRP_NOTIFY_H
#define KA_VRRP_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"

/* A notify command ready to run. */
struct vrrp_notify_cmd {
	const char *cmd;		/* NULL: none */
	uid_t uid;			/* SPAWN_UID_UNCHANGED: ours */
	gid_t gid;
};

struct vrrp_notifier;

/* Never NULL; "loop" must outlive it. */
struct vrrp_notifier *vrrp_notifier_new(struct event_loop *loop);

/*
 * Forgets the scripts still running (they get SIGTERM when this process
 * exits, as keepalived's do), frees, NULLs *n; accepts NULL.
 */
void vrrp_notifier_free(struct vrrp_notifier **n);

/*
 * Starts c's command line with "extra" words appended (NULL-terminated,
 * or NULL). Returns 0, or a negative errno (logged, naming "who").
 */
int vrrp_notify_run(struct vrrp_notifier *n, const char *who,
		    const struct vrrp_notify_cmd *c, const char *const *extra);

/* Scripts started and not yet exited. */
unsigned vrrp_notifier_running(const struct vrrp_notifier *n);

/*
 * Runs the loop until the scripts started have exited, or max_us has
 * passed: on the way out, so that notify_stop is not killed by our own
 * exit. Never from a callback of the loop (it then returns at once).
 */
void vrrp_notifier_drain(struct vrrp_notifier *n, uint64_t max_us);

/* "INSTANCE <name> <STATE> <priority>" for the generic notify; "prio"
 * must hold 4 bytes. Fills extra[0..4] (extra[4] = NULL). */
void vrrp_notify_instance_args(const char *name, const char *state,
			       unsigned priority, char prio[4],
			       const char *extra[5]);

#endif
