/*
 * vrrp_check_sync.c: the checks of the vrrp_sync_group blocks, worded as
 * keepalived 2.2.7 words them: a name that is no instance is dropped, an
 * instance already in a group stays in the first one, a group left with
 * no member is removed, and a group of one is reported (keepalived runs
 * it all the same). Each instance learns its group (ic->sync).
 *
 * Weighted tracking in a member would let the members' priorities drift
 * apart; without sync_group_tracking_weight keepalived 2.2.7 drops a
 * member's weighted track_script line, and reports its weighted
 * track_interface lines but (observed) still applies their weight: so
 * do we.
 *
 * The group's own track_script and track_interface lines are copied into
 * every member (before the members' tracking is checked), where they act
 * as the member's own; a member tracking the same object itself keeps
 * its line and is reported, as keepalived reports it.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "memory.h"
#include "vrrp_check.h"

static const char *const notify_names[VRRP_NOTIFY_COUNT] = {
	[VRRP_NOTIFY_MASTER] = "notify_master",
	[VRRP_NOTIFY_BACKUP] = "notify_backup",
	[VRRP_NOTIFY_FAULT] = "notify_fault",
	[VRRP_NOTIFY_STOP] = "notify_stop",
	[VRRP_NOTIFY_ANY] = "notify",
	[VRRP_NOTIFY_DELETED] = "notify_deleted",
	[VRRP_NOTIFY_RX_LOWER] = "notify_master_rx_lower_pri",
};

/* Joins the group's instances to it; returns how many joined, and the
 * number of errors reported in *bad. */
static size_t join_members(struct cfg_parser *p, struct vrrp_conf *vc,
			   struct vrrp_sync_conf *sc, int *bad)
{
	struct vrrp_instance_conf *ic;
	size_t i, n = 0;

	for (i = 0; i < sc->nmembers; i++) {
		ic = vrrp_conf_find(vc, sc->members[i]);
		if (!ic) {
			cfg_report_at(p, CFG_ERROR, sc->file, sc->line,
				      "Virtual router %s specified in sync "
				      "group %s doesn't exist - ignoring",
				      sc->members[i], sc->name);
			(*bad)++;
		} else if (ic->sync && ic->sync != sc) {
			cfg_report_at(p, CFG_ERROR, sc->file, sc->line,
				      "Virtual router %s cannot exist in more "
				      "than one sync group; ignoring %s",
				      ic->name, sc->name);
			(*bad)++;
		} else if (!ic->sync) {
			ic->sync = sc;
			n++;
		}
	}
	return n;
}

static int check_notify(struct cfg_parser *p, struct vrrp_sync_conf *sc,
			const struct global_data *gd,
			const struct vrrp_check_env *env)
{
	struct vrrp_notify_conf *n = &sc->notify;
	char what[128];
	int bad = 0, k;

	if (!env->core.stat || !env->core.user_uid || !env->core.group_exists)
		return 0;
	for (k = 0; k < VRRP_NOTIFY_COUNT; k++) {
		if (!n->script[k].path)
			continue;
		snprintf(what, sizeof(what), "(%s) %s", sc->name,
			 notify_names[k]);
		if (config_check_script(p, what, &n->script[k], gd,
					&env->core) == 0)
			continue;
		n->refused[k] = gd->enable_script_security;
		bad++;
	}
	return bad ? -EINVAL : 0;
}

static int script_weight(const struct vrrp_track_conf *t)
{
	if (t->weight_set)
		return t->weight;
	return t->script ? t->script->weight : 0;
}

static int check_member_weights(struct cfg_parser *p,
				struct vrrp_instance_conf *ic)
{
	struct vrrp_track_conf *t;
	int bad = 0;

