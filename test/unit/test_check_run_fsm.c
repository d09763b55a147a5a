/*
 * test_check_run_fsm.c: the checker framework's pure decisions: the
 * checker state machine driven attempt by attempt on a fake clock,
 * quorum with hysteresis, and what IPVS should hold.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "check_run.h"
#include "clock.h"

#define S 1000000LL

static struct ck_common common(long retry)
{
	return (struct ck_common){
		.retry = retry,
		.delay_loop_us = 10 * S,
		.delay_before_retry_us = 2 * S,
		.warmup_us = 10 * S,
		.connect_timeout_us = 5 * S,
	};
}

/* An up checker with retry 2 goes down on the third failure in a row,
 * the failures spaced by delay_before_retry. */
static void test_retries_then_down(void **state)
{
	struct ck_common c = common(2);
	struct ck_sm sm;

	(void)state;
	ck_sm_init(&sm, true, c.retry);
	assert_int_equal(ck_sm_result(&sm, false, c.retry), CK_SM_RETRY);
	assert_int_equal(ck_sm_next_delay_us(CK_SM_RETRY, &c), 2 * S);
	assert_int_equal(ck_sm_result(&sm, false, c.retry), CK_SM_RETRY);
	assert_true(sm.up);
	assert_int_equal(ck_sm_result(&sm, false, c.retry), CK_SM_DOWN);
	assert_false(sm.up);
	assert_int_equal(ck_sm_next_delay_us(CK_SM_DOWN, &c), 10 * S);
	/* Down stays down at the delay_loop pace. */
	assert_int_equal(ck_sm_result(&sm, false, c.retry), CK_SM_STAY);
	assert_int_equal(ck_sm_result(&sm, true, c.retry), CK_SM_UP);
	assert_true(sm.up);
}

/* A success in between gives back every retry. */
static void test_success_resets_retries(void **state)
{
	struct ck_sm sm;

	(void)state;
	ck_sm_init(&sm, true, 1);
	assert_int_equal(ck_sm_result(&sm, false, 1), CK_SM_RETRY);
	assert_int_equal(ck_sm_result(&sm, true, 1), CK_SM_STAY);
	assert_int_equal(ck_sm_result(&sm, false, 1), CK_SM_RETRY);
	assert_int_equal(ck_sm_result(&sm, false, 1), CK_SM_DOWN);
}

static void test_retry_zero(void **state)
{
	struct ck_sm sm;

	(void)state;
	ck_sm_init(&sm, true, 0);
	assert_int_equal(ck_sm_result(&sm, false, 0), CK_SM_DOWN);
	ck_sm_init(&sm, true, -1);
	assert_int_equal(ck_sm_result(&sm, false, -1), CK_SM_DOWN);
}

/* alpha: starts down, first success brings it up. */
static void test_alpha_start(void **state)
{
	struct ck_sm sm;

	(void)state;
	ck_sm_init(&sm, false, 3);
	assert_false(sm.up);
	assert_int_equal(ck_sm_result(&sm, true, 3), CK_SM_UP);
}

static void test_warmup(void **state)
{
	struct ck_common c = common(1);

	(void)state;
	assert_int_equal(ck_sm_warmup_us(&c, 0), 0);
	assert_int_equal(ck_sm_warmup_us(&c, 10 * S), 10 * S);
	assert_int_equal(ck_sm_warmup_us(&c, 10 * S + 1), 0);
	assert_true(ck_sm_warmup_us(&c, UINT64_MAX) <= 10 * S);
	c.warmup_us = 0;
	assert_int_equal(ck_sm_warmup_us(&c, 12345), 0);
	c.warmup_us = -1;
	assert_int_equal(ck_sm_warmup_us(&c, 12345), 0);
}

/*
 * The schedule on a fake clock: a server that stops answering at t=25 s
 * is declared down after the next delay_loop attempt plus retry attempts
 * spaced by delay_before_retry.
 */
