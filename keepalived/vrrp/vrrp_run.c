/*
 * vrrp_run.c: the VRRP instances of the child: adding, updating and
 * removing them, following their interface, and the dumps.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <linux/if_addr.h>

#include "ipaddr.h"
#include "log.h"
#include "memory.h"
#include "vrrp_run_internal.h"
#include "vrrp_socket.h"

static void on_iftable(const struct iftable_event *ev, void *ctx);
static void on_linkbeat(void *ctx, const char *ifname);

struct vrrp_run *vrrp_run_new(struct event_loop *loop,
			      struct netlink_daemon *nl,
			      const struct vrrp_run_opts *opts)
{
	struct vrrp_run *r = mem_new(struct vrrp_run);

	r->loop = loop;
	r->nl = nl;
	r->opts = *opts;
	r->asocks.arp_fd = r->asocks.na_fd = -1;
	list_init(&r->insts);
	list_init(&r->socks);
	list_init(&r->groups);
	r->vrid_errors_since_us = event_loop_now_us(loop);
	r->scripts = vrrp_script_set_new(loop);
	r->tfiles = vrrp_tfile_set_new(loop);
	r->procs = vrrp_proc_set_new(loop);
	r->linkbeat = vrrp_linkbeat_new(loop, on_linkbeat, r);
	r->notifier = vrrp_notifier_new(loop);
	r->nft = vrrp_run_nft_new(opts);
	netlink_daemon_subscribe(nl, on_iftable, r);
	return r;
}

struct ka_addr vrrp_run_group(const struct vrrp_inst *in)
{
	struct ka_addr g = { 0 };

	if (in->p.npeers)
		return g;
	if (in->p.group.family)
		return in->p.group;
	addr_parse(in->p.family == AF_INET6 ? VRRP_MCAST_GROUP6 :
		   VRRP_MCAST_GROUP4, &g);
	return g;
}

static struct vrrp_inst *find(const struct vrrp_run *r, const char *name)
{
	struct vrrp_inst *in;

	list_for_each_entry(in, &r->insts, node)
		if (strcmp(in->p.name, name) == 0)
			return in;
	return NULL;
}

static bool advertised(const struct vrrp_inst *in, const struct vrrp_vip *v)
{
	return v->ip->prefix.addr.family == in->p.family;
}

/* The addresses our adverts list: the VIPs of the instance's family (at
 * most 255, the count's field). Sized to them: most instances have one
 * or two, and a fixed array of 255 was a third of an instance's memory. */
static void fill_adverts(struct vrrp_inst *in)
{
	const struct vrrp_vip *v;
	size_t n = 0;

	mem_free(&in->adv);
	in->nadv = 0;
	if (!in->p.vips)
		return;
	list_for_each_entry(v, in->p.vips, node)
		n += advertised(in, v);
	if (!n)
		return;
	in->adv = mem_reallocarray(NULL, n < 255 ? n : 255, sizeof(*in->adv));
	list_for_each_entry(v, in->p.vips, node)
		if (advertised(in, v) && in->nadv < 255)
			in->adv[in->nadv++] = v->ip->prefix.addr;
}

/* mcast_src_ip / unicast_src_ip, else the interface's own address: its
 * first IPv4 one, or its IPv6 link-local one (RFC 5798 5.1.2.2). */
static bool pick_source(struct vrrp_inst *in, const struct iface *ifp)
{
	const struct iftable_addr *a;

	if (in->p.src.family) {
		in->src = in->p.src;
		return true;
	}
	list_for_each_entry(a, &ifp->addrs, node) {
		const struct ka_addr *x = &a->info.prefix.addr;

		if (x->family != in->p.family)
			continue;
		if (x->family == AF_INET6 && !addr_is_linklocal(x))
			continue;
		/* Still in duplicate address detection: the kernel will
		 * not send from it; its flags change when DAD is done. */
		if (a->info.flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED))
			continue;
		in->src = *x;
		return true;
	}
	return false;
}

bool vrrp_run_carrier(const struct vrrp_run *r, const struct iface *ifp)
{
	int c = vrrp_linkbeat_carrier(r->linkbeat, ifp->link.name);

	if (c >= 0)
		return c;
	return ifp->link.flags & IFF_RUNNING;
}

struct vrrp_linkbeat *vrrp_run_linkbeat(struct vrrp_run *r)
{
	return r->linkbeat;
}

static bool link_usable(const struct vrrp_inst *in, const struct iface *ifp)
{
	if (in->p.dont_track_primary)
		return true;
	return (ifp->link.flags & IFF_UP) && vrrp_run_carrier(in->run, ifp);
}

/* Gratuitous ARP / NA from the interface that holds the addresses: the
 * VMAC, with the virtual MAC, if there is one. */
