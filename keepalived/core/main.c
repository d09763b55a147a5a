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
#include "genhash.h"
#include "memory.h"
#include "signum.h"
#include "version.h"

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

/* genhash's argv[0] is its name; -T's arguments follow. */
static int do_genhash(const struct ka_options *o)
{
	static char name[] = "genhash";
	char **argv = mem_calloc((size_t)o->genhash_argc + 2, sizeof(char *));
	int i, status;

	argv[0] = name;
	for (i = 0; i < o->genhash_argc; i++)
		argv[i + 1] = o->genhash_argv[i];
	status = genhash_main(o->genhash_argc + 1, argv);
	mem_free(&argv);
	return status;
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
		return do_genhash(o);
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
