/*
 * check_daemon.c: the checker child. For now it reads the configuration,
 * runs the common child runtime (watchdog answers, signals, reload,
 * dumps) and reports its virtual servers as the parser counted them; the
 * checkers and IPVS plug their state and counters into these hooks.
 */
#include "config.h"

#include "check_daemon.h"

/* vrrp_process_name / checker_process_name; the default otherwise
 * (keepalived keeps "keepalived" without process_names, but telling the
 * processes apart in ps costs nothing). */
static const char *process_name(const struct ka_conf *c)
{
	return c->global->checker_proc.process_name;
}

static void dump_data(FILE *f, const struct ka_conf *c,
		      const struct child_env *env)
{
	(void)env;
	fprintf(f, "------< LVS Topology >------\n");
	fprintf(f, " Virtual servers configured = %u (not run yet)\n",
		c->global->virtual_servers);
}

static void dump_stats(FILE *f, const struct ka_conf *c,
		       const struct child_env *env)
{
	(void)c;
	(void)env;
	fprintf(f, "------< Virtual servers >------\n");
}

static void dump_json(struct json *j, const struct ka_conf *c,
		      const struct child_env *env)
{
	(void)c;
	(void)env;
	json_begin_array(j, "virtual_servers");
	json_end_array(j);
	json_begin_array(j, "virtual_server_groups");
	json_end_array(j);
}

static const struct child_ops check_ops = {
	.name = "checker",
	.ident = "Keepalived_healthcheckers",
	.comm = "keepalived_ipvs",
	.json_name = "checker",
	.dump_tag = "_check",
	.process_name = process_name,
	.dump_data = dump_data,
	.dump_stats = dump_stats,
	.dump_json = dump_json,
};

int check_daemon_run(const struct ka_options *o,
		     const struct child_start *s)
{
	return child_run(o, s, &check_ops);
}
