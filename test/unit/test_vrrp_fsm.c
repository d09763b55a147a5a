/*
 * Unit tests of the VRRP state machine: each transition of RFC 5798 6.4
 * and keepalived's knobs, through effects recorded as a trace, plus a
 * random walk that checks the invariant the daemon depends on: the
 * addresses are held exactly while the instance is MASTER.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vrrp_fsm.h"

struct rec {
	char trace[2048];
	bool addresses;
	int address_errors;	/* added twice, or removed when absent */
};

static void add(struct rec *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct rec *r, const char *fmt, ...)
{
	size_t n = strlen(r->trace);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->trace + n, sizeof(r->trace) - n, fmt, ap);
	va_end(ap);
}

static void send_advert(void *ctx, uint8_t prio)
{
	add(ctx, "advert(%u) ", prio);
}

static void set_addresses(void *ctx, bool present)
{
	struct rec *r = ctx;

	if (r->addresses == present)
		r->address_errors++;
	r->addresses = present;
	add(r, present ? "add " : "del ");
}

static void announce(void *ctx)
{
	add(ctx, "announce ");
}

static void adver_timer(void *ctx, uint64_t us)
{
	add(ctx, "adver(%llu) ", (unsigned long long)us);
}

static void master_down(void *ctx, uint64_t us)
{
	add(ctx, "down(%llu) ", (unsigned long long)us);
}

static void preempt(void *ctx, uint64_t us)
{
	add(ctx, "preempt(%llu) ", (unsigned long long)us);
}

static void changed(void *ctx, enum vrrp_state from, enum vrrp_state to,
		    const char *reason)
{
	add(ctx, "%s->%s(%s) ", vrrp_state_name(from), vrrp_state_name(to),
	    reason);
}

static const struct vrrp_fsm_ops ops = {
	.send_advert = send_advert,
	.set_addresses = set_addresses,
	.announce = announce,
	.arm_adver_timer = adver_timer,
	.arm_master_down_timer = master_down,
	.arm_preempt_delay = preempt,
	.state_changed = changed,
};

static const struct vrrp_fsm_conf v3_100 = {
	.version = 3, .priority = 100, .adver_int_cs = 100,
};

static void start(struct vrrp_fsm *f, struct rec *r,
		  const struct vrrp_fsm_conf *c)
{
	memset(r, 0, sizeof(*r));
	vrrp_fsm_init(f, c, &ops, r);
	vrrp_fsm_event(f, VRRP_EV_STARTUP, NULL);
}

static void advert(struct vrrp_fsm *f, uint8_t prio, uint16_t int_cs,
		   int addr_cmp)
{
	struct vrrp_fsm_advert a = { prio, int_cs, addr_cmp };

	vrrp_fsm_event(f, VRRP_EV_ADVERT, &a);
}

static void clear(struct rec *r)
{
	r->trace[0] = 0;
}

static void test_timer_arithmetic(void **state)
{
	struct vrrp_fsm f;
	struct rec r;
	struct vrrp_fsm_conf c = v3_100;

	(void)state;
	start(&f, &r, &c);
	/* (256 - 100) / 256 of 1 s */
	assert_int_equal(vrrp_fsm_skew_us(&f), 609375);
	assert_int_equal(vrrp_fsm_master_down_us(&f), 3609375);
	c.version = 2;
	start(&f, &r, &c);
	assert_int_equal(vrrp_fsm_skew_us(&f), 609375);
	c = v3_100, c.priority = 200, c.adver_int_cs = 10;
	start(&f, &r, &c);
	assert_int_equal(vrrp_fsm_skew_us(&f), 21875);
	assert_int_equal(vrrp_fsm_master_down_us(&f), 321875);
	/* vrrp_down_timer_adverts 5: five intervals and the skew */
	c.down_timer_adverts = 5;
	start(&f, &r, &c);
	assert_int_equal(vrrp_fsm_master_down_us(&f), 521875);
}

