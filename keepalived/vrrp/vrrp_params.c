/*
 * vrrp_params.c: tracking and notify parameters of the VRRP runtime.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "spawn.h"
#include "vrrp_params.h"

#define DEFAULT_SCRIPT_USER "keepalived_script"

static int lookup(const char *user, const char *group, uid_t *uid,
		  gid_t *gid)
{
	struct passwd *pw = getpwnam(user);
	struct group *gr;

	if (!pw)
		return -ENOENT;
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	if (!group)
		return 0;
	gr = getgrnam(group);
	if (!gr)
		return -ENOENT;
	*gid = gr->gr_gid;
	return 0;
}

int vrrp_script_ids(const char *user, const char *group,
		    const struct global_data *gd, uid_t *uid, gid_t *gid)
{
	if (user)
		return lookup(user, group, uid, gid);
	if (gd->script_user)
		return lookup(gd->script_user, gd->script_group, uid, gid);
	if (lookup(DEFAULT_SCRIPT_USER, NULL, uid, gid) == 0)
		return 0;
	*uid = SPAWN_UID_UNCHANGED;
	*gid = SPAWN_GID_UNCHANGED;
	return 0;
}

static bool script_params(const struct vrrp_script_conf *sc,
			  const struct global_data *gd,
			  struct vrrp_script_params *out)
{
	memset(out, 0, sizeof(*out));
	snprintf(out->name, sizeof(out->name), "%s", sc->name);
	out->cmd = sc->cmd.path;
	out->interval_us = sc->interval_us;
	out->timeout_us = vrrp_script_conf_timeout_us(sc);
	out->rise = sc->rise;
	out->fall = sc->fall;
	out->init_fail = sc->init_fail;
	if (vrrp_script_ids(sc->cmd.user, sc->cmd.group, gd, &out->uid,
			    &out->gid) == 0)
		return true;
	log_warnx("VRRP_Script(%s): no user or group to run it as - "
		  "not tracking it", sc->name);
	return false;
}

static void track_scripts(const struct vrrp_instance_conf *ic,
			  const struct global_data *gd,
			  struct vrrp_run_params *p)
{
	const struct vrrp_track_conf *t;
	struct vrrp_run_track_script *out;

	list_for_each_entry(t, &ic->track_scripts, node) {
		if (t->ignored || !t->script || !t->script->cmd.path ||
		    p->ntrack_scripts == VRRP_RUN_TRACK_MAX)
			continue;
		out = &p->track_scripts[p->ntrack_scripts];
		if (!script_params(t->script, gd, &out->script))
			continue;
		out->weight = t->weight;
		out->reverse = t->reverse == GD_ON;
		p->ntrack_scripts++;
	}
}

static void track_ifs(const struct vrrp_instance_conf *ic,
		      struct vrrp_run_params *p)
{
	const struct vrrp_track_conf *t;
	struct vrrp_run_track_if *out;

	list_for_each_entry(t, &ic->track_ifs, node) {
		if (t->ignored || p->ntrack_ifs == VRRP_RUN_TRACK_MAX)
			continue;
		out = &p->track_ifs[p->ntrack_ifs++];
		snprintf(out->ifname, sizeof(out->ifname), "%s", t->name);
		out->weight = t->weight;
		out->reverse = t->reverse == GD_ON;
	}
}

static void track_files(const struct vrrp_instance_conf *ic,
			struct vrrp_run_params *p)
{
	const struct vrrp_track_conf *t;
	struct vrrp_run_track_file *out;

	list_for_each_entry(t, &ic->track_files, node) {
		if (t->ignored || !t->file_path ||
		    p->ntrack_files == VRRP_RUN_TRACK_MAX)
			continue;
		out = &p->track_files[p->ntrack_files++];
		out->path = t->file_path;
		out->weight = t->weight;
		out->reverse = t->reverse == GD_ON;
	}
}

static void track_procs(const struct vrrp_instance_conf *ic,
			struct vrrp_run_params *p)
{
	const struct vrrp_track_conf *t;
	struct vrrp_run_track_proc *out;

	list_for_each_entry(t, &ic->track_procs, node) {
		const struct vrrp_proc_conf *pc = t->proc;

		if (t->ignored || !pc || p->ntrack_procs == VRRP_RUN_TRACK_MAX)
			continue;
		out = &p->track_procs[p->ntrack_procs++];
		out->proc = (struct vrrp_proc_params){
			.name = pc->name, .spec = &pc->spec,
			.quorum = pc->quorum, .quorum_max = pc->quorum_max,
			.fork_delay_us = pc->fork_delay_us,
			.terminate_delay_us = pc->terminate_delay_us,
		};
		out->weight = t->weight;
		out->reverse = t->reverse == GD_ON;
	}
}

bool vrrp_params_smtp(const struct vrrp_notify_conf *n,
		      const struct global_data *gd)
{
	if (n->smtp_alert != GD_UNSET)
		return n->smtp_alert == GD_ON;
	if (gd->smtp_alert_vrrp != GD_UNSET)
		return gd->smtp_alert_vrrp == GD_ON;
	return gd->smtp_alert == GD_ON;
}

static void notify(const char *name, const struct vrrp_notify_conf *n,
		   const struct global_data *gd, struct vrrp_notify_cmd *out)
{
	int k;

	for (k = 0; k < VRRP_NOTIFY_COUNT; k++) {
		const struct gd_script *s = &n->script[k];
		struct vrrp_notify_cmd *c = &out[k];

		c->cmd = NULL;
		if (!s->path || n->refused[k])
			continue;
		if (vrrp_script_ids(s->user, s->group, gd, &c->uid,
				    &c->gid) < 0) {
			log_warnx("(%s) no user or group to run '%s' as - "
				  "not running it", name, s->path);
			continue;
		}
		c->cmd = s->path;
	}
}

/* The instance's own notify_priority_changes, else its sync group's (as
 * keepalived 2.2.7 applies a group's to its members), else global
 * vrrp_notify_priority_changes. */
