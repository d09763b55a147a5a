/*
 * ratelimit.c: fixed windows of interval_us, each allowing "burst" events.
 * A zeroed struct (interval_us or burst 0) never suppresses anything, so
 * that a limiter left unconfigured fails open rather than silencing logs.
 */
#include <limits.h>

#include "ratelimit.h"

static void window_restart(struct ratelimit *rl, uint64_t now_us)
{
	rl->begin_us = now_us;
	rl->passed = 0;
	rl->started = true;
}

/* A clock read before the window began can only be a caller mix-up; a new
 * window is the least surprising answer and keeps the state consistent. */
static bool window_over(const struct ratelimit *rl, uint64_t now_us)
{
	return !rl->started || now_us < rl->begin_us ||
	       now_us - rl->begin_us >= rl->interval_us;
}

bool ratelimit_allow(struct ratelimit *rl, uint64_t now_us, unsigned *missed)
{
	unsigned suppressed = 0;
	bool allowed;

	if (!rl->interval_us || !rl->burst) {
		allowed = true;
	} else {
		if (window_over(rl, now_us))
			window_restart(rl, now_us);
		allowed = rl->passed < rl->burst;
	}

	if (allowed) {
		if (rl->passed < UINT_MAX)
			rl->passed++;
		suppressed = rl->missed;
		rl->missed = 0;
	} else if (rl->missed < UINT_MAX) {
		rl->missed++;
	}
	if (missed)
		*missed = allowed ? suppressed : 0;
	return allowed;
}