static void test_startup(void **state)
{
	struct vrrp_fsm f;
	struct rec r;
	struct vrrp_fsm_conf c = v3_100;

	(void)state;
	start(&f, &r, &c);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
	assert_string_equal(r.trace, "adver(0) down(3609375) "
			    "INIT->BACKUP(init) ");
	c.priority = 255;
	start(&f, &r, &c);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
	assert_string_equal(r.trace, "down(0) preempt(0) "
			    "INIT->MASTER(address owner) advert(255) add "
			    "adver(1000000) ");
}

static void test_backup_takes_over_on_timeout(void **state)
{
	struct vrrp_fsm f;
	struct rec r;

	(void)state;
	start(&f, &r, &v3_100);
	clear(&r);
	vrrp_fsm_event(&f, VRRP_EV_MASTER_DOWN, NULL);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
	assert_string_equal(r.trace, "down(0) preempt(0) "
			    "BACKUP->MASTER(advertisement timeout) "
			    "advert(100) add adver(1000000) ");
	clear(&r);
	vrrp_fsm_event(&f, VRRP_EV_ADVER_TIMER, NULL);
	assert_string_equal(r.trace, "advert(100) adver(1000000) ");
}

static void test_backup_follows_higher_master_and_learns_interval(void **s)
{
	struct vrrp_fsm f;
	struct rec r;
	struct vrrp_fsm_conf v2 = v3_100;

	(void)s;
	start(&f, &r, &v3_100);
	clear(&r);
	advert(&f, 150, 200, 0);
	/* 3 * 2 s + 156/256 * 2 s */
	assert_string_equal(r.trace, "down(7218750) ");
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
	/* version 2 does not learn the interval */
	v2.version = 2;
	start(&f, &r, &v2);
	clear(&r);
	advert(&f, 150, 200, 0);
	assert_string_equal(r.trace, "down(3609375) ");
}

static void test_backup_preempts_lower_master(void **state)
{
	struct vrrp_fsm f;
	struct rec r;
	struct vrrp_fsm_conf c = v3_100;

	(void)state;
	start(&f, &r, &c);
	clear(&r);
	advert(&f, 50, 100, 0);
	assert_string_equal(r.trace, "");	/* the timer runs out */
	/* nopreempt: a lower master is followed */
	c.nopreempt = true;
	start(&f, &r, &c);
	clear(&r);
	advert(&f, 50, 100, 0);
	assert_string_equal(r.trace, "down(3609375) ");
	/* equal priority is followed too (6.4.2: greater than or equal) */
	start(&f, &r, &v3_100);
	clear(&r);
	advert(&f, 100, 100, -1);
	assert_string_equal(r.trace, "down(3609375) ");
}

static void test_preempt_delay(void **state)
{
	struct vrrp_fsm f;
	struct rec r;
	struct vrrp_fsm_conf c = v3_100;

	(void)state;
	c.preempt_delay_us = 5000000;
	start(&f, &r, &c);
	clear(&r);
	advert(&f, 50, 100, 0);
	assert_string_equal(r.trace, "preempt(5000000) down(3609375) ");
	clear(&r);
	advert(&f, 50, 100, 0);
	assert_string_equal(r.trace, "down(3609375) ");
	vrrp_fsm_event(&f, VRRP_EV_PREEMPT_DELAY, NULL);
	clear(&r);
	advert(&f, 50, 100, 0);
	assert_string_equal(r.trace, "");
	vrrp_fsm_event(&f, VRRP_EV_MASTER_DOWN, NULL);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
}

static void test_backup_priority_zero(void **state)
{
	struct vrrp_fsm f;
	struct rec r;

	(void)state;
	start(&f, &r, &v3_100);
	clear(&r);
	advert(&f, 0, 100, 0);
	assert_string_equal(r.trace, "down(609375) ");
}

