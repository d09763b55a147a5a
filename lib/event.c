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
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "event.h"
#include "event_backend.h"
#include "memory.h"
#include "timer_heap.h"

#define READY_BATCH 64
#define SIGNAL_BATCH 16

#define event_of(node) \
	((struct event *)((char *)(node) - offsetof(struct event, timer)))

enum event_state {
	EV_SCHEDULED,	/* in the heap and/or the fd table, or on the queue */
	EV_PENDING,	/* on the pending list, will run in this pass */
	EV_CANCELLED,	/* on the queue or pending list, will not run */
	EV_DONE,	/* ran in this pass, freed when the pass ends */
};

struct event {
	struct event_loop *loop;
	struct event **ref;	/* the owner's handle, or NULL */
	event_cb *cb;
	void *arg;
	enum event_type type;
	enum event_result result;
	enum event_state state;
	int fd;			/* READ, WRITE: the caller's; CHILD: our pidfd */
	pid_t pid;
	int val;
	int wait_status;
	int error;
	uint64_t due_us;	/* when it became due, for late_us */
	struct timer_heap_node timer;
	struct event *next;	/* on the queue or the pending list */
};

struct event_list {
	struct event *head;
	struct event *tail;
};

/* Who waits on one descriptor: epoll takes one registration per fd. */
struct fd_slot {
	struct event *rd;	/* READ or CHILD */
	struct event *wr;
};

struct signal_slot {
	event_cb *cb;
	void *arg;
};

struct event_loop {
	struct event_clock clock;
	struct event_backend *backend;
	struct timer_heap *timers;
	struct fd_slot *fds;	/* indexed by descriptor */
	size_t nfds;
	struct event_list queue;
	struct event_list pending;
	size_t scheduled;
	struct signal_slot signals[NSIG];
	sigset_t sig_mask;	/* registered signals */
	sigset_t sig_kept;	/* those that were blocked before */
	size_t nsignals;
	bool sig_ready;
	uint64_t sig_due_us;
	bool in_pass;
	bool stop;
	uint64_t dispatched;
	uint64_t late;
	uint64_t late_threshold_us;
	void (*late_hook)(const struct event_info *info, void *ctx);
	void *late_ctx;
};

uint64_t event_loop_now_us(const struct event_loop *loop)
{
	return clock_now_us(&loop->clock);
}

/* ---- lists ---------------------------------------------------------- */

static void list_append(struct event_list *list, struct event *ev)
{
	ev->next = NULL;
	if (list->tail)
		list->tail->next = ev;
	else
		list->head = ev;
	list->tail = ev;
}

static void list_free_all(struct event_list *list)
{
	struct event *ev = list->head, *next;

	for (; ev; ev = next) {
		next = ev->next;
		mem_free(&ev);
	}
	list->head = list->tail = NULL;
}

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

static int fd_attach(struct event_loop *loop, struct event *ev)
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

static void fd_detach(struct event_loop *loop, struct event *ev)
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
static void detach(struct event_loop *loop, struct event *ev)
{
	timer_heap_remove(loop->timers, &ev->timer);
	if (ev->type == EVENT_QUEUED || ev->type == EVENT_TIMER)
		return;
	fd_detach(loop, ev);
	if (ev->type == EVENT_CHILD && ev->fd >= 0) {
		close(ev->fd);
		ev->fd = -1;
	}
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
	int ret = fd_attach(loop, ev);

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
	list_append(&loop->queue, ev);
	schedule(loop, ev, ref);
	return 0;
}

/* ---- cancelling ------------------------------------------------------- */

static void cancel(struct event_loop *loop, struct event *ev)
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
	detach(loop, ev);
	mem_free(&ev);
}

void event_cancel(struct event **ref)
{
	struct event *ev;

	if (!ref || !*ref)
		return;
	ev = *ref;
	*ref = NULL;
	cancel(ev->loop, ev);
}

/* ---- signals ---------------------------------------------------------- */

static bool signal_valid(int signo)
{
	return signo > 0 && signo < NSIG && signo != SIGKILL && signo != SIGSTOP;
}

static void sigset_one(sigset_t *set, int signo)
{
	sigemptyset(set);
	sigaddset(set, signo);
}

