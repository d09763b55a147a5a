/*
 * vrrp_vroute.c: the virtual routes and rules of an instance, as data.
 * Two lines are the same when they print the same: what the
 * configuration said of them, names resolved.
 */
#include "config.h"

#include <string.h>

#include "memory.h"
#include "vrrp_vroute.h"

struct vrrp_vroutes *vrrp_vroutes_new(void)
{
	struct vrrp_vroutes *v = mem_new(struct vrrp_vroutes);

	list_init(&v->routes);
	list_init(&v->rules);
	return v;
}

void vrrp_vroutes_free(struct vrrp_vroutes **pv)
{
	struct route *r, *rtmp;
	struct rule *u, *utmp;

	if (!pv || !*pv)
		return;
	list_for_each_entry_safe(r, rtmp, &(*pv)->routes, node) {
		list_del(&r->node);
		route_free(&r);
	}
	list_for_each_entry_safe(u, utmp, &(*pv)->rules, node) {
		list_del(&u->node);
		rule_free(&u);
	}
	nl_names_free(&(*pv)->names);
	mem_free(pv);
}

const struct nl_names *vrrp_vroutes_names(struct vrrp_vroutes *v)
{
	if (!v->names) {
		v->names = nl_names_new();
		nl_names_load_system(v->names);
	}
	return v->names;
}

bool vrrp_vroutes_has_route(const struct vrrp_vroutes *v,
			    const struct route *r,
			    const struct nl_names *names)
{
	char x[ROUTE_LINE_MAX], y[ROUTE_LINE_MAX];
	const struct route *o;

	if (!v || route_format(r, names, x, sizeof(x)) < 0)
		return false;
	list_for_each_entry(o, &v->routes, node)
		if (route_format(o, v->names, y, sizeof(y)) == 0 &&
		    strcmp(x, y) == 0)
			return true;
	return false;
}

bool vrrp_vroutes_has_rule(const struct vrrp_vroutes *v,
			   const struct rule *u,
			   const struct nl_names *names)
{
	char x[RULE_LINE_MAX], y[RULE_LINE_MAX];
	const struct rule *o;

	if (!v || rule_format(u, names, x, sizeof(x)) < 0)
		return false;
	list_for_each_entry(o, &v->rules, node)
		if (rule_format(o, v->names, y, sizeof(y)) == 0 &&
		    strcmp(x, y) == 0)
			return true;
	return false;
}

static size_t count(const struct list_node *head)
{
	const struct list_node *n;
	size_t c = 0;

	for (n = head->next; n != head; n = n->next)
		c++;
	return c;
}

static size_t nroutes(const struct vrrp_vroutes *v)
{
	return v ? count(&v->routes) : 0;
}

static size_t nrules(const struct vrrp_vroutes *v)
{
	return v ? count(&v->rules) : 0;
}

/* Same lines in the same order. */
static bool routes_equal(const struct vrrp_vroutes *a,
			 const struct vrrp_vroutes *b)
{
	char x[ROUTE_LINE_MAX], y[ROUTE_LINE_MAX];
	const struct list_node *i, *j;

	if (nroutes(a) != nroutes(b))
		return false;
	if (!nroutes(a))
		return true;
	for (i = a->routes.next, j = b->routes.next; i != &a->routes;
	     i = i->next, j = j->next) {
		if (route_format(container_of(i, struct route, node), a->names,
				 x, sizeof(x)) < 0 ||
		    route_format(container_of(j, struct route, node), b->names,
				 y, sizeof(y)) < 0 || strcmp(x, y) != 0)
			return false;
	}
	return true;
}

static bool rules_equal(const struct vrrp_vroutes *a,
			const struct vrrp_vroutes *b)
{
	char x[RULE_LINE_MAX], y[RULE_LINE_MAX];
	const struct list_node *i, *j;

	if (nrules(a) != nrules(b))
		return false;
	if (!nrules(a))
		return true;
	for (i = a->rules.next, j = b->rules.next; i != &a->rules;
	     i = i->next, j = j->next) {
		if (rule_format(container_of(i, struct rule, node), a->names,
				x, sizeof(x)) < 0 ||
		    rule_format(container_of(j, struct rule, node), b->names,
				y, sizeof(y)) < 0 || strcmp(x, y) != 0)
			return false;
	}
	return true;
}

bool vrrp_vroutes_equal(const struct vrrp_vroutes *a,
			const struct vrrp_vroutes *b)
{
	return routes_equal(a, b) && rules_equal(a, b);
}

void vrrp_vroutes_dump(const struct vrrp_vroutes *v, const char *indent,
		       FILE *out)
{
	char line[ROUTE_LINE_MAX];
	const struct route *r;
	const struct rule *u;

	if (nroutes(v)) {
		fprintf(out, "%svirtual_routes {\n", indent);
		list_for_each_entry(r, &v->routes, node)
			if (route_format(r, v->names, line, sizeof(line)) == 0)
				fprintf(out, "%s%s%s\n", indent, indent, line);
		fprintf(out, "%s}\n", indent);
	}
	if (nrules(v)) {
		fprintf(out, "%svirtual_rules {\n", indent);
		list_for_each_entry(u, &v->rules, node)
			if (rule_format(u, v->names, line, sizeof(line)) == 0)
				fprintf(out, "%s%s%s\n", indent, indent, line);
		fprintf(out, "%s}\n", indent);
	}
}
