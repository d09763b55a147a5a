/*
 * vrrp_print.c: the VRRP configuration written back in keepalived.conf
 * syntax (for -d and the USR1 dump). Completed values are spelled out so
 * that the printout parses again to equal instances whatever global_defs
 * says.
 */
#include "config.h"

#include <inttypes.h>
#include <limits.h>
#include <string.h>

#include "vrrp_data.h"
#include "vrrp_vroute.h"

#define IND "    "

static const char *onoff(enum gd_tristate t)
{
	return t == GD_ON ? "on" : "off";
}

static void print_timer(FILE *out, const char *kw, uint64_t us)
{
	fprintf(out, IND "%s %" PRIu64 ".%06" PRIu64 "\n", kw, us / 1000000,
		us % 1000000);
}

static void print_identity(const struct vrrp_instance_conf *ic, FILE *out)
{
	fprintf(out, IND "state %s\n", ic->want_master ? "MASTER" : "BACKUP");
	if (ic->ifname[0])
		fprintf(out, IND "interface %s\n", ic->ifname);
	if (ic->vrid)
		fprintf(out, IND "virtual_router_id %u\n", ic->vrid);
	fprintf(out, IND "priority %u\n", ic->priority);
	fprintf(out, IND "version %u\n", ic->version);
	fprintf(out, IND "advert_int %u.%02u\n", ic->adver_int_cs / 100,
		ic->adver_int_cs % 100);
	if (ic->nopreempt)
		fprintf(out, IND "nopreempt\n");
	if (ic->preempt_delay_us)
		print_timer(out, "preempt_delay", ic->preempt_delay_us);
	if (ic->debug)
		fprintf(out, IND "debug %u\n", ic->debug);
	if (ic->use_vmac)
		fprintf(out, IND "use_vmac%s%s\n", ic->vmac_name[0] ? " " : "",
			ic->vmac_name);
	if (ic->vmac_xmit_base)
		fprintf(out, IND "vmac_xmit_base\n");
}

static void print_switches(const struct vrrp_instance_conf *ic, FILE *out)
{
	fprintf(out, IND "%s\n", ic->accept == GD_ON ? "accept" : "no_accept");
	fprintf(out, IND "strict_mode %s\n", onoff(ic->strict_mode));
	if (ic->dont_track_primary)
		fprintf(out, IND "dont_track_primary\n");
	fprintf(out, IND "skip_check_adv_addr %s\n",
		onoff(ic->skip_check_adv_addr));
	/* Only meaningful, and only accepted by the checks, with peers. */
	if (ic->check_unicast_src == GD_ON && !list_empty(&ic->peers))
		fprintf(out, IND "check_unicast_src\n");
	fprintf(out, IND "lower_prio_no_advert %s\n",
		onoff(ic->lower_prio_no_advert));
	fprintf(out, IND "higher_prio_send_advert %s\n",
		onoff(ic->higher_prio_send_advert));
}

static void print_garp(const struct vrrp_garp_conf *g, FILE *out)
{
	fprintf(out, IND "garp_master_delay %u\n", g->master_delay_s);
	fprintf(out, IND "garp_master_repeat %u\n", g->master_repeat);
	fprintf(out, IND "garp_master_refresh %u\n", g->master_refresh_s);
	fprintf(out, IND "garp_master_refresh_repeat %u\n",
		g->master_refresh_repeat);
	fprintf(out, IND "garp_lower_prio_delay %u\n", g->lower_prio_delay_s);
	fprintf(out, IND "garp_lower_prio_repeat %u\n", g->lower_prio_repeat);
}

static void print_auth(const struct vrrp_auth_conf *a, FILE *out)
{
	if (a->type == VRRP_AUTH_NONE)
		return;
	fprintf(out, IND "authentication {\n");
	fprintf(out, IND IND "auth_type %s\n",
		a->type == VRRP_AUTH_AH ? "AH" : "PASS");
	if (a->pass_set)
		fprintf(out, IND IND "auth_pass \"%s\"\n", a->pass);
	fprintf(out, IND "}\n");
}

static void print_src(FILE *out, const char *kw, const struct ka_addr *a)
{
	char buf[ADDR_STRLEN];

	if (!a->family || addr_ntop(a, buf, sizeof(buf)) < 0)
		return;
	fprintf(out, IND "%s %s\n", kw, buf);
}

