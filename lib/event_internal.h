/*
 * event_internal.h: what the files of the event loop share, and nobody
 * else may use: the event and loop structures and the helpers that cross
 * from one file of the loop to another.
 */
#ifndef KA_EVENT_INTERNAL_H
#define KA_EVENT_INTERNAL_H

#include <signal.h>
#include <stddef.h>
#include <sys/signalfd.h>

#include "event.h"
#include "event_backend.h"
#include "timer_heap.h"

#define READY_BATCH EVENT_BACKEND_MAX_READY
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


/* Lists (event.c). */
void event_list_append(struct event_list *list, struct event *ev);
void event_list_free_all(struct event_list *list);

/* The descriptor table (event_fd.c). */
int event_fd_attach(struct event_loop *loop, struct event *ev);
void event_fd_detach(struct event_loop *loop, struct event *ev);
/* Takes the event out of the heap and the fd table; closes a pidfd. */
void event_detach(struct event_loop *loop, struct event *ev);

/* Cancelling (event.c): frees at once unless a pass holds the event. */
void event_cancel_one(struct event_loop *loop, struct event *ev);

/* Running (event_run.c): calls cb, measuring and reporting lateness. */
void event_call(struct event_loop *loop, event_cb *cb,
		struct event_info *info, uint64_t due_us);

/* Signals (event_signal.c). */
bool event_signal_valid(int signo);
/* Runs the signals read in one batch; returns how many callbacks ran. */
int event_signal_run_all(struct event_loop *loop);

#endif
