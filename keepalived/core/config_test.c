/*
 * config_test.c: the -t mode.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "config_test.h"

int config_test_exit_status(enum cfg_severity worst)
{
	switch (worst) {
	case CFG_OK:
	case CFG_NOTE:
		return CONFIG_TEST_EXIT_OK;
	case CFG_WARNING:
	case CFG_ERROR:
	case CFG_FATAL:
		return CONFIG_TEST_EXIT_ERROR;
	case CFG_SECURITY:
		return CONFIG_TEST_EXIT_SECURITY;
	}
	return CONFIG_TEST_EXIT_ERROR;
}

void config_test_print(FILE *out, const struct cfg_diag *d)
{
	if (d->file && d->line)
		fprintf(out, "(%s: Line %u) %s\n", d->file, d->line,
			d->message);
	else if (d->file)
		fprintf(out, "(%s) %s\n", d->file, d->message);
	else
		fprintf(out, "%s\n", d->message);
}

static void print_diag(const struct cfg_diag *d, void *ctx)
{
	config_test_print(ctx, d);
}

int config_test_run(const struct ka_options *o,
		    const struct config_check_env *env)
{
	struct conf_load_opts lo = {
		.config_id = o->config_id,
		.all_config = o->all_config,
		.diag = print_diag,
		.env = env,
	};
	struct ka_conf *c = NULL;
	FILE *out = stderr;
	int status;

	if (o->config_test_log) {
		out = fopen(o->config_test_log, "we");
		if (!out) {
			fprintf(stderr, "Cannot open %s: %s\n",
				o->config_test_log, strerror(errno));
			return CONFIG_TEST_EXIT_ERROR;
		}
	}
	lo.diag_ctx = out;
	/*
	 * Deliberately unlike keepalived 2.2.7, which exits 0 when the main
	 * file is missing: "-t" is what an operator runs before a reload,
	 * and a reload of a missing file would leave the daemon running
	 * nothing. The parser has reported the missing file as CFG_FATAL.
	 */
	if (conf_load_file(o->conf_file, &lo, &c) < 0) {
		status = CONFIG_TEST_EXIT_ERROR;
	} else {
		status = config_test_exit_status(c->worst);
		conf_free(&c);
	}
	if (out != stderr)
		fclose(out);
	return status;
}
