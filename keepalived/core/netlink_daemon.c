/*
 * netlink_daemon.c: the reflector as a child process uses it.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "log.h"
#include "memory.h"
#include "netlink_daemon.h"

struct netlink_daemon {
	struct netlink_daemon_opts opts;
	struct nl_cmd *cmd;
	struct iftable *t;
	struct nl_reflector *refl;
	bool started;		/* the first dump is not news */
};

void netlink_daemon_opts_init(struct netlink_daemon_opts *o,
			      const struct gd_rcvbuf *cmd,
			      const struct gd_rcvbuf *mon, bool log_addresses)
{
	memset(o, 0, sizeof(*o));
	if (cmd) {
		o->cmd_rcvbuf = cmd->bytes;
		o->cmd_rcvbuf_force = cmd->force;
	}
	if (mon) {
		o->mon_rcvbuf = mon->bytes;
		o->mon_rcvbuf_force = mon->force;
	}
	o->log_addresses = log_addresses;
}

static bool link_up(unsigned flags)
{
	return (flags & IFF_UP) && (flags & IFF_RUNNING);
}

static void log_link(const struct netlink_daemon *nd,
		     const struct iftable_event *ev)
{
	const struct iftable_link_info *l = &ev->iface->link;

	if (!nd->started)
		return;
	switch (ev->type) {
	case IFTABLE_LINK_NEW:
		log_info("Interface %s added", l->name);
		break;
	case IFTABLE_LINK_DEL:
		log_info("Interface %s deleted", l->name);
		break;
	case IFTABLE_LINK_CHANGE:
		if (strcmp(ev->old->name, l->name))
			log_info("Interface %s renamed to %s", ev->old->name,
				 l->name);
		if (link_up(ev->old->flags) != link_up(l->flags))
			log_info("Netlink reports %s %s", l->name,
				 link_up(l->flags) ? "up" : "down");
		break;
	default:
		break;
	}
}

static void on_change(const struct iftable_event *ev, void *ctx)
{
	const struct netlink_daemon *nd = ctx;
	char a[ADDR_STRLEN];

	if (ev->type != IFTABLE_ADDR_NEW && ev->type != IFTABLE_ADDR_DEL) {
		log_link(nd, ev);
		return;
	}
	if (!nd->opts.log_addresses)
		return;
	addr_ntop(&ev->addr->info.prefix.addr, a, sizeof(a));
	if (ev->type == IFTABLE_ADDR_NEW)
		log_info("Netlink reflector reports IP %s added to %s", a,
			 ev->iface->link.name);
	else
		log_info("Netlink reflector reports IP %s removed from %s", a,
			 ev->iface->link.name);
}

int netlink_daemon_start(struct event_loop *loop,
			 const struct netlink_daemon_opts *o,
			 struct netlink_daemon **out)
{
	struct netlink_daemon *nd = mem_new(struct netlink_daemon);
	struct nl_reflector_opts ro = {
		.rcvbuf = o->mon_rcvbuf, .rcvbuf_force = o->mon_rcvbuf_force,
	};
	int r;

	nd->opts = *o;
	nd->t = iftable_new();
	iftable_subscribe(nd->t, on_change, nd);
	r = nl_cmd_open(o->cmd_rcvbuf, o->cmd_rcvbuf_force, &nd->cmd);
	if (r < 0) {
		log_warnx("Netlink: cannot open the command socket: %s",
			  strerror(-r));
		netlink_daemon_stop(&nd);
		return r;
	}
	r = nl_reflector_start(loop, nd->cmd, nd->t, &ro, &nd->refl);
	if (r < 0) {
		log_warnx("Netlink: cannot start the reflector: %s",
			  strerror(-r));
		netlink_daemon_stop(&nd);
		return r;
	}
	nd->started = true;
	*out = nd;
	return 0;
}

void netlink_daemon_stop(struct netlink_daemon **nd)
{
	if (!nd || !*nd)
		return;
	nl_reflector_stop(&(*nd)->refl);
	nl_cmd_close(&(*nd)->cmd);
	iftable_free(&(*nd)->t);
	mem_free(nd);
}

struct iftable *netlink_daemon_iftable(struct netlink_daemon *nd)
{
	return nd->t;
}

