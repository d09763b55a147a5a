/*
 * event.h: the event loop, one per process, on epoll.
 *
 * The loop runs callbacks when a descriptor is readable or writable, when
 * a timer expires, when a child process exits, when a signal arrives, and
 * for events queued to run on the next pass. It holds no policy: what a
 * callback does (log, exit, restart a child) is up to the caller. It never
 * blocks anywhere but in epoll_wait(), and epoll_wait()'s time-out comes
 * from the nearest timer or time-out.
 *
 * All times are microseconds on a monotonic clock (see clock.h), which a
 * test may replace with a fake one.
 *
 * THE HANDLE RULE. The owner of an event holds its handle, a
 * "struct event *" field in the owner's own struct, and passes its address
 * ("ref") when scheduling. The loop writes the handle:
 *   - it sets *ref when the event is scheduled;
 *   - it sets *ref to NULL when the event fires, before the callback runs,
 *     so a callback may schedule the same handle again at once;
 *   - it sets *ref to NULL when the event is cancelled, by event_cancel()
 *     or by event_loop_free().
 * So a non-NULL handle always means "scheduled, will run", and the owner
 * never frees an event: the loop does. Scheduling with a handle that is
 * not NULL fails with -EBUSY (cancel first to reschedule). A handle must
 * start out NULL (allocate the owner zeroed). The loop keeps "ref" and
 * writes through it until the event fires or is cancelled, so the owner
 * must not be freed before its events are cancelled. "ref" may be NULL
 * for an event that nobody will ever cancel (fire and forget).
 *
 * Callbacks may add and cancel any event, including one that is due in
 * the same pass (it then does not run) and the one that is running. They
 * may free the object that holds the handles once they have cancelled its
 * events. They must not call event_loop_run(), event_loop_run_once() or
 * event_loop_free() on their own loop.
 *
 * Within one pass the loop runs, in this order: signals, then queued
 * events (first queued, first run), then descriptors and children that are
 * ready, then timers and time-outs that are due (earliest first, equal
 * times in the order they were added). Events added during a pass run on
 * a later pass at the earliest.
 *
 * Descriptors: the caller keeps ownership of the descriptors it passes and
 * must cancel their events before closing them. One read event and one
 * write event at a time per descriptor.
 *
 * Children: the loop uses pidfd_open() (Linux >= 5.3) and reaps, with
 * waitpid(), only the children it is asked to watch. SIGCHLD must not be
 * ignored (SIG_IGN makes the kernel reap children before the loop can).
 */
#ifndef KA_EVENT_H
#define KA_EVENT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "clock.h"

struct event_loop;
struct event;

enum event_type {
	EVENT_READ,
	EVENT_WRITE,
	EVENT_TIMER,
	EVENT_CHILD,
	EVENT_QUEUED,
	EVENT_SIGNAL,
};

enum event_result {
	EVENT_READY,	/* ready, expired (timer), exited (child), delivered */
	EVENT_TIMEDOUT,	/* the time-out given when adding it passed first */
};

/*
 * What happened, passed to the callback. Lives on the loop's stack: copy
 * what you need to keep. Fields that do not apply to a type are 0, except
 * fd which is -1.
 */
struct event_info {
	enum event_type type;
	enum event_result result;
	int fd;			/* READ, WRITE: the caller's descriptor */
	pid_t pid;		/* CHILD: the child; SIGNAL: the sender */
	int wait_status;	/* CHILD, READY: as set by waitpid() */
	int error;		/* CHILD, READY: 0, or -errno if waitpid() failed
				 * (-ECHILD: not our child, or reaped elsewhere) */
	int signo;		/* SIGNAL: the signal number */
	int val;		/* QUEUED: the value given to event_add_queued() */
	void *arg;		/* the "arg" given when adding the event */
	uint64_t late_us;	/* how long after it was due the callback ran */
};

/*
 * The one callback type.
 *   loop: the loop running it; the callback may add and cancel events.
 *   info: what happened; valid only during the call.
 */
typedef void event_cb(struct event_loop *loop, const struct event_info *info);

/*
 * Makes a loop. Returns NULL with errno set if epoll_create1() fails.
 *   clock: the time source, copied; NULL for CLOCK_MONOTONIC. A fake
 *          clock's context must outlive the loop.
 * Free it with event_loop_free().
 */
struct event_loop *event_loop_new(const struct event_clock *clock);

/*
 * Cancels every event (setting every live handle to NULL, so every owner
 * must still exist), deletes every signal (restoring the signal mask),
 * closes the loop's own descriptors, frees the loop and sets *loop to
 * NULL. Accepts NULL and *loop == NULL. Never from a callback.
 */
void event_loop_free(struct event_loop **loop);

/*
 * One-shot readiness of a descriptor, with an optional time-out.
 *   loop:       the loop.
 *   ref:        the owner's handle (see the handle rule), or NULL.
 *   fd:         the descriptor, still owned by the caller.
 *   timeout_us: the callback gets EVENT_TIMEDOUT if fd is not ready this
 *               long from now; 0 means no time-out.
 *   cb, arg:    the callback, and what it gets in info->arg.
 * Returns 0, -EINVAL (no loop or callback), -EBADF (fd < 0), -EBUSY (*ref
 * is not NULL), -EEXIST (fd already has an event of this direction), or
 * the error of epoll_ctl() (-EPERM for a regular file).
 */
