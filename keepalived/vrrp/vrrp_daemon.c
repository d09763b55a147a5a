/*
 * vrrp_daemon.c: the VRRP child. For now it reads the configuration,
 * runs the common child runtime (watchdog answers, signals, reload,
 * dumps) and reports its instances as the parser counted them; the VRRP
 * stack plugs its state and counters into these hooks.
 */
#include "config.h"

#include "vrrp_daemon.h"

/* vrrp_process_name / checker_process_name; the default otherwise
 * (keepalived keeps "keepalived" without process_names, but telling the
 * processes apart in ps costs nothing). */
static const char *process_name(const struct ka_conf *c)
{
	return c->global->vrrp_proc.process_name;
}

static void dump_data(FILE *f, const struct ka_conf *c)
{
	fprintf(f, "------< VRRP Topology >------\n");
	fprintf(f, " VRRP instances configured = %u (not run yet)\n",
		c->global->vrrp_instances);
}

static void dump_stats(FILE *f, const struct ka_conf *c)
{
	(void)c;
	fprintf(f, "------< VRRP instances >------\n");
}

static void dump_json(struct json *j, const struct ka_conf *c)
{
	(void)c;
	json_begin_array(j, "vrrp_instances");
	json_end_array(j);
	json_begin_array(j, "vrrp_sync_groups");
	json_end_array(j);
}

static const struct child_ops vrrp_ops = {
	.name = "VRRP",
	.ident = "Keepalived_vrrp",
	.comm = "keepalived_vrrp",
	.json_name = "vrrp",
	.dump_tag = "",
	.process_name = process_name,
	.dump_data = dump_data,
	.dump_stats = dump_stats,
	.dump_json = dump_json,
};

int vrrp_daemon_run(const struct ka_options *o, const struct child_start *s)
{
	return child_run(o, s, &vrrp_ops);
}
