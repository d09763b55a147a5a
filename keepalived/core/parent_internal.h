/*
 * parent_internal.h: the parent's state, shared by parent.c (start,
 * signals, reload, stop) and parent_child.c (one supervised child: fork,
 * watchdog, exit, respawn). Not for other modules.
 */
#ifndef KA_PARENT_INTERNAL_H
#define KA_PARENT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "child.h"
#include "conf.h"
#include "event.h"
#include "parent_policy.h"
#include "pidfile.h"
#include "ratelimit.h"
#include "sd_notify.h"

#define PARENT_N_CHILDREN 2

struct parent;

struct parent_child {
	struct parent *parent;
	enum child_role role;
	const char *name;		/* "VRRP", "checker" */
	const char *pid_file;		/* owned by parent->paths */
	bool wanted;			/* its part of the config is there */
	pid_t pid;			/* 0: not running */
	int fd;				/* our end of the socketpair; -1 */
	struct event *ev_exit;
	struct event *ev_read;
	struct event *ev_restart;	/* a respawn after a back-off */
	uint64_t started_us;
	unsigned generation;		/* starts so far */
	unsigned quick_exits;		/* in a row */
	uint32_t hello_seq;		/* of the last hello sent */
	bool hello_pending;		/* not answered yet */
	unsigned missed;		/* hellos in a row not answered */
	uint64_t cpu_ticks;		/* its CPU time at the last hello */
	bool busy;			/* it used CPU since the hello before */
	bool started;			/* has reported READY since its start */
	bool ready;			/* ... since the last reload */
	struct ratelimit bad_rl;
};

struct parent {
	const struct ka_options *opts;
	int argc;
	char **argv;
	struct ka_conf *conf;
	struct parent_tuning tune;
	struct pidfile_paths paths;
	struct event_loop *loop;
	struct event *ev_hello;
	struct event *ev_kill;		/* SIGKILL the children left */
	struct parent_child children[PARENT_N_CHILDREN];
	struct sd_notify *notify;
	char *ident;
	char *old_core_pattern;		/* -M: put back at exit */
	bool stopping;
	bool announce_ready;		/* READY=1 due once all are ready */
	int exit_status;
	unsigned reloads;
};

/* Starts pc's process now. Logs what fails; returns 0 or a negative
 * errno (the respawn logic then treats it as a quick exit). */
int parent_child_start(struct parent_child *pc);
/* Sends the next hello, counting one missed if the last is unanswered,
 * and kills a child that missed too many. */
void parent_child_hello(struct parent_child *pc);
/* Signals a running child; nothing if it is not running. */
void parent_child_signal(struct parent_child *pc, int sig);
/* Cancels a pending respawn. */
void parent_child_cancel_respawn(struct parent_child *pc);

/* From parent.c: called when a child reports READY or exits. */
void parent_check_ready(struct parent *p);
/* Orderly stop with this exit status (the first one given wins). */
void parent_stop(struct parent *p, int status);
/* Called when a child has been reaped while stopping. */
void parent_child_gone(struct parent *p);
/* Sends "text" to systemd (if NOTIFY_SOCKET is set); logs failures. */
void parent_notify(struct parent *p, const char *text);

/* From parent_setup.c: everything before the loop (configuration,
 * namespace, umask, detach, pid files); returns 0 or an exit status. */
int parent_setup(struct parent *p);
/* Removes the parent's pid file and the pid directory it made. */
void parent_teardown(struct parent *p);
/* From parent.c: the children wanted by the configuration. */
void parent_choose_children(struct parent *p);

#endif
