/*
 * event_run.c: one pass of the loop: collect what is due (queued events,
 * ready descriptors, exited children, expired timers), then run it.
 */
#include <errno.h>
#include <limits.h>
#include <sys/wait.h>

#include "event_internal.h"

/* ---- running ---------------------------------------------------------- */

void event_call(struct event_loop *loop, event_cb *cb,
		 struct event_info *info, uint64_t due_us)
{
	uint64_t now = event_loop_now_us(loop);

	info->late_us = now > due_us ? now - due_us : 0;
	if (loop->late_hook && info->late_us > loop->late_threshold_us) {
		loop->late++;
		loop->late_hook(info, loop->late_ctx);
	}
	loop->dispatched++;
	cb(loop, info);
}

static void fill_info(const struct event *ev, struct event_info *info)
{
	*info = (struct event_info){
		.type = ev->type,
		.result = ev->result,
		.fd = -1,
		.arg = ev->arg,
	};
	if (ev->type == EVENT_READ || ev->type == EVENT_WRITE)
		info->fd = ev->fd;
	if (ev->type == EVENT_CHILD) {
		info->pid = ev->pid;
		info->wait_status = ev->wait_status;
		info->error = ev->error;
	}
	if (ev->type == EVENT_QUEUED)
		info->val = ev->val;
}

static void run_event(struct event_loop *loop, struct event *ev)
{
	struct event_info info;

	ev->state = EV_DONE;
	loop->scheduled--;
	/* Cleared first, so the callback may schedule the handle again. */
	if (ev->ref)
		*ev->ref = NULL;
	ev->ref = NULL;
	fill_info(ev, &info);
	event_call(loop, ev->cb, &info, ev->due_us);
}

static int run_pending(struct event_loop *loop)
{
	struct event *ev;
	int ran = 0;

	for (ev = loop->pending.head; ev; ev = ev->next) {
		if (ev->state != EV_PENDING)
			continue;
		run_event(loop, ev);
		ran++;
	}
	return ran;
}

/* ---- collecting what is due -------------------------------------------- */

static void make_pending(struct event_loop *loop, struct event *ev,
			 enum event_result result, uint64_t due_us)
{
	event_detach(loop, ev);
	ev->state = EV_PENDING;
	ev->result = result;
	ev->due_us = due_us;
	event_list_append(&loop->pending, ev);
}

/* Queued events keep their order and their due time (when added). */
static void take_queue(struct event_loop *loop)
{
	struct event *ev = loop->queue.head, *next;

	loop->queue.head = loop->queue.tail = NULL;
	for (; ev; ev = next) {
		next = ev->next;
		if (ev->state == EV_SCHEDULED)
			ev->state = EV_PENDING;
		event_list_append(&loop->pending, ev);
	}
}

/* Reaps the child; false if it has not exited after all. */
static bool reap(struct event *ev)
{
	pid_t ret = waitpid(ev->pid, &ev->wait_status, WNOHANG);

	if (ret == 0 || (ret < 0 && errno == EINTR))
		return false;
	if (ret < 0)
		ev->error = -errno;
	return true;
}

static void collect_fd(struct event_loop *loop,
		       const struct event_backend_ready *ready, uint64_t now)
{
	struct fd_slot *slot;

	if (ready->mask & EVENT_BACKEND_SIGNAL) {
		loop->sig_ready = true;
		loop->sig_due_us = now;
		return;
	}
	if (ready->fd < 0 || (size_t)ready->fd >= loop->nfds)
		return;
	slot = &loop->fds[ready->fd];
	if ((ready->mask & EVENT_BACKEND_READ) && slot->rd &&
	    (slot->rd->type != EVENT_CHILD || reap(slot->rd)))
		make_pending(loop, slot->rd, EVENT_READY, now);
	if ((ready->mask & EVENT_BACKEND_WRITE) && slot->wr)
		make_pending(loop, slot->wr, EVENT_READY, now);
}

static int collect_io(struct event_loop *loop, int64_t timeout_us)
{
	struct event_backend_ready ready[READY_BATCH];
	int n = event_backend_wait(loop->backend, timeout_us, ready, READY_BATCH);
	uint64_t now = event_loop_now_us(loop);
	int i;

	for (i = 0; i < n; i++)
		collect_fd(loop, &ready[i], now);
	return n < 0 ? n : 0;
}

static void collect_timers(struct event_loop *loop)
{
	uint64_t now = event_loop_now_us(loop);
	struct timer_heap_node *node;

	while ((node = timer_heap_peek(loop->timers)) && node->when_us <= now) {
		struct event *ev = event_of(node);

		make_pending(loop, ev, ev->type == EVENT_TIMER ? EVENT_READY :
				       EVENT_TIMEDOUT, node->when_us);
	}
}

static bool has_work(const struct event_loop *loop)
{
	return loop->scheduled > 0 || loop->nsignals > 0;
}

/* Microseconds until the next timer is due; -1: no timer, wait for I/O. */
static int64_t wait_timeout_us(const struct event_loop *loop, bool block)
{
	const struct timer_heap_node *next;
	uint64_t now, us;

	if (!block || loop->pending.head || !has_work(loop))
		return 0;
	next = timer_heap_peek(loop->timers);
	if (!next)
		return -1;
	now = event_loop_now_us(loop);
	if (next->when_us <= now)
		return 0;
	us = next->when_us - now;
	return us > INT64_MAX ? INT64_MAX : (int64_t)us;
}

int event_loop_run_once(struct event_loop *loop, bool block)
{
	int ret, ran;

	if (!loop)
		return -EINVAL;
	if (loop->in_pass)
		return -EBUSY;
	loop->in_pass = true;
	take_queue(loop);
	ret = collect_io(loop, wait_timeout_us(loop, block));
	collect_timers(loop);
	ran = event_signal_run_all(loop);
	ran += run_pending(loop);
	event_list_free_all(&loop->pending);
	loop->in_pass = false;
	return ret < 0 ? ret : ran;
}

int event_loop_run(struct event_loop *loop)
{
	int ret = 0;

	if (!loop)
		return -EINVAL;
	loop->stop = false;
	while (!loop->stop && has_work(loop)) {
		ret = event_loop_run_once(loop, true);
		if (ret < 0)
			break;
	}
	loop->stop = false;
	return ret < 0 ? ret : 0;
}

void event_loop_stop(struct event_loop *loop)
{
	if (loop)
		loop->stop = true;
}