static bool priority_changes(const struct vrrp_instance_conf *ic,
			     const struct global_data *gd)
{
	if (ic->notify.priority_changes != GD_UNSET)
		return ic->notify.priority_changes == GD_ON;
	if (ic->sync && ic->sync->notify.priority_changes != GD_UNSET)
		return ic->sync->notify.priority_changes == GD_ON;
	return gd->vrrp_notify_priority_changes;
}

void vrrp_params_tracking(const struct vrrp_instance_conf *ic,
			  const struct global_data *gd,
			  struct vrrp_run_params *p)
{
	p->ntrack_scripts = p->ntrack_ifs = p->ntrack_files = 0;
	p->ntrack_procs = 0;
	track_procs(ic, p);
	track_scripts(ic, gd, p);
	track_ifs(ic, p);
	track_files(ic, p);
	notify(ic->name, &ic->notify, gd, p->notify);
	p->notify_deleted = ic->notify.deleted;
	p->smtp_alert = vrrp_params_smtp(&ic->notify, gd);
	p->notify_priority_changes = priority_changes(ic, gd);
	p->sync_group[0] = '\0';
	if (ic->sync && !ic->sync->removed)
		snprintf(p->sync_group, sizeof(p->sync_group), "%s",
			 ic->sync->name);
}

void vrrp_params_sync(const struct vrrp_sync_conf *sc,
		      const struct global_data *gd,
		      struct vrrp_run_sync_params *out)
{
	memset(out, 0, sizeof(*out));
	snprintf(out->name, sizeof(out->name), "%s", sc->name);
	notify(sc->name, &sc->notify, gd, out->notify);
	out->smtp_alert = vrrp_params_smtp(&sc->notify, gd);
}

/* The FIFO belongs to its own user and group, if any (no default: it
 * is a file, not a script). */
static bool fifo_ids(const struct gd_script *s, uid_t *uid, gid_t *gid)
{
	*uid = (uid_t)-1;
	*gid = (gid_t)-1;
	if (!s->user)
		return true;
	return lookup(s->user, s->group, uid, gid) == 0;
}

static bool one_fifo(const struct gd_notify_fifo *nf,
		     const struct global_data *gd,
		     struct vrrp_fifo_params *out)
{
	memset(out, 0, sizeof(*out));
	if (!nf->fifo.path)
		return false;
	if (!fifo_ids(&nf->fifo, &out->uid, &out->gid)) {
		log_warnx("notify fifo %s: no user or group '%s' - not using "
			  "it", nf->fifo.path, nf->fifo.user);
		return false;
	}
	out->path = nf->fifo.path;
	if (!nf->script.path)
		return true;
	if (vrrp_script_ids(nf->script.user, nf->script.group, gd,
			    &out->script_uid, &out->script_gid) < 0) {
		log_warnx("notify fifo script '%s': no user or group to run "
			  "it as - not running it", nf->script.path);
		return true;
	}
	out->script = nf->script.path;
	return true;
}

size_t vrrp_params_fifos(const struct global_data *gd,
			 struct vrrp_fifo_params out[VRRP_RUN_FIFO_MAX])
{
	size_t n = 0;

	n += one_fifo(&gd->notify_fifo, gd, &out[n]);
	n += one_fifo(&gd->vrrp_notify_fifo, gd, &out[n]);
	return n;
}
