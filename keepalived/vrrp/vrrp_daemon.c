/*
 * vrrp_daemon.c: the VRRP child. On the common child runtime (watchdog
 * answers, signals, reload, dumps) it runs the netlink reflector, which
 * keeps its interface table and logs address changes with -a, and sets up
 * the static addresses, routes and rules; the VRRP instances will plug
 * into the same hooks.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/param.h>

#include "core_run.h"
#include "log.h"
#include "memory.h"
#include "netlink_daemon.h"
#include "vrrp_daemon.h"
#include "vrrp_data.h"
#include "vrrp_lvs_sync_open.h"
#include "smtp_alert.h"
#include "track_file.h"
#include "vrrp_linkbeat.h"
#include "vrrp_params.h"
#include "vrrp_run.h"
#include "vrrp_static_track.h"
#if KA_WITH_SNMP
#include "snmp_agent.h"
#include "vrrp_snmp_rfc.h"
#include "snmp_global.h"
#include "vrrp_snmp.h"
#endif

/* The VRRP child's own state, hung off child_env.state. */
struct vrrp_child {
	struct netlink_daemon *nl;
	struct vrrp_run *run;
	struct event *t_startup;	/* vrrp_startup_delay */
	struct vrrp_static_track *strack;	/* track_group entries */
	const struct ka_conf *conf;	/* the one running */
	struct vrrp_lvs_sync *lvs_sync;	/* lvs_sync_daemon; NULL: none */
	bool stopping;			/* stop() runs the loop a little
					 * longer for notify_stop: no reload */
	struct smtp_alerter *alerter;	/* smtp_alert of instances, groups */
	struct snmp_agent *snmp;	/* AgentX sub-agent; NULL: no SNMP */
	struct vrrp_snmp_rfc *snmp_rfc;	/* VRRP-MIB, VRRPV3-MIB; NULL: off */
	struct snmp_global *snmp_global;	/* KEEPALIVED-MIB global */
	struct vrrp_snmp *snmp_vrrp;		/* KEEPALIVED-MIB vrrp */
};

static bool on(enum gd_tristate t)
{
	return t == GD_ON;
}

/* unicast_peer lines. The runtime checks one TTL range per instance:
 * the widest its peers allow (-1, "not given", allows everything). */
static void fill_peers(const struct vrrp_instance_conf *ic,
		       struct vrrp_run_params *p)
{
	const struct vrrp_peer *peer;
	int lo = 255, hi = 0;

	list_for_each_entry(peer, &ic->peers, node) {
		if (p->npeers == VRRP_RUN_PEERS_MAX)
			break;
		p->peers[p->npeers++] = peer->addr;
		lo = peer->min_ttl < 0 ? 0 : MIN(lo, peer->min_ttl);
		hi = peer->max_ttl < 0 ? 255 : MAX(hi, peer->max_ttl);
	}
	if (!p->npeers)
		lo = 0, hi = 255;
	p->min_ttl = (uint8_t)lo;
	p->max_ttl = (uint8_t)hi;
}

static void fill_group(const struct global_data *gd, int family,
		       struct ka_addr *g)
{
	memset(g, 0, sizeof(*g));
	if (family == AF_INET && gd->mcast_group4.s_addr) {
		g->family = AF_INET;
		g->u.v4 = gd->mcast_group4;
	} else if (family == AF_INET6 &&
		   !IN6_IS_ADDR_UNSPECIFIED(&gd->mcast_group6)) {
		g->family = AF_INET6;
		g->u.v6 = gd->mcast_group6;
	}
}

