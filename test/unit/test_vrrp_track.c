/*
 * Unit tests of the tracking arithmetic (vrrp_track.h) and of the status
 * machine of vrrp_script (rise, fall, init_fail), against the values
 * Debian's keepalived 2.2.7 was seen to use.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "vrrp_script.h"
#include "vrrp_smtp.h"
#include "vrrp_track.h"

static struct vrrp_track_item item(int weight, bool reverse,
				   enum vrrp_track_status st)
{
	return (struct vrrp_track_item){ .weight = weight, .reverse = reverse,
					 .status = st };
}

/* Each sign of weight, with and without reverse, up and down. */
static void test_delta(void **state)
{
	static const struct {
		int weight;
		bool reverse;
		int up, down;
	} t[] = {
		{ 10, false, 10, 0 },	/* added while up */
		{ -60, false, 0, -60 },	/* subtracted while down */
		{ 20, true, -20, 0 },	/* keepalived: 100 -> 80 when up */
		{ -20, true, 0, 20 },	/* "increase priority if down" */
		{ 0, false, 0, 0 },
		{ 0, true, 0, 0 },
	};
	struct vrrp_track_item it;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		it = item(t[i].weight, t[i].reverse, VRRP_TRACK_UP);
		assert_int_equal(vrrp_track_delta(&it), t[i].up);
		it.status = VRRP_TRACK_DOWN;
		assert_int_equal(vrrp_track_delta(&it), t[i].down);
		it.status = VRRP_TRACK_PENDING;
		assert_int_equal(vrrp_track_delta(&it), 0);
	}
}

static void test_faults(void **state)
{
	struct vrrp_track_item it = item(0, false, VRRP_TRACK_DOWN);

	(void)state;
	assert_true(vrrp_track_faults(&it));
	it.status = VRRP_TRACK_UP;
	assert_false(vrrp_track_faults(&it));
	it.status = VRRP_TRACK_PENDING;
	assert_false(vrrp_track_faults(&it));
	/* weight 0 reverse: down while the object is up */
	it = item(0, true, VRRP_TRACK_UP);
	assert_true(vrrp_track_faults(&it));
	it.status = VRRP_TRACK_DOWN;
	assert_false(vrrp_track_faults(&it));
	/* a weighted object never faults */
	it = item(-10, false, VRRP_TRACK_DOWN);
	assert_false(vrrp_track_faults(&it));
}

static void test_eval(void **state)
{
	struct vrrp_track_item items[4] = {
		item(10, false, VRRP_TRACK_UP),
		item(-30, false, VRRP_TRACK_DOWN),
		item(0, false, VRRP_TRACK_PENDING),
		item(5, true, VRRP_TRACK_UP),
	};
	struct vrrp_track_verdict v;

	(void)state;
	vrrp_track_eval(items, 4, &v);
	assert_int_equal(v.delta, 10 - 30 - 5);
	assert_false(v.fault);
	assert_true(v.pending);		/* waits for the unweighted one */
	items[2].status = VRRP_TRACK_UP;
	vrrp_track_eval(items, 4, &v);
	assert_false(v.pending);
	assert_false(v.fault);
	items[2].status = VRRP_TRACK_DOWN;
	vrrp_track_eval(items, 4, &v);
	assert_true(v.fault);
	/* a fault is a fault even while another one is still pending */
	items[0] = item(0, false, VRRP_TRACK_PENDING);
	vrrp_track_eval(items, 4, &v);
	assert_true(v.fault);
	assert_false(v.pending);
	vrrp_track_eval(items, 0, &v);
	assert_int_equal(v.delta, 0);
	assert_false(v.fault || v.pending);
}

static void test_priority(void **state)
{
	(void)state;
	assert_int_equal(vrrp_track_priority(150, -60), 90);
	assert_int_equal(vrrp_track_priority(100, 20), 120);
	/* kept within 1..254 for a non-owner */
	assert_int_equal(vrrp_track_priority(100, -200), 1);
	assert_int_equal(vrrp_track_priority(1, -1), 1);
	assert_int_equal(vrrp_track_priority(200, 100), 254);
	assert_int_equal(vrrp_track_priority(254, 1), 254);
	/* the address owner is never changed */
	assert_int_equal(vrrp_track_priority(255, -100), 255);
	assert_int_equal(vrrp_track_priority(255, 0), 255);
}

/* Feeds "results" ('+' success, '-' failure) and returns the statuses
 * after each as 'P', 'U', 'D'. */
static void run(struct vrrp_script_state *st, const char *results,
		char *out)
{
	static const char name[] = { 'P', 'U', 'D' };

	for (; *results; results++) {
		vrrp_script_state_feed(st, *results == '+');
		*out++ = name[st->status];
	}
	*out = 0;
}

