/*
 * child.h: what the VRRP and the checker child have in common: the start
 * (pid file is the parent's business), the event loop, the answers to the
 * watchdog's hellos, signals, reload and the dump files. Each child's
 * entry file (vrrp_daemon.c, check_daemon.c) gives a struct child_ops.
 *
 * A child is this same program executed again by the parent with
 * CHILD_ENV set, so it starts from a clean process: nothing of the
 * parent's event loop, descriptors or memory is shared.
 */
#ifndef KA_CHILD_H
#define KA_CHILD_H

#include <stdio.h>
#include <sys/types.h>

#include "cmdline.h"
#include "conf.h"
#include "event.h"
#include "json.h"

/* "vrrp FD PPID GENERATION" or "checker FD PPID GENERATION". */
#define CHILD_ENV "KEEPALIVED_CHILD"

enum child_role {
	CHILD_VRRP,
	CHILD_CHECKER,
};

struct child_start {
	enum child_role role;
	int fd;			/* the child's end of the socketpair */
	pid_t ppid;		/* the parent that started it */
	unsigned generation;	/* 1 for the first start, +1 per respawn */
};

/* Reads CHILD_ENV's value. Returns 0 or -EINVAL. Pure. */
int child_env_parse(const char *value, struct child_start *out);
/* Writes CHILD_ENV's value. Caller frees. Pure. */
char *child_env_format(const struct child_start *s);

/*
 * The environment a child's subsystem runs in, handed to its hooks: the
 * loop it schedules on, the command line, and its own state (what start()
 * left in *state).
 */
struct child_env {
	struct event_loop *loop;
	const struct ka_options *opts;
	void *state;
};

/* What each child adds to the common runtime. */
struct child_ops {
	const char *name;	/* "VRRP", "checker": for log lines */
	const char *ident;	/* syslog ident: "Keepalived_vrrp" */
	const char *comm;	/* process name unless configured */
	const char *json_name;	/* "vrrp", "checker" in the JSON dump */
	const char *dump_tag;	/* in the dump file names: "", "_check" */
	/* This child's process name from the configuration, or NULL. */
	const char *(*process_name)(const struct ka_conf *c);
	/*
	 * The subsystem's life, each hook optional: start() once the loop
	 * exists (non-zero: the child exits with that status); reload()
	 * after a new configuration was accepted, before the old one is
	 * freed (it may take entries out of "old"); stop() before the loop
	 * ends, which frees env->state.
	 */
	int (*start)(struct child_env *env, struct ka_conf *c);
	void (*reload)(struct child_env *env, struct ka_conf *old,
		       struct ka_conf *new);
	void (*stop)(struct child_env *env, struct ka_conf *c);
	/* Its part of the state dump (USR1), after the global section. */
	void (*dump_data)(FILE *f, const struct ka_conf *c,
			  const struct child_env *env);
	/* Its counters (USR2), after the process's own; "clear" (the
	 * STATS_CLEAR signal) resets them once written. */
	void (*dump_stats)(FILE *f, const struct ka_conf *c,
			   const struct child_env *env, bool clear);
	/* Its members of the JSON dump's top object (arrays of instances,
	 * virtual servers...). */
	void (*dump_json)(struct json *j, const struct ka_conf *c,
			  const struct child_env *env);
};

/* Exit status of a child whose configuration cannot be used. */
#define CHILD_EXIT_CONFIG 6

/* Runs the child until TERM, INT or its parent's end. Returns the exit
 * status. */
int child_run(const struct ka_options *o, const struct child_start *s,
	      const struct child_ops *ops);

#endif
