/*
 * vrrp_check.c: the validation pass over the VRRP configuration, one
 * short check per rule, with keepalived's verdicts.
 */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>

#include "memory.h"
#include "vrrp_check.h"

#define SECS_US 1000000ULL

/* Reports at "at", or at the instance's line when at is not configured. */
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
	cfg_report_at(p, CFG_ERROR, where->file, where->line, "(%s) %s",
		      ic->name, msg);
}

static const char *family_name(int family)
{
	return family == AF_INET6 ? "IPv6" : "IPv4";
}

int vrrp_check_vrid(struct cfg_parser *p, struct vrrp_instance_conf *ic)
{
	if (ic->vrid)
		return 0;
	report(p, ic, NULL, "the virtual router id must be set");
	return -EINVAL;
}

int vrrp_check_interface(struct cfg_parser *p, struct vrrp_instance_conf *ic,
			 const struct vrrp_check_env *env)
{
	unsigned flags = 0;

	if (!ic->ifname[0]) {
		report(p, ic, NULL, "no interface configured");
		return -EINVAL;
	}
	if (env->if_flags(ic->ifname, &flags, env->ctx) < 0) {
		report(p, ic, &ic->if_at, "interface %s doesn't exist",
		       ic->ifname);
		return -EINVAL;
	}
	if (flags & IFF_LOOPBACK) {
		report(p, ic, &ic->if_at, "cannot use a loopback interface "
		       "(%s) for vrrp", ic->ifname);
		return -EINVAL;
	}
	return 0;
}

/* Drops the VIPs of another family than the instance's, as keepalived. */
static int drop_foreign_vips(struct cfg_parser *p,
			     struct vrrp_instance_conf *ic)
{
	struct vrrp_vip *v, *tmp;
	char buf[PREFIX_STRLEN];
	int bad = 0;

	list_for_each_entry_safe(v, tmp, &ic->vips, node) {
		if (v->ip->prefix.addr.family == ic->family)
			continue;
		prefix_ntop(&v->ip->prefix, buf, sizeof(buf));
		report(p, ic, &v->at, "address family must match the "
		       "instance's (%s) [%s] - ignoring",
		       family_name(ic->family), buf);
		list_del(&v->node);
		ipaddr_free(&v->ip);
		mem_free(&v);
		bad++;
	}
	return bad;
}

static int drop_foreign_peers(struct cfg_parser *p,
			      struct vrrp_instance_conf *ic)
{
	struct vrrp_peer *pe, *tmp;
	char buf[ADDR_STRLEN];
	int bad = 0;

	list_for_each_entry_safe(pe, tmp, &ic->peers, node) {
		if (pe->addr.family == ic->family)
			continue;
		addr_ntop(&pe->addr, buf, sizeof(buf));
		report(p, ic, &pe->at, "unicast peer %s must be of the "
		       "instance's family (%s) - ignoring", buf,
		       family_name(ic->family));
		list_del(&pe->node);
		mem_free(&pe);
		bad++;
	}
	return bad;
}

static int drop_foreign_src(struct cfg_parser *p,
			    struct vrrp_instance_conf *ic, struct ka_addr *a,
			    const struct vrrp_place *at, const char *what)
{
	if (!a->family || a->family == ic->family)
		return 0;
	report(p, ic, at, "%s must be of the instance's family (%s) - "
	       "ignoring", what, family_name(ic->family));
	*a = (struct ka_addr){ 0 };
	return 1;
}

int vrrp_check_family(struct cfg_parser *p, struct vrrp_instance_conf *ic)
{
	int bad;

	if (!ic->family)
		return 0;
	bad = drop_foreign_vips(p, ic) + drop_foreign_peers(p, ic);
	bad += drop_foreign_src(p, ic, &ic->mcast_src, &ic->mcast_src_at,
				"mcast_src_ip");
	bad += drop_foreign_src(p, ic, &ic->unicast_src, &ic->unicast_src_at,
				"unicast_src_ip");
	return bad ? -EINVAL : 0;
}

static int check_vip_devs(struct cfg_parser *p, struct vrrp_instance_conf *ic,
			  const struct list_node *head,
			  const struct vrrp_check_env *env)
{
	const struct vrrp_vip *v;
	unsigned flags;
	char buf[PREFIX_STRLEN];
	int bad = 0;

	list_for_each_entry(v, head, node) {
		if (!v->ip->dev[0] ||
		    env->if_flags(v->ip->dev, &flags, env->ctx) == 0)
			continue;
		prefix_ntop(&v->ip->prefix, buf, sizeof(buf));
		report(p, ic, &v->at, "interface %s for address %s doesn't "
		       "exist", v->ip->dev, buf);
		bad++;
	}
	return bad;
}