/* What the runtime needs of a completed instance configuration. */
static void params_from_conf(const struct vrrp_instance_conf *ic,
			     const struct global_data *gd,
			     struct vrrp_run_params *p)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", ic->name);
	snprintf(p->ifname, sizeof(p->ifname), "%s", ic->ifname);
	p->family = ic->family ? ic->family : AF_INET;
	p->vrid = (uint8_t)ic->vrid;
	vrrp_instance_fsm_conf(ic, &p->fsm);
	p->auth_type = (uint8_t)ic->auth.type;
	snprintf(p->auth_pass, sizeof(p->auth_pass), "%s", ic->auth.pass);
	p->vips = &ic->vips;
	p->vips_excluded = &ic->evips;
	p->vroutes = ic->vroutes;
	p->use_vmac = ic->use_vmac;
	snprintf(p->vmac_name, sizeof(p->vmac_name), "%s", ic->vmac_name);
	p->vmac_xmit_base = ic->vmac_xmit_base;
	/* the address owner always accepts (RFC 5798 6.4.3) */
	p->no_accept = ic->accept == GD_OFF &&
		       ic->priority < VRRP_PRIO_OWNER;
	fill_peers(ic, p);
	p->src = p->npeers ? ic->unicast_src : ic->mcast_src;
	if (!p->npeers)
		fill_group(gd, p->family, &p->group);
	p->skip_check_adv_addr = on(ic->skip_check_adv_addr);
	p->check_unicast_src = on(ic->check_unicast_src);
	p->dont_track_primary = ic->dont_track_primary;
	p->garp_delay_us = (uint64_t)ic->garp.master_delay_s * 1000000;
	p->garp_repeat = ic->garp.master_repeat;
	p->garp_interval_us = gd->garp_interval_us;
	p->gna_interval_us = gd->gna_interval_us;
	p->garp_refresh_us = (uint64_t)ic->garp.master_refresh_s * 1000000;
	p->garp_refresh_repeat = ic->garp.master_refresh_repeat;
	p->garp_lower_prio_delay_us =
		(uint64_t)ic->garp.lower_prio_delay_s * 1000000;
	p->garp_lower_prio_repeat = ic->garp.lower_prio_repeat;
	p->fsm.down_timer_adverts = gd->down_timer_adverts;
	p->default_if = gd->default_interface;
	vrrp_params_tracking(ic, gd, p);
}

/*
 * Settings parsed and stored that this runtime does not act on yet: said
 * once, at start, rather than silently ignored.
 */
static void warn_unimplemented(const struct vrrp_instance_conf *ic)
{
	(void)ic;	/* every instance setting is acted on at the moment */
}

static void warn_global_unimplemented(const struct global_data *gd)
{
	/* no_accept's firewall is nftables' (vrrp_run_nft.c) */
	if (gd->vrrp_iptables || gd->ipsets.count)
		log_warnx("vrrp_iptables and vrrp_ipsets are not supported yet "
			  "- using nftables");
	if (gd->garp_extra_if_s)
		log_warnx("vrrp_garp_extra_if is not supported yet - ignoring");
}

/* The groups first: the instances added next name them. */
static void run_syncs(struct vrrp_child *v, const struct ka_conf *c)
{
	const struct vrrp_sync_conf *sc;
	struct vrrp_run_sync_params *g = NULL;
	size_t n = 0;

	list_for_each_entry(sc, &c->vrrp->syncs, node) {
		if (sc->removed)
			continue;
		g = mem_reallocarray(g, n + 1, sizeof(*g));
		vrrp_params_sync(sc, c->global, &g[n++]);
	}
	vrrp_run_set_syncs(v->run, g, n);
	mem_free(&g);
}

/* The interfaces whose carrier is polled: linkbeat_interfaces; with the
 * global linkbeat_use_polling every interface an instance uses or
 * tracks; an instance's linkbeat_use_polling, its own. */
static void set_linkbeat(struct vrrp_child *v, const struct ka_conf *c)
{
	struct vrrp_linkbeat *lb = vrrp_run_linkbeat(v->run);
	const struct global_data *gd = c->global;
	const struct vrrp_instance_conf *ic;
	const struct vrrp_track_conf *t;
	size_t i;

	vrrp_linkbeat_clear(lb);
	for (i = 0; i < gd->linkbeat_if_count; i++)
		vrrp_linkbeat_add(lb, gd->linkbeat_ifs[i].name,
				  vrrp_linkbeat_method(
					  gd->linkbeat_ifs[i].type));
	list_for_each_entry(ic, &c->vrrp->instances, node) {
		if ((gd->linkbeat_use_polling || ic->linkbeat_use_polling) &&
		    ic->ifname[0])
			vrrp_linkbeat_add(lb, ic->ifname, VRRP_LINKBEAT_ANY);
		if (!gd->linkbeat_use_polling)
			continue;
		list_for_each_entry(t, &ic->track_ifs, node)
			vrrp_linkbeat_add(lb, t->name, VRRP_LINKBEAT_ANY);
	}
}

static void run_instances(struct vrrp_child *v, const struct ka_conf *c)
{
	const struct vrrp_instance_conf *ic;
	struct vrrp_run_params p;
	int ret;

	set_linkbeat(v, c);
	run_syncs(v, c);
	list_for_each_entry(ic, &c->vrrp->instances, node) {
		params_from_conf(ic, c->global, &p);
		vrrp_static_track_params(c->statics,
					 c->global->default_interface, &p);
		if (vrrp_run_update(v->run, &p))
			continue;
		vrrp_run_del(v->run, p.name);
		warn_unimplemented(ic);
		ret = vrrp_run_add(v->run, &p);
		if (ret < 0)
			log_warnx("(%s) cannot start: %s", p.name,
				  strerror(-ret));
	}
}