	list_for_each_entry(t, &ic->track_ifs, node) {
		if (t->ignored || t->from_group || !t->weight)
			continue;
		cfg_report_at(p, CFG_WARNING, t->at.file, t->at.line,
			      "(%s) ignoring %s tracked interface weight due "
			      "to SYNC group", ic->name, t->name);
		bad++;
	}
	list_for_each_entry(t, &ic->track_scripts, node) {
		if (t->ignored || t->from_group || !script_weight(t))
			continue;
		cfg_report_at(p, CFG_WARNING, t->at.file, t->at.line,
			      "(%s) ignoring tracked script %s with weights "
			      "due to SYNC group", ic->name, t->name);
		t->ignored = true;
		bad++;
	}
	return bad;
}

int vrrp_check_sync_weights(struct cfg_parser *p, struct vrrp_conf *vc)
{
	struct vrrp_instance_conf *ic;
	int bad = 0;

	list_for_each_entry(ic, &vc->instances, node)
		if (ic->sync && !ic->sync->tracking_weight)
			bad += check_member_weights(p, ic);
	return bad ? -EINVAL : 0;
}

static bool tracks(const struct list_node *head, const char *name)
{
	const struct vrrp_track_conf *t;

	list_for_each_entry(t, head, node)
		if (!strcmp(t->name, name))
			return true;
	return false;
}

/* The group's lines of one kind into one member. */
static int copy_lines(struct cfg_parser *p, struct vrrp_instance_conf *ic,
		      const struct list_node *from, struct list_node *to,
		      const char *kw)
{
	const struct vrrp_track_conf *t;
	struct vrrp_track_conf *c;
	int bad = 0;

	list_for_each_entry(t, from, node) {
		if (tracks(to, t->name)) {
			cfg_report_at(p, CFG_ERROR, t->at.file, t->at.line,
				      "(%s) %s %s is configured on VRRP "
				      "instance and sync group. Remove vrrp "
				      "instance or sync group config",
				      ic->name, kw, t->name);
			bad++;
			continue;
		}
		c = vrrp_track_conf_new(t->name);
		c->weight_set = t->weight_set;
		c->weight = t->weight;
		c->reverse = t->reverse;
		c->at.file = vrrp_instance_conf_file(ic, t->at.file);
		c->at.line = t->at.line;
		c->from_group = true;
		list_add_tail(to, &c->node);
	}
	return bad;
}

static int copy_tracking(struct cfg_parser *p, struct vrrp_conf *vc,
			 const struct vrrp_sync_conf *sc)
{
	struct vrrp_instance_conf *ic;
	int bad = 0;

	list_for_each_entry(ic, &vc->instances, node) {
		if (ic->sync != sc)
			continue;
		bad += copy_lines(p, ic, &sc->tracking->track_scripts,
				  &ic->track_scripts, "track_script");
		bad += copy_lines(p, ic, &sc->tracking->track_ifs,
				  &ic->track_ifs, "track_interface");
		bad += copy_lines(p, ic, &sc->tracking->track_files,
				  &ic->track_files, "track_file");
		bad += copy_lines(p, ic, &sc->tracking->track_procs,
				  &ic->track_procs, "track_process");
	}
	return bad;
}

int vrrp_check_syncs(struct cfg_parser *p, struct vrrp_conf *vc,
		     const struct global_data *gd,
		     const struct vrrp_check_env *env)
{
	struct vrrp_sync_conf *sc;
	size_t n;
	int bad = 0;

	list_for_each_entry(sc, &vc->syncs, node) {
		n = join_members(p, vc, sc, &bad);
		if (!n) {
			cfg_report_at(p, CFG_ERROR, sc->file, sc->line,
				      "Sync group %s, no matching virtual "
				      "router found in group declaration - "
				      "removing", sc->name);
			sc->removed = true;
			bad++;
			continue;
		}
		if (n == 1) {
			cfg_report_at(p, CFG_WARNING, sc->file, sc->line,
				      "Sync group %s has only 1 virtual "
				      "router(s) - this probably isn't what "
				      "you want", sc->name);
			bad++;
		}
		bad += check_notify(p, sc, gd, env) < 0;
		bad += copy_tracking(p, vc, sc);
	}
	return bad ? -EINVAL : 0;
}
