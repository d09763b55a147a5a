/*
 * static_data.c: the static addresses, routes and rules of a configuration.
 */
#include "config.h"

#include <string.h>

#include "ipaddr.h"
#include "memory.h"
#include "route.h"
#include "rule.h"
#include "static_data.h"

struct static_data *static_data_new(void)
{
	struct static_data *sd = mem_new(struct static_data);

	list_init(&sd->addrs);
	list_init(&sd->routes);
	list_init(&sd->rules);
	list_init(&sd->track_groups);
	return sd;
}

static void free_groups(struct static_data *sd)
{
	struct static_track_group *g, *gtmp;
	size_t i;

	list_for_each_entry_safe(g, gtmp, &sd->track_groups, node) {
		list_del(&g->node);
		for (i = 0; i < g->nmembers; i++)
			mem_free(&g->members[i]);
		mem_free(&g->members);
		mem_free(&g->name);
		mem_free(&g);
	}
}

void static_data_free(struct static_data **sd)
{
	struct ipaddr *a, *atmp;
	struct route *r, *rtmp;
	struct rule *u, *utmp;

	if (!sd || !*sd)
		return;
	list_for_each_entry_safe(a, atmp, &(*sd)->addrs, node) {
		list_del(&a->node);
		ipaddr_free(&a);
	}
	list_for_each_entry_safe(r, rtmp, &(*sd)->routes, node) {
		list_del(&r->node);
		route_free(&r);
	}
	list_for_each_entry_safe(u, utmp, &(*sd)->rules, node) {
		list_del(&u->node);
		rule_free(&u);
	}
	free_groups(*sd);
	nl_names_free(&(*sd)->names);
	mem_free(sd);
}

const struct nl_names *static_data_names(struct static_data *sd)
{
	if (!sd->names) {
		sd->names = nl_names_new();
		nl_names_load_system(sd->names);
	}
	return sd->names;
}

bool static_data_empty(const struct static_data *sd)
{
	return list_empty(&sd->addrs) && list_empty(&sd->routes) &&
	       list_empty(&sd->rules);
}

static bool addr_in(const struct ipaddr *a, const struct static_data *sd)
{
	const struct ipaddr *b;

	list_for_each_entry(b, &sd->addrs, node)
		if (ipaddr_same(a, b))
			return true;
	return false;
}

static bool route_in(const struct route *r, struct static_data *rd,
		     struct static_data *sd)
{
	char x[ROUTE_LINE_MAX], y[ROUTE_LINE_MAX];
	const struct route *o;

	if (route_format(r, static_data_names(rd), x, sizeof(x)) < 0)
		return false;
	list_for_each_entry(o, &sd->routes, node)
		if (route_format(o, static_data_names(sd), y, sizeof(y)) == 0 &&
		    strcmp(x, y) == 0)
			return true;
	return false;
}

static bool rule_in(const struct rule *u, struct static_data *ud,
		    struct static_data *sd)
{
	char x[ROUTE_LINE_MAX], y[ROUTE_LINE_MAX];
	const struct rule *o;

	if (rule_format(u, static_data_names(ud), x, sizeof(x)) < 0)
		return false;
	list_for_each_entry(o, &sd->rules, node)
		if (rule_format(o, static_data_names(sd), y, sizeof(y)) == 0 &&
		    strcmp(x, y) == 0)
			return true;
	return false;
}

struct static_data *static_data_take_stale(struct static_data *old,
					   struct static_data *new)
{
	struct static_data *stale = static_data_new();
	struct ipaddr *a, *atmp;
	struct route *r, *rtmp;
	struct rule *u, *utmp;

	list_for_each_entry_safe(a, atmp, &old->addrs, node)
		if (!addr_in(a, new))
			list_move_tail(&stale->addrs, &a->node);
	list_for_each_entry_safe(r, rtmp, &old->routes, node)
		if (!route_in(r, old, new))
			list_move_tail(&stale->routes, &r->node);
	list_for_each_entry_safe(u, utmp, &old->rules, node)
		if (!rule_in(u, old, new))
			list_move_tail(&stale->rules, &u->node);
	return stale;
}

static void dump_groups(const struct static_data *sd, FILE *f);

void static_data_dump(const struct static_data *sd, FILE *f)
{
	char line[ROUTE_LINE_MAX];
	const struct ipaddr *a;
	const struct route *r;
	const struct rule *u;

	if (!list_empty(&sd->addrs)) {
		fprintf(f, "static_ipaddress {\n");
		list_for_each_entry(a, &sd->addrs, node)
			if (ipaddr_format(a, line, sizeof(line)) == 0)
				fprintf(f, "    %s\n", line);
		fprintf(f, "}\n");
	}
	if (!list_empty(&sd->routes)) {
		fprintf(f, "static_routes {\n");
		list_for_each_entry(r, &sd->routes, node)
			if (route_format(r, sd->names, line, sizeof(line)) == 0)
				fprintf(f, "    %s\n", line);
		fprintf(f, "}\n");
	}
	if (!list_empty(&sd->rules)) {
		fprintf(f, "static_rules {\n");
		list_for_each_entry(u, &sd->rules, node)
			if (rule_format(u, sd->names, line, sizeof(line)) == 0)
				fprintf(f, "    %s\n", line);
		fprintf(f, "}\n");
	}
	dump_groups(sd, f);
}

const struct static_track_group *
static_data_find_group(const struct static_data *sd, const char *name)
{
	const struct static_track_group *g;

	list_for_each_entry(g, &sd->track_groups, node)
		if (strcmp(g->name, name) == 0)
			return g;
	return NULL;
}

bool static_data_group_has(const struct static_data *sd, const char *name,
			   const char *inst)
{
	const struct static_track_group *g;
	size_t i;

	if (!name || !(g = static_data_find_group(sd, name)))
		return false;
	for (i = 0; i < g->nmembers; i++)
		if (strcmp(g->members[i], inst) == 0)
			return true;
	return false;
}

static void dump_groups(const struct static_data *sd, FILE *f)
{
	const struct static_track_group *g;
	size_t i;

	list_for_each_entry(g, &sd->track_groups, node) {
		fprintf(f, "track_group %s {\n    group {\n", g->name);
		for (i = 0; i < g->nmembers; i++)
			fprintf(f, "        %s\n", g->members[i]);
		fprintf(f, "    }\n}\n");
	}
}