struct nl_cmd *netlink_daemon_cmd(struct netlink_daemon *nd)
{
	return nd->cmd;
}

struct nl_reflector *netlink_daemon_reflector(struct netlink_daemon *nd)
{
	return nd->refl;
}

int netlink_daemon_subscribe(struct netlink_daemon *nd, iftable_cb *cb,
			     void *ctx)
{
	return iftable_subscribe(nd->t, cb, ctx);
}

int netlink_daemon_unsubscribe(struct netlink_daemon *nd, iftable_cb *cb,
			       void *ctx)
{
	return iftable_unsubscribe(nd->t, cb, ctx);
}

/* Adding what is there, or removing what is gone, is what was wanted. */
static bool is_failure(int r, bool add)
{
	return r < 0 && !(add && r == -EEXIST) &&
	       !(!add && (r == -EADDRNOTAVAIL || r == -ESRCH ||
			  r == -ENOENT));
}

static unsigned static_addrs(struct netlink_daemon *nd,
			     const struct static_data *sd,
			     const char *default_if, bool add)
{
	char err[NL_OPS_ERR_MAX], line[IPADDR_LINE_MAX];
	const struct ipaddr *a;
	unsigned failed = 0;
	int r;

	list_for_each_entry(a, &sd->addrs, node) {
		r = nl_ops_addr(nd->cmd, nd->t, a, default_if, add, err,
				sizeof(err));
		if (!is_failure(r, add))
			continue;
		ipaddr_format(a, line, sizeof(line));
		log_warnx("Netlink: cannot %s static address %s: %s",
			  add ? "add" : "remove", line, err);
		failed++;
	}
	return failed;
}

static unsigned static_routes(struct netlink_daemon *nd,
			      const struct static_data *sd, bool add)
{
	char err[NL_OPS_ERR_MAX], line[ROUTE_LINE_MAX];
	const struct route *r;
	unsigned failed = 0;
	int ret;

	list_for_each_entry(r, &sd->routes, node) {
		ret = nl_ops_route(nd->cmd, nd->t, r, add, err, sizeof(err));
		if (!is_failure(ret, add))
			continue;
		route_format(r, sd->names, line, sizeof(line));
		log_warnx("Netlink: cannot %s static route %s: %s",
			  add ? "add" : "remove", line, err);
		failed++;
	}
	return failed;
}

static unsigned static_rules(struct netlink_daemon *nd,
			     const struct static_data *sd, bool add)
{
	char err[NL_OPS_ERR_MAX], line[RULE_LINE_MAX];
	const struct rule *u;
	unsigned failed = 0;
	int ret;

	list_for_each_entry(u, &sd->rules, node) {
		ret = nl_ops_rule(nd->cmd, u, add, err, sizeof(err));
		if (!is_failure(ret, add))
			continue;
		rule_format(u, sd->names, line, sizeof(line));
		log_warnx("Netlink: cannot %s static rule %s: %s",
			  add ? "add" : "remove", line, err);
		failed++;
	}
	return failed;
}

unsigned netlink_daemon_static_apply(struct netlink_daemon *nd,
				     const struct static_data *sd,
				     const char *default_if)
{
	/* Addresses first: routes may need their source and gateway. */
	return static_addrs(nd, sd, default_if, true) +
	       static_routes(nd, sd, true) + static_rules(nd, sd, true);
}

unsigned netlink_daemon_static_remove(struct netlink_daemon *nd,
				      const struct static_data *sd,
				      const char *default_if)
{
	return static_rules(nd, sd, false) + static_routes(nd, sd, false) +
	       static_addrs(nd, sd, default_if, false);
}

void netlink_daemon_dump(struct netlink_daemon *nd, FILE *f)
{
	struct nl_reflector_stats s;

	nl_reflector_get_stats(nd->refl, &s);
	fprintf(f, "------< Interfaces >------\n");
	iftable_dump(nd->t, f);
	fprintf(f, "Netlink reflector: %zu interfaces, %zu addresses, "
		"%" PRIu64 " messages, %" PRIu64 " overruns, %" PRIu64
		" resyncs\n", iftable_count(nd->t), iftable_addr_count(nd->t),
		s.messages, s.overruns, s.resyncs);
}
