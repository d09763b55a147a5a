/*
 * timer_heap.h: a binary min-heap of timers ordered by expiry time.
 *
 * The heap is intrusive: the caller embeds a struct timer_heap_node in its
 * own object and the heap stores pointers to those nodes. The heap never
 * allocates or frees nodes; it only owns its array of pointers. Each node
 * records its position in the array, so removing any node is O(log n)
 * without a search.
 *
 * Nodes with the same expiry come out in the order they were pushed: each
 * push stamps the node with a sequence number that breaks ties.
 *
 * The heap counts the comparisons it makes, so that a test can check the
 * O(log n) cost of its operations by counting rather than by timing.
 */
#ifndef KA_TIMER_HEAP_H
#define KA_TIMER_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* index of a node that is not in a heap */
#define TIMER_HEAP_NONE SIZE_MAX

/*
 * Embedded in the caller's object. Set when_us before pushing; the other
 * fields belong to the heap. Initialise with timer_heap_node_init().
 */
struct timer_heap_node {
	uint64_t when_us;	/* expiry time, in microseconds */
	uint64_t seq;		/* push order, breaks ties */
	size_t index;		/* position in the heap, or TIMER_HEAP_NONE */
};

struct timer_heap;

/* Returns an empty heap; never NULL. Free it with timer_heap_free(). */
struct timer_heap *timer_heap_new(void);

/*
 * Frees the heap and sets *heap to NULL. Accepts NULL and *heap == NULL.
 * The nodes still in it are not touched: they belong to the caller.
 */
void timer_heap_free(struct timer_heap **heap);

/* Marks "node" as not in any heap. */
void timer_heap_node_init(struct timer_heap_node *node);

/* Whether "node" is in a heap at the moment. */
bool timer_heap_node_queued(const struct timer_heap_node *node);

/*
 * Adds "node", whose when_us the caller has set.
 *   heap: the heap.
 *   node: a node not in any heap; still owned by the caller, who must not
 *         free it or change when_us while it is in the heap.
 */
void timer_heap_push(struct timer_heap *heap, struct timer_heap_node *node);

/*
 * Removes "node" from the heap. A node not in the heap is ignored.
 *   heap: the heap that holds "node".
 *   node: the node; afterwards timer_heap_node_queued() is false.
 */
void timer_heap_remove(struct timer_heap *heap, struct timer_heap_node *node);

/* The node that expires first (ties: the first pushed), or NULL if empty. */
struct timer_heap_node *timer_heap_peek(const struct timer_heap *heap);

/* Removes and returns the node that timer_heap_peek() would return. */
struct timer_heap_node *timer_heap_pop(struct timer_heap *heap);

/* Number of nodes in the heap. */
size_t timer_heap_count(const struct timer_heap *heap);

/* Comparisons made since the heap was created. */
uint64_t timer_heap_comparisons(const struct timer_heap *heap);

#endif
