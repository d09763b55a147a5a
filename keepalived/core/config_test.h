/*
 * config_test.h: "keepalived -t": read the configuration, report every
 * problem, touch nothing on the system, and exit with keepalived's status.
 */
#ifndef KA_CONFIG_TEST_H
#define KA_CONFIG_TEST_H

#include <stdio.h>

#include "cmdline.h"
#include "conf.h"
#include "parser.h"

/* Exit statuses of keepalived 2.2.7 for -t, as the binary really uses
 * them (its man page lists 3, 4 and 5, which it does not use that way). */
#define CONFIG_TEST_EXIT_OK		0
#define CONFIG_TEST_EXIT_ERROR		5
#define CONFIG_TEST_EXIT_SECURITY	6

/* The exit status for the worst severity seen. */
int config_test_exit_status(enum cfg_severity worst);

/* Writes one diagnostic as keepalived does: "(FILE: Line N) message". */
void config_test_print(FILE *out, const struct cfg_diag *d);

/* Runs the test for these options; returns the exit status. The
 * environment is the real system unless env is given (tests). */
int config_test_run(const struct ka_options *o,
		    const struct config_check_env *env);

#endif