static void test_schedule_on_fake_clock(void **state)
{
	struct ck_common c = common(1);
	struct clock_fake fake;
	struct ck_sm sm;
	enum ck_sm_verdict v = CK_SM_STAY;
	uint64_t down_at = 0;
	bool server_ok;

	(void)state;
	clock_fake_init(&fake, 0);
	ck_sm_init(&sm, true, c.retry);
	clock_fake_advance(&fake, ck_sm_warmup_us(&c, 3 * S));
	while (fake.now_us < 100 * S && !down_at) {
		server_ok = fake.now_us < 25 * S;
		v = ck_sm_result(&sm, server_ok, c.retry);
		if (v == CK_SM_DOWN)
			down_at = fake.now_us;
		clock_fake_advance(&fake, ck_sm_next_delay_us(v, &c));
	}
	/* Attempts at 3, 13, 23 (ok), 33 (fail, retry), 35 (down). */
	assert_int_equal(down_at, 35 * S);
}

static void test_quorum_hysteresis(void **state)
{
	(void)state;
	/* quorum 3, hysteresis 1: lost below 2, gained at 4. */
	assert_true(ck_quorum_next(true, 3, 3, 1));
	assert_true(ck_quorum_next(true, 2, 3, 1));
	assert_false(ck_quorum_next(true, 1, 3, 1));
	assert_false(ck_quorum_next(false, 2, 3, 1));
	assert_false(ck_quorum_next(false, 3, 3, 1));
	assert_true(ck_quorum_next(false, 4, 3, 1));
	/* Nothing up is no quorum, even within the hysteresis. */
	assert_true(ck_quorum_next(true, 1, 2, 2));
	assert_false(ck_quorum_next(true, 0, 2, 2));
	assert_false(ck_quorum_next(false, 0, 0, 0));
	/* No hysteresis: the plain threshold. */
	assert_false(ck_quorum_next(true, 0, 1, 0));
	assert_true(ck_quorum_next(false, 1, 1, 0));
}

static void test_rs_want(void **state)
{
	struct ck_want w;

	(void)state;
	w = ck_rs_want(true, 5, false, true, false);
	assert_true(w.present);
	assert_int_equal(w.weight, 5);
	w = ck_rs_want(false, 5, false, true, false);
	assert_false(w.present);
	/* inhibit_on_failure: kept at weight 0. */
	w = ck_rs_want(false, 5, true, true, false);
	assert_true(w.present);
	assert_int_equal(w.weight, 0);
	/* Quorum lost without a sorry server: up servers stay. */
	w = ck_rs_want(true, 5, false, false, false);
	assert_true(w.present);
	/* ...with one, every server is taken out. */
	w = ck_rs_want(true, 5, false, false, true);
	assert_false(w.present);
	w = ck_rs_want(true, 5, true, false, true);
	assert_true(w.present);
	assert_int_equal(w.weight, 0);
	/* Dynamic weights are clamped to what IPVS takes. */
	assert_int_equal(ck_rs_want(true, -3, false, true, false).weight, 0);
	assert_int_equal(ck_rs_want(true, 70000, false, true, false).weight,
			 65535);
}

static void test_sorry_want(void **state)
{
	struct ck_want w;

	(void)state;
	w = ck_sorry_want(false, 2, false);
	assert_true(w.present);
	assert_int_equal(w.weight, 2);
	assert_false(ck_sorry_want(true, 2, false).present);
	w = ck_sorry_want(true, 2, true);
	assert_true(w.present);
	assert_int_equal(w.weight, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retries_then_down),
		cmocka_unit_test(test_success_resets_retries),
		cmocka_unit_test(test_retry_zero),
		cmocka_unit_test(test_alpha_start),
		cmocka_unit_test(test_warmup),
		cmocka_unit_test(test_schedule_on_fake_clock),
		cmocka_unit_test(test_quorum_hysteresis),
		cmocka_unit_test(test_rs_want),
		cmocka_unit_test(test_sorry_want),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
