/*
 * static_parser.c: a line of a static_* block is parsed by the object's
 * own parser (ipaddr, route, rule); a bad line is reported and skipped.
 */
#include "config.h"

#include <errno.h>

#include "ipaddr.h"
#include "memory.h"
#include "route.h"
#include "rule.h"
#include "static_parser.h"

#define ERR_MAX 256

#define WORDS(w) ((const char *const *)(w)->words)

/* keepalived resolves a track group where it is named: it must be
 * defined above. An unknown one is reported and the entry not tracked. */
static void track_ref(struct cfg_parser *p, const struct static_data *sd,
		      char **group)
{
	if (!*group || static_data_find_group(sd, *group))
		return;
	cfg_report(p, CFG_ERROR, "track_group %s not found", *group);
	mem_free(group);
}

/* A route is followed through its interface: without one there is
 * nothing to follow (keepalived refuses it too). */
static bool route_has_dev(const struct route *r)
{
	size_t i;

	if (r->dev[0])
		return true;
	for (i = 0; i < r->nnh; i++)
		if (r->nh[i].dev[0])
			return true;
	return false;
}

static int addr_line(struct cfg_parser *p, const struct cfg_words *w,
		     void *obj)
{
	struct static_data *sd = obj;
	char err[ERR_MAX];
	struct ipaddr *a;

	if (ipaddr_parse(WORDS(w), w->count, IPADDR_STATIC, &a, err,
			 sizeof(err)) < 0) {
		cfg_report(p, CFG_ERROR, "static_ipaddress: %s, ignoring", err);
		return -EINVAL;
	}
	track_ref(p, sd, &a->track_group);
	list_add_tail(&sd->addrs, &a->node);
	return 0;
}

static int route_line(struct cfg_parser *p, const struct cfg_words *w,
		      void *obj)
{
	struct static_data *sd = obj;
	char err[ERR_MAX];
	struct route *r;

	if (route_parse(WORDS(w), w->count, ROUTE_STATIC,
			static_data_names(sd), &r, err, sizeof(err)) < 0) {
		cfg_report(p, CFG_ERROR, "static_routes: %s, ignoring", err);
		return -EINVAL;
	}
	if (r->track_group && !route_has_dev(r)) {
		cfg_report(p, CFG_ERROR, "Static route cannot have track group "
			   "if no oif specified - not tracking it");
		mem_free(&r->track_group);
	}
	track_ref(p, sd, &r->track_group);
	list_add_tail(&sd->routes, &r->node);
	return 0;
}

static int rule_line(struct cfg_parser *p, const struct cfg_words *w,
		     void *obj)
{
	struct static_data *sd = obj;
	char err[ERR_MAX];
	struct rule *r;

	if (rule_parse(WORDS(w), w->count, RULE_STATIC, static_data_names(sd),
		       &r, err, sizeof(err)) < 0) {
		cfg_report(p, CFG_ERROR, "static_rules: %s, ignoring", err);
		return -EINVAL;
	}
	if (r->track_group && !r->iif[0] && !r->oif[0]) {
		cfg_report(p, CFG_ERROR, "Static rule cannot have track_group "
			   "if dev/iif not specified - not tracking it");
		mem_free(&r->track_group);
	}
	track_ref(p, sd, &r->track_group);
	list_add_tail(&sd->rules, &r->node);
	return 0;
}

static const struct cfg_block addr_block = {
	.name = "static_ipaddress", .line = addr_line,
};
static const struct cfg_block route_block = {
	.name = "static_routes", .line = route_line,
};
static const struct cfg_block rule_block = {
	.name = "static_rules", .line = rule_line,
};

/* track_group NAME { group { INSTANCE... } } */
static void *group_open(struct cfg_parser *p, const struct cfg_words *w,
			void *root)
{
	struct static_data *sd = root;
	struct static_track_group *g;

	if (w->count < 2) {
		cfg_report(p, CFG_ERROR, "track_group must have a name");
		return NULL;
	}
	if (static_data_find_group(sd, w->words[1])) {
		cfg_report(p, CFG_ERROR, "track_group %s is already defined, "
			   "ignoring this one", w->words[1]);
		return NULL;
	}
	g = mem_new(struct static_track_group);
	g->name = mem_strdup(w->words[1]);
	list_add_tail(&sd->track_groups, &g->node);
	return g;
}

static int member_line(struct cfg_parser *p, const struct cfg_words *w,
		       void *obj)
{
	struct static_track_group *g = obj;
	size_t i;

	(void)p;
	for (i = 0; i < w->count; i++) {
		g->members = mem_reallocarray(g->members, g->nmembers + 1,
					      sizeof(char *));
		g->members[g->nmembers++] = mem_strdup(w->words[i]);
	}
	return 0;
}

static const struct cfg_block member_block = {
	.name = "group", .line = member_line,
};

static const struct cfg_keyword group_keywords[] = {
	{ "group", NULL, &member_block, 0 },
	{ NULL, NULL, NULL, 0 }
};

static const struct cfg_block group_block = {
	.name = "track_group", .keywords = group_keywords, .open = group_open,
};

static const struct cfg_keyword static_keywords[] = {
	{ "static_ipaddress", NULL, &addr_block, 0 },
	{ "static_routes", NULL, &route_block, 0 },
	{ "static_rules", NULL, &rule_block, 0 },
	{ "track_group", NULL, &group_block, 0 },
	{ NULL, NULL, NULL, 0 }
};

int static_parser_register(struct cfg_parser *p, struct static_data *sd)
{
	return cfg_parser_register(p, static_keywords, sd, 0);
}