static void announce_on(struct vrrp_inst *in, const struct iface *ifp)
{
	int ifindex = in->vmac_ifindex ? in->vmac_ifindex : ifp->link.index;

	/* a VMAC made again (its base came back) has a new index */
	if (in->announce && in->announce_ifindex != ifindex)
		vrrp_announce_free(&in->announce);
	if (in->announce)
		return;
	in->announce_ifindex = ifindex;
	if (in->vmac_ifindex)
		in->announce = vrrp_announce_new(in->run->loop, &in->run->aio,
						 ifindex, in->vmac_mac);
	else if (ifp->link.mac_len == 6)
		in->announce = vrrp_announce_new(in->run->loop, &in->run->aio,
						 ifindex, ifp->link.mac);
}

const char *vrrp_run_interface_fault(struct vrrp_inst *in)
{
	const struct iface *ifp = iftable_by_name(
		netlink_daemon_iftable(in->run->nl), in->p.ifname);

	if (!ifp)
		return "interface missing";
	in->ifindex = ifp->link.index;
	if (!link_usable(in, ifp))
		return "interface down";
	if (!pick_source(in, ifp))
		return "no address to send from";
	if (vrrp_run_vmac_up(in, ifp) < 0)
		return "cannot create its VMAC interface";
	if (in->vmac_ifindex && !in->p.vmac_xmit_base)
		in->ifindex = in->vmac_ifindex;
	if (vrrp_run_sock_attach(in) < 0)
		return "cannot open its socket";
	announce_on(in, ifp);
	return NULL;
}

static void on_iftable(const struct iftable_event *ev, void *ctx)
{
	struct vrrp_run *r = ctx;
	struct vrrp_inst *in;

	/* Only state changes matter here; which instance cares is cheap to
	 * find out, and the table may not be changed from a subscriber. */
	list_for_each_entry(in, &r->insts, node)
		if (vrrp_run_track_watches(in, ev->iface->link.name))
			vrrp_run_check_interface(in);
}

static void on_linkbeat(void *ctx, const char *ifname)
{
	struct vrrp_run *r = ctx;
	struct vrrp_inst *in;

	list_for_each_entry(in, &r->insts, node)
		if (vrrp_run_track_watches(in, ifname))
			vrrp_run_check_interface(in);
}

static int open_announce_socket(struct vrrp_run *r, int family)
{
	int *fd = family == AF_INET ? &r->asocks.arp_fd : &r->asocks.na_fd;

	if (*fd >= 0)
		return 0;
	*fd = family == AF_INET ? vrrp_announce_open_arp() :
				  vrrp_announce_open_na();
	if (*fd < 0)
		return *fd;
	vrrp_announce_socks_io(&r->asocks, &r->aio);
	return 0;
}

int vrrp_run_add(struct vrrp_run *r, const struct vrrp_run_params *p)
{
	struct vrrp_inst *in;
	int ret;

	if (find(r, p->name))
		return -EEXIST;
	ret = open_announce_socket(r, p->family);
	if (ret < 0)
		return ret;
	in = mem_new(struct vrrp_inst);
	in->run = r;
	in->p = *p;
	in->rx_rl = (struct ratelimit)RATELIMIT_INIT(10000000, 5);
	in->info_rl = (struct ratelimit)RATELIMIT_INIT(10000000, 3);
	in->stats_since_us = event_loop_now_us(r->loop);
	fill_adverts(in);
	vrrp_fsm_init(&in->fsm, &p->fsm, &vrrp_run_fx_ops, in);
	list_add_tail(&r->insts, &in->node);
	vrrp_run_track_join(in);
	/* INIT -> BACKUP (or MASTER for the owner), or INIT -> FAULT, or
	 * INIT until its unweighted scripts have a first result */
	vrrp_run_check_interface(in);
	return 0;
}

static bool same_peers(const struct vrrp_run_params *a,
		       const struct vrrp_run_params *b)
{
	size_t i;

	if (a->npeers != b->npeers)
		return false;
	for (i = 0; i < a->npeers; i++)
		if (!addr_equal(&a->peers[i], &b->peers[i]))
			return false;
	return true;
}

/* What cannot change without a restart of the instance. */
static bool same_identity(const struct vrrp_inst *in,
			  const struct vrrp_run_params *p)
{
	const struct vrrp_run_params *o = &in->p;

	return strcmp(o->ifname, p->ifname) == 0 && o->family == p->family &&
	       o->vrid == p->vrid && o->fsm.version == p->fsm.version &&
	       o->fsm.priority == p->fsm.priority &&
	       o->fsm.adver_int_cs == p->fsm.adver_int_cs &&
	       o->auth_type == p->auth_type &&
	       strcmp(o->auth_pass, p->auth_pass) == 0 &&
	       addr_equal(&o->src, &p->src) &&
	       addr_equal(&o->group, &p->group) && same_peers(o, p);
}