static void test_state_rise_fall(void **state)
{
	struct vrrp_script_state st;
	char out[32];

	(void)state;
	vrrp_script_state_init(&st, 2, 3, false);
	assert_int_equal(st.status, VRRP_TRACK_PENDING);
	/* the first result decides; then fall 3 failures in a row, and
	 * rise 2 successes in a row, a lone result in between resets */
	run(&st, "+--+---", out);
	assert_string_equal(out, "UUUUUUD");
	run(&st, "+-++", out);
	assert_string_equal(out, "DDDU");
	vrrp_script_state_init(&st, 2, 3, false);
	run(&st, "-++", out);
	assert_string_equal(out, "DDU");
}

static void test_state_changes_reported(void **state)
{
	struct vrrp_script_state st;

	(void)state;
	vrrp_script_state_init(&st, 1, 1, false);
	assert_true(vrrp_script_state_feed(&st, true));	/* P -> U */
	assert_false(vrrp_script_state_feed(&st, true));
	assert_true(vrrp_script_state_feed(&st, false));
	assert_false(vrrp_script_state_feed(&st, false));
	assert_true(vrrp_script_state_feed(&st, true));
}

static void test_state_init_fail(void **state)
{
	struct vrrp_script_state st;
	char out[32];

	(void)state;
	/* failed from the start: rise successes are needed */
	vrrp_script_state_init(&st, 3, 1, true);
	assert_int_equal(st.status, VRRP_TRACK_DOWN);
	run(&st, "++-+++", out);
	assert_string_equal(out, "DDDDDU");
	/* 0 is taken as 1, as the parser corrects it */
	vrrp_script_state_init(&st, 0, 0, true);
	run(&st, "+-", out);
	assert_string_equal(out, "UD");
}

/* keepalived.conf(5) "Track files": weight 0 faults on any non-zero
 * number; otherwise number x weight (negated by reverse) is the delta,
 * FAULT below -253 and at most 253. */
static void file_case(long value, int weight, bool reverse, bool fault,
		      int delta)
{
	struct vrrp_track_verdict v = { .delta = 5, .pending = true };

	vrrp_track_file_apply(value, weight, reverse, &v);
	assert_int_equal(v.fault, fault);
	if (fault) {
		assert_false(v.pending);
		return;
	}
	assert_true(v.pending);		/* left to the other objects */
	assert_int_equal(v.delta, 5 + delta);
}

static void test_file_apply(void **state)
{
	(void)state;
	file_case(0, 0, false, false, 0);
	file_case(1, 0, false, true, 0);
	file_case(-1, 0, false, true, 0);
	file_case(0, 0, true, false, 0);
	file_case(2, -30, false, false, -60);
	file_case(2, -30, true, false, 60);
	file_case(-3, 10, false, false, -30);
	file_case(1, -253, false, false, -253);
	file_case(1, -254, false, true, 0);
	file_case(1, 254, true, true, 0);
	file_case(1, 254, false, false, 253);
	file_case(2147483648L, 254, false, false, 253);
	file_case(-2147483648L, 254, false, true, 0);
	file_case(-2147483648L, -254, false, false, 253);
}

/* Words of keepalived 2.2.7's alerts, as its e-mails showed them. */
static void test_smtp_text(void **state)
{
	char subject[128];
	const char *body = NULL;

	(void)state;
	assert_true(vrrp_smtp_text(false, "VI_1", VRRP_STATE_MASTER, subject,
				   sizeof(subject), &body));
	assert_string_equal(subject, "VRRP Instance VI_1 - Entering MASTER "
			    "state");
	assert_string_equal(body, "=> VRRP Instance is now owning VRRP VIPs "
			    "<=");
	assert_true(vrrp_smtp_text(false, "VI_1", VRRP_STATE_FAULT, subject,
				   sizeof(subject), &body));
	assert_string_equal(body, "=> VRRP Instance is no longer owning VRRP "
			    "VIPs <=");
	assert_true(vrrp_smtp_text(true, "G1", VRRP_STATE_BACKUP, subject,
				   sizeof(subject), &body));
	assert_string_equal(subject, "VRRP Group G1 - Entering BACKUP state");
	assert_string_equal(body, "=> All VRRP group instances are now in "
			    "BACKUP state <=");
	/* no alert on stop */
	assert_false(vrrp_smtp_text(false, "VI_1", VRRP_STATE_INIT, subject,
				    sizeof(subject), &body));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delta),
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_eval),
		cmocka_unit_test(test_priority),
		cmocka_unit_test(test_file_apply),
		cmocka_unit_test(test_smtp_text),
		cmocka_unit_test(test_state_rise_fall),
		cmocka_unit_test(test_state_changes_reported),
		cmocka_unit_test(test_state_init_fail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
