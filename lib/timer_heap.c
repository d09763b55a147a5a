/*
 * timer_heap.c: binary min-heap on an array; children of slot i are
 * 2i+1 and 2i+2. Every move of a node updates the index it carries, so a
 * node always knows where it is.
 */
#include "memory.h"
#include "timer_heap.h"

struct timer_heap {
	struct timer_heap_node **nodes;
	size_t count;
	size_t capacity;
	uint64_t next_seq;
	uint64_t comparisons;
};

struct timer_heap *timer_heap_new(void)
{
	return mem_new(struct timer_heap);
}

void timer_heap_free(struct timer_heap **heap)
{
	if (!heap || !*heap)
		return;
	mem_free(&(*heap)->nodes);
	mem_free(heap);
}

void timer_heap_node_init(struct timer_heap_node *node)
{
	node->index = TIMER_HEAP_NONE;
}

bool timer_heap_node_queued(const struct timer_heap_node *node)
{
	return node->index != TIMER_HEAP_NONE;
}

/* Whether a must come out before b. The only place that compares. */
static bool earlier(struct timer_heap *heap, const struct timer_heap_node *a,
		    const struct timer_heap_node *b)
{
	heap->comparisons++;
	if (a->when_us != b->when_us)
		return a->when_us < b->when_us;
	return a->seq < b->seq;
}

static void place(struct timer_heap *heap, size_t i, struct timer_heap_node *node)
{
	heap->nodes[i] = node;
	node->index = i;
}

/* Moves the node at i towards the root while it beats its parent. */
static void sift_up(struct timer_heap *heap, size_t i)
{
	struct timer_heap_node *node = heap->nodes[i];

	while (i > 0) {
		size_t parent = (i - 1) / 2;

		if (!earlier(heap, node, heap->nodes[parent]))
			break;
		place(heap, i, heap->nodes[parent]);
		i = parent;
	}
	place(heap, i, node);
}

/* Moves the node at i towards the leaves while a child beats it. */
static void sift_down(struct timer_heap *heap, size_t i)
{
	struct timer_heap_node *node = heap->nodes[i];

	for (;;) {
		size_t child = 2 * i + 1;

		if (child >= heap->count)
			break;
		if (child + 1 < heap->count &&
		    earlier(heap, heap->nodes[child + 1], heap->nodes[child]))
			child++;
		if (!earlier(heap, heap->nodes[child], node))
			break;
		place(heap, i, heap->nodes[child]);
		i = child;
	}
	place(heap, i, node);
}

void timer_heap_push(struct timer_heap *heap, struct timer_heap_node *node)
{
	if (heap->count == heap->capacity) {
		heap->capacity = heap->capacity ? 2 * heap->capacity : 16;
		heap->nodes = mem_reallocarray(heap->nodes, heap->capacity,
					       sizeof(*heap->nodes));
	}
	node->seq = heap->next_seq++;
	place(heap, heap->count++, node);
	sift_up(heap, node->index);
}

void timer_heap_remove(struct timer_heap *heap, struct timer_heap_node *node)
{
	size_t i = node->index;
	struct timer_heap_node *last;

	if (i == TIMER_HEAP_NONE || i >= heap->count || heap->nodes[i] != node)
		return;
	node->index = TIMER_HEAP_NONE;
	last = heap->nodes[--heap->count];
	if (last == node)
		return;
	/* The last node fills the hole; it may belong above or below it. */
	place(heap, i, last);
	if (i > 0 && earlier(heap, last, heap->nodes[(i - 1) / 2]))
		sift_up(heap, i);
	else
		sift_down(heap, i);
}

struct timer_heap_node *timer_heap_peek(const struct timer_heap *heap)
{
	return heap->count ? heap->nodes[0] : NULL;
}

struct timer_heap_node *timer_heap_pop(struct timer_heap *heap)
{
	struct timer_heap_node *top = timer_heap_peek(heap);

	if (top)
		timer_heap_remove(heap, top);
	return top;
}

size_t timer_heap_count(const struct timer_heap *heap)
{
	return heap->count;
}

uint64_t timer_heap_comparisons(const struct timer_heap *heap)
{
	return heap->comparisons;
}
