/*
 * event.c: scheduling, dispatch and cancellation for the event loop.
 *
 * An event lives in up to two places while it is scheduled: the timer heap
 * (a timer, or the time-out of a descriptor or a child) and the descriptor
 * table (a descriptor or a child's pidfd); a queued event lives on the
 * queue instead. A pass first collects what is due, unhooking each event
 * from both places and putting it on the pending list, and only then runs
 * the callbacks. So a callback never changes what the pass is walking
 * except the state of pending events: a pending event that is cancelled
 * is only marked, and every event on the pending list is freed when the
 * pass ends (deferred deletion). An event that is scheduled and not
 * pending is referenced by nothing else, so cancelling it frees it at once.
 */
#include <errno.h>
#include <unistd.h>

#include "event_internal.h"
#include "memory.h"

uint64_t event_loop_now_us(const struct event_loop *loop)
{
	return clock_now_us(&loop->clock);
}

/* ---- lists ---------------------------------------------------------- */

void event_list_append(struct event_list *list, struct event *ev)
{
	ev->next = NULL;
	if (list->tail)
		list->tail->next = ev;
	else
		list->head = ev;
	list->tail = ev;
}

void event_list_free_all(struct event_list *list)
{
	struct event *ev = list->head, *next;

	for (; ev; ev = next) {
		next = ev->next;
		mem_free(&ev);
	}
	list->head = list->tail = NULL;
}

/* ---- adding ----------------------------------------------------------- */

static int check_add(const struct event_loop *loop, struct event **ref,
		     event_cb *cb)
{
	if (!loop || !cb)
		return -EINVAL;
	if (ref && *ref)
		return -EBUSY;
	return 0;
}

static struct event *event_new(struct event_loop *loop, enum event_type type,
			       event_cb *cb, void *arg)
{
	struct event *ev = mem_new(struct event);

	ev->loop = loop;
	ev->type = type;
	ev->cb = cb;
	ev->arg = arg;
	ev->fd = -1;
	timer_heap_node_init(&ev->timer);
	return ev;
}

static void schedule(struct event_loop *loop, struct event *ev,
		     struct event **ref)
{
	ev->state = EV_SCHEDULED;
	ev->ref = ref;
	if (ref)
		*ref = ev;
	loop->scheduled++;
}

static void arm_timer(struct event_loop *loop, struct event *ev,
		      uint64_t delay_us)
{
	uint64_t now = event_loop_now_us(loop);

	ev->timer.when_us = delay_us > UINT64_MAX - now ? UINT64_MAX :
							   now + delay_us;
	timer_heap_push(loop->timers, &ev->timer);
}

/* Hooks "ev", whose fd is set, into the fd table and, if asked, the heap. */
static int add_fd_event(struct event_loop *loop, struct event **ref,
			struct event *ev, uint64_t timeout_us)
{
	int ret = event_fd_attach(loop, ev);

	if (ret < 0) {
		mem_free(&ev);
		return ret;
	}
	if (timeout_us)
		arm_timer(loop, ev, timeout_us);
	schedule(loop, ev, ref);
	return 0;
}

static int add_io(struct event_loop *loop, struct event **ref,
		  enum event_type type, int fd, uint64_t timeout_us,
		  event_cb *cb, void *arg)
{
	struct event *ev;
	int ret = check_add(loop, ref, cb);

	if (ret < 0)
		return ret;
	if (fd < 0)
		return -EBADF;
	ev = event_new(loop, type, cb, arg);
	ev->fd = fd;
	return add_fd_event(loop, ref, ev, timeout_us);
}

int event_add_read(struct event_loop *loop, struct event **ref, int fd,
		   uint64_t timeout_us, event_cb *cb, void *arg)
{
	return add_io(loop, ref, EVENT_READ, fd, timeout_us, cb, arg);
}

int event_add_write(struct event_loop *loop, struct event **ref, int fd,
		    uint64_t timeout_us, event_cb *cb, void *arg)
{
	return add_io(loop, ref, EVENT_WRITE, fd, timeout_us, cb, arg);
}

int event_add_timer(struct event_loop *loop, struct event **ref,
		    uint64_t delay_us, event_cb *cb, void *arg)
{
	struct event *ev;
	int ret = check_add(loop, ref, cb);

	if (ret < 0)
		return ret;
	ev = event_new(loop, EVENT_TIMER, cb, arg);
	arm_timer(loop, ev, delay_us);
	schedule(loop, ev, ref);
	return 0;
}