int event_add_read(struct event_loop *loop, struct event **ref, int fd,
		   uint64_t timeout_us, event_cb *cb, void *arg);
/* The same for writability. */
int event_add_write(struct event_loop *loop, struct event **ref, int fd,
		    uint64_t timeout_us, event_cb *cb, void *arg);

/*
 * One-shot timer.
 *   loop, ref, cb, arg: as for event_add_read().
 *   delay_us: fires this long from now; 0 means on the next pass.
 * Returns 0, -EINVAL or -EBUSY.
 */
int event_add_timer(struct event_loop *loop, struct event **ref,
		    uint64_t delay_us, event_cb *cb, void *arg);

/*
 * Waits for a child to exit, with an optional time-out. On exit the loop
 * reaps the child and the callback gets EVENT_READY with wait_status. On
 * EVENT_TIMEDOUT the child is still running and not watched any more: the
 * caller typically kills it and adds a child event again to reap it.
 *   loop, ref, cb, arg: as for event_add_read().
 *   pid:        a child of this process.
 *   timeout_us: 0 means no time-out.
 * Returns 0, -EINVAL, -EBUSY, or the error of pidfd_open() (-ESRCH: no
 * such process, already reaped).
 */
int event_add_child(struct event_loop *loop, struct event **ref, pid_t pid,
		    uint64_t timeout_us, event_cb *cb, void *arg);

/*
 * Runs "cb" on the next pass, before timers that are due; queued events
 * run in the order they were added.
 *   loop, ref, cb, arg: as for event_add_read().
 *   val: passed to the callback in info->val.
 * Returns 0, -EINVAL or -EBUSY.
 */
int event_add_queued(struct event_loop *loop, struct event **ref,
		     event_cb *cb, void *arg, int val);

/*
 * Cancels the event in *ref, if any, and sets *ref to NULL. Accepts NULL
 * and *ref == NULL. Safe from any callback, for any event, including one
 * that is due in the current pass (it will not run).
 */
void event_cancel(struct event **ref);

/*
 * Delivers "signo" through a signalfd until event_del_signal(). The
 * signal is blocked while registered, so it no longer interrupts the
 * process; the callback gets EVENT_SIGNAL with signo and the sender's pid,
 * once per delivery (a standard signal sent twice before the loop reads it
 * is delivered once).
 *   loop:    the loop.
 *   signo:   the signal; not SIGKILL or SIGSTOP.
 *   cb, arg: the callback and its argument.
 * Returns 0, -EINVAL (bad signal, no callback), -EEXIST (already
 * registered), or the error of signalfd().
 */
int event_add_signal(struct event_loop *loop, int signo, event_cb *cb,
		     void *arg);

/*
 * Stops delivering "signo": discards an instance of it that is pending,
 * and unblocks it unless it was blocked before event_add_signal(). Safe
 * from a callback. Returns 0 or -ENOENT if it was not registered.
 */
int event_del_signal(struct event_loop *loop, int signo);

/*
 * Runs passes until event_loop_stop() is called or nothing is scheduled
 * (no event and no signal). Returns 0, or the negative errno of a failed
 * epoll_wait().
 */
int event_loop_run(struct event_loop *loop);

/*
 * Runs one pass.
 *   loop:  the loop.
 *   block: wait in epoll_wait() for the nearest event (a blocking pass
 *          with nothing scheduled returns at once); false polls without
 *          waiting, for tests driven by a fake clock.
 * Returns the number of callbacks run, or a negative errno (-EBUSY if
 * called from a callback).
 */
int event_loop_run_once(struct event_loop *loop, bool block);

/* Makes event_loop_run() return after the current pass. For callbacks. */
void event_loop_stop(struct event_loop *loop);

/*
 * Reports events that run late. The loop calls "hook" before running a
 * callback more than threshold_us after its event was due: a timer's or a
 * time-out's expiry, the time a queued event was added, or the time
 * epoll_wait() returned a descriptor, child or signal as ready.
 *   loop:         the loop.
 *   threshold_us: how late is late.
 *   hook:         gets the info the callback will get, and "ctx"; NULL
 *                 turns reporting off.
 *   ctx:          the hook's context, owned by the caller.
 */
void event_loop_set_late_hook(struct event_loop *loop, uint64_t threshold_us,
			      void (*hook)(const struct event_info *info,
					   void *ctx),
			      void *ctx);

struct event_loop_stats {
	size_t scheduled;	/* events that will still run */
	size_t timers;		/* entries in the timer heap (timers and
				 * time-outs of descriptors and children) */
	size_t signals;		/* signals registered */
	uint64_t dispatched;	/* callbacks run, signals included */
	uint64_t late;		/* callbacks reported to the late hook */
	uint64_t heap_comparisons; /* made by the timer heap so far */
};

/* Fills *stats with the loop's counters. */
void event_loop_get_stats(const struct event_loop *loop,
			  struct event_loop_stats *stats);

/* The loop's current time, in microseconds, on its clock. */
uint64_t event_loop_now_us(const struct event_loop *loop);

#endif