int event_add_signal(struct event_loop *loop, int signo, event_cb *cb,
		     void *arg)
{
	sigset_t one, old;
	int ret;

	if (!loop || !cb || !signal_valid(signo))
		return -EINVAL;
	if (loop->signals[signo].cb)
		return -EEXIST;
	sigset_one(&one, signo);
	if (sigprocmask(SIG_BLOCK, &one, &old) < 0)
		return -errno;
	sigaddset(&loop->sig_mask, signo);
	ret = event_backend_set_signals(loop->backend, &loop->sig_mask);
	if (ret < 0) {
		sigdelset(&loop->sig_mask, signo);
		if (!sigismember(&old, signo))
			sigprocmask(SIG_UNBLOCK, &one, NULL);
		return ret;
	}
	if (sigismember(&old, signo))
		sigaddset(&loop->sig_kept, signo);
	else
		sigdelset(&loop->sig_kept, signo);
	loop->signals[signo] = (struct signal_slot){ .cb = cb, .arg = arg };
	loop->nsignals++;
	return 0;
}

/*
 * A signal that arrived while we held it blocked would hit its default
 * action (often: terminate) the moment we unblock it; nobody asked for it
 * any more, so it is dropped instead.
 */
static void discard_pending(int signo)
{
	const struct timespec zero = { 0, 0 };
	sigset_t one;

	sigset_one(&one, signo);
	while (sigtimedwait(&one, NULL, &zero) == signo)
		;
}

int event_del_signal(struct event_loop *loop, int signo)
{
	sigset_t one;

	if (!loop || !signal_valid(signo) || !loop->signals[signo].cb)
		return -ENOENT;
	loop->signals[signo] = (struct signal_slot){ 0 };
	loop->nsignals--;
	sigdelset(&loop->sig_mask, signo);
	/* Shrinking the mask of an existing signalfd cannot fail. */
	event_backend_set_signals(loop->backend, &loop->sig_mask);
	if (sigismember(&loop->sig_kept, signo))
		return 0;
	discard_pending(signo);
	sigset_one(&one, signo);
	sigprocmask(SIG_UNBLOCK, &one, NULL);
	return 0;
}

/* ---- running ---------------------------------------------------------- */

static void call(struct event_loop *loop, event_cb *cb,
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

static int run_signal(struct event_loop *loop,
		      const struct signalfd_siginfo *si)
{
	struct event_info info = { .type = EVENT_SIGNAL, .fd = -1 };
	int signo = (int)si->ssi_signo;

	/* Looked up now: an earlier callback may have deleted it. */
	if (!signal_valid(signo) || !loop->signals[signo].cb)
		return 0;
	info.result = EVENT_READY;
	info.signo = signo;
	info.pid = (pid_t)si->ssi_pid;
	info.arg = loop->signals[signo].arg;
	call(loop, loop->signals[signo].cb, &info, loop->sig_due_us);
	return 1;
}

/* One read per pass: a signal storm cannot starve the other events. */
static int run_signals(struct event_loop *loop)
{
	struct signalfd_siginfo si[SIGNAL_BATCH];
	int n, i, ran = 0;

	if (!loop->sig_ready)
		return 0;
	loop->sig_ready = false;
	n = event_backend_read_signals(loop->backend, si, SIGNAL_BATCH);
	for (i = 0; i < n; i++)
		ran += run_signal(loop, &si[i]);
	return ran;
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
	call(loop, ev->cb, &info, ev->due_us);
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
	detach(loop, ev);
	ev->state = EV_PENDING;
	ev->result = result;
	ev->due_us = due_us;
	list_append(&loop->pending, ev);
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
		list_append(&loop->pending, ev);
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

static int collect_io(struct event_loop *loop, int timeout_ms)
{
	struct event_backend_ready ready[READY_BATCH];
	int n = event_backend_wait(loop->backend, timeout_ms, ready, READY_BATCH);
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

static int wait_timeout_ms(const struct event_loop *loop, bool block)
{
	const struct timer_heap_node *next;
	uint64_t now, ms;

	if (!block || loop->pending.head || !has_work(loop))
		return 0;
	next = timer_heap_peek(loop->timers);
	if (!next)
		return -1;
	now = event_loop_now_us(loop);
	if (next->when_us <= now)
		return 0;
	/* Rounded up: waking before the timer is due would spin. */
	ms = (next->when_us - now + 999) / 1000;
	return ms > INT_MAX ? INT_MAX : (int)ms;
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
	ret = collect_io(loop, wait_timeout_ms(loop, block));
	collect_timers(loop);
	ran = run_signals(loop);
	ran += run_pending(loop);
	list_free_all(&loop->pending);
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
			cancel(loop, loop->fds[fd].rd);
		if (loop->fds[fd].wr)
			cancel(loop, loop->fds[fd].wr);
	}
	while ((node = timer_heap_peek(loop->timers)))
		cancel(loop, event_of(node));
	for (ev = loop->queue.head; ev; ev = ev->next)
		cancel(loop, ev);
	list_free_all(&loop->queue);
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
