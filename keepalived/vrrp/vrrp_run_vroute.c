/*
 * vrrp_run_vroute.c: an instance's virtual routes and rules on the
 * system: added after its addresses when it becomes master (a route may
 * need a VIP as its source or gateway), removed before them when it
 * leaves master, and on a reload while master only the lines that
 * changed are removed or added.
 */
#include "config.h"

#include <errno.h>

#include "log.h"
#include "nl_ops.h"
#include "vrrp_run_internal.h"
#include "vrrp_vroute.h"

/* Adding what is there, or removing what is gone, is what was wanted. */
static bool failed(int r, bool add)
{
	return r < 0 && !(add && r == -EEXIST) &&
	       !(!add && (r == -ESRCH || r == -ENOENT ||
			  r == -EADDRNOTAVAIL));
}

static void one_route(struct vrrp_inst *in, const struct route *r,
		      const struct nl_names *names, bool add)
{
	char err[NL_OPS_ERR_MAX], line[ROUTE_LINE_MAX];
	int ret = nl_ops_route(netlink_daemon_cmd(in->run->nl),
			       netlink_daemon_iftable(in->run->nl), r, add,
			       err, sizeof(err));

	if (!failed(ret, add))
		return;
	route_format(r, names, line, sizeof(line));
	log_warnx("(%s) cannot %s virtual route %s: %s", in->p.name,
		  add ? "add" : "remove", line, err);
}

static void one_rule(struct vrrp_inst *in, const struct rule *u,
		     const struct nl_names *names, bool add)
{
	char err[NL_OPS_ERR_MAX], line[RULE_LINE_MAX];
	int ret = nl_ops_rule(netlink_daemon_cmd(in->run->nl), u, add, err,
			      sizeof(err));

	if (!failed(ret, add))
		return;
	rule_format(u, names, line, sizeof(line));
	log_warnx("(%s) cannot %s virtual rule %s: %s", in->p.name,
		  add ? "add" : "remove", line, err);
}

static void set_routes(struct vrrp_inst *in, const struct vrrp_vroutes *v,
		       bool add)
{
	const struct route *r;

	if (!v || list_empty(&v->routes))
		return;
	log_info("(%s) %s Virtual Routes", in->p.name,
		 add ? "setting" : "removing");
	list_for_each_entry(r, &v->routes, node)
		one_route(in, r, v->names, add);
}

static void set_rules(struct vrrp_inst *in, const struct vrrp_vroutes *v,
		      bool add)
{
	const struct rule *u;

	if (!v || list_empty(&v->rules))
		return;
	log_info("(%s) %s Virtual Rules", in->p.name,
		 add ? "setting" : "removing");
	list_for_each_entry(u, &v->rules, node)
		one_rule(in, u, v->names, add);
}

/* Routes before rules going up, rules before routes going down (a rule
 * must not send traffic to a table that is being emptied). */
void vrrp_run_vroutes_set(struct vrrp_inst *in, bool add)
{
	if (add) {
		set_routes(in, in->p.vroutes, true);
		set_rules(in, in->p.vroutes, true);
	} else {
		set_rules(in, in->p.vroutes, false);
		set_routes(in, in->p.vroutes, false);
	}
}

/* The lines of "from" that "to" lacks are removed (add false) or added. */
static void apply_difference(struct vrrp_inst *in,
			     const struct vrrp_vroutes *from,
			     const struct vrrp_vroutes *to, bool add)
{
	const struct route *r;
	const struct rule *u;

	if (!from)
		return;
	if (!add)
		list_for_each_entry(u, &from->rules, node)
			if (!vrrp_vroutes_has_rule(to, u, from->names))
				one_rule(in, u, from->names, false);
	list_for_each_entry(r, &from->routes, node)
		if (!vrrp_vroutes_has_route(to, r, from->names))
			one_route(in, r, from->names, add);
	if (add)
		list_for_each_entry(u, &from->rules, node)
			if (!vrrp_vroutes_has_rule(to, u, from->names))
				one_rule(in, u, from->names, true);
}

void vrrp_run_vroutes_reload(struct vrrp_inst *in,
			     const struct vrrp_vroutes *next)
{
	if (!in->addresses_set || vrrp_vroutes_equal(in->p.vroutes, next))
		return;
	log_info("(%s) updating Virtual Routes and Rules", in->p.name);
	apply_difference(in, in->p.vroutes, next, false);
	apply_difference(in, next, in->p.vroutes, true);
}
