/*
 * core_run.h: the daemon path of main(): log, read the configuration,
 * detach unless -n, and run the event loop until TERM or INT.
 *
 * The watchdog parent and its VRRP and checker children come with their
 * own work; for now this process holds the global configuration, reloads
 * it on HUP and dumps it on USR1 and USR2.
 */
#ifndef KA_CORE_RUN_H
#define KA_CORE_RUN_H

#include "cmdline.h"

/* Where USR1 and USR2 write, as keepalived. */
#define CORE_RUN_DATA_FILE	"/tmp/keepalived.data"
#define CORE_RUN_STATS_FILE	"/tmp/keepalived.stats"

/* Exit status when the configuration cannot be used at all (as the
 * keepalived 2.2.7 daemon does for a missing configuration file). */
#define CORE_RUN_EXIT_CONFIG	6
#define CORE_RUN_EXIT_FATAL	3

/* Returns the process's exit status. */
int core_run(const struct ka_options *o);

#endif
