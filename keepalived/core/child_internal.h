/*
 * child_internal.h: the child runtime's state, shared by child.c (loop,
 * watchdog, signals, reload) and child_dump.c (the dump files). Not for
 * other modules.
 */
#ifndef KA_CHILD_INTERNAL_H
#define KA_CHILD_INTERNAL_H

#include <stdint.h>
#include <time.h>

#include "child.h"
#include "event.h"
#include "ratelimit.h"

struct child_stats {
	uint64_t hellos;		/* watchdog hellos answered */
	unsigned reloads;
	unsigned reloads_rejected;
	uint64_t bad_messages;
};

struct child {
	const struct ka_options *opts;
	const struct child_ops *ops;
	struct child_start start;
	struct ka_conf *conf;
	struct event_loop *loop;
	struct child_env env;		/* for the subsystem's hooks */
	struct event *ev_read;
	char *ident;
	uint64_t started_us;		/* monotonic */
	time_t started_at;		/* wall clock, for the dumps */
	struct child_stats stats;
	struct ratelimit bad_rl;
	bool clearing;			/* this stats dump is STATS_CLEAR's */
};

/* USR1, USR2 (clear: STATS_CLEAR, then zero the counters), JSON. */
void child_dump_data(struct child *c);
void child_dump_stats(struct child *c, bool clear);
void child_dump_json(struct child *c);

#endif
