/*
 * vrrp_check_all.c: the checks that look at several instances, and the
 * order in which the pass runs them.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "vrrp_check.h"

static bool peers_overlap(const struct vrrp_instance_conf *a,
			  const struct vrrp_instance_conf *b)
{
	const struct vrrp_peer *pa, *pb;

	list_for_each_entry(pa, &a->peers, node)
		list_for_each_entry(pb, &b->peers, node)
			if (addr_equal(&pa->addr, &pb->addr))
				return true;
	return false;
}

static int family_of(const struct vrrp_instance_conf *ic)
{
	return ic->family ? ic->family : AF_INET;
}

/* Whether b would take a's adverts for its own (and the reverse). */
static bool same_channel(const struct vrrp_instance_conf *a,
			 const struct vrrp_instance_conf *b)
{
	bool ua = !list_empty(&a->peers), ub = !list_empty(&b->peers);

	if (!a->vrid || a->vrid != b->vrid || strcmp(a->ifname, b->ifname) ||
	    family_of(a) != family_of(b) || ua != ub)
		return false;
	return !ua || peers_overlap(a, b);
}

int vrrp_check_vrid_unique(struct cfg_parser *p, const struct vrrp_conf *vc)
{
	const struct vrrp_instance_conf *a, *b;
	int bad = 0;

	list_for_each_entry(b, &vc->instances, node) {
		list_for_each_entry(a, &vc->instances, node) {
			if (a == b)
				break;
			if (!same_channel(a, b))
				continue;
			cfg_report_at(p, CFG_ERROR, b->vrid_at.file,
				      b->vrid_at.line, "(%s) %s and %s both "
				      "use VRID %u with %s on interface %s",
				      b->name, a->name, b->name, b->vrid,
				      family_of(b) == AF_INET6 ? "IPv6" :
				      "IPv4", b->ifname);
			bad++;
			break;
		}
	}
	return bad ? -EINVAL : 0;
}

/* Family first: it drops the addresses the other checks would count. */
static int check_instance(struct cfg_parser *p, struct vrrp_instance_conf *ic,
			  const struct vrrp_check_env *env)
{
	int bad = 0;

	bad += vrrp_check_vrid(p, ic) < 0;
	bad += vrrp_check_interface(p, ic, env) < 0;
	bad += vrrp_check_family(p, ic) < 0;
	bad += vrrp_check_vips(p, ic, env) < 0;
	bad += vrrp_check_strict(p, ic) < 0;
	bad += vrrp_check_advert_int(p, ic) < 0;
	bad += vrrp_check_auth(p, ic) < 0;
	bad += vrrp_check_preempt(p, ic) < 0;
	bad += vrrp_check_unicast(p, ic) < 0;
	return bad;
}

int vrrp_check(struct cfg_parser *p, struct vrrp_conf *vc,
	       const struct global_data *gd,
	       const struct vrrp_check_env *env)
{
	struct vrrp_instance_conf *ic;
	int bad = 0;

	vrrp_conf_complete(vc, gd);
	bad += vrrp_check_scripts(p, vc, gd, env) < 0;
	bad += vrrp_check_syncs(p, vc, gd, env) < 0;
	list_for_each_entry(ic, &vc->instances, node) {
		bad += check_instance(p, ic, env);
		bad += vrrp_check_tracking(p, vc, ic, env) < 0;
		bad += vrrp_check_notify(p, ic, gd, env) < 0;
	}
	bad += vrrp_check_procs(p, vc) < 0;
	bad += vrrp_check_vrid_unique(p, vc) < 0;
	bad += vrrp_check_sync_weights(p, vc) < 0;
	return bad;
}
