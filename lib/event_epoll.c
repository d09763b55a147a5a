/*
 * event_epoll.c: the kernel side of the event loop. Epoll is used
 * level-triggered: a descriptor that stays ready is reported again on the
 * next pass, so nothing is lost if a pass handles only part of what is
 * ready.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "event_backend.h"
#include "memory.h"

#define MAX_READY EVENT_BACKEND_MAX_READY

struct event_backend {
	int epfd;
	int sigfd;
	bool no_pwait2;		/* the kernel lacks epoll_pwait2() */
	struct epoll_event events[MAX_READY];
};

struct event_backend *event_backend_new(void)
{
	int epfd = epoll_create1(EPOLL_CLOEXEC);
	struct event_backend *backend;

	if (epfd < 0)
		return NULL;
	backend = mem_new(struct event_backend);
	backend->epfd = epfd;
	backend->sigfd = -1;
	/* The kernel may defer a sleeping task's wake-up by its timer slack
	 * (50 us by default, and 0.1% of a poll's time-out): a loop whose
	 * timers decide a fail-over asks for none. Not fatal. */
	prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
	return backend;
}

void event_backend_free(struct event_backend **backend)
{
	if (!backend || !*backend)
		return;
	if ((*backend)->sigfd >= 0)
		close((*backend)->sigfd);
	close((*backend)->epfd);
	mem_free(backend);
}

static uint32_t to_epoll(uint32_t mask)
{
	uint32_t events = 0;

	if (mask & EVENT_BACKEND_READ)
		events |= EPOLLIN | EPOLLRDHUP;
	if (mask & EVENT_BACKEND_WRITE)
		events |= EPOLLOUT;
	return events;
}

static uint32_t from_epoll(uint32_t events)
{
	uint32_t mask = 0;

	if (events & (EPOLLIN | EPOLLRDHUP | EPOLLPRI))
		mask |= EVENT_BACKEND_READ;
	if (events & EPOLLOUT)
		mask |= EVENT_BACKEND_WRITE;
	if (events & (EPOLLERR | EPOLLHUP))
		mask |= EVENT_BACKEND_READ | EVENT_BACKEND_WRITE;
	return mask;
}

static int ctl(int epfd, int op, int fd, uint32_t mask)
{
	struct epoll_event ev = { .events = to_epoll(mask), .data.fd = fd };

	return epoll_ctl(epfd, op, fd, &ev) < 0 ? -errno : 0;
}

int event_backend_set(struct event_backend *backend, int fd,
		      uint32_t old_mask, uint32_t new_mask)
{
	int ret;

	if (old_mask == new_mask)
		return 0;
	if (!new_mask) {
		ret = ctl(backend->epfd, EPOLL_CTL_DEL, fd, 0);
		/* Closing the last reference already removed it. */
		return (ret == -ENOENT || ret == -EBADF) ? 0 : ret;
	}
	/*
	 * The kernel may be out of step with the loop's table when a caller
	 * closed a descriptor before cancelling its event: try the other op.
	 */
	if (!old_mask) {
		ret = ctl(backend->epfd, EPOLL_CTL_ADD, fd, new_mask);
		if (ret == -EEXIST)
			ret = ctl(backend->epfd, EPOLL_CTL_MOD, fd, new_mask);
	} else {
		ret = ctl(backend->epfd, EPOLL_CTL_MOD, fd, new_mask);
		if (ret == -ENOENT)
			ret = ctl(backend->epfd, EPOLL_CTL_ADD, fd, new_mask);
	}
	return ret;
}

/*
 * epoll_pwait2() (Linux 5.11) takes a timespec; older kernels get
 * epoll_wait() with the time-out rounded up to a millisecond, since
 * waking before a timer is due would only spin.
 */
static int wait_epoll(struct event_backend *backend, int max,
		      int64_t timeout_us)
{
	struct timespec ts;
	int64_t ms;
	int n;

	if (!backend->no_pwait2) {
		ts.tv_sec = timeout_us / 1000000;
		ts.tv_nsec = (long)(timeout_us % 1000000) * 1000;
		n = epoll_pwait2(backend->epfd, backend->events, max,
				 timeout_us < 0 ? NULL : &ts, NULL);
		if (n >= 0 || errno != ENOSYS)
			return n;
		backend->no_pwait2 = true;
	}
	ms = timeout_us < 0 ? -1 : (timeout_us + 999) / 1000;
	return epoll_wait(backend->epfd, backend->events, max,
			  ms > INT_MAX ? INT_MAX : (int)ms);
}

int event_backend_wait(struct event_backend *backend, int64_t timeout_us,
		       struct event_backend_ready *ready, int max)
{
	int n, i;

	if (max > MAX_READY)
		max = MAX_READY;
	n = wait_epoll(backend, max, timeout_us);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (i = 0; i < n; i++) {
		ready[i].fd = backend->events[i].data.fd;
		if (ready[i].fd == backend->sigfd)
			ready[i].mask = EVENT_BACKEND_SIGNAL;
		else
			ready[i].mask = from_epoll(backend->events[i].events);
	}
	return n;
}

int event_backend_set_signals(struct event_backend *backend,
			      const sigset_t *mask)
{
	int fd = signalfd(backend->sigfd, mask, SFD_NONBLOCK | SFD_CLOEXEC);
	int ret;

	if (fd < 0)
		return -errno;
	if (backend->sigfd >= 0)
		return 0;
	ret = ctl(backend->epfd, EPOLL_CTL_ADD, fd, EVENT_BACKEND_READ);
	if (ret < 0) {
		close(fd);
		return ret;
	}
	backend->sigfd = fd;
	return 0;
}

int event_backend_read_signals(struct event_backend *backend,
			       struct signalfd_siginfo *si, int max)
{
	ssize_t n;

	if (backend->sigfd < 0 || max <= 0)
		return 0;
	n = read(backend->sigfd, si, (size_t)max * sizeof(*si));
	if (n <= 0)
		return 0;
	return (int)((size_t)n / sizeof(*si));
}

int event_backend_pidfd_open(pid_t pid)
{
	long fd = syscall(SYS_pidfd_open, pid, 0);

	if (fd < 0)
		return -errno;
	/* pidfds are close-on-exec from birth. */
	return (int)fd;
}
