/*
 * clock.h: the time source of the event loop. Every time in lib/ is a
 * count of microseconds on a monotonic clock, and names say so (_us).
 *
 * The clock is a pair (function, context) so that a test can drive the
 * loop with a fake clock it advances by hand instead of sleeping.
 */
#ifndef KA_CLOCK_H
#define KA_CLOCK_H

#include <stdint.h>

/*
 * A time source.
 *   now_us: returns the current time in microseconds; it must never go
 *           backwards. Called with "ctx".
 *   ctx:    passed to now_us; owned by whoever made the clock.
 * A NULL "struct event_clock *" means CLOCK_MONOTONIC.
 */
struct event_clock {
	uint64_t (*now_us)(void *ctx);
	void *ctx;
};

/* CLOCK_MONOTONIC in microseconds. */
uint64_t clock_monotonic_us(void);

/*
 * The time of "clock" in microseconds.
 *   clock: the time source, or NULL for CLOCK_MONOTONIC.
 */
uint64_t clock_now_us(const struct event_clock *clock);

/*
 * A clock that only moves when told to, for tests. The caller owns the
 * struct and keeps it alive as long as any clock made from it is in use.
 */
struct clock_fake {
	uint64_t now_us;
};

/*
 * Makes a clock that reads "fake".
 *   fake:     the fake time, owned by the caller; its now_us is the time.
 *   start_us: the time to start from (stored in fake->now_us).
 * Returns the clock by value; it points to "fake".
 */
struct event_clock clock_fake_init(struct clock_fake *fake, uint64_t start_us);

/*
 * Moves the fake time forward.
 *   fake:     the fake time made by clock_fake_init().
 *   delta_us: how far to move it.
 */
void clock_fake_advance(struct clock_fake *fake, uint64_t delta_us);

#endif
