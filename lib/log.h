/*
 * log.h: the process's log. Lines go to syslog (with the facility of -S and
 * the ident of the process), to the console with a timestamp (-l, and
 * always in --config-test), or both.
 *
 * This is the one piece of process-wide state in lib/: syslog itself is
 * process-wide. Pure modules in lib/ do not log above debug; callers log
 * with the context they have.
 */
#ifndef KA_LOG_H
#define KA_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ratelimit.h"

enum log_flags {
	LOG_FLAG_SYSLOG = 1 << 0,	/* off with -G */
	LOG_FLAG_CONSOLE = 1 << 1,	/* -l: to "console", with timestamp */
	LOG_FLAG_DETAIL = 1 << 2,	/* -D: log_detail() lines are shown */
	LOG_FLAG_DEBUG = 1 << 3,	/* log_debug() lines are shown */
	LOG_FLAG_FILE_FLUSH = 1 << 4,	/* --flush-log-file */
};

struct log_opts {
	const char *ident;	/* "Keepalived", "Keepalived_vrrp", ... */
	int facility;		/* LOG_DAEMON unless -S */
	unsigned flags;		/* enum log_flags */
	FILE *console;		/* NULL: stderr */
	FILE *file;		/* -g: also here, with timestamp; NULL: no
				 * file. The caller owns and closes it
				 * after log_close(). */
};

/* Starts (or restarts, after a fork) logging with these settings. */
void log_open(const struct log_opts *opts);
void log_close(void);
/* Changes the ident, for a child after fork; the string must stay valid. */
void log_set_ident(const char *ident);
unsigned log_get_flags(void);

/*
 * -g FILE for a child: "tag" inserted with an underscore before the last
 * dot of the file's name ("/var/log/ka.log", "vrrp" ->
 * "/var/log/ka_vrrp.log"; appended when the name has no dot). Pure.
 * Caller frees.
 */
char *log_file_name(const char *path, const char *tag);

/*
 * -S: "0".."7" mean LOG_LOCAL0..7; also "local0".."local7", "user" and
 * "daemon". Returns 0 and sets *facility, or -EINVAL.
 */
int log_facility_parse(const char *s, int *facility);

/* warn appends ": <strerror(errno)>"; warnx does not. */
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Shown only with -D. */
void log_detail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A broken invariant: logs and exits with "status". */
void log_fatalx(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/*
 * For lines that outside input can trigger (packets, server replies):
 * logs a warning only while "rl" allows it, and when it allows one again
 * says how many were suppressed.
 */
void log_warnx_limited(struct ratelimit *rl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
