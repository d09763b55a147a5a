/*
 * check_daemon.c: the checker child. On the common child runtime
 * (watchdog answers, signals, reload, dumps) it runs its own netlink
 * reflector, opens the IPVS backend, and hands the LVS configuration to
 * the checker framework (check_run.h), which runs the checks and
 * programs IPVS.
 */
#include "config.h"

#include <string.h>

#include "check_daemon.h"
#include "check_data.h"
#include "check_fdlimit.h"
#include "check_run.h"
#include "core_run.h"
#include "iftable.h"
#include "ipvs_open.h"
#include "log.h"
#include "memory.h"
#include "netlink_daemon.h"
#include "track_file_read.h"
#if KA_WITH_SNMP
#include "check_snmp.h"
#include "snmp_agent.h"
#include "snmp_global.h"
#endif

struct check_child {
	struct netlink_daemon *nl;
	struct ipvs_backend *ipvs;
	struct check_run *run;
	struct event_loop *loop;
	struct event *ev_addrs;		/* addresses changed: re-evaluate */
	struct snmp_agent *snmp;	/* AgentX sub-agent; NULL: no SNMP */
	struct check_snmp *snmp_check;	/* KEEPALIVED-MIB's check part */
	struct snmp_global *snmp_global;	/* its global part, or NULL */
	const struct global_data *gd;	/* the running global_defs */
};

/* A real server or a quorum changed: the SNMP traps. */
static void on_change(const struct check_run_change *ch, void *ctx)
{
#if KA_WITH_SNMP
	struct check_child *k = ctx;

	check_snmp_change(k->snmp_check, ch);
#else
	(void)ch;
	(void)ctx;
#endif
}

/* ha_suspend: whether a virtual server's address is on this host. */
static bool addr_local(const struct ka_addr *a, void *ctx)
{
	struct check_child *k = ctx;

	return iftable_by_addr(netlink_daemon_iftable(k->nl), a) != NULL;
}

static void on_addrs(struct event_loop *loop, const struct event_info *info)
{
	struct check_child *k = info->arg;

	(void)loop;
	if (k->run)
		check_run_addrs_changed(k->run);
}

/* The table tells of a deletion before it makes it: look on the next
 * pass. */
static void on_iftable(const struct iftable_event *ev, void *ctx)
{
	struct check_child *k = ctx;

	if ((ev->type == IFTABLE_ADDR_NEW || ev->type == IFTABLE_ADDR_DEL) &&
	    !k->ev_addrs)
		event_add_queued(k->loop, &k->ev_addrs, on_addrs, k, 0);
}

/* init_file: the files FILE_CHECKs read exist before the first check. */
static void init_track_files(const struct check_conf *cc)
{
	const struct ck_track_file *tf;
	int r;

	list_for_each_entry(tf, &cc->track_files, node) {
		r = track_file_init(tf);
		if (r < 0)
			log_warnx("track_file %s: cannot initialise %s: %s",
				  tf->name, tf->path, strerror(-r));
	}
}

static int start_checks(struct child_env *env, struct check_child *k,
			struct ka_conf *c)
{
	struct check_run_opts ro = {
		.release_on_stop = !env->opts->dont_release_ipvs,
		.addr_local = addr_local,
		.addr_ctx = k,
		.on_change = on_change,
		.change_ctx = k,
	};

	k->run = check_run_new(env->loop, k->ipvs, &ro);
	if (netlink_daemon_subscribe(k->nl, on_iftable, k) < 0)
		log_warnx("ha_suspend cannot follow the addresses");
	init_track_files(c->check);
	ck_fd_limit_fit(c->check);
	check_run_apply(k->run, c->check, c->global);
	return 0;
}

#if KA_WITH_SNMP
static const struct global_data *running_gd(void *ctx)
{
	const struct check_child *k = ctx;

	return k->gd;
}
#endif

/* The AgentX sub-agent, when KEEPALIVED-MIB's check part is enabled. */
static void start_snmp(struct child_env *env, struct check_child *k,
		       struct ka_conf *c)
{
#if KA_WITH_SNMP
	const struct global_data *gd = c->global;

	if (!snmp_want_checker(gd, env->opts))
		return;
	k->snmp = snmp_agent_open(env->loop, "keepalived_check",
				  snmp_socket_of(gd, env->opts));
	if (!k->snmp)
		return;
	/* SNMP modules register here. */
	k->snmp_check = check_snmp_new(k->snmp, k->run, c->check, gd);
	/* The global scalars: here when the VRRP child does not serve them. */
	if (!snmp_want_vrrp(gd, env->opts))
		k->snmp_global = snmp_global_register(running_gd, k);
#else
	(void)env;
	(void)k;
	(void)c;
#endif
}

