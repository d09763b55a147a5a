/*
 * test_event.c: timers, queued events, cancellation and the handle rule,
 * driven by a fake clock and non-blocking passes, so nothing sleeps.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "event.h"
#include "memory.h"

#define MAX_RUNS 64

/* What the callbacks saw, in order. */
struct record {
	int n;
	int ids[MAX_RUNS];
	struct event_info infos[MAX_RUNS];
};

struct fixture {
	struct clock_fake fake;
	struct event_clock clock;
	struct event_loop *loop;
	struct record rec;
	long live_before;
};

/* The arg of a recording callback. */
struct probe {
	struct fixture *fx;
	int id;
	struct event *handle;
	struct event **victim;		/* cancelled by the callback, if set */
	bool handle_null_in_cb;
};

static int setup(void **state)
{
	struct fixture *fx = mem_new(struct fixture);

	fx->live_before = mem_live_count();	/* fx included */
	fx->clock = clock_fake_init(&fx->fake, 1000000);
	fx->loop = event_loop_new(&fx->clock);
	assert_non_null(fx->loop);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	event_loop_free(&fx->loop);
	assert_null(fx->loop);
	/* Everything the loop allocated is gone with it. */
	assert_int_equal(mem_live_count(), fx->live_before);
	mem_free(&fx);
	return 0;
}

static void record(struct fixture *fx, int id, const struct event_info *info)
{
	assert_true(fx->rec.n < MAX_RUNS);
	fx->rec.ids[fx->rec.n] = id;
	fx->rec.infos[fx->rec.n] = *info;
	fx->rec.n++;
}

static void probe_cb(struct event_loop *loop, const struct event_info *info)
{
	struct probe *p = info->arg;

	(void)loop;
	p->handle_null_in_cb = p->handle == NULL;
	if (p->victim)
		event_cancel(p->victim);
	record(p->fx, p->id, info);
}

static void probe_init(struct probe *p, struct fixture *fx, int id)
{
	memset(p, 0, sizeof(*p));
	p->fx = fx;
	p->id = id;
}

static int pass(struct fixture *fx)
{
	return event_loop_run_once(fx->loop, false);
}

static void test_timers_in_order_not_early(void **state)
{
	static const uint64_t delay[] = { 300, 100, 200, 100 };
	struct fixture *fx = *state;
	struct probe p[4];
	int i;

	for (i = 0; i < 4; i++) {
		probe_init(&p[i], fx, i);
		assert_int_equal(event_add_timer(fx->loop, &p[i].handle,
						 delay[i], probe_cb, &p[i]), 0);
		assert_non_null(p[i].handle);
	}
	assert_int_equal(pass(fx), 0);
	clock_fake_advance(&fx->fake, 99);
	assert_int_equal(pass(fx), 0);
	assert_int_equal(fx->rec.n, 0);

	/* Both 100 us timers, in the order they were added. */
	clock_fake_advance(&fx->fake, 1);
	assert_int_equal(pass(fx), 2);
	assert_int_equal(fx->rec.ids[0], 1);
	assert_int_equal(fx->rec.ids[1], 3);
	assert_null(p[1].handle);
	assert_true(p[1].handle_null_in_cb);
	assert_non_null(p[0].handle);
	assert_int_equal(fx->rec.infos[0].type, EVENT_TIMER);
	assert_int_equal(fx->rec.infos[0].result, EVENT_READY);
	assert_int_equal(fx->rec.infos[0].late_us, 0);
	assert_int_equal(fx->rec.infos[0].fd, -1);

	clock_fake_advance(&fx->fake, 99);
	assert_int_equal(pass(fx), 0);
	/* 250 us late for the 200 us timer, 50 us for the 300 us one. */
	clock_fake_advance(&fx->fake, 251);
	assert_int_equal(pass(fx), 2);
	assert_int_equal(fx->rec.ids[2], 2);
	assert_int_equal(fx->rec.ids[3], 0);
	assert_int_equal(fx->rec.infos[2].late_us, 250);
	assert_int_equal(fx->rec.infos[3].late_us, 150);
	assert_null(p[0].handle);
	assert_null(p[2].handle);
}

