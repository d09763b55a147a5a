/*
 * vrrp_data_equal.c: whether two completed instances configure the same
 * thing. Places and "was it set" flags do not count: an instance moved
 * in the file, or a default spelled out, is the same instance (the
 * reload keeps its state).
 */
#include "config.h"

#include <string.h>

#include "vrrp_data.h"
#include "vrrp_vroute.h"

static bool vip_lists_equal(const struct list_node *ha,
			    const struct list_node *hb)
{
	const struct list_node *a = ha->next, *b = hb->next;
	char la[IPADDR_LINE_MAX], lb[IPADDR_LINE_MAX];

	for (; a != ha && b != hb; a = a->next, b = b->next) {
		const struct vrrp_vip *va = list_entry(a, struct vrrp_vip, node);
		const struct vrrp_vip *vb = list_entry(b, struct vrrp_vip, node);

		/* The canonical line holds every attribute. */
		if (ipaddr_format(va->ip, la, sizeof(la)) < 0 ||
		    ipaddr_format(vb->ip, lb, sizeof(lb)) < 0 ||
		    strcmp(la, lb))
			return false;
	}
	return a == ha && b == hb;
}

static bool peer_lists_equal(const struct list_node *ha,
			     const struct list_node *hb)
{
	const struct list_node *a = ha->next, *b = hb->next;

	for (; a != ha && b != hb; a = a->next, b = b->next) {
		const struct vrrp_peer *pa = list_entry(a, struct vrrp_peer,
							node);
		const struct vrrp_peer *pb = list_entry(b, struct vrrp_peer,
							node);

		if (!addr_equal(&pa->addr, &pb->addr) ||
		    pa->min_ttl != pb->min_ttl || pa->max_ttl != pb->max_ttl)
			return false;
	}
	return a == ha && b == hb;
}

static bool auth_equal(const struct vrrp_auth_conf *a,
		       const struct vrrp_auth_conf *b)
{
	if (a->type != b->type)
		return false;
	return a->type == VRRP_AUTH_NONE || !strcmp(a->pass, b->pass);
}

static bool addr_or_none_equal(const struct ka_addr *a,
			       const struct ka_addr *b)
{
	return a->family == b->family && (!a->family || addr_equal(a, b));
}

static bool scalars_equal(const struct vrrp_instance_conf *a,
			  const struct vrrp_instance_conf *b)
{
	return !strcmp(a->name, b->name) &&
	       a->want_master == b->want_master &&
	       !strcmp(a->ifname, b->ifname) && a->vrid == b->vrid &&
	       a->priority == b->priority &&
	       a->adver_int_cs == b->adver_int_cs &&
	       a->version == b->version && a->nopreempt == b->nopreempt &&
	       a->preempt_delay_us == b->preempt_delay_us &&
	       a->debug == b->debug && a->family == b->family &&
	       a->unicast_ttl == b->unicast_ttl && a->accept == b->accept &&
	       a->strict_mode == b->strict_mode &&
	       a->dont_track_primary == b->dont_track_primary &&
	       a->skip_check_adv_addr == b->skip_check_adv_addr &&
	       a->check_unicast_src == b->check_unicast_src &&
	       a->lower_prio_no_advert == b->lower_prio_no_advert &&
	       a->higher_prio_send_advert == b->higher_prio_send_advert &&
	       !memcmp(&a->garp, &b->garp, sizeof(a->garp)) &&
	       a->use_vmac == b->use_vmac &&
	       !strcmp(a->vmac_name, b->vmac_name) &&
	       a->vmac_xmit_base == b->vmac_xmit_base;
}

static bool opt_path_equal(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool track_lists_equal(const struct list_node *ha,
			      const struct list_node *hb)
{
	const struct list_node *a, *b;

	for (a = ha->next, b = hb->next; a != ha && b != hb;
	     a = a->next, b = b->next) {
		const struct vrrp_track_conf *ta = list_entry(a,
			struct vrrp_track_conf, node);
		const struct vrrp_track_conf *tb = list_entry(b,
			struct vrrp_track_conf, node);

		if (strcmp(ta->name, tb->name) || ta->weight != tb->weight ||
		    ta->weight_set != tb->weight_set ||
		    ta->reverse != tb->reverse || ta->ignored != tb->ignored ||
		    !opt_path_equal(ta->file_path, tb->file_path))
			return false;
	}
	return a == ha && b == hb;
}

static bool opt_str_equal(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool notify_equal(const struct vrrp_notify_conf *a,
			 const struct vrrp_notify_conf *b)
{
	int k;

	for (k = 0; k < VRRP_NOTIFY_COUNT; k++) {
		const struct gd_script *x = &a->script[k], *y = &b->script[k];

		if (!opt_str_equal(x->path, y->path) ||
		    !opt_str_equal(x->user, y->user) ||
		    !opt_str_equal(x->group, y->group) ||
		    a->refused[k] != b->refused[k])
			return false;
	}
	return a->deleted == b->deleted &&
	       a->priority_changes == b->priority_changes &&
	       a->smtp_alert == b->smtp_alert;
}

bool vrrp_instance_conf_equal(const struct vrrp_instance_conf *a,
			      const struct vrrp_instance_conf *b)
{
	return scalars_equal(a, b) && auth_equal(&a->auth, &b->auth) &&
	       addr_or_none_equal(&a->mcast_src, &b->mcast_src) &&
	       addr_or_none_equal(&a->unicast_src, &b->unicast_src) &&
	       vip_lists_equal(&a->vips, &b->vips) &&
	       vip_lists_equal(&a->evips, &b->evips) &&
	       peer_lists_equal(&a->peers, &b->peers) &&
	       track_lists_equal(&a->track_scripts, &b->track_scripts) &&
	       track_lists_equal(&a->track_ifs, &b->track_ifs) &&
	       track_lists_equal(&a->track_files, &b->track_files) &&
	       track_lists_equal(&a->track_procs, &b->track_procs) &&
	       a->linkbeat_use_polling == b->linkbeat_use_polling &&
	       notify_equal(&a->notify, &b->notify) &&
	       vrrp_vroutes_equal(a->vroutes, b->vroutes);
}
