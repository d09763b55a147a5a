/*
 * vrrp_check_track.c: the checks of the vrrp_script blocks, of the
 * instances' track_script and track_interface lines, and of their notify
 * scripts. A line keepalived ignores is marked ignored here, and a
 * script it would not run is marked refused, so that the runtime runs
 * exactly what keepalived would.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>

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

static bool have_system(const struct vrrp_check_env *env)
{
	return env->core.stat && env->core.user_uid && env->core.group_exists;
}

/* "user U [G]" of a vrrp_script: keepalived drops a script whose user or
 * group does not exist. */
static int check_script_ids(struct cfg_parser *p, struct vrrp_script_conf *sc,
			    const struct vrrp_check_env *env)
{
	const struct config_check_env *sys = &env->core;
	uid_t uid;

	if (sc->cmd.user && sys->user_uid(sc->cmd.user, &uid, sys->ctx) < 0) {
		cfg_report_at(p, CFG_ERROR, sc->cmd.file, sc->cmd.line,
			      "vrrp_script %s: no user '%s' to run it as - "
			      "removing", sc->name, sc->cmd.user);
		return -EINVAL;
	}
	if (sc->cmd.group && !sys->group_exists(sc->cmd.group, sys->ctx)) {
		cfg_report_at(p, CFG_ERROR, sc->cmd.file, sc->cmd.line,
			      "vrrp_script %s: no group '%s' to run it as - "
			      "removing", sc->name, sc->cmd.group);
		return -EINVAL;
	}
	return 0;
}

static int check_script(struct cfg_parser *p, struct vrrp_script_conf *sc,
			const struct global_data *gd,
			const struct vrrp_check_env *env)
{
	char what[128];

	if (!sc->cmd.path) {
		cfg_report_at(p, CFG_ERROR, sc->cmd.file, sc->cmd.line,
			      "No script set for vrrp_script %s - removing",
			      sc->name);
		sc->refused = true;
		return -EINVAL;
	}
	if (!have_system(env))
		return 0;
	if (check_script_ids(p, sc, env) < 0) {
		sc->refused = true;
		return -EINVAL;
	}
	snprintf(what, sizeof(what), "vrrp_script %s", sc->name);
	if (config_check_script(p, what, &sc->cmd, gd, &env->core) == 0)
		return 0;
	/* Without enable_script_security keepalived says so and runs it. */
	sc->refused = gd->enable_script_security;
	return -EINVAL;
}

int vrrp_check_scripts(struct cfg_parser *p, struct vrrp_conf *vc,
		       const struct global_data *gd,
		       const struct vrrp_check_env *env)
{
	struct vrrp_script_conf *sc;
	int bad = 0;

	list_for_each_entry(sc, &vc->scripts, node)
		bad += check_script(p, sc, gd, env) < 0;
	return bad ? -EINVAL : 0;
}

static void ignore(struct cfg_parser *p, const struct vrrp_instance_conf *ic,
		   struct vrrp_track_conf *t, enum cfg_severity sev,
		   const char *why)
{
	cfg_report_at(p, sev, t->at.file, t->at.line, "(%s) %s", ic->name,
		      why);
	t->ignored = true;
}

/* The script's weight and reverse unless the line gives its own. */
static int check_track_script(struct cfg_parser *p, const struct vrrp_conf *vc,
			      const struct vrrp_instance_conf *ic,
			      struct vrrp_track_conf *t)
{
	const struct vrrp_script_conf *sc = vrrp_conf_find_script(vc, t->name);
	char why[160];

	if (!sc || sc->refused) {
		snprintf(why, sizeof(why), "track script %s not found, "
			 "ignoring...", t->name);
		ignore(p, ic, t, CFG_WARNING, why);
		return -EINVAL;
	}
	t->script = sc;
	if (!t->weight_set)
		t->weight = sc->weight;
	t->weight_set = true;
	if (t->reverse == GD_UNSET)
		t->reverse = sc->reverse ? GD_ON : GD_OFF;
	if (ic->priority == VRRP_PRIO_OWNER && t->weight) {
		snprintf(why, sizeof(why), "ignoring tracked script %s with "
			 "weights due to address_owner", t->name);
		ignore(p, ic, t, CFG_WARNING, why);
	}
	return 0;
}

static int check_track_if(struct cfg_parser *p,
			  const struct vrrp_instance_conf *ic,
			  struct vrrp_track_conf *t,
			  const struct vrrp_check_env *env)
{
	unsigned flags;
	char why[160];

	t->weight_set = true;
	if (t->reverse == GD_UNSET)
		t->reverse = GD_OFF;
	if (ic->priority == VRRP_PRIO_OWNER && t->weight) {
		snprintf(why, sizeof(why), "ignoring %s tracked interface due "
			 "to address owner", t->name);
		ignore(p, ic, t, CFG_WARNING, why);
		return 0;
	}
	if (env->if_flags(t->name, &flags, env->ctx) == 0)
		return 0;
	/* Kept: a missing interface counts as down at run time. */
	cfg_report_at(p, CFG_ERROR, t->at.file, t->at.line, "(%s) tracked "
		      "interface %s doesn't exist", ic->name, t->name);
	return -EINVAL;
}

int vrrp_check_tracking(struct cfg_parser *p, struct vrrp_conf *vc,
			struct vrrp_instance_conf *ic,
			const struct vrrp_check_env *env)
{
	struct vrrp_track_conf *t;
	int bad = 0;

	list_for_each_entry(t, &ic->track_scripts, node)
		if (!t->ignored)
			bad += check_track_script(p, vc, ic, t) < 0;
	list_for_each_entry(t, &ic->track_ifs, node)
		if (!t->ignored)
			bad += check_track_if(p, ic, t, env) < 0;
	return bad ? -EINVAL : 0;
}

int vrrp_check_notify(struct cfg_parser *p, struct vrrp_instance_conf *ic,
		      const struct global_data *gd,
		      const struct vrrp_check_env *env)
{
	struct vrrp_notify_conf *n = &ic->notify;
	char what[128];
	int bad = 0, k;

	if (!have_system(env))
		return 0;
	for (k = 0; k < VRRP_NOTIFY_COUNT; k++) {
		if (!n->script[k].path)
			continue;
		snprintf(what, sizeof(what), "(%s) %s", ic->name,
			 notify_names[k]);
		if (config_check_script(p, what, &n->script[k], gd,
					&env->core) == 0)
			continue;
		n->refused[k] = gd->enable_script_security;
		bad++;
	}
	return bad ? -EINVAL : 0;
}
