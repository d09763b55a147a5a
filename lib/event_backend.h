/*
 * event_backend.h: the kernel side of the event loop (epoll, signalfd,
 * pidfd), internal to lib/event*.c. It knows descriptors and interest
 * masks, not events: the loop keeps the table of which event waits on
 * which descriptor.
 */
#ifndef KA_EVENT_BACKEND_H
#define KA_EVENT_BACKEND_H

#include <signal.h>
#include <stdint.h>
#include <sys/signalfd.h>
#include <sys/types.h>

#define EVENT_BACKEND_READ 1u
#define EVENT_BACKEND_WRITE 2u
#define EVENT_BACKEND_SIGNAL 4u	/* the signalfd is readable */

struct event_backend;

/* Ready descriptors one wait returns at most (the loop takes them all in
 * one pass). A checker with 10,000 real servers has hundreds of
 * connections completing at once: at 64 a pass, while every due timer
 * runs each pass, completions queued behind the timers and the checks
 * came late by up to a second (test/bench item 5). */
#define EVENT_BACKEND_MAX_READY 1024

/*
 * One descriptor that epoll reported. An error or hang-up sets both READ
 * and WRITE; the signalfd is reported with SIGNAL alone.
 */
struct event_backend_ready {
	int fd;
	uint32_t mask;
};

/* Returns a back-end, or NULL with errno set. */
struct event_backend *event_backend_new(void);

/*
 * Closes the epoll descriptor and the signalfd, frees, sets *backend to
 * NULL. Accepts NULL.
 */
void event_backend_free(struct event_backend **backend);

/*
 * Changes the interest in "fd" from old_mask to new_mask (0 means not
 * registered). Returns 0 or a negative errno. Removing a descriptor that
 * the kernel already dropped (closed) is not an error.
 */
int event_backend_set(struct event_backend *backend, int fd,
		      uint32_t old_mask, uint32_t new_mask);

/*
 * Waits for readiness.
 *   timeout_us: negative waits without limit, 0 polls. Microseconds, not
 *   milliseconds: a VRRP master-down timer rounded up to the next
 *   millisecond would fire up to 1 ms late on every fail-over.
 *   ready, max: where to put up to max ready descriptors.
 * Returns how many were filled (0 on time-out or EINTR) or a negative
 * errno.
 */
int event_backend_wait(struct event_backend *backend, int64_t timeout_us,
		       struct event_backend_ready *ready, int max);

/*
 * Makes the signalfd deliver the signals in "mask" (creating it and adding
 * it to epoll the first time). The caller blocks the signals. Returns 0
 * or a negative errno.
 */
int event_backend_set_signals(struct event_backend *backend,
			      const sigset_t *mask);

/*
 * Reads up to "max" pending signals from the signalfd, without blocking.
 * Returns how many were read (0 if none or no signalfd).
 */
int event_backend_read_signals(struct event_backend *backend,
			       struct signalfd_siginfo *si, int max);

/*
 * A pidfd for "pid", readable once the process has exited. The caller
 * owns it and closes it. Returns the descriptor or a negative errno.
 */
int event_backend_pidfd_open(pid_t pid);

#endif