/* A timer added by a callback runs on a later pass, never the same one. */
static void readd_cb(struct event_loop *loop, const struct event_info *info)
{
	struct probe *p = info->arg;

	record(p->fx, p->id, info);
	if (p->fx->rec.n < 3)
		assert_int_equal(event_add_timer(loop, &p->handle, 0, readd_cb,
						 p), 0);
}

static void test_zero_delay_readd_next_pass(void **state)
{
	struct fixture *fx = *state;
	struct probe p;

	probe_init(&p, fx, 7);
	assert_int_equal(event_add_timer(fx->loop, &p.handle, 0, readd_cb, &p),
			 0);
	assert_int_equal(pass(fx), 1);
	assert_non_null(p.handle);
	assert_int_equal(pass(fx), 1);
	assert_int_equal(pass(fx), 1);
	assert_null(p.handle);
	assert_int_equal(pass(fx), 0);
	assert_int_equal(fx->rec.n, 3);
}

static void test_queued_fifo_before_timers(void **state)
{
	struct fixture *fx = *state;
	struct probe p[4];
	int i;

	for (i = 0; i < 4; i++)
		probe_init(&p[i], fx, i);
	/* The timer is added first and is due, yet runs last. */
	assert_int_equal(event_add_timer(fx->loop, &p[0].handle, 0, probe_cb,
					 &p[0]), 0);
	for (i = 1; i < 4; i++)
		assert_int_equal(event_add_queued(fx->loop, &p[i].handle,
						  probe_cb, &p[i], 10 * i), 0);
	assert_int_equal(pass(fx), 4);
	for (i = 0; i < 3; i++) {
		assert_int_equal(fx->rec.ids[i], i + 1);
		assert_int_equal(fx->rec.infos[i].type, EVENT_QUEUED);
		assert_int_equal(fx->rec.infos[i].val, 10 * (i + 1));
		assert_null(p[i + 1].handle);
	}
	assert_int_equal(fx->rec.ids[3], 0);
	assert_int_equal(fx->rec.infos[3].type, EVENT_TIMER);
}

/* A callback cancels an event that is due in the same pass. */
static void test_cancel_due_in_same_pass(void **state)
{
	struct fixture *fx = *state;
	struct probe a, b, c, q;
	struct event_loop_stats st;

	probe_init(&a, fx, 1);
	probe_init(&b, fx, 2);
	probe_init(&c, fx, 3);
	probe_init(&q, fx, 4);
	assert_int_equal(event_add_timer(fx->loop, &a.handle, 10, probe_cb, &a), 0);
	assert_int_equal(event_add_timer(fx->loop, &b.handle, 10, probe_cb, &b), 0);
	assert_int_equal(event_add_timer(fx->loop, &c.handle, 10, probe_cb, &c), 0);
	assert_int_equal(event_add_queued(fx->loop, &q.handle, probe_cb, &q, 0), 0);
	q.victim = &b.handle;	/* the queued one cancels a due timer */
	a.victim = &c.handle;	/* a timer cancels the next due timer */
	event_loop_get_stats(fx->loop, &st);
	assert_int_equal(st.scheduled, 4);
	assert_int_equal(st.timers, 3);

	clock_fake_advance(&fx->fake, 10);
	assert_int_equal(pass(fx), 2);
	assert_int_equal(fx->rec.n, 2);
	assert_int_equal(fx->rec.ids[0], 4);
	assert_int_equal(fx->rec.ids[1], 1);
	assert_null(b.handle);
	assert_null(c.handle);
	event_loop_get_stats(fx->loop, &st);
	assert_int_equal(st.scheduled, 0);
	assert_int_equal(st.timers, 0);
	assert_int_equal(pass(fx), 0);
}

