/*
 * check_daemon.h: the checker child's entry point.
 */
#ifndef KA_CHECK_DAEMON_H
#define KA_CHECK_DAEMON_H

#include "child.h"

/* Runs the checker child; returns its exit status. */
int check_daemon_run(const struct ka_options *o,
		     const struct child_start *s);

#endif
