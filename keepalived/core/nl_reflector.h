/*
 * nl_reflector.h: the netlink reflector. A monitor socket subscribed to
 * the link and address groups keeps an interface table true: changes made
 * by anyone (an operator's "ip", NetworkManager, a cable) reach the table
 * and, through it, its subscribers.
 *
 * On an overrun (ENOBUFS: the kernel dropped notifications because the
 * socket's receive buffer was full) the reflector opens a fresh monitor
 * socket, re-dumps links and addresses through the command socket and
 * resynchronises the table, so subscribers see only what really changed.
 * It never exits on it; the overrun is logged, rate-limited.
 */
#ifndef KA_NL_REFLECTOR_H
#define KA_NL_REFLECTOR_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/netlink.h>

#include "event.h"
#include "iftable.h"
#include "nl_cmd.h"

struct nl_reflector_opts {
	unsigned long rcvbuf;	/* SO_RCVBUF of the monitor; 0: system's */
	bool rcvbuf_force;	/* SO_RCVBUFFORCE */
};

struct nl_reflector_stats {
	uint64_t messages;	/* notifications applied */
	uint64_t overruns;	/* ENOBUFS seen */
	uint64_t resyncs;	/* full re-dumps, the first one included */
};

struct nl_reflector;

/*
 * Opens the monitor socket, fills "t" from a dump on "cmd" and starts
 * reading on "loop". cmd, t and loop must outlive the reflector. Returns
 * 0 and *out, or a negative errno.
 */
int nl_reflector_start(struct event_loop *loop, struct nl_cmd *cmd,
		       struct iftable *t, const struct nl_reflector_opts *o,
		       struct nl_reflector **out);
/* Stops reading, closes the socket, frees and NULLs *r; accepts NULL. */
void nl_reflector_stop(struct nl_reflector **r);

/* Re-dumps and resynchronises now. Returns 0 or a negative errno. */
int nl_reflector_resync(struct nl_reflector *r);

/*
 * Stops (true) or resumes (false) reading the monitor socket: what the
 * kernel sends meanwhile queues up, and may overrun. For tests.
 */
void nl_reflector_hold(struct nl_reflector *r, bool hold);

void nl_reflector_get_stats(const struct nl_reflector *r,
			    struct nl_reflector_stats *s);

/*
 * Applies one RTM_NEWLINK/DELLINK/NEWADDR/DELADDR message to the table.
 * Pure. Returns 0, -ENOENT (refers to a link or address the table does not
 * hold), -EINVAL (malformed) or -EOPNOTSUPP (another message type or
 * family, ignored).
 */
int nl_reflector_apply(struct iftable *t, struct nlmsghdr *h);

#endif