/* Instances gone from the new file (v->conf) stop: priority 0, their
 * addresses removed. */
static void drop_gone(const char *name, void *ctx)
{
	struct vrrp_child *v = ctx;

	if (!vrrp_conf_find(v->conf->vrrp, name))
		vrrp_run_del(v->run, name);
}

static void on_startup_delay(struct event_loop *loop,
			     const struct event_info *info)
{
	struct vrrp_child *v = info->arg;

	(void)loop;
	run_instances(v, v->conf);
}

/* Once: keepalived does not reopen its FIFOs on a reload either. */
static void open_fifos(struct vrrp_child *v, const struct global_data *gd)
{
	struct vrrp_fifo_params fp[VRRP_RUN_FIFO_MAX];

	vrrp_run_open_fifos(v->run, fp, vrrp_params_fifos(gd, fp));
}

/* init_file of the track files instances use: once, at start, before
 * the instances read them (the checker does the same for its own). */
static void init_track_files(const struct vrrp_conf *vc)
{
	const struct vrrp_instance_conf *ic;
	const struct vrrp_track_conf *t;
	int ret;

	list_for_each_entry(ic, &vc->instances, node)
		list_for_each_entry(t, &ic->track_files, node) {
			if (t->ignored || !t->file_path || !t->file_init)
				continue;
			ret = track_file_write_init(t->file_path,
						    t->file_init_value,
						    t->file_init_overwrite);
			if (ret < 0)
				log_warnx("Track file %s: init_file failed: "
					  "%s", t->file_path, strerror(-ret));
		}
}

static const struct vrrp_run_opts *run_opts(const struct child_env *env,
					     const struct global_data *gd,
					     struct vrrp_run_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->release_on_stop = !env->opts->dont_release_vrrp;
	if (gd->nftables_table)
		snprintf(o->nft_table, sizeof(o->nft_table), "%s",
			 gd->nftables_table);
	o->nft_priority = gd->nftables_priority;
	o->nft_counters = gd->nftables_counters;
	return o;
}

#if KA_WITH_SNMP
/* KEEPALIVED-MIB's global part reads the configuration running now. */
static const struct global_data *snmp_global_data(void *ctx)
{
	const struct vrrp_child *v = ctx;

	return v->conf ? v->conf->global : NULL;
}
#endif

/* The AgentX sub-agent, when KEEPALIVED-MIB's vrrp part or one of the
 * VRRP RFC MIBs is enabled. */
static void start_snmp(struct child_env *env, struct vrrp_child *v,
		       struct ka_conf *c)
{
#if KA_WITH_SNMP
	const struct global_data *gd = c->global;

	if (!snmp_want_vrrp(gd, env->opts) && !snmp_want_rfcv2(gd, env->opts) &&
	    !snmp_want_rfcv3(gd, env->opts))
		return;
	v->snmp = snmp_agent_open(env->loop, "keepalived",
				  snmp_socket_of(gd, env->opts));
	if (!v->snmp)
		return;
	/* SNMP modules register here. */
	v->snmp_rfc = vrrp_snmp_rfc_new(v->snmp, env->loop, v->run,
		&(struct vrrp_snmp_rfc_opts){
			.v2 = snmp_want_rfcv2(gd, env->opts),
			.v3 = snmp_want_rfcv3(gd, env->opts),
			.traps = gd->snmp_traps,
		});
	/* KEEPALIVED-MIB: the VRRP child serves `global` with `vrrp` (the
	 * checker serves it only when the VRRP part is off). */
	if (snmp_want_vrrp(gd, env->opts)) {
		v->snmp_global = snmp_global_register(snmp_global_data, v);
		v->snmp_vrrp = vrrp_snmp_register(v->snmp, v->run, &v->conf);
	}
	snmp_agent_sync(v->snmp);
#else
	(void)env;
	(void)v;
	(void)c;
#endif
}

static void stop_snmp(struct vrrp_child *v)
{
#if KA_WITH_SNMP
	/* SNMP modules unregister here, before the agent closes. */
	vrrp_snmp_rfc_free(&v->snmp_rfc);
	vrrp_snmp_stop(v->snmp_vrrp);
	vrrp_snmp_unregister(&v->snmp_vrrp);
	snmp_global_unregister(&v->snmp_global);
	snmp_agent_close(&v->snmp);
#else
	(void)v;
#endif
}

