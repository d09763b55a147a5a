/*
 * static_data.c: the static addresses, routes and rules of a configuration.
 */
#include "config.h"

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
	return sd;
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
}
