/*
 * parent.h: the watchdog parent. It reads the configuration only to learn
 * which children to start and the few global settings it needs (network
 * namespace, instance name, pid files, umask), forks and supervises the
 * VRRP and checker children, relays signals to them, and answers systemd.
 * It does no VRRP or IPVS work, so that it has little reason to fail.
 */
#ifndef KA_PARENT_H
#define KA_PARENT_H

#include "cmdline.h"

/* Runs the daemon until TERM or INT; returns the exit status. */
int parent_run(const struct ka_options *o, int argc, char **argv);

#endif
