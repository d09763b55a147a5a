/*
 * vrrp_kw_sync.c: the vrrp_sync_group block: its "group" of instance
 * names and its notify scripts. The names are resolved by the validation
 * pass (vrrp_check_sync.c), which sees every instance.
 */
#include "config.h"

#include <errno.h>

#include "global_kw.h"
#include "memory.h"
#include "vrrp_kw.h"

#define SG(obj) ((struct vrrp_sync_conf *)(obj))

void *vrrp_kw_sync_open(struct cfg_parser *p, const struct cfg_words *w,
			void *root)
{
	struct vrrp_conf *vc = root;
	struct vrrp_sync_conf *sc;

	if (w->count < 2) {
		cfg_report(p, CFG_ERROR, "vrrp_sync_group must have a name");
		return NULL;
	}
	if (vrrp_conf_find_sync(vc, w->words[1])) {
		cfg_report(p, CFG_ERROR, "vrrp_sync_group %s is already "
			   "defined, ignoring this one", w->words[1]);
		return NULL;
	}
	sc = vrrp_sync_conf_new(w->words[1]);
	sc->file = mem_strdup(w->file ? w->file : "");
	sc->line = w->line;
	list_add_tail(&vc->syncs, &sc->node);
	return sc;
}

/* A line of the group block: one or more instance names. */
VRRP_KW(vrrp_kw_sync_member_line)
{
	struct vrrp_sync_conf *sc = SG(obj);
	size_t i;

	(void)p;
	for (i = 0; i < w->count; i++) {
		sc->members = mem_reallocarray(sc->members, sc->nmembers + 1,
					       sizeof(char *));
		sc->members[sc->nmembers++] = mem_strdup(w->words[i]);
	}
	return 0;
}

static int notify(struct cfg_parser *p, const struct cfg_words *w,
		  void *obj, enum vrrp_notify_kind kind)
{
	return global_kw_script(p, w, &SG(obj)->notify.script[kind]);
}

VRRP_KW(vrrp_kw_sync_notify_master)
{
	return notify(p, w, obj, VRRP_NOTIFY_MASTER);
}

VRRP_KW(vrrp_kw_sync_notify_backup)
{
	return notify(p, w, obj, VRRP_NOTIFY_BACKUP);
}

VRRP_KW(vrrp_kw_sync_notify_fault)
{
	return notify(p, w, obj, VRRP_NOTIFY_FAULT);
}

VRRP_KW(vrrp_kw_sync_notify_stop)
{
	return notify(p, w, obj, VRRP_NOTIFY_STOP);
}

VRRP_KW(vrrp_kw_sync_notify)
{
	return notify(p, w, obj, VRRP_NOTIFY_ANY);
}

/* Read as an instance's lines are, into the group's holder. */
VRRP_KW(vrrp_kw_sync_track_script_line)
{
	return vrrp_kw_track_script_line(p, w, SG(obj)->tracking);
}

VRRP_KW(vrrp_kw_sync_track_if_line)
{
	return vrrp_kw_track_if_line(p, w, SG(obj)->tracking);
}

VRRP_KW(vrrp_kw_sync_track_file_line)
{
	return vrrp_kw_track_file_line(p, w, SG(obj)->tracking);
}

VRRP_KW(vrrp_kw_sync_track_proc_line)
{
	return vrrp_kw_track_proc_line(p, w, SG(obj)->tracking);
}

/* keepalived 2.2.7 reports it as deprecated (an error for -t) and
 * otherwise ignores it. */
VRRP_KW(vrrp_kw_sync_global_tracking)
{
	(void)w;
	cfg_report(p, CFG_WARNING, "(%s) global_tracking is deprecated. Use "
		   "track_interface/script/file on the sync group",
		   SG(obj)->name);
	return 0;
}

/* The members' weighted tracking is kept (vrrp_check_sync.c). */
VRRP_KW(vrrp_kw_sync_tracking_weight)
{
	(void)p;
	(void)w;
	SG(obj)->tracking_weight = true;
	return 0;
}

VRRP_KW(vrrp_kw_sync_smtp_alert)
{
	return global_kw_tristate(p, w, &SG(obj)->notify.smtp_alert);
}

/* The members' default for notify_priority_changes. */
VRRP_KW(vrrp_kw_sync_notify_priority_changes)
{
	return global_kw_tristate(p, w, &SG(obj)->notify.priority_changes);
}