static bool same_vips(const struct list_node *a, const struct list_node *b)
{
	const struct list_node *x = a ? a->next : NULL;
	const struct list_node *y = b ? b->next : NULL;

	if (!a || !b)
		return a == b;
	for (; x != a && y != b; x = x->next, y = y->next)
		if (!ipaddr_same(container_of(x, struct vrrp_vip, node)->ip,
				 container_of(y, struct vrrp_vip, node)->ip))
			return false;
	return x == a && y == b;
}

bool vrrp_run_update(struct vrrp_run *r, const struct vrrp_run_params *p)
{
	struct vrrp_inst *in = find(r, p->name);

	uint8_t effective;

	if (!in || !same_identity(in, p) || !vrrp_run_track_same(&in->p, p) ||
	    !vrrp_run_vmac_same(&in->p, p) || in->p.no_accept != p->no_accept)
		return false;
	/* The protocol is the same (a new configuration, perhaps other
	 * addresses): keep state, and the priority tracking has made, as
	 * keepalived does; a master changes only the addresses that
	 * differ, so that those kept never flap. */
	effective = in->fsm.conf.priority;
	if (!same_vips(in->p.vips, p->vips) ||
	    !same_vips(in->p.vips_excluded, p->vips_excluded))
		vrrp_run_fx_vips_reload(in, p);
	vrrp_run_vroutes_reload(in, p->vroutes);
	in->p = *p;
	in->fsm.conf = p->fsm;
	in->fsm.conf.priority = effective;
	fill_adverts(in);
	vrrp_run_check_interface(in);
	return true;
}

static void inst_free(struct vrrp_inst **inp)
{
	struct vrrp_inst *in = *inp;

	vrrp_fsm_event(&in->fsm, VRRP_EV_SHUTDOWN, NULL);
	vrrp_run_notify(in, VRRP_STATE_INIT, in->run->stopping);
	vrrp_run_track_leave(in);
	vrrp_run_fx_quiet(in);
	vrrp_announce_free(&in->announce);
	vrrp_run_sock_detach(in);
	vrrp_run_vmac_down(in);
	list_del(&in->node);
	vrrp_run_sync_left(in->run, in->p.sync_group);
	vrrp_run_track_free(in);
	mem_free(&in->adv);
	mem_free(inp);
}

int vrrp_run_del(struct vrrp_run *r, const char *name)
{
	struct vrrp_inst *in = find(r, name);

	if (!in)
		return -ENOENT;
	inst_free(&in);
	return 0;
}

void vrrp_run_each(struct vrrp_run *r, void (*fn)(const char *name,
						  void *ctx), void *ctx)
{
	struct vrrp_inst *in, *tmp;

	list_for_each_entry_safe(in, tmp, &r->insts, node)
		fn(in->p.name, ctx);
}

void vrrp_run_free(struct vrrp_run **rp)
{
	struct vrrp_run *r;
	struct vrrp_inst *in, *tmp;

	if (!rp || !*rp)
		return;
	r = *rp;
	r->stopping = true;
	list_for_each_entry_safe(in, tmp, &r->insts, node)
		inst_free(&in);
	netlink_daemon_unsubscribe(r->nl, on_iftable, r);
	vrrp_notifier_drain(r->notifier, 3000000);
	vrrp_notifier_free(&r->notifier);
	vrrp_run_sync_free_all(r);
	vrrp_script_set_free(&r->scripts);
	vrrp_tfile_set_free(&r->tfiles);
	vrrp_proc_set_free(&r->procs);
	vrrp_linkbeat_free(&r->linkbeat);
	vrrp_run_sock_close_all(r);
	vrrp_announce_socks_close(&r->asocks);
	vrrp_run_nft_free(&r->nft, r->opts.release_on_stop);
	mem_free(rp);
}

void vrrp_run_set_alerter(struct vrrp_run *r, struct smtp_alerter *a)
{
	r->alerter = a;
}

struct vrrp_inst *vrrp_run_find(const struct vrrp_run *r, const char *name)
{
	return find(r, name);
}

void vrrp_run_set_observer(struct vrrp_run *r, vrrp_run_observer_fn *fn,
			   void *ctx)
{
	r->observer = fn;
	r->observer_ctx = ctx;
}

enum vrrp_state vrrp_run_state(const struct vrrp_run *r, const char *name)
{
	const struct vrrp_inst *in = find(r, name);

	return in ? in->fsm.state : VRRP_STATE_COUNT;
}

unsigned vrrp_run_priority(const struct vrrp_run *r, const char *name)
{
	const struct vrrp_inst *in = find(r, name);

	return in ? in->fsm.conf.priority : 0;
}