/* A callback cancels its own handle: it is already NULL, nothing happens. */
static void self_cancel_cb(struct event_loop *loop, const struct event_info *info)
{
	struct probe *p = info->arg;

	(void)loop;
	assert_null(p->handle);
	event_cancel(&p->handle);
	record(p->fx, p->id, info);
}

static void test_cancel_self_and_null(void **state)
{
	struct fixture *fx = *state;
	struct event *none = NULL;
	struct probe p;

	event_cancel(NULL);
	event_cancel(&none);
	assert_null(none);
	probe_init(&p, fx, 1);
	assert_int_equal(event_add_timer(fx->loop, &p.handle, 5, self_cancel_cb,
					 &p), 0);
	clock_fake_advance(&fx->fake, 5);
	assert_int_equal(pass(fx), 1);
	assert_int_equal(fx->rec.n, 1);
	assert_null(p.handle);
}

/* Cancelled outside any callback: NULLed at once, never runs. */
static void test_cancel_outside_pass(void **state)
{
	struct fixture *fx = *state;
	struct probe t, q;

	probe_init(&t, fx, 1);
	probe_init(&q, fx, 2);
	assert_int_equal(event_add_timer(fx->loop, &t.handle, 5, probe_cb, &t), 0);
	assert_int_equal(event_add_queued(fx->loop, &q.handle, probe_cb, &q, 0), 0);
	event_cancel(&t.handle);
	event_cancel(&q.handle);
	assert_null(t.handle);
	assert_null(q.handle);
	clock_fake_advance(&fx->fake, 100);
	assert_int_equal(pass(fx), 0);
	assert_int_equal(fx->rec.n, 0);
}

static void test_busy_handle(void **state)
{
	struct fixture *fx = *state;
	struct event *old;
	struct probe p;

	probe_init(&p, fx, 1);
	assert_int_equal(event_add_timer(fx->loop, &p.handle, 50, probe_cb, &p), 0);
	old = p.handle;
	assert_int_equal(event_add_timer(fx->loop, &p.handle, 10, probe_cb, &p),
			 -EBUSY);
	assert_int_equal(event_add_queued(fx->loop, &p.handle, probe_cb, &p, 0),
			 -EBUSY);
	assert_ptr_equal(p.handle, old);
	assert_int_equal(event_add_timer(fx->loop, NULL, 10, NULL, &p), -EINVAL);
	assert_int_equal(event_add_timer(NULL, NULL, 10, probe_cb, &p), -EINVAL);

	/* Rescheduling is cancel then add. */
	event_cancel(&p.handle);
	assert_int_equal(event_add_timer(fx->loop, &p.handle, 10, probe_cb, &p), 0);
	clock_fake_advance(&fx->fake, 10);
	assert_int_equal(pass(fx), 1);
	assert_int_equal(fx->rec.n, 1);
}

/* An owner that a callback frees after cancelling its other events. */
struct owner {
	struct fixture *fx;
	struct event *t_first;
	struct event *t_second;	/* due in the same pass as t_first */
	struct event *t_later;
	struct event *q;
	struct owner **self;
};

static void owner_second_cb(struct event_loop *loop, const struct event_info *info)
{
	(void)loop;
	(void)info;
	fail_msg("cancelled event ran");
}

static void owner_first_cb(struct event_loop *loop, const struct event_info *info)
{
	struct owner *o = info->arg;

	(void)loop;
	record(o->fx, 1, info);
	event_cancel(&o->t_second);
	event_cancel(&o->t_later);
	event_cancel(&o->q);
	/* ASan would catch the loop writing to the owner from now on. */
	mem_free(o->self);
}

