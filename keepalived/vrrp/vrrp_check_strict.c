/*
 * vrrp_check_strict.c: strict_mode / vrrp_strict. keepalived 2.2 holds a
 * strict instance to RFC 3768 / 5798 where its own extensions would
 * break them: each deviation is reported (making "keepalived -t" fail,
 * as keepalived's does) and reset to what the RFC allows. Missing
 * addresses, IPv6 in version 2 and the state of the address owner are
 * the general checks' business (vrrp_check.c); the link-local first
 * IPv6 address is strict's own.
 *
 * keepalived 2.2.7 documents but does not apply the ban on unicast peers
 * and on gratuitous ARP repeats; neither does this daemon (the -t
 * verdicts are compared).
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "vrrp_check.h"

static void report(struct cfg_parser *p, const struct vrrp_instance_conf *ic,
		   const struct vrrp_place *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report(struct cfg_parser *p, const struct vrrp_instance_conf *ic,
		   const struct vrrp_place *at, const char *fmt, ...)
{
	const struct vrrp_place *where = at && at->line ? at : &ic->at;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cfg_report_at(p, CFG_WARNING, where->file, where->line, "(%s) %s",
		      ic->name, msg);
}

/* RFC 5798 5.2.9: the first IPv6 address is the link-local one. */
static int first_ipv6_link_local(struct cfg_parser *p,
				 struct vrrp_instance_conf *ic)
{
	const struct vrrp_vip *v;

	if (ic->family != AF_INET6 || list_empty(&ic->vips))
		return 0;
	v = list_entry(ic->vips.next, struct vrrp_vip, node);
	if (addr_is_linklocal(&v->ip->prefix.addr))
		return 0;
	cfg_report_at(p, CFG_ERROR, v->at.line ? v->at.file : ic->at.file,
		      v->at.line ? v->at.line : ic->at.line,
		      "(%s) the first IPv6 VIP address must be link local",
		      ic->name);
	return -EINVAL;
}

/* Only the address owner may start as master (RFC 5798 6.4.1). */
static int master_is_owner(struct cfg_parser *p,
			   struct vrrp_instance_conf *ic)
{
	if (!ic->want_master || ic->priority == VRRP_PRIO_OWNER)
		return 0;
	report(p, ic, &ic->state_at, "State MASTER must match being address "
	       "owner - starting as BACKUP");
	ic->want_master = false;
	return -EINVAL;
}

/* Authentication was removed by RFC 3768 and is not in RFC 5798. */
static int no_auth(struct cfg_parser *p, struct vrrp_instance_conf *ic)
{
	if (ic->auth.type == VRRP_AUTH_NONE)
		return 0;
	report(p, ic, &ic->auth.type_at, "Strict mode does not support "
	       "authentication - ignoring it");
	ic->auth.type = VRRP_AUTH_NONE;
	return -EINVAL;
}

static int no_preempt_delay(struct cfg_parser *p,
			    struct vrrp_instance_conf *ic)
{
	if (!ic->preempt_delay_us)
		return 0;
	report(p, ic, &ic->preempt_delay_at, "preempt_delay is incompatible "
	       "with strict mode - resetting");
	ic->preempt_delay_us = 0;
	return -EINVAL;
}

/* RFC 3768 has no Accept Mode; only the owner accepts (6.4.3). */
static int no_accept_v2(struct cfg_parser *p, struct vrrp_instance_conf *ic)
{
	if (ic->version != 2 || ic->accept != GD_ON ||
	    ic->priority == VRRP_PRIO_OWNER)
		return 0;
	report(p, ic, NULL, "accept mode for VRRP version 2 does not comply "
	       "with RFC3768 - resetting");
	ic->accept = GD_OFF;
	return -EINVAL;
}

/* RFC 5798 6.4.3: a master discards a lower priority advert, silently;
 * and a master that sees a higher one just becomes backup. */
static int advert_answers(struct cfg_parser *p,
			  struct vrrp_instance_conf *ic)
{
	int r = 0;

	if (ic->lower_prio_no_advert != GD_ON) {
		report(p, ic, NULL, "Strict mode requires no lower priority "
		       "advert - resetting");
		ic->lower_prio_no_advert = GD_ON;
		r = -EINVAL;
	}
	if (ic->higher_prio_send_advert == GD_ON) {
		report(p, ic, NULL, "strict mode requires "
		       "higher_prio_send_advert to be clear - resetting");
		ic->higher_prio_send_advert = GD_OFF;
		r = -EINVAL;
	}
	return r;
}

/* The adverts must come from the virtual MAC (RFC 5798 7.3). */
static int no_xmit_base(struct cfg_parser *p, struct vrrp_instance_conf *ic)
{
	if (!ic->vmac_xmit_base)
		return 0;
	report(p, ic, NULL, "vmac_xmit_base is incompatible with strict "
	       "mode - resetting");
	ic->vmac_xmit_base = false;
	return -EINVAL;
}

int vrrp_check_strict(struct cfg_parser *p, struct vrrp_instance_conf *ic)
{
	int bad = 0;

	if (ic->strict_mode != GD_ON)
		return 0;
	bad += first_ipv6_link_local(p, ic) < 0;
	bad += master_is_owner(p, ic) < 0;
	bad += no_auth(p, ic) < 0;
	bad += no_preempt_delay(p, ic) < 0;
	bad += no_accept_v2(p, ic) < 0;
	bad += advert_answers(p, ic) < 0;
	bad += no_xmit_base(p, ic) < 0;
	return bad ? -EINVAL : 0;
}