static void print_vips(FILE *out, const char *kw,
		       const struct list_node *head)
{
	const struct vrrp_vip *v;
	char line[IPADDR_LINE_MAX];

	if (list_empty(head))
		return;
	fprintf(out, IND "%s {\n", kw);
	list_for_each_entry(v, head, node) {
		ipaddr_format(v->ip, line, sizeof(line));
		fprintf(out, IND IND "%s\n", line);
	}
	fprintf(out, IND "}\n");
}

static void print_peers(const struct vrrp_instance_conf *ic, FILE *out)
{
	const struct vrrp_peer *pe;
	char buf[ADDR_STRLEN];

	if (list_empty(&ic->peers))
		return;
	fprintf(out, IND "unicast_peer {\n");
	list_for_each_entry(pe, &ic->peers, node) {
		addr_ntop(&pe->addr, buf, sizeof(buf));
		fprintf(out, IND IND "%s", buf);
		if (pe->min_ttl >= 0)
			fprintf(out, " min_ttl %d", pe->min_ttl);
		if (pe->max_ttl >= 0)
			fprintf(out, " max_ttl %d", pe->max_ttl);
		fprintf(out, "\n");
	}
	fprintf(out, IND "}\n");
	if (ic->unicast_ttl >= 0)
		fprintf(out, IND "unicast_ttl %d\n", ic->unicast_ttl);
}

/* A word the parser reads back as one: quoted with a quote it lacks. */
static void print_word(FILE *out, const char *s)
{
	char q = strchr(s, '"') ? '\'' : '"';

	fprintf(out, "%c%s%c", q, s, q);
}

static void print_tracks(FILE *out, const char *kw,
			 const struct list_node *head)
{
	const struct vrrp_track_conf *t;

	if (list_empty(head))
		return;
	fprintf(out, IND "%s {\n", kw);
	list_for_each_entry(t, head, node) {
		/* printed with its group */
		if (t->from_group)
			continue;
		fprintf(out, IND IND "%s", t->name);
		if (t->weight_set)
			fprintf(out, " weight %d", t->weight);
		if (t->weight_set && t->reverse != GD_UNSET)
			fprintf(out, " %s", t->reverse == GD_ON ? "reverse" :
				"noreverse");
		fprintf(out, "\n");
	}
	fprintf(out, IND "}\n");
}

static void print_notify(const struct vrrp_notify_conf *n, FILE *out)
{
	static const char *const kw[VRRP_NOTIFY_COUNT] = {
		"notify_master", "notify_backup", "notify_fault",
		"notify_stop", "notify", "notify_deleted",
		"notify_master_rx_lower_pri",
	};
	int k;

	for (k = 0; k < VRRP_NOTIFY_COUNT; k++) {
		const struct gd_script *s = &n->script[k];

		if (!s->path)
			continue;
		fprintf(out, IND "%s ", kw[k]);
		print_word(out, s->path);
		if (s->user)
			fprintf(out, " %s%s%s", s->user, s->group ? " " : "",
				s->group ? s->group : "");
		fprintf(out, "\n");
	}
	if (n->deleted && !n->script[VRRP_NOTIFY_DELETED].path)
		fprintf(out, IND "notify_deleted\n");
	if (n->priority_changes != GD_UNSET)
		fprintf(out, IND "notify_priority_changes %s\n",
			n->priority_changes == GD_ON ? "true" : "false");
	if (n->smtp_alert != GD_UNSET)
		fprintf(out, IND "smtp_alert %s\n",
			n->smtp_alert == GD_ON ? "true" : "false");
}

static void print_instance(const struct vrrp_instance_conf *ic, FILE *out)
{
	fprintf(out, "vrrp_instance %s {\n", ic->name);
	print_identity(ic, out);
	print_switches(ic, out);
	print_garp(&ic->garp, out);
	print_auth(&ic->auth, out);
	print_src(out, "mcast_src_ip", &ic->mcast_src);
	print_src(out, "unicast_src_ip", &ic->unicast_src);
	print_peers(ic, out);
	print_vips(out, "virtual_ipaddress", &ic->vips);
	print_vips(out, "virtual_ipaddress_excluded", &ic->evips);
	vrrp_vroutes_dump(ic->vroutes, IND, out);
	print_tracks(out, "track_script", &ic->track_scripts);
	print_tracks(out, "track_interface", &ic->track_ifs);
	print_tracks(out, "track_file", &ic->track_files);
	print_tracks(out, "track_process", &ic->track_procs);
	if (ic->linkbeat_use_polling)
		fprintf(out, IND "linkbeat_use_polling\n");
	print_notify(&ic->notify, out);
	fprintf(out, "}\n");
}

