/*
 * vrrp_kw_instance.c: the identity and timing keywords of a vrrp_instance
 * (state, interface, virtual_router_id, priority, advert_int, version,
 * preemption, debug, VMAC). Values are range-checked here; how they fit
 * together is the check pass's business (vrrp_check.c).
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "vrrp_kw.h"

#define SECS_US 1000000ULL

int vrrp_kw_uint(struct cfg_parser *p, const struct cfg_words *w,
		 unsigned long min, unsigned long max, unsigned long *out)
{
	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, min, max, out) < 0)
		return -EINVAL;
	return 0;
}

void vrrp_kw_mark(struct vrrp_instance_conf *ic, const struct cfg_words *w,
		  struct vrrp_place *at)
{
	at->file = vrrp_instance_conf_file(ic, w->file);
	at->line = w->line;
}

void vrrp_kw_family(struct vrrp_instance_conf *ic, int family)
{
	if (!ic->family)
		ic->family = family;
}

VRRP_KW(vrrp_kw_state)
{
	struct vrrp_instance_conf *ic = IC(obj);

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	if (!strcmp(w->words[1], "MASTER")) {
		ic->want_master = true;
	} else if (!strcmp(w->words[1], "BACKUP")) {
		ic->want_master = false;
	} else {
		cfg_report(p, CFG_ERROR, "(%s) unknown state '%s', defaulting "
			   "to BACKUP", ic->name, w->words[1]);
		ic->want_master = false;
		return -EINVAL;
	}
	vrrp_kw_mark(ic, w, &ic->state_at);
	return 0;
}

VRRP_KW(vrrp_kw_interface)
{
	struct vrrp_instance_conf *ic = IC(obj);
	const char *name;

	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	name = w->words[1];
	if (!*name || strlen(name) >= IF_NAMESIZE || strchr(name, '/') ||
	    strpbrk(name, " \t")) {
		cfg_report(p, CFG_ERROR, "(%s) '%s' cannot be an interface "
			   "name", ic->name, name);
		return -EINVAL;
	}
	strcpy(ic->ifname, name);
	vrrp_kw_mark(ic, w, &ic->if_at);
	return 0;
}

VRRP_KW(vrrp_kw_vrid)
{
	struct vrrp_instance_conf *ic = IC(obj);
	unsigned long v;

	if (vrrp_kw_uint(p, w, 1, 255, &v) < 0)
		return -EINVAL;
	ic->vrid = (unsigned)v;
	vrrp_kw_mark(ic, w, &ic->vrid_at);
	return 0;
}

VRRP_KW(vrrp_kw_priority)
{
	struct vrrp_instance_conf *ic = IC(obj);
	unsigned long v;

	if (vrrp_kw_uint(p, w, 1, 255, &v) < 0)
		return -EINVAL;
	ic->priority = (unsigned)v;
	vrrp_kw_mark(ic, w, &ic->prio_at);
	return 0;
}

/* Version 3's resolution is 10 ms; the bounds per version are checked
 * once the version is known (vrrp_check_advert_int). */
VRRP_KW(vrrp_kw_advert_int)
{
	struct vrrp_instance_conf *ic = IC(obj);
	uint64_t us;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_timer_us(p, w, 1, 10000, 255 * SECS_US, &us) < 0)
		return -EINVAL;
	ic->adver_int_us = us;
	vrrp_kw_mark(ic, w, &ic->adver_at);
	return 0;
}

VRRP_KW(vrrp_kw_version)
{
	struct vrrp_instance_conf *ic = IC(obj);
	unsigned long v;

	if (vrrp_kw_uint(p, w, 2, 3, &v) < 0)
		return -EINVAL;
	/* An IPv6 address has made it version 3 already. */
	if (v == 2 && ic->family == AF_INET6) {
		cfg_report(p, CFG_ERROR, "(%s) version 2 conflicts with the "
			   "IPv6 addresses above (IPv6 is VRRP version 3); "
			   "ignoring", ic->name);
		return -EINVAL;
	}
	ic->version = (unsigned)v;
	vrrp_kw_mark(ic, w, &ic->version_at);
	return 0;
}

VRRP_KW(vrrp_kw_nopreempt)
{
	struct vrrp_instance_conf *ic = IC(obj);

	cfg_want_args(p, w, 0, 0);
	ic->nopreempt = true;
	vrrp_kw_mark(ic, w, &ic->nopreempt_at);
	return 0;
}

/* Kept for old configurations: preempting is the default. */
VRRP_KW(vrrp_kw_preempt)
{
	struct vrrp_instance_conf *ic = IC(obj);

	cfg_want_args(p, w, 0, 0);
	ic->nopreempt = false;
	ic->nopreempt_at.line = 0;
	return 0;
}

VRRP_KW(vrrp_kw_preempt_delay)
{
	struct vrrp_instance_conf *ic = IC(obj);
	uint64_t us;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_timer_us(p, w, 1, 0, 1000 * SECS_US, &us) < 0)
		return -EINVAL;
	ic->preempt_delay_us = us;
	vrrp_kw_mark(ic, w, &ic->preempt_delay_at);
	return 0;
}

/* Accepted and stored; keepalived does nothing with it either. */
VRRP_KW(vrrp_kw_debug)
{
	unsigned long v;

	if (vrrp_kw_uint(p, w, 0, 4, &v) < 0)
		return -EINVAL;
	IC(obj)->debug = (unsigned)v;
	return 0;
}

/* use_vmac [NAME] [MAC]: the MAC is keepalived's default, from the VRID;
 * another MAC is not stored yet. */
VRRP_KW(vrrp_kw_use_vmac)
{
	struct vrrp_instance_conf *ic = IC(obj);

	if (cfg_want_args(p, w, 0, 2) < 0)
		return -EINVAL;
	if (w->count > 1 && strlen(w->words[1]) >= IF_NAMESIZE) {
		cfg_report(p, CFG_ERROR, "(%s) use_vmac: '%s' is too long for "
			   "an interface name", ic->name, w->words[1]);
		return -EINVAL;
	}
	if (w->count > 2)
		cfg_report(p, CFG_WARNING, "(%s) use_vmac: a MAC address is "
			   "not supported yet - ignoring '%s'", ic->name,
			   w->words[2]);
	ic->use_vmac = true;
	if (w->count > 1)
		strcpy(ic->vmac_name, w->words[1]);
	return 0;
}

VRRP_KW(vrrp_kw_vmac_xmit_base)
{
	cfg_want_args(p, w, 0, 0);
	IC(obj)->vmac_xmit_base = true;
	return 0;
}

/* strict_mode [BOOL]: alone, on. */
VRRP_KW(vrrp_kw_strict_mode)
{
	struct vrrp_instance_conf *ic = IC(obj);
	bool v = true;

	if (cfg_want_args(p, w, 0, 1) < 0 ||
	    (w->count > 1 && cfg_get_bool(p, w, 1, &v) < 0))
		return -EINVAL;
	ic->strict_mode = v ? GD_ON : GD_OFF;
	return 0;
}
