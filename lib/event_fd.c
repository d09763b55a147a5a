/*
 * event_fd.c: the descriptor table. epoll takes one registration per
 * descriptor, so a read and a write waiting on the same fd share a slot
 * and the registration is updated to the union of what they wait for.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "event_internal.h"
#include "memory.h"

/* ---- descriptor table ----------------------------------------------- */

static void fd_table_reserve(struct event_loop *loop, int fd)
{
	size_t want = (size_t)fd + 1, n = loop->nfds ? loop->nfds : 64;

	if (want <= loop->nfds)
		return;
	while (n < want)
		n *= 2;
	loop->fds = mem_reallocarray(loop->fds, n, sizeof(*loop->fds));
	memset(loop->fds + loop->nfds, 0, (n - loop->nfds) * sizeof(*loop->fds));
	loop->nfds = n;
}

static uint32_t slot_mask(const struct fd_slot *slot)
{
	return (slot->rd ? EVENT_BACKEND_READ : 0) |
	       (slot->wr ? EVENT_BACKEND_WRITE : 0);
}

static struct event **slot_side(struct fd_slot *slot, const struct event *ev)
{
	return ev->type == EVENT_WRITE ? &slot->wr : &slot->rd;
}

int event_fd_attach(struct event_loop *loop, struct event *ev)
{
	struct fd_slot *slot;
	struct event **side;
	uint32_t old;
	int ret;

	fd_table_reserve(loop, ev->fd);
	slot = &loop->fds[ev->fd];
	side = slot_side(slot, ev);
	if (*side)
		return -EEXIST;
	old = slot_mask(slot);
	*side = ev;
	ret = event_backend_set(loop->backend, ev->fd, old, slot_mask(slot));
	if (ret < 0)
		*side = NULL;
	return ret;
}

void event_fd_detach(struct event_loop *loop, struct event *ev)
{
	struct fd_slot *slot;
	struct event **side;
	uint32_t old;

	if (ev->fd < 0 || (size_t)ev->fd >= loop->nfds)
		return;
	slot = &loop->fds[ev->fd];
	side = slot_side(slot, ev);
	if (*side != ev)
		return;
	old = slot_mask(slot);
	*side = NULL;
	/* Not fatal: it only fails if the kernel already forgot the fd. */
	event_backend_set(loop->backend, ev->fd, old, slot_mask(slot));
}

/* Takes the event out of the heap and the fd table; closes a pidfd. */
void event_detach(struct event_loop *loop, struct event *ev)
{
	timer_heap_remove(loop->timers, &ev->timer);
	if (ev->type == EVENT_QUEUED || ev->type == EVENT_TIMER)
		return;
	event_fd_detach(loop, ev);
	if (ev->type == EVENT_CHILD && ev->fd >= 0) {
		close(ev->fd);
		ev->fd = -1;
	}
}

