/*
 * vrrp_kw_switch.c: the on/off settings of a vrrp_instance. Those that
 * default to a global_defs value are tri-state until completed.
 */
#include "config.h"

#include <errno.h>

#include "vrrp_kw.h"

static int tri(struct cfg_parser *p, const struct cfg_words *w,
	       enum gd_tristate *out)
{
	bool v;

	if (cfg_want_args(p, w, 0, 1) < 0 || cfg_get_bool(p, w, 1, &v) < 0)
		return -EINVAL;
	*out = v ? GD_ON : GD_OFF;
	return 0;
}

VRRP_KW(vrrp_kw_accept)
{
	cfg_want_args(p, w, 0, 0);
	IC(obj)->accept = GD_ON;
	return 0;
}

VRRP_KW(vrrp_kw_no_accept)
{
	cfg_want_args(p, w, 0, 0);
	IC(obj)->accept = GD_OFF;
	return 0;
}

VRRP_KW(vrrp_kw_dont_track_primary)
{
	cfg_want_args(p, w, 0, 0);
	IC(obj)->dont_track_primary = true;
	return 0;
}

VRRP_KW(vrrp_kw_skip_check_adv_addr)
{
	return tri(p, w, &IC(obj)->skip_check_adv_addr);
}

/* A unicast keyword: the check pass wants peers with it. */
VRRP_KW(vrrp_kw_check_unicast_src)
{
	struct vrrp_instance_conf *ic = IC(obj);

	cfg_want_args(p, w, 0, 0);
	ic->check_unicast_src = GD_ON;
	vrrp_kw_mark(ic, w, &ic->check_unicast_src_at);
	return 0;
}

VRRP_KW(vrrp_kw_lower_prio_no_advert)
{
	return tri(p, w, &IC(obj)->lower_prio_no_advert);
}

VRRP_KW(vrrp_kw_higher_prio_send_advert)
{
	return tri(p, w, &IC(obj)->higher_prio_send_advert);
}
