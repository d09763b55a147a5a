/*
 * vrrp_daemon.h: the VRRP child's entry point.
 */
#ifndef KA_VRRP_DAEMON_H
#define KA_VRRP_DAEMON_H

#include "child.h"

/* Runs the VRRP child; returns its exit status. */
int vrrp_daemon_run(const struct ka_options *o, const struct child_start *s);

#endif
