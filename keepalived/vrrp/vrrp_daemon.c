/*
 * vrrp_daemon.c: the VRRP child. On the common child runtime (watchdog
 * answers, signals, reload, dumps) it runs the netlink reflector, which
 * keeps its interface table and logs address changes with -a, and sets up
 * the static addresses, routes and rules; the VRRP instances will plug
 * into the same hooks.
 */
#include "config.h"

#include <errno.h>

#include "core_run.h"
#include "log.h"
#include "memory.h"
#include "netlink_daemon.h"
#include "vrrp_daemon.h"

/* The VRRP child's own state, hung off child_env.state. */
struct vrrp_child {
	struct netlink_daemon *nl;
};

static int start(struct child_env *env, struct ka_conf *c)
{
	const struct global_data *gd = c->global;
	struct netlink_daemon_opts no;
	struct vrrp_child *v = mem_new(struct vrrp_child);

	env->state = v;
	netlink_daemon_opts_init(&no, &gd->vrrp_netlink_cmd,
				 &gd->vrrp_netlink_monitor,
				 env->opts->address_monitoring);
	if (netlink_daemon_start(env->loop, &no, &v->nl) < 0)
		return CORE_RUN_EXIT_FATAL;
	netlink_daemon_static_apply(v->nl, c->statics, gd->default_interface);
	return 0;
}

/* Static entries gone from the file are removed, new ones added; an
 * unchanged one is left alone (adding it again is not an error). */
static void reload(struct child_env *env, struct ka_conf *old,
		   struct ka_conf *new)
{
	struct vrrp_child *v = env->state;
	struct static_data *stale;

	if (!v || !v->nl)
		return;
	stale = static_data_take_stale(old->statics, new->statics);
	netlink_daemon_static_remove(v->nl, stale,
				     old->global->default_interface);
	static_data_free(&stale);
	netlink_daemon_static_apply(v->nl, new->statics,
				    new->global->default_interface);
}

static void stop(struct child_env *env, struct ka_conf *c)
{
	struct vrrp_child *v = env->state;

	if (!v)
		return;
	/* -V leaves what we set up in place, as keepalived does */
	if (v->nl && !env->opts->dont_release_vrrp)
		netlink_daemon_static_remove(v->nl, c->statics,
					     c->global->default_interface);
	netlink_daemon_stop(&v->nl);
	mem_free(&env->state);
}

/* vrrp_process_name / checker_process_name; the default otherwise
 * (keepalived keeps "keepalived" without process_names, but telling the
 * processes apart in ps costs nothing). */
static const char *process_name(const struct ka_conf *c)
{
	return c->global->vrrp_proc.process_name;
}

static void dump_data(FILE *f, const struct ka_conf *c,
		      const struct child_env *env)
{
	const struct vrrp_child *v = env->state;

	fprintf(f, "------< VRRP Topology >------\n");
	fprintf(f, " VRRP instances configured = %u (not run yet)\n",
		c->global->vrrp_instances);
	if (!static_data_empty(c->statics)) {
		fprintf(f, "------< Static addresses, routes, rules >------\n");
		static_data_dump(c->statics, f);
	}
	if (v && v->nl) {
		fprintf(f, "------< Interfaces >------\n");
		netlink_daemon_dump(v->nl, f);
	}
}

static void dump_stats(FILE *f, const struct ka_conf *c,
		       const struct child_env *env)
{
	(void)c;
	(void)env;
	fprintf(f, "------< VRRP instances >------\n");
}

static void dump_json(struct json *j, const struct ka_conf *c,
		      const struct child_env *env)
{
	(void)c;
	(void)env;
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
	.start = start,
	.reload = reload,
	.stop = stop,
	.dump_data = dump_data,
	.dump_stats = dump_stats,
	.dump_json = dump_json,
};

int vrrp_daemon_run(const struct ka_options *o, const struct child_start *s)
{
	return child_run(o, s, &vrrp_ops);
}