int vrrp_check_vips(struct cfg_parser *p, struct vrrp_instance_conf *ic,
		    const struct vrrp_check_env *env)
{
	int bad = check_vip_devs(p, ic, &ic->vips, env) +
		  check_vip_devs(p, ic, &ic->evips, env);

	if (list_empty(&ic->vips)) {
		report(p, ic, NULL, "no virtual_ipaddress configured; at "
		       "least one is needed");
		bad++;
	}
	return bad ? -EINVAL : 0;
}

/* Version 2 carries whole seconds (1..255), version 3 centiseconds
 * (1..4095); keepalived rounds what does not fit, and says so. */
int vrrp_check_advert_int(struct cfg_parser *p,
			  struct vrrp_instance_conf *ic)
{
	uint64_t us = ic->adver_int_us;
	unsigned cs = ic->adver_int_cs;

	if (ic->version == 2 && us % SECS_US) {
		report(p, ic, &ic->adver_at, "VRRPv2 advertisement interval "
		       "%llu.%06llus must be whole seconds, using %us",
		       (unsigned long long)(us / SECS_US),
		       (unsigned long long)(us % SECS_US), cs / 100);
		return -EINVAL;
	}
	if (ic->version == 3 && us > VRRP_V3_ADVER_INT_MAX_CS * 10000ULL) {
		report(p, ic, &ic->adver_at, "VRRPv3 advertisement interval "
		       "must be below 40.96s, using 40.95s");
		return -EINVAL;
	}
	if (ic->version == 3 && us % 10000) {
		report(p, ic, &ic->adver_at, "VRRPv3 advertisement interval "
		       "must be in units of 10ms, using %u.%02us", cs / 100,
		       cs % 100);
		return -EINVAL;
	}
	return 0;
}

int vrrp_check_auth(struct cfg_parser *p, struct vrrp_instance_conf *ic)
{
	struct vrrp_auth_conf *a = &ic->auth;

	if (a->type == VRRP_AUTH_NONE)
		return 0;
	if (!a->pass_set) {
		report(p, ic, &a->type_at, "authentication without auth_pass "
		       "- ignoring");
		a->type = VRRP_AUTH_NONE;
		return -EINVAL;
	}
	if (ic->version == 3) {
		report(p, ic, &a->type_at, "VRRP version 3 has no "
		       "authentication - ignoring");
		a->type = VRRP_AUTH_NONE;
		return -EINVAL;
	}
	return 0;
}

/* Both delay a backup's take-over: an instance that starts as master
 * has none to delay (keepalived clears them and says so). */
static int check_delay(struct cfg_parser *p, struct vrrp_instance_conf *ic)
{
	if (!ic->preempt_delay_us)
		return 0;
	if (ic->want_master)
		report(p, ic, &ic->preempt_delay_at, "preempt_delay does not "
		       "work with initial state MASTER - ignoring it");
	else if (ic->nopreempt)
		report(p, ic, &ic->preempt_delay_at, "preempt_delay is "
		       "incompatible with nopreempt - ignoring it");
	else
		return 0;
	ic->preempt_delay_us = 0;
	return -EINVAL;
}

int vrrp_check_preempt(struct cfg_parser *p, struct vrrp_instance_conf *ic)
{
	int r = check_delay(p, ic);

	if (!ic->nopreempt)
		return r;
	if (ic->priority == VRRP_PRIO_OWNER)
		report(p, ic, &ic->nopreempt_at, "nopreempt is incompatible "
		       "with priority 255 - clearing nopreempt");
	else if (ic->want_master)
		report(p, ic, &ic->nopreempt_at, "nopreempt does not work "
		       "with initial state MASTER - clearing nopreempt");
	else
		return r;
	ic->nopreempt = false;
	return -EINVAL;
}

/* Without peers the instance multicasts: a unicast keyword then means
 * the configuration is not what its author thinks. */
int vrrp_check_unicast(struct cfg_parser *p, struct vrrp_instance_conf *ic)
{
	int bad = 0;

	if (!list_empty(&ic->peers))
		return 0;
	if (ic->unicast_src.family || ic->check_unicast_src_at.line) {
		report(p, ic, ic->unicast_src.family ? &ic->unicast_src_at :
		       &ic->check_unicast_src_at, "a unicast keyword without "
		       "unicast peers: using multicast");
		bad++;
	}
	if (ic->unicast_ttl >= 0) {
		report(p, ic, &ic->unicast_ttl_at, "unicast_ttl without "
		       "unicast peers - ignoring");
		ic->unicast_ttl = -1;
		bad++;
	}
	return bad ? -EINVAL : 0;
}