static void test_callback_frees_owner(void **state)
{
	struct fixture *fx = *state;
	struct owner *o = mem_new(struct owner);

	o->fx = fx;
	o->self = &o;
	assert_int_equal(event_add_timer(fx->loop, &o->t_first, 10,
					 owner_first_cb, o), 0);
	assert_int_equal(event_add_timer(fx->loop, &o->t_second, 10,
					 owner_second_cb, o), 0);
	assert_int_equal(event_add_timer(fx->loop, &o->t_later, 1000,
					 owner_second_cb, o), 0);
	assert_int_equal(event_add_queued(fx->loop, &o->q, owner_second_cb, o, 0),
			 0);
	/* The queued one is due before the timers: cancel it first. */
	event_cancel(&o->q);
	assert_int_equal(event_add_queued(fx->loop, &o->q, owner_second_cb, o, 0),
			 0);
	event_cancel(&o->q);
	clock_fake_advance(&fx->fake, 10);
	assert_int_equal(pass(fx), 1);
	assert_null(o);
	clock_fake_advance(&fx->fake, 10000);
	assert_int_equal(pass(fx), 0);
	assert_int_equal(fx->rec.n, 1);
}

static void late_hook(const struct event_info *info, void *ctx)
{
	struct record *late = ctx;

	late->ids[late->n] = (int)info->type;
	late->infos[late->n++] = *info;
}

static void test_late_hook(void **state)
{
	struct fixture *fx = *state;
	struct record late = { 0 };
	struct event_loop_stats st;
	struct probe a, b;

	event_loop_set_late_hook(fx->loop, 1000, late_hook, &late);
	probe_init(&a, fx, 1);
	probe_init(&b, fx, 2);
	assert_int_equal(event_add_timer(fx->loop, &a.handle, 100, probe_cb, &a), 0);
	assert_int_equal(event_add_timer(fx->loop, &b.handle, 5000, probe_cb, &b), 0);
	/* On time to within the threshold: not reported. */
	clock_fake_advance(&fx->fake, 1100);
	assert_int_equal(pass(fx), 1);
	assert_int_equal(late.n, 0);
	/* 3000 us late: reported, with the info the callback gets. */
	clock_fake_advance(&fx->fake, 6900);
	assert_int_equal(pass(fx), 1);
	assert_int_equal(late.n, 1);
	assert_int_equal(late.infos[0].type, EVENT_TIMER);
	assert_int_equal(late.infos[0].late_us, 3000);
	assert_ptr_equal(late.infos[0].arg, &b);
	event_loop_get_stats(fx->loop, &st);
	assert_int_equal(st.late, 1);
	assert_int_equal(st.dispatched, 2);
}

/* event_loop_free() cancels everything and NULLs every handle. */
static void test_free_nulls_handles(void **state)
{
	struct fixture *fx = *state;
	struct probe t, q;

	probe_init(&t, fx, 1);
	probe_init(&q, fx, 2);
	assert_int_equal(event_add_timer(fx->loop, &t.handle, 5, probe_cb, &t), 0);
	assert_int_equal(event_add_queued(fx->loop, &q.handle, probe_cb, &q, 0), 0);
	event_loop_free(&fx->loop);
	assert_null(fx->loop);
	assert_null(t.handle);
	assert_null(q.handle);
	assert_int_equal(fx->rec.n, 0);
}

/* run() returns when nothing is left, and stop() ends it early. */
static void stop_after_3_cb(struct event_loop *loop, const struct event_info *info)
{
	struct probe *p = info->arg;

	record(p->fx, p->id, info);
	assert_int_equal(event_add_timer(loop, &p->handle, 10, stop_after_3_cb,
					 p), 0);
	if (p->fx->rec.n == 3)
		event_loop_stop(loop);
}

/* A callback cannot run its own loop. */
static void nested_cb(struct event_loop *loop, const struct event_info *info)
{
	struct probe *p = info->arg;

	assert_int_equal(event_loop_run_once(loop, false), -EBUSY);
	record(p->fx, p->id, info);
}

