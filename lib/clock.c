/*
 * clock.c: the monotonic clock in microseconds, and a fake one for tests.
 */
#include <time.h>

#include "clock.h"

uint64_t clock_monotonic_us(void)
{
	struct timespec ts;

	/* Cannot fail with a valid clock id and pointer. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint64_t clock_now_us(const struct event_clock *clock)
{
	if (!clock || !clock->now_us)
		return clock_monotonic_us();
	return clock->now_us(clock->ctx);
}

static uint64_t fake_now_us(void *ctx)
{
	const struct clock_fake *fake = ctx;

	return fake->now_us;
}

struct event_clock clock_fake_init(struct clock_fake *fake, uint64_t start_us)
{
	struct event_clock clock = { .now_us = fake_now_us, .ctx = fake };

	fake->now_us = start_us;
	return clock;
}

void clock_fake_advance(struct clock_fake *fake, uint64_t delta_us)
{
	fake->now_us += delta_us;
}
