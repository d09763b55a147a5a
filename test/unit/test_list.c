/* Unit tests of lib/list.h: the intrusive doubly-linked list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

#include "list.h"
#include "memory.h"

struct item {
	int value;
	struct list_node node;
};

/* Checks that the list holds exactly "want" in order, both ways round,
 * and that every link is mirrored by its neighbour. */
static void assert_list(const struct list_node *head, const int *want,
			size_t n)
{
	const struct list_node *pos;
	size_t i = 0;

	assert_int_equal(list_count(head), n);
	assert_int_equal(list_empty(head), n == 0);
	for (pos = head->next; pos != head; pos = pos->next, i++) {
		assert_true(i < n);
		assert_ptr_equal(pos->next->prev, pos);
		assert_ptr_equal(pos->prev->next, pos);
		assert_int_equal(list_entry(pos, struct item, node)->value,
				 want[i]);
	}
	assert_int_equal(i, n);
	for (pos = head->prev; pos != head; pos = pos->prev)
		assert_int_equal(list_entry(pos, struct item, node)->value,
				 want[--i]);
	assert_int_equal(i, 0);
}

static void test_empty(void **state)
{
	struct list_node head = LIST_HEAD_INIT(head);
	struct list_node dyn;

	(void)state;
	assert_true(list_empty(&head));
	assert_null(list_first(&head));
	assert_null(list_last(&head));
	assert_int_equal(list_count(&head), 0);
	list_init(&dyn);
	assert_true(list_empty(&dyn));
	assert_false(list_is_linked(&dyn));
}

static void test_add_head_tail(void **state)
{
	struct list_node head;
	struct item it[4] = { { .value = 1 }, { .value = 2 }, { .value = 3 },
			      { .value = 4 } };
	static const int want[] = { 3, 1, 2, 4 };

	(void)state;
	list_init(&head);
	list_add_tail(&head, &it[0].node);
	list_add_tail(&head, &it[1].node);
	list_add_head(&head, &it[2].node);
	list_add_tail(&head, &it[3].node);
	assert_list(&head, want, 4);
	assert_ptr_equal(list_first(&head), &it[2].node);
	assert_ptr_equal(list_last(&head), &it[3].node);
	assert_ptr_equal(list_next(&head, &it[2].node), &it[0].node);
	assert_null(list_next(&head, &it[3].node));
	assert_null(list_prev(&head, &it[2].node));
	assert_ptr_equal(list_prev(&head, &it[1].node), &it[0].node);
	assert_ptr_equal(list_first_entry(&head, struct item, node), &it[2]);
	assert_true(list_is_linked(&it[0].node));
}

static void test_del(void **state)
{
	struct list_node head;
	struct item it[3] = { { .value = 1 }, { .value = 2 }, { .value = 3 } };
	static const int after_mid[] = { 1, 3 };
	static const int after_first[] = { 3 };

	(void)state;
	list_init(&head);
	for (int i = 0; i < 3; i++)
		list_add_tail(&head, &it[i].node);

	list_del(&it[1].node);
	assert_list(&head, after_mid, 2);
	assert_ptr_equal(it[1].node.next, &it[1].node);
	assert_ptr_equal(it[1].node.prev, &it[1].node);
	assert_false(list_is_linked(&it[1].node));
	/* deleting again is harmless */
	list_del(&it[1].node);
	assert_list(&head, after_mid, 2);

	list_del(&it[0].node);
	assert_list(&head, after_first, 1);
	list_del(&it[2].node);
	assert_list(&head, NULL, 0);
	assert_ptr_equal(head.next, &head);
	assert_ptr_equal(head.prev, &head);
}

static void test_del_zeroed_node(void **state)
{
	struct item *it = mem_new(struct item);

	(void)state;
	assert_false(list_is_linked(&it->node));
	list_del(&it->node);
	assert_false(list_is_linked(&it->node));
	assert_ptr_equal(it->node.next, &it->node);
	mem_free(&it);
	assert_null(it);
}

static void test_move_tail(void **state)
{
	struct list_node a, b;
	struct item it[3] = { { .value = 1 }, { .value = 2 }, { .value = 3 } };
	static const int a_want[] = { 2, 3, 1 };
	static const int b_want[] = { 3 };
	static const int a_after[] = { 2, 1 };

	(void)state;
	list_init(&a);
	list_init(&b);
	for (int i = 0; i < 3; i++)
		list_add_tail(&a, &it[i].node);
	list_move_tail(&a, &it[0].node);
	assert_list(&a, a_want, 3);
	list_move_tail(&b, &it[2].node);
	assert_list(&a, a_after, 2);
	assert_list(&b, b_want, 1);
}

/* Builds a list of 0..n-1 allocated items. */
static void fill(struct list_node *head, int n)
{
	list_init(head);
	for (int i = 0; i < n; i++) {
		struct item *it = mem_new(struct item);

		it->value = i;
		list_add_tail(head, &it->node);
	}
}

static void test_for_each_safe_delete(void **state)
{
	struct list_node head, *pos, *tmp;
	static const int odd[] = { 1, 3, 5, 7, 9 };
	long live = mem_live_count();
	int seen = 0;

	(void)state;
	fill(&head, 10);
	list_for_each_safe(pos, tmp, &head) {
		struct item *it = list_entry(pos, struct item, node);

		assert_int_equal(it->value, seen++);
		if (it->value % 2 == 0) {
			list_del(pos);
			mem_free(&it);
		}
	}
	assert_int_equal(seen, 10);
	assert_list(&head, odd, 5);

	/* delete everything, freeing as we go */
	list_for_each_safe(pos, tmp, &head) {
		struct item *it = list_entry(pos, struct item, node);

		list_del(pos);
		mem_free(&it);
	}
	assert_true(list_empty(&head));
	assert_int_equal(mem_live_count(), live);
}

static void test_for_each_entry(void **state)
{
	struct list_node head;
	struct item *it, *tmp;
	static const int rest[] = { 0, 1, 2, 4, 5 };
	int sum = 0, n = 0;

	(void)state;
	fill(&head, 6);
	list_for_each_entry(it, &head, node) {
		sum += it->value;
		n++;
	}
	assert_int_equal(n, 6);
	assert_int_equal(sum, 15);

	list_for_each_entry_safe(it, tmp, &head, node) {
		if (it->value == 3) {
			list_del(&it->node);
			mem_free(&it);
		}
	}
	assert_list(&head, rest, 5);

	list_for_each_entry_safe(it, tmp, &head, node) {
		list_del(&it->node);
		mem_free(&it);
	}
	assert_true(list_empty(&head));

	n = 0;
	list_for_each_entry(it, &head, node)
		n++;
	assert_int_equal(n, 0);
}

static void test_for_each_plain(void **state)
{
	struct list_node head, *pos, *tmp;
	int expect = 0;

	(void)state;
	fill(&head, 4);
	list_for_each(pos, &head)
		assert_int_equal(list_entry(pos, struct item, node)->value,
				 expect++);
	assert_int_equal(expect, 4);
	list_for_each_safe(pos, tmp, &head) {
		struct item *it = list_entry(pos, struct item, node);

		list_del(pos);
		mem_free(&it);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_add_head_tail),
		cmocka_unit_test(test_del),
		cmocka_unit_test(test_del_zeroed_node),
		cmocka_unit_test(test_move_tail),
		cmocka_unit_test(test_for_each_safe_delete),
		cmocka_unit_test(test_for_each_entry),
		cmocka_unit_test(test_for_each_plain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
