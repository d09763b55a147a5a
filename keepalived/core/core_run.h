/*
 * core_run.h: the daemon path of main(). The same program is the parent
 * (the watchdog) and, re-executed by it, each child: core_run() looks at
 * CHILD_ENV (child.h) to know which it is.
 */
#ifndef KA_CORE_RUN_H
#define KA_CORE_RUN_H

#include <stdbool.h>

#include "cmdline.h"
#include "conf.h"

/* Exit statuses. CONFIG: the configuration cannot be used at all (as the
 * keepalived 2.2.7 daemon does for a missing configuration file); CHILD:
 * a child could not be kept running (keepalived(8): "a subsystem could
 * not be started"). */
#define CORE_RUN_EXIT_CHILD	2
#define CORE_RUN_EXIT_FATAL	3
#define CORE_RUN_EXIT_CONFIG	6
/* The checker child cannot run on this system (no IPVS backend it could
 * use): the parent must not restart it, since nothing will change. */
#define CORE_RUN_EXIT_NO_IPVS	7

/* Returns the process's exit status. argv is logged at start and used to
 * start the children. */
int core_run(const struct ka_options *o, int argc, char **argv);

/*
 * Reads the configuration named by the options, logging every diagnostic
 * (with quiet, those below CFG_ERROR only with -D: the parent has logged
 * them already). Returns 0 and sets *out (caller frees), or a negative
 * errno if the main file could not be read.
 */
int core_run_load(const struct ka_options *o, bool quiet,
		  struct ka_conf **out);

/* The syslog ident: base, plus "_NAME" for a namespace and for an
 * instance, as keepalived does. Caller frees. Pure. */
char *core_run_ident(const char *base, const char *netns,
		     const char *instance);

#endif
