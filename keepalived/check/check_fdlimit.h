/*
 * check_fdlimit.h: room in the descriptor table for every check.
 *
 * Each running check holds a socket (or a script's pipes) for as long
 * as its server takes to answer, up to connect_timeout. When many
 * servers go silent at once, every check hangs at the same time; under
 * systemd's default soft limit of 1024 descriptors a thousand real
 * servers then exhaust the table, and the checks of healthy servers and
 * the IPVS updates fail with EMFILE. keepalived raises the checker
 * process's limit to fit its checkers; so do we, at start and on every
 * reload (never lowering it).
 */
#ifndef CHECK_FDLIMIT_H
#define CHECK_FDLIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct check_conf;

/* Descriptors a check may hold at once (a script: two pipe ends). */
#define CK_FDS_PER_CHECKER 2
/* The process's own: log, epoll, timers, netlink, IPVS, alerts, dumps. */
#define CK_FDS_SPARE 64

/* The descriptors the checks of "c" may need at once. */
uint64_t ck_fd_limit_need(const struct check_conf *c);

/* The limits to set for "need" given the current ones: false when the
 * current soft limit is enough. The hard limit only rises. */
bool ck_fd_limit_plan(uint64_t need, uint64_t cur, uint64_t max,
		      uint64_t *new_cur, uint64_t *new_max);

/* Raises RLIMIT_NOFILE for the checks of "c"; logs what it could not
 * do. Returns 0 or -errno. */
int ck_fd_limit_fit(const struct check_conf *c);

#endif
