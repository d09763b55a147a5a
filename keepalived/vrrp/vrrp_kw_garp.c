/*
 * vrrp_kw_garp.c: when a vrrp_instance sends gratuitous ARP / unsolicited
 * NA. Unset values take global_defs' at completion.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>

#include "vrrp_kw.h"

static int garp_uint(struct cfg_parser *p, const struct cfg_words *w,
		     struct vrrp_instance_conf *ic, unsigned long max,
		     unsigned bit, unsigned *out)
{
	unsigned long v;

	if (vrrp_kw_uint(p, w, 0, max, &v) < 0)
		return -EINVAL;
	*out = (unsigned)v;
	ic->garp_set |= bit;
	return 0;
}

/* A repeat of 0 would announce nothing: keepalived makes it 1 and says
 * so as a configuration error. */
static int garp_repeat(struct cfg_parser *p, const struct cfg_words *w,
		       struct vrrp_instance_conf *ic, unsigned bit,
		       unsigned *out)
{
	if (garp_uint(p, w, ic, INT32_MAX, bit, out) < 0)
		return -EINVAL;
	if (*out == 0) {
		cfg_report(p, CFG_ERROR, "(%s) %s must be greater than 0, "
			   "setting to 1", ic->name, w->words[0]);
		*out = 1;
		return -EINVAL;
	}
	return 0;
}

/* The delays end up in a 32-bit count of microseconds. */
#define DELAY_MAX_S 4294

VRRP_KW(vrrp_kw_garp_master_delay)
{
	struct vrrp_instance_conf *ic = IC(obj);

	return garp_uint(p, w, ic, DELAY_MAX_S, VRRP_GARP_MASTER_DELAY,
			 &ic->garp.master_delay_s);
}

VRRP_KW(vrrp_kw_garp_master_repeat)
{
	struct vrrp_instance_conf *ic = IC(obj);

	return garp_repeat(p, w, ic, VRRP_GARP_MASTER_REPEAT,
			   &ic->garp.master_repeat);
}

VRRP_KW(vrrp_kw_garp_master_refresh)
{
	struct vrrp_instance_conf *ic = IC(obj);

	return garp_uint(p, w, ic, UINT32_MAX, VRRP_GARP_MASTER_REFRESH,
			 &ic->garp.master_refresh_s);
}

VRRP_KW(vrrp_kw_garp_master_refresh_repeat)
{
	struct vrrp_instance_conf *ic = IC(obj);

	return garp_repeat(p, w, ic, VRRP_GARP_MASTER_REFRESH_REPEAT,
			   &ic->garp.master_refresh_repeat);
}

VRRP_KW(vrrp_kw_garp_lower_prio_delay)
{
	struct vrrp_instance_conf *ic = IC(obj);

	return garp_uint(p, w, ic, DELAY_MAX_S, VRRP_GARP_LOWER_PRIO_DELAY,
			 &ic->garp.lower_prio_delay_s);
}

VRRP_KW(vrrp_kw_garp_lower_prio_repeat)
{
	struct vrrp_instance_conf *ic = IC(obj);

	return garp_uint(p, w, ic, INT32_MAX, VRRP_GARP_LOWER_PRIO_REPEAT,
			 &ic->garp.lower_prio_repeat);
}