static void master(struct vrrp_fsm *f, struct rec *r,
		   const struct vrrp_fsm_conf *c)
{
	start(f, r, c);
	vrrp_fsm_event(f, VRRP_EV_MASTER_DOWN, NULL);
	assert_int_equal(f->state, VRRP_STATE_MASTER);
	clear(r);
}

static void test_master_yields_to_higher(void **state)
{
	struct vrrp_fsm f;
	struct rec r;
	struct vrrp_fsm_conf c = v3_100;

	(void)state;
	master(&f, &r, &c);
	advert(&f, 101, 100, -1);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
	assert_string_equal(r.trace, "adver(0) down(3609375) "
			    "MASTER->BACKUP(higher priority advert) del ");
	c.higher_prio_send_advert = true;
	master(&f, &r, &c);
	advert(&f, 101, 100, -1);
	assert_string_equal(r.trace, "advert(100) adver(0) down(3609375) "
			    "MASTER->BACKUP(higher priority advert) del ");
}

static void test_master_tie_break_by_address(void **state)
{
	struct vrrp_fsm f;
	struct rec r;

	(void)state;
	master(&f, &r, &v3_100);
	advert(&f, 100, 100, -1);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
	advert(&f, 100, 100, 1);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
}

static void test_master_and_lower_advert(void **state)
{
	struct vrrp_fsm f;
	struct rec r;
	struct vrrp_fsm_conf c = v3_100;

	(void)state;
	master(&f, &r, &c);
	advert(&f, 50, 100, 0);
	assert_string_equal(r.trace, "advert(100) ");
	c.lower_prio_no_advert = true;
	c.garp_lower_prio = true;
	master(&f, &r, &c);
	advert(&f, 50, 100, 0);
	assert_string_equal(r.trace, "announce ");
	assert_int_equal(f.state, VRRP_STATE_MASTER);
}

static void test_master_sees_priority_zero(void **state)
{
	struct vrrp_fsm f;
	struct rec r;

	(void)state;
	master(&f, &r, &v3_100);
	advert(&f, 0, 100, 0);
	assert_string_equal(r.trace, "advert(100) adver(1000000) ");
	assert_int_equal(f.state, VRRP_STATE_MASTER);
}

static void test_shutdown(void **state)
{
	struct vrrp_fsm f;
	struct rec r;

	(void)state;
	master(&f, &r, &v3_100);
	vrrp_fsm_event(&f, VRRP_EV_SHUTDOWN, NULL);
	assert_string_equal(r.trace, "adver(0) down(0) preempt(0) advert(0) "
			    "del MASTER->INIT(shutdown) ");
	start(&f, &r, &v3_100);
	clear(&r);
	vrrp_fsm_event(&f, VRRP_EV_SHUTDOWN, NULL);
	assert_string_equal(r.trace, "adver(0) down(0) preempt(0) "
			    "BACKUP->INIT(shutdown) ");
}

static void test_fault(void **state)
{
	struct vrrp_fsm f;
	struct rec r;

	(void)state;
	master(&f, &r, &v3_100);
	vrrp_fsm_event(&f, VRRP_EV_FAULT, NULL);
	/* keepalived: "Entering FAULT STATE", "sent 0 priority", then the
	 * VIPs go */
	assert_string_equal(r.trace, "adver(0) down(0) preempt(0) "
			    "MASTER->FAULT(fault) advert(0) del ");
	clear(&r);
	advert(&f, 200, 100, 0);
	vrrp_fsm_event(&f, VRRP_EV_MASTER_DOWN, NULL);
	vrrp_fsm_event(&f, VRRP_EV_ADVER_TIMER, NULL);
	assert_string_equal(r.trace, "");
	vrrp_fsm_event(&f, VRRP_EV_FAULT_CLEARED, NULL);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
	/* an interface down at start-up: INIT -> FAULT */
	memset(&r, 0, sizeof(r));
	vrrp_fsm_init(&f, &v3_100, &ops, &r);
	vrrp_fsm_event(&f, VRRP_EV_FAULT, NULL);
	assert_int_equal(f.state, VRRP_STATE_FAULT);
}

