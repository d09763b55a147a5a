/*
 * event_signal.c: signals through signalfd. A registered signal is
 * blocked, so it is only ever seen as a readable signalfd, at a point of
 * the loop where running a callback is safe.
 */
#include <errno.h>

#include "event_internal.h"

/* ---- signals ---------------------------------------------------------- */

bool event_signal_valid(int signo)
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

	if (!loop || !cb || !event_signal_valid(signo))
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

	if (!loop || !event_signal_valid(signo) || !loop->signals[signo].cb)
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


static int run_signal(struct event_loop *loop,
		      const struct signalfd_siginfo *si)
{
	struct event_info info = { .type = EVENT_SIGNAL, .fd = -1 };
	int signo = (int)si->ssi_signo;

	/* Looked up now: an earlier callback may have deleted it. */
	if (!event_signal_valid(signo) || !loop->signals[signo].cb)
		return 0;
	info.result = EVENT_READY;
	info.signo = signo;
	info.pid = (pid_t)si->ssi_pid;
	info.arg = loop->signals[signo].arg;
	event_call(loop, loop->signals[signo].cb, &info, loop->sig_due_us);
	return 1;
}

/* One read per pass: a signal storm cannot starve the other events. */
int event_signal_run_all(struct event_loop *loop)
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

