/*
 * test_timer_heap.c: order, ties, removal, and the O(log n) cost of the
 * timer heap, measured by counting comparisons rather than by timing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "memory.h"
#include "timer_heap.h"

#define BIG 100000

struct item {
	struct timer_heap_node node;
	int id;
};

#define item_of(n) ((struct item *)((char *)(n) - offsetof(struct item, node)))

/* Bits needed to write n: ceil(log2(n + 1)), without libm. */
static double log2_up(size_t n)
{
	double bits = 0;

	for (; n; n >>= 1)
		bits++;
	return bits;
}

/* Deterministic, so a failure can be reproduced. */
static uint64_t rng_next(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

static void push(struct timer_heap *heap, struct item *it, uint64_t when_us,
		 int id)
{
	timer_heap_node_init(&it->node);
	it->node.when_us = when_us;
	it->id = id;
	timer_heap_push(heap, &it->node);
}

static void test_pops_in_order_ties_fifo(void **state)
{
	static const uint64_t when[] = { 50, 10, 30, 10, 20, 50, 10, 0 };
	static const int expected[] = { 7, 1, 3, 6, 4, 2, 0, 5 };
	struct timer_heap *heap = timer_heap_new();
	struct item items[8];
	size_t i;

	(void)state;
	assert_null(timer_heap_peek(heap));
	assert_null(timer_heap_pop(heap));
	for (i = 0; i < 8; i++)
		push(heap, &items[i], when[i], (int)i);
	assert_int_equal(timer_heap_count(heap), 8);
	for (i = 0; i < 8; i++) {
		struct timer_heap_node *n = timer_heap_pop(heap);

		assert_non_null(n);
		assert_int_equal(item_of(n)->id, expected[i]);
		assert_false(timer_heap_node_queued(n));
	}
	assert_int_equal(timer_heap_count(heap), 0);
	timer_heap_free(&heap);
	assert_null(heap);
	timer_heap_free(&heap);
	timer_heap_free(NULL);
}

static void test_remove_any(void **state)
{
	struct timer_heap *heap = timer_heap_new();
	struct item items[64];
	uint64_t seed = 42, last = 0;
	size_t i, popped = 0;

	(void)state;
	for (i = 0; i < 64; i++)
		push(heap, &items[i], rng_next(&seed) % 100, (int)i);
	/* Every third one goes, including the root and the last slot. */
	for (i = 0; i < 64; i += 3) {
		timer_heap_remove(heap, &items[i].node);
		assert_false(timer_heap_node_queued(&items[i].node));
	}
	/* Removing again is ignored. */
	timer_heap_remove(heap, &items[0].node);
	assert_int_equal(timer_heap_count(heap), 64 - 22);
	while (timer_heap_count(heap)) {
		struct item *it = item_of(timer_heap_pop(heap));

		assert_true(it->id % 3 != 0);
		assert_true(it->node.when_us >= last);
		last = it->node.when_us;
		popped++;
	}
	assert_int_equal(popped, 64 - 22);
	timer_heap_free(&heap);
}

/*
 * 100,000 timers: push them all, remove a random half, pop the rest.
 * A sorted list or a linear scan would need thousands of comparisons per
 * operation here; a heap needs at most about 2*log2(n).
 */
static void test_big_heap_log_cost(void **state)
{
	struct timer_heap *heap = timer_heap_new();
	struct item *items = mem_calloc(BIG, sizeof(*items));
	uint64_t seed = 0x9e3779b97f4a7c15ull, before, ops = 0, last = 0;
	double bound = 3.0 * log2_up(BIG);
	size_t i, removed = 0, popped = 0;

	(void)state;
	for (i = 0; i < BIG; i++, ops++)
		push(heap, &items[i], rng_next(&seed) % 1000000, (int)i);
	assert_true((double)timer_heap_comparisons(heap) / (double)ops <= bound);

	before = timer_heap_comparisons(heap);
	for (i = 0; i < BIG; i++) {
		size_t k = rng_next(&seed) % BIG;

		if (!timer_heap_node_queued(&items[k].node))
			continue;
		timer_heap_remove(heap, &items[k].node);
		removed++;
	}
	assert_true(removed > BIG / 4);
	assert_true((double)(timer_heap_comparisons(heap) - before) /
		    (double)removed <= bound);

	before = timer_heap_comparisons(heap);
	while (timer_heap_count(heap)) {
		struct timer_heap_node *n = timer_heap_pop(heap);

		assert_true(n->when_us >= last);
		last = n->when_us;
		popped++;
	}
	assert_int_equal(popped + removed, BIG);
	assert_true((double)(timer_heap_comparisons(heap) - before) /
		    (double)popped <= bound);
	mem_free(&items);
	timer_heap_free(&heap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pops_in_order_ties_fifo),
		cmocka_unit_test(test_remove_any),
		cmocka_unit_test(test_big_heap_log_cost),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
