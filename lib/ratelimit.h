/*
 * ratelimit.h: at most "burst" events per "interval_us", counting what was
 * suppressed. Pure: the caller passes the time, so tests need no clock.
 */
#ifndef KA_RATELIMIT_H
#define KA_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct ratelimit {
	uint64_t interval_us;
	unsigned burst;
	uint64_t begin_us;	/* start of the current window */
	unsigned passed;	/* events allowed in this window */
	unsigned missed;	/* events suppressed since the last allowed */
	bool started;
};

#define RATELIMIT_INIT(interval_us_, burst_) \
	{ .interval_us = (interval_us_), .burst = (burst_) }

/*
 * Returns true if the event may go ahead. When it does and events were
 * suppressed before it, *missed (if not NULL) receives their count and the
 * count restarts; otherwise *missed is set to 0.
 */
bool ratelimit_allow(struct ratelimit *rl, uint64_t now_us, unsigned *missed);

#endif