static int start(struct child_env *env, struct ka_conf *c)
{
	const struct global_data *gd = c->global;
	struct netlink_daemon_opts no;
	struct vrrp_run_opts ro;
	struct vrrp_child *v = mem_new(struct vrrp_child);

	env->state = v;
	netlink_daemon_opts_init(&no, &gd->vrrp_netlink_cmd,
				 &gd->vrrp_netlink_monitor,
				 env->opts->address_monitoring);
	if (netlink_daemon_start(env->loop, &no, &v->nl) < 0)
		return CORE_RUN_EXIT_FATAL;
	netlink_daemon_static_apply(v->nl, c->statics, gd->default_interface);
	v->lvs_sync = vrrp_lvs_sync_open(&gd->lvs_sync, env->opts);
	v->strack = vrrp_static_track_start(v->nl, c->statics,
					    gd->default_interface);
	run_opts(env, gd, &ro);
	ro.on_state = vrrp_lvs_sync_on_state;
	ro.state_ctx = &v->lvs_sync;
	v->run = vrrp_run_new(env->loop, v->nl, &ro);
	v->conf = c;
	v->alerter = smtp_alerter_new(env->loop, gd);
	vrrp_run_set_alerter(v->run, v->alerter);
	open_fifos(v, gd);
	init_track_files(c->vrrp);
	start_snmp(env, v, c);
	warn_global_unimplemented(gd);
	if (!gd->vrrp_startup_delay_us) {
		run_instances(v, c);
		return 0;
	}
	log_info("Delaying startup for %g seconds",
		 (double)gd->vrrp_startup_delay_us / 1e6);
	return event_add_timer(env->loop, &v->t_startup,
			       gd->vrrp_startup_delay_us, on_startup_delay,
			       v) < 0 ? CORE_RUN_EXIT_FATAL : 0;
}

/* Static entries gone from the file are removed, new ones added; an
 * unchanged one is left alone (adding it again is not an error). */
static void reload_statics(struct vrrp_child *v, struct ka_conf *old,
			   struct ka_conf *new)
{
	struct static_data *stale = static_data_take_stale(old->statics,
							   new->statics);

	netlink_daemon_static_remove(v->nl, stale,
				     old->global->default_interface);
	static_data_free(&stale);
	netlink_daemon_static_apply(v->nl, new->statics,
				    new->global->default_interface);
}

/* Runs before "old" is freed: instances that stop still use its lists. */
static void reload(struct child_env *env, struct ka_conf *old,
		   struct ka_conf *new)
{
	struct vrrp_child *v = env->state;

	if (!v || !v->nl || v->stopping)
		return;
	v->conf = new;
	smtp_alerter_set_global(v->alerter, new->global);
	vrrp_static_track_stop(&v->strack);
	/* While vrrp_startup_delay runs, its timer will start "new". An
	 * unchanged instance keeps its state; a changed one restarts. */
	if (!v->t_startup) {
		vrrp_run_each(v->run, drop_gone, v);
		run_instances(v, new);
		if (new->global->fifo_write_vrrp_states_on_reload)
			vrrp_run_fifo_states(v->run);
	}
	vrrp_lvs_sync_reload(&v->lvs_sync, new, env->opts, v->run);
	reload_statics(v, old, new);
	v->strack = vrrp_static_track_start(v->nl, new->statics,
					    new->global->default_interface);
}

static void stop(struct child_env *env, struct ka_conf *c)
{
	struct vrrp_child *v = env->state;

	if (!v)
		return;
	event_cancel(&v->t_startup);
	vrrp_static_track_stop(&v->strack);
	v->stopping = true;
	stop_snmp(v);
	vrrp_run_free(&v->run);
	vrrp_lvs_sync_free(&v->lvs_sync);
	smtp_alerter_free(&v->alerter);
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
	if (v && v->run)
		vrrp_run_dump(v->run, f);
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
		       const struct child_env *env, bool clear)
{
	const struct vrrp_child *v = env->state;

	(void)c;
	fprintf(f, "------< VRRP instances >------\n");
	if (v && v->run)
		vrrp_run_dump_stats(v->run, f, clear);
}

static void dump_json(struct json *j, const struct ka_conf *c,
		      const struct child_env *env)
{
	const struct vrrp_child *v = env->state;

	(void)c;
	json_begin_array(j, "vrrp_instances");
	if (v && v->run)
		vrrp_run_dump_json(v->run, j);
	json_end_array(j);
	json_begin_array(j, "vrrp_sync_groups");
	if (v && v->run)
		vrrp_run_dump_syncs_json(v->run, j);
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
