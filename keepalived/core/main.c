/*
 * main.c: reads the command line and hands over to the mode it asks for.
 * Output goes where keepalived 2.2.7 sends it: --help and -v to stderr,
 * --signum's number to stdout.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "child.h"
#include "cmdline.h"
#include "config_test.h"
#include "core_run.h"
#include "memory.h"
#include "signum.h"
#include "version.h"

/* Exit status of genhash mode until genhash exists (as genhash/main.c). */
#define MAIN_EXIT_GENHASH 2

static int do_signum(const struct ka_options *o)
{
	int sig = signum_lookup(o->signum);

	if (sig < 0) {
		fprintf(stderr, "Unknown sigfunc %s\n", o->signum);
		return CMDLINE_EXIT_USAGE;
	}
	printf("%d\n", sig);
	return 0;
}

static int dispatch(const struct ka_options *o, int argc, char **argv)
{
	switch (o->action) {
	case CMDLINE_HELP:
		cmdline_usage(stderr, "keepalived");
		return 0;
	case CMDLINE_VERSION:
		version_print(stderr);
		return 0;
	case CMDLINE_SIGNUM:
		return do_signum(o);
	case CMDLINE_GENHASH:
		fprintf(stderr, "genhash mode (-T) is not available yet in "
			"this build\n");
		return MAIN_EXIT_GENHASH;
	case CMDLINE_CONFIG_TEST:
	case CMDLINE_RUN:
		break;
	}
	/*
	 * keepalived warns and carries on; a unit file that starts it must
	 * start us too, so we do the same, and say so.
	 */
	if (o->unexpected && !getenv(CHILD_ENV))
		fprintf(stderr, "Unexpected argument(s): %s - ignoring\n",
			o->unexpected);
	if (o->action == CMDLINE_CONFIG_TEST)
		return config_test_run(o, NULL);
	return core_run(o, argc, argv);
}

int main(int argc, char **argv)
{
	struct ka_options o;
	char *err = NULL;
	int status;

	if (cmdline_parse(argc, argv, &o, &err) < 0) {
		fprintf(stderr, "%s\n", err);
		mem_free(&err);
		ka_options_clear(&o);
		return CMDLINE_EXIT_USAGE;
	}
	status = dispatch(&o, argc, argv);
	ka_options_clear(&o);
	return status;
}
