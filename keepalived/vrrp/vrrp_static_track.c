/*
 * vrrp_static_track.c: track groups of static entries (see the header).
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "log.h"
#include "memory.h"
#include "nl_ops.h"
#include "vrrp_static_track.h"

struct vrrp_static_track {
	struct netlink_daemon *nl;
	const struct static_data *sd;
	char default_if[IF_NAMESIZE];
};

static const char *addr_dev(const struct ipaddr *a, const char *default_if)
{
	return a->dev[0] ? a->dev : default_if && *default_if ? default_if :
								 "eth0";
}

static void track_if(struct vrrp_run_params *p, const char *ifname)
{
	size_t i;

	if (!ifname || !*ifname)
		return;
	for (i = 0; i < p->ntrack_ifs; i++)
		if (strcmp(p->track_ifs[i].ifname, ifname) == 0)
			return;
	if (p->ntrack_ifs == VRRP_RUN_TRACK_MAX)
		return;
	snprintf(p->track_ifs[p->ntrack_ifs].ifname, IF_NAMESIZE, "%s",
		 ifname);
	p->track_ifs[p->ntrack_ifs].weight = 0;
	p->track_ifs[p->ntrack_ifs].reverse = false;
	p->ntrack_ifs++;
}

void vrrp_static_track_params(const struct static_data *sd,
			      const char *default_if,
			      struct vrrp_run_params *p)
{
	const struct ipaddr *a;
	const struct route *r;
	const struct rule *u;
	size_t i;

	list_for_each_entry(a, &sd->addrs, node)
		if (static_data_group_has(sd, a->track_group, p->name))
			track_if(p, addr_dev(a, default_if));
	list_for_each_entry(r, &sd->routes, node) {
		if (!static_data_group_has(sd, r->track_group, p->name))
			continue;
		track_if(p, r->dev);
		for (i = 0; i < r->nnh; i++)
			track_if(p, r->nh[i].dev);
	}
	list_for_each_entry(u, &sd->rules, node) {
		if (!static_data_group_has(sd, u->track_group, p->name))
			continue;
		track_if(p, u->iif);
		track_if(p, u->oif);
	}
}

static void restore_addr(struct vrrp_static_track *t, const struct ipaddr *a)
{
	char err[NL_OPS_ERR_MAX], line[IPADDR_LINE_MAX];
	int ret;

	ipaddr_format(a, line, sizeof(line));
	log_info("Restoring deleted static address %s", line);
	ret = nl_ops_addr(netlink_daemon_cmd(t->nl),
			  netlink_daemon_iftable(t->nl), a, t->default_if,
			  true, err, sizeof(err));
	if (ret < 0 && ret != -EEXIST)
		log_warnx("cannot restore static address %s: %s", line, err);
}

static bool route_on(const struct route *r, const char *ifname)
{
	size_t i;

	if (strcmp(r->dev, ifname) == 0)
		return true;
	for (i = 0; i < r->nnh; i++)
		if (strcmp(r->nh[i].dev, ifname) == 0)
			return true;
	return false;
}

/* The interface is (back) up: what is tracked on it is put back; what
 * is there already stays (EEXIST). */
static void restore_on(struct vrrp_static_track *t, const char *ifname)
{
	char err[NL_OPS_ERR_MAX], line[ROUTE_LINE_MAX];
	const struct ipaddr *a;
	const struct route *r;
	int ret;

	list_for_each_entry(a, &t->sd->addrs, node) {
		if (strcmp(addr_dev(a, t->default_if), ifname) != 0)
			continue;
		ret = nl_ops_addr(netlink_daemon_cmd(t->nl),
				  netlink_daemon_iftable(t->nl), a,
				  t->default_if, true, err, sizeof(err));
		if (ret == 0) {
			ipaddr_format(a, line, sizeof(line));
			log_info("Restoring deleted static address %s set",
				 line);
		}
	}
	list_for_each_entry(r, &t->sd->routes, node) {
		if (!r->track_group || !route_on(r, ifname))
			continue;
		ret = nl_ops_route(netlink_daemon_cmd(t->nl),
				   netlink_daemon_iftable(t->nl), r, true, err,
				   sizeof(err));
		if (ret == 0) {
			route_format(r, t->sd->names, line, sizeof(line));
			log_info("Restoring deleted static route %s", line);
		}
	}
}

static void on_addr_del(struct vrrp_static_track *t,
			const struct iftable_event *ev)
{
	const struct ipaddr *a;

	list_for_each_entry(a, &t->sd->addrs, node) {
		if (strcmp(addr_dev(a, t->default_if),
			   ev->iface->link.name) != 0 ||
		    a->prefix.len != ev->addr->info.prefix.len ||
		    !addr_equal(&a->prefix.addr, &ev->addr->info.prefix.addr))
			continue;
		/* gone with its interface: put back when it returns */
		if (!(ev->iface->link.flags & IFF_UP))
			continue;
		restore_addr(t, a);
	}
}

static void on_iftable(const struct iftable_event *ev, void *ctx)
{
	struct vrrp_static_track *t = ctx;
	bool up = ev->iface->link.flags & IFF_UP;

	switch (ev->type) {
	case IFTABLE_ADDR_DEL:
		on_addr_del(t, ev);
		break;
	case IFTABLE_LINK_NEW:
		if (up)
			restore_on(t, ev->iface->link.name);
		break;
	case IFTABLE_LINK_CHANGE:
		if (up && ev->old && !(ev->old->flags & IFF_UP))
			restore_on(t, ev->iface->link.name);
		break;
	default:
		break;
	}
}

static bool anything_tracked(const struct static_data *sd)
{
	const struct route *r;

	if (!list_empty(&sd->addrs))
		return true;
	list_for_each_entry(r, &sd->routes, node)
		if (r->track_group)
			return true;
	return false;
}

struct vrrp_static_track *vrrp_static_track_start(struct netlink_daemon *nl,
						  const struct static_data *sd,
						  const char *default_if)
{
	struct vrrp_static_track *t;

	if (!anything_tracked(sd))
		return NULL;
	t = mem_new(struct vrrp_static_track);
	t->nl = nl;
	t->sd = sd;
	snprintf(t->default_if, sizeof(t->default_if), "%s",
		 default_if ? default_if : "");
	netlink_daemon_subscribe(nl, on_iftable, t);
	return t;
}

void vrrp_static_track_stop(struct vrrp_static_track **pt)
{
	if (!pt || !*pt)
		return;
	netlink_daemon_unsubscribe((*pt)->nl, on_iftable, *pt);
	mem_free(pt);
}