static void stop_snmp(struct check_child *k)
{
#if KA_WITH_SNMP
	/* SNMP modules unregister here, before the agent closes. */
	check_snmp_free(&k->snmp_check);
	snmp_global_unregister(&k->snmp_global);
	snmp_agent_close(&k->snmp);
#else
	(void)k;
#endif
}

static int start(struct child_env *env, struct ka_conf *c)
{
	const struct global_data *gd = c->global;
	struct netlink_daemon_opts no;
	struct check_child *k = mem_new(struct check_child);
	char why[256];

	env->state = k;
	k->loop = env->loop;
	k->gd = gd;
	/* Without IPVS there is nothing the checks could act on. */
	if (ipvs_backend_open(env->opts->ipvs_record, env->opts->ipvs_sockopt,
			      &k->ipvs, why, sizeof(why)) < 0) {
		log_warnx("Cannot run the health checks: %s", why);
		return CORE_RUN_EXIT_NO_IPVS;
	}
	if (env->opts->ipvs_record)
		log_info("IPVS: recording the table in %s",
			 env->opts->ipvs_record);
	else
		log_info("IPVS: programming the kernel's table through %s",
			 strcmp(k->ipvs->ops->name, "sockopt") ?
			 "generic netlink" : "setsockopt");
	netlink_daemon_opts_init(&no, &gd->lvs_netlink_cmd,
				 &gd->lvs_netlink_monitor,
				 env->opts->address_monitoring);
	if (netlink_daemon_start(env->loop, &no, &k->nl) < 0)
		return CORE_RUN_EXIT_FATAL;
	if (start_checks(env, k, c) != 0)
		return CORE_RUN_EXIT_FATAL;
	start_snmp(env, k, c);
	return 0;
}

/* The running configuration is freed after this returns: the framework
 * moves to the new one. */
static void reload(struct child_env *env, struct ka_conf *old,
		   struct ka_conf *new)
{
	struct check_child *k = env->state;

	(void)old;
	if (!k)
		return;
	k->gd = new->global;
	if (k->run) {
		ck_fd_limit_fit(new->check);
		check_run_apply(k->run, new->check, new->global);
	}
#if KA_WITH_SNMP
	if (k->snmp_check)
		check_snmp_set_conf(k->snmp_check, new->check, new->global);
#endif
}

static void stop(struct child_env *env, struct ka_conf *c)
{
	struct check_child *k = env->state;

	(void)c;
	if (!k)
		return;
	event_cancel(&k->ev_addrs);
	stop_snmp(k);
	check_run_free(&k->run);
	ipvs_backend_free(&k->ipvs);
	if (k->nl)
		netlink_daemon_unsubscribe(k->nl, on_iftable, k);
	netlink_daemon_stop(&k->nl);
	mem_free(&env->state);
}

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
	const struct check_child *k = env->state;

	fprintf(f, "------< LVS Topology >------\n");
	fprintf(f, " Virtual servers configured = %u\n",
		c->global->virtual_servers);
	if (k && k->run)
		check_run_dump(k->run, f);
	if (k && k->nl) {
		fprintf(f, "------< Interfaces >------\n");
		netlink_daemon_dump(k->nl, f);
	}
}

static void dump_stats(FILE *f, const struct ka_conf *c,
		       const struct child_env *env, bool clear)
{
	struct check_child *k = env->state;

	(void)c;
	fprintf(f, "------< Virtual servers >------\n");
	if (k && k->run)
		check_run_dump_stats(k->run, f, clear);
}

static void dump_json(struct json *j, const struct ka_conf *c,
		      const struct child_env *env)
{
	const struct check_child *k = env->state;

	(void)c;
	if (k && k->run) {
		check_run_dump_json(k->run, j);
	} else {
		json_begin_array(j, "virtual_servers");
		json_end_array(j);
	}
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
	.start = start,
	.reload = reload,
	.stop = stop,
	.dump_data = dump_data,
	.dump_stats = dump_stats,
	.dump_json = dump_json,
};

int check_daemon_run(const struct ka_options *o,
		     const struct child_start *s)
{
	return child_run(o, s, &check_ops);
}
