/*
 * list.h: an intrusive, circular, doubly-linked list. The head is a
 * struct list_node of its own that belongs to no element; an element
 * embeds a struct list_node and is found from it with container_of().
 *
 * The list never allocates and never frees: the owner of the elements
 * does both. A node that is not on a list is self-linked (after
 * list_node_init() or list_del()) or zeroed (fresh from mem_zalloc());
 * list_del() and list_is_linked() accept both.
 */
#ifndef KA_LIST_H
#define KA_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_node {
	struct list_node *prev;
	struct list_node *next;
};

#ifndef container_of
#define container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))
#endif

#define list_entry(node, type, member) container_of(node, type, member)

/* For a static head: static struct list_node h = LIST_HEAD_INIT(h); */
#define LIST_HEAD_INIT(name) { &(name), &(name) }

static inline void list_init(struct list_node *head)
{
	head->prev = head;
	head->next = head;
}

static inline void list_node_init(struct list_node *node)
{
	list_init(node);
}

static inline bool list_empty(const struct list_node *head)
{
	return head->next == head;
}

/* True if the node is on some list (false when self-linked or zeroed). */
static inline bool list_is_linked(const struct list_node *node)
{
	return node->next && node->next != node;
}

static inline void list_insert_between(struct list_node *node,
				       struct list_node *prev,
				       struct list_node *next)
{
	node->prev = prev;
	node->next = next;
	prev->next = node;
	next->prev = node;
}

static inline void list_add_head(struct list_node *head, struct list_node *node)
{
	list_insert_between(node, head, head->next);
}

static inline void list_add_tail(struct list_node *head, struct list_node *node)
{
	list_insert_between(node, head->prev, head);
}

/* Unlinks the node and leaves it self-linked, so a second list_del() is
 * harmless. */
static inline void list_del(struct list_node *node)
{
	if (node->next) {
		node->prev->next = node->next;
		node->next->prev = node->prev;
	}
	list_node_init(node);
}

static inline void list_move_tail(struct list_node *head, struct list_node *node)
{
	list_del(node);
	list_add_tail(head, node);
}

/* First and last nodes, or NULL when the list is empty. */
static inline struct list_node *list_first(const struct list_node *head)
{
	return list_empty(head) ? NULL : head->next;
}

static inline struct list_node *list_last(const struct list_node *head)
{
	return list_empty(head) ? NULL : head->prev;
}

/* The node after/before "node" on the list headed by "head", or NULL. */
static inline struct list_node *list_next(const struct list_node *head,
					  const struct list_node *node)
{
	return node->next == head ? NULL : node->next;
}

static inline struct list_node *list_prev(const struct list_node *head,
					  const struct list_node *node)
{
	return node->prev == head ? NULL : node->prev;
}

static inline size_t list_count(const struct list_node *head)
{
	const struct list_node *n;
	size_t count = 0;

	for (n = head->next; n != head; n = n->next)
		count++;
	return count;
}

#define list_first_entry(head, type, member) \
	((head)->next == (head) ? NULL : list_entry((head)->next, type, member))

#define list_for_each(pos, head) \
	for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

/* "pos" may be deleted (and freed) in the body: "tmp" already holds the
 * next node. Deleting any node other than pos is not safe. */
#define list_for_each_safe(pos, tmp, head) \
	for ((pos) = (head)->next, (tmp) = (pos)->next; (pos) != (head); \
	     (pos) = (tmp), (tmp) = (pos)->next)

#define list_for_each_entry(pos, head, member) \
	for ((pos) = list_entry((head)->next, __typeof__(*(pos)), member); \
	     &(pos)->member != (head); \
	     (pos) = list_entry((pos)->member.next, __typeof__(*(pos)), member))

#define list_for_each_entry_safe(pos, tmp, head, member) \
	for ((pos) = list_entry((head)->next, __typeof__(*(pos)), member), \
	     (tmp) = list_entry((pos)->member.next, __typeof__(*(pos)), member); \
	     &(pos)->member != (head); \
	     (pos) = (tmp), \
	     (tmp) = list_entry((pos)->member.next, __typeof__(*(pos)), member))

#endif