int event_add_child(struct event_loop *loop, struct event **ref, pid_t pid,
		    uint64_t timeout_us, event_cb *cb, void *arg)
{
	struct event *ev;
	int ret = check_add(loop, ref, cb);
	int pidfd;

	if (ret < 0)
		return ret;
	if (pid <= 0)
		return -EINVAL;
	pidfd = event_backend_pidfd_open(pid);
	if (pidfd < 0)
		return pidfd;
	ev = event_new(loop, EVENT_CHILD, cb, arg);
	ev->fd = pidfd;
	ev->pid = pid;
	ret = add_fd_event(loop, ref, ev, timeout_us);
	if (ret < 0)
		close(pidfd);
	return ret;
}

int event_add_queued(struct event_loop *loop, struct event **ref,
		     event_cb *cb, void *arg, int val)
{
	struct event *ev;
	int ret = check_add(loop, ref, cb);

	if (ret < 0)
		return ret;
	ev = event_new(loop, EVENT_QUEUED, cb, arg);
	ev->val = val;
	ev->due_us = event_loop_now_us(loop);
	event_list_append(&loop->queue, ev);
	schedule(loop, ev, ref);
	return 0;
}

/* ---- cancelling ------------------------------------------------------- */

void event_cancel_one(struct event_loop *loop, struct event *ev)
{
	if (ev->ref)
		*ev->ref = NULL;
	ev->ref = NULL;
	if (ev->state != EV_SCHEDULED && ev->state != EV_PENDING)
		return;
	loop->scheduled--;
	/* On a list the loop walks: only mark it, the walk frees it. */
	if (ev->state == EV_PENDING || ev->type == EVENT_QUEUED) {
		ev->state = EV_CANCELLED;
		return;
	}
	event_detach(loop, ev);
	mem_free(&ev);
}

void event_cancel(struct event **ref)
{
	struct event *ev;

	if (!ref || !*ref)
		return;
	ev = *ref;
	*ref = NULL;
	event_cancel_one(ev->loop, ev);
}

/* ---- the loop itself ------------------------------------------------- */

struct event_loop *event_loop_new(const struct event_clock *clock)
{
	struct event_backend *backend = event_backend_new();
	struct event_loop *loop;

	if (!backend)
		return NULL;
	loop = mem_new(struct event_loop);
	loop->backend = backend;
	if (clock)
		loop->clock = *clock;
	loop->timers = timer_heap_new();
	sigemptyset(&loop->sig_mask);
	sigemptyset(&loop->sig_kept);
	return loop;
}

static void cancel_all(struct event_loop *loop)
{
	struct timer_heap_node *node;
	struct event *ev;
	size_t fd;

	for (fd = 0; fd < loop->nfds; fd++) {
		if (loop->fds[fd].rd)
			event_cancel_one(loop, loop->fds[fd].rd);
		if (loop->fds[fd].wr)
			event_cancel_one(loop, loop->fds[fd].wr);
	}
	while ((node = timer_heap_peek(loop->timers)))
		event_cancel_one(loop, event_of(node));
	for (ev = loop->queue.head; ev; ev = ev->next)
		event_cancel_one(loop, ev);
	event_list_free_all(&loop->queue);
}

void event_loop_free(struct event_loop **loopp)
{
	struct event_loop *loop;
	int signo;

	if (!loopp || !*loopp)
		return;
	loop = *loopp;
	cancel_all(loop);
	for (signo = 1; signo < NSIG; signo++)
		if (loop->signals[signo].cb)
			event_del_signal(loop, signo);
	event_backend_free(&loop->backend);
	timer_heap_free(&loop->timers);
	mem_free(&loop->fds);
	mem_free(loopp);
}

void event_loop_set_late_hook(struct event_loop *loop, uint64_t threshold_us,
			      void (*hook)(const struct event_info *info,
					   void *ctx),
			      void *ctx)
{
	if (!loop)
		return;
	loop->late_threshold_us = threshold_us;
	loop->late_hook = hook;
	loop->late_ctx = ctx;
}

void event_loop_get_stats(const struct event_loop *loop,
			  struct event_loop_stats *stats)
{
	*stats = (struct event_loop_stats){
		.scheduled = loop->scheduled,
		.timers = timer_heap_count(loop->timers),
		.signals = loop->nsignals,
		.dispatched = loop->dispatched,
		.late = loop->late,
		.heap_comparisons = timer_heap_comparisons(loop->timers),
	};
}