static void print_script(const struct vrrp_script_conf *sc, FILE *out)
{
	uint64_t t = vrrp_script_conf_timeout_us(sc);

	fprintf(out, "vrrp_script %s {\n", sc->name);
	if (sc->cmd.path) {
		fprintf(out, IND "script ");
		print_word(out, sc->cmd.path);
		fprintf(out, "\n");
	}
	print_timer(out, "interval", sc->interval_us);
	print_timer(out, "timeout", t);
	fprintf(out, IND "weight %d%s\n", sc->weight,
		sc->reverse ? " reverse" : "");
	fprintf(out, IND "rise %u\n" IND "fall %u\n", sc->rise, sc->fall);
	if (sc->cmd.user)
		fprintf(out, IND "user %s%s%s\n", sc->cmd.user,
			sc->cmd.group ? " " : "",
			sc->cmd.group ? sc->cmd.group : "");
	if (sc->init_fail)
		fprintf(out, IND "init_fail\n");
	fprintf(out, "}\n");
}

/* A vrrp_track_process block the checks kept. */
static void print_proc(const struct vrrp_proc_conf *pc, FILE *out)
{
	static const char *const match[] = {
		[VRRP_PROC_PARAMS_PARTIAL] = "partial",
		[VRRP_PROC_PARAMS_INITIAL] = "initial",
	};
	const struct vrrp_proc_spec *s = &pc->spec;
	size_t i;

	fprintf(out, "vrrp_track_process %s {\n" IND "process ", pc->name);
	print_word(out, s->name);
	for (i = 0; i < s->nparams; i++) {
		fputc(' ', out);
		print_word(out, s->params[i]);
	}
	fprintf(out, "\n");
	if (s->match == VRRP_PROC_PARAMS_EXACT && !s->nparams)
		fprintf(out, IND "param_match\n");
	else if (s->match == VRRP_PROC_PARAMS_PARTIAL ||
		 s->match == VRRP_PROC_PARAMS_INITIAL)
		fprintf(out, IND "param_match %s\n", match[s->match]);
	fprintf(out, IND "quorum %u\n", pc->quorum);
	if (pc->quorum_max != UINT_MAX)
		fprintf(out, IND "quorum_max %u\n", pc->quorum_max);
	print_timer(out, "fork_delay", pc->fork_delay_us);
	print_timer(out, "terminate_delay", pc->terminate_delay_us);
	fprintf(out, IND "weight %d%s\n", pc->weight,
		pc->reverse ? " reverse" : "");
	if (s->full_command)
		fprintf(out, IND "full_command\n");
	fprintf(out, "}\n");
}

/* As it runs: the members the checks kept; a group they removed is left
 * out. */
static void print_sync(const struct vrrp_conf *c,
		       const struct vrrp_sync_conf *sc, FILE *out)
{
	const struct vrrp_instance_conf *ic;
	size_t i;

	if (sc->removed)
		return;
	fprintf(out, "vrrp_sync_group %s {\n" IND "group {\n", sc->name);
	for (i = 0; i < sc->nmembers; i++) {
		ic = vrrp_conf_find(c, sc->members[i]);
		if (ic && ic->sync == sc)
			fprintf(out, IND IND "%s\n", sc->members[i]);
	}
	fprintf(out, IND "}\n");
	if (sc->tracking_weight)
		fprintf(out, IND "sync_group_tracking_weight\n");
	print_tracks(out, "track_script", &sc->tracking->track_scripts);
	print_tracks(out, "track_interface", &sc->tracking->track_ifs);
	print_tracks(out, "track_file", &sc->tracking->track_files);
	print_tracks(out, "track_process", &sc->tracking->track_procs);
	print_notify(&sc->notify, out);
	fprintf(out, "}\n");
}

void vrrp_conf_dump(const struct vrrp_conf *c, FILE *out)
{
	const struct vrrp_instance_conf *ic;
	const struct vrrp_script_conf *sc;
	const struct vrrp_sync_conf *gc;

	const struct vrrp_proc_conf *pc;

	list_for_each_entry(sc, &c->scripts, node)
		print_script(sc, out);
	list_for_each_entry(pc, &c->procs, node)
		if (!pc->removed)
			print_proc(pc, out);
	list_for_each_entry(gc, &c->syncs, node)
		print_sync(c, gc, out);
	list_for_each_entry(ic, &c->instances, node)
		print_instance(ic, out);
}
