/*
 * vrrp_kw_notify.c: the notify scripts of a vrrp_instance, each
 * "<script [args]> [username [groupname]]" as the global scripts are
 * read (global_kw_script()), so that the same checks apply to them.
 */
#include "config.h"

#include "global_kw.h"
#include "vrrp_kw.h"

static int notify(struct cfg_parser *p, const struct cfg_words *w,
		  void *obj, enum vrrp_notify_kind kind)
{
	return global_kw_script(p, w, &IC(obj)->notify.script[kind]);
}

VRRP_KW(vrrp_kw_notify_master)
{
	return notify(p, w, obj, VRRP_NOTIFY_MASTER);
}

VRRP_KW(vrrp_kw_notify_backup)
{
	return notify(p, w, obj, VRRP_NOTIFY_BACKUP);
}

VRRP_KW(vrrp_kw_notify_fault)
{
	return notify(p, w, obj, VRRP_NOTIFY_FAULT);
}

VRRP_KW(vrrp_kw_notify_stop)
{
	return notify(p, w, obj, VRRP_NOTIFY_STOP);
}

VRRP_KW(vrrp_kw_notify)
{
	return notify(p, w, obj, VRRP_NOTIFY_ANY);
}

/* "notify_deleted [SCRIPT [username [groupname]]]": DELETED rather than
 * FAULT for an instance a reload removes, and the script if given. */
VRRP_KW(vrrp_kw_notify_deleted)
{
	IC(obj)->notify.deleted = true;
	if (w->count < 2)
		return 0;
	return notify(p, w, obj, VRRP_NOTIFY_DELETED);
}

VRRP_KW(vrrp_kw_notify_master_rx_lower_pri)
{
	return notify(p, w, obj, VRRP_NOTIFY_RX_LOWER);
}

/* "notify_priority_changes [BOOL]" */
VRRP_KW(vrrp_kw_notify_priority_changes)
{
	return global_kw_tristate(p, w, &IC(obj)->notify.priority_changes);
}

/* "smtp_alert [BOOL]", in an instance and in a sync group */
VRRP_KW(vrrp_kw_smtp_alert)
{
	return global_kw_tristate(p, w, &IC(obj)->notify.smtp_alert);
}