/* Tracking lowers a master's priority: its adverts say so, and a higher
 * advert now wins; raised again, a backup preempts a lower master. */
static void test_effective_priority(void **state)
{
	struct vrrp_fsm f;
	struct rec r;

	(void)state;
	master(&f, &r, &v3_100);
	vrrp_fsm_set_priority(&f, 40);
	vrrp_fsm_event(&f, VRRP_EV_ADVER_TIMER, NULL);
	assert_string_equal(r.trace, "advert(40) adver(1000000) ");
	advert(&f, 50, 100, 0);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
	vrrp_fsm_set_priority(&f, 100);
	clear(&r);
	advert(&f, 50, 100, 0);
	assert_string_equal(r.trace, "");	/* not followed: preempted */
	vrrp_fsm_event(&f, VRRP_EV_MASTER_DOWN, NULL);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
}

/* Faulty at start-up, then recovered: preemption works as usual. */
static void test_fault_at_startup_then_preempts(void **state)
{
	struct vrrp_fsm f;
	struct rec r;

	(void)state;
	memset(&r, 0, sizeof(r));
	vrrp_fsm_init(&f, &v3_100, &ops, &r);
	vrrp_fsm_event(&f, VRRP_EV_FAULT, NULL);
	vrrp_fsm_event(&f, VRRP_EV_FAULT_CLEARED, NULL);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
	clear(&r);
	advert(&f, 50, 100, 0);
	assert_string_equal(r.trace, "");	/* not followed: preempted */
	vrrp_fsm_event(&f, VRRP_EV_MASTER_DOWN, NULL);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
}

/* Any sequence of events keeps "addresses held" == "state is MASTER". */
static void test_random_walk_invariant(void **state)
{
	struct vrrp_fsm f;
	struct rec r;
	struct vrrp_fsm_conf c = v3_100;
	unsigned i;

	(void)state;
	srand(11);
	c.preempt_delay_us = 1000000;
	start(&f, &r, &c);
	for (i = 0; i < 200000; i++) {
		enum vrrp_event ev = (enum vrrp_event)(rand() % VRRP_EV_COUNT);
		struct vrrp_fsm_advert a = {
			(uint8_t)(rand() % 256), (uint16_t)(rand() % 4096),
			rand() % 3 - 1,
		};

		clear(&r);
		vrrp_fsm_event(&f, ev, &a);
		assert_int_equal(r.addresses, f.state == VRRP_STATE_MASTER);
		assert_int_equal(r.address_errors, 0);
		if (f.state == VRRP_STATE_INIT && rand() % 2)
			vrrp_fsm_event(&f, VRRP_EV_STARTUP, NULL);
	}
	assert_string_equal(vrrp_state_name(VRRP_STATE_COUNT), "UNKNOWN");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timer_arithmetic),
		cmocka_unit_test(test_startup),
		cmocka_unit_test(test_backup_takes_over_on_timeout),
		cmocka_unit_test(test_backup_follows_higher_master_and_learns_interval),
		cmocka_unit_test(test_backup_preempts_lower_master),
		cmocka_unit_test(test_preempt_delay),
		cmocka_unit_test(test_backup_priority_zero),
		cmocka_unit_test(test_master_yields_to_higher),
		cmocka_unit_test(test_master_tie_break_by_address),
		cmocka_unit_test(test_master_and_lower_advert),
		cmocka_unit_test(test_master_sees_priority_zero),
		cmocka_unit_test(test_shutdown),
		cmocka_unit_test(test_fault),
		cmocka_unit_test(test_effective_priority),
		cmocka_unit_test(test_fault_at_startup_then_preempts),
		cmocka_unit_test(test_random_walk_invariant),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
