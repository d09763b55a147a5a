/*
 * spawn.h: starting scripts without blocking the caller.
 *
 * spawn_process() forks and execs and returns at once with the pid; the
 * caller watches the child with event_add_child() (event.h) and decides
 * what a time-out means. Nothing here waits for a child.
 */
#ifndef KA_SPAWN_H
#define KA_SPAWN_H

#include <sys/types.h>

/* uid/gid value that leaves the id as it is */
#define SPAWN_UID_UNCHANGED ((uid_t)-1)
#define SPAWN_GID_UNCHANGED ((gid_t)-1)

/* Exit status of a child that could not be set up or exec'd. */
#define SPAWN_EXIT_FAILED 127

/*
 * Splits a script line into an argv, as keepalived does for scripts:
 * unquoted white space separates words; '...' and "..." group (the quotes
 * are removed, the white space inside is kept, and a quoted empty string
 * is an empty word); a backslash, inside quotes or not, makes the next
 * character literal.
 *   cmdline:  the line; not changed.
 *   argv_out: on success, a NULL-terminated array of words (empty for a
 *             blank line) that the caller frees with spawn_argv_free().
 *             Untouched on failure.
 * Returns 0, or -EINVAL for an unterminated quote or a trailing
 * backslash.
 */
int spawn_argv_split(const char *cmdline, char ***argv_out);

/* Frees an argv made by spawn_argv_split() and sets *argv to NULL.
 * Accepts NULL and *argv == NULL. */
void spawn_argv_free(char ***argv);

/*
 * How to start a process. Fill with spawn_opts_init(), then change what
 * you need. The strings are the caller's; spawn_process() does not keep
 * them.
 */
struct spawn_opts {
	char *const *argv;	/* argv[0] is the program, looked up in PATH if
				 * it holds no '/'; NULL-terminated */
	char *const *env_add;	/* NULL-terminated "NAME=value" strings that
				 * are added to, or replace in, the caller's
				 * environment; or NULL */
	uid_t uid;		/* SPAWN_UID_UNCHANGED keeps the caller's */
	gid_t gid;		/* SPAWN_GID_UNCHANGED keeps the caller's; a new
				 * gid also drops supplementary groups */
	int stdout_fd;		/* copied to the child's stdout; -1: /dev/null */
	int stderr_fd;		/* copied to the child's stderr; -1: /dev/null */
};

/*
 * Sets defaults: the given argv, no environment changes, ids unchanged,
 * stdout and stderr to /dev/null.
 */
void spawn_opts_init(struct spawn_opts *opts, char *const *argv);

/*
 * Starts a process and returns without waiting for it. The child:
 *   - leads a new process group (its pgid is its pid), so that kill(-pid)
 *     reaches a hung script and everything it started; the group exists
 *     when this function returns;
 *   - gets SIGTERM when its parent (the calling thread) dies;
 *   - has stdin on /dev/null, stdout and stderr as in "opts", and no
 *     other descriptor open;
 *   - starts with every signal unblocked and at its default action;
 *   - exits with SPAWN_EXIT_FAILED (127) if any of this or exec fails.
 *   opts:    what to run and how; see struct spawn_opts.
 *   pid_out: set to the child's pid on success, untouched otherwise.
 * The caller must reap the child (event_add_child()). Returns 0, -EINVAL
 * (no argv or argv[0]), or the error of fork().
 */
int spawn_process(const struct spawn_opts *opts, pid_t *pid_out);

#endif