static void test_no_nested_pass(void **state)
{
	struct fixture *fx = *state;
	struct probe p;

	probe_init(&p, fx, 1);
	assert_int_equal(event_add_queued(fx->loop, &p.handle, nested_cb, &p, 0),
			 0);
	assert_int_equal(pass(fx), 1);
	assert_int_equal(fx->rec.n, 1);
}

static void test_run_stop_and_empty(void **state)
{
	struct fixture *fx = *state;
	struct event_loop *real = event_loop_new(NULL);
	struct probe p, once;

	probe_init(&p, fx, 1);
	probe_init(&once, fx, 2);
	assert_non_null(real);
	/* Nothing scheduled: returns at once. */
	assert_int_equal(event_loop_run(real), 0);
	assert_int_equal(event_loop_run_once(real, true), 0);
	assert_int_equal(event_add_timer(real, &p.handle, 10, stop_after_3_cb,
					 &p), 0);
	assert_int_equal(event_loop_run(real), 0);
	assert_int_equal(fx->rec.n, 3);
	assert_non_null(p.handle);
	event_cancel(&p.handle);

	assert_int_equal(event_add_timer(real, &once.handle, 10, probe_cb,
					 &once), 0);
	assert_int_equal(event_loop_run(real), 0);
	assert_int_equal(fx->rec.n, 4);
	assert_int_equal(fx->rec.ids[3], 2);
	event_loop_free(&real);
}

/* 100,000 timers through the loop: O(log n) each, fired in order. */
struct big {
	struct event **handles;
	uint64_t last_when;
	uint64_t *when;
	size_t fired;
	bool in_order;
};

static void big_cb(struct event_loop *loop, const struct event_info *info)
{
	struct big *b = info->arg;
	uint64_t now = event_loop_now_us(loop);
	uint64_t due = now - info->late_us;

	if (due < b->last_when)
		b->in_order = false;
	b->last_when = due;
	b->fired++;
}

static double log2_up(size_t n)
{
	double bits = 0;

	for (; n; n >>= 1)
		bits++;
	return bits;
}

static void test_100k_timers(void **state)
{
	enum { N = 100000 };
	struct fixture *fx = *state;
	struct big b = { .in_order = true };
	struct event_loop_stats st;
	uint64_t seed = 12345, ops = 0;
	size_t i, cancelled = 0;

	b.handles = mem_calloc(N, sizeof(*b.handles));
	for (i = 0; i < N; i++, ops++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		assert_int_equal(event_add_timer(fx->loop, &b.handles[i],
						 (seed >> 33) % 1000000 + 1,
						 big_cb, &b), 0);
	}
	for (i = 0; i < N; i++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		if (!b.handles[(seed >> 33) % N])
			continue;
		event_cancel(&b.handles[(seed >> 33) % N]);
		cancelled++;
		ops++;
	}
	event_loop_get_stats(fx->loop, &st);
	assert_int_equal(st.scheduled, N - cancelled);
	/* Still-running timers pop: about 2*log2(n) comparisons each. */
	clock_fake_advance(&fx->fake, 1000001);
	assert_int_equal(pass(fx), (int)(N - cancelled));
	ops += N - cancelled;
	event_loop_get_stats(fx->loop, &st);
	assert_int_equal(b.fired, N - cancelled);
	assert_true(b.in_order);
	assert_int_equal(st.scheduled, 0);
	assert_true((double)st.heap_comparisons / (double)ops <=
		    3.0 * log2_up(N));
	for (i = 0; i < N; i++)
		assert_null(b.handles[i]);
	mem_free(&b.handles);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_timers_in_order_not_early),
		T(test_zero_delay_readd_next_pass),
		T(test_queued_fifo_before_timers),
		T(test_cancel_due_in_same_pass),
		T(test_cancel_self_and_null),
		T(test_cancel_outside_pass),
		T(test_busy_handle),
		T(test_callback_frees_owner),
		T(test_late_hook),
		T(test_free_nulls_handles),
		T(test_no_nested_pass),
		T(test_run_stop_and_empty),
		T(test_100k_timers),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
