/*
 * static_parser.c: a line of a static_* block is parsed by the object's
 * own parser (ipaddr, route, rule); a bad line is reported and skipped.
 */
#include "config.h"

#include <errno.h>

#include "ipaddr.h"
#include "route.h"
#include "rule.h"
#include "static_parser.h"

#define ERR_MAX 256

#define WORDS(w) ((const char *const *)(w)->words)

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

static const struct cfg_keyword static_keywords[] = {
	{ "static_ipaddress", NULL, &addr_block, 0 },
	{ "static_routes", NULL, &route_block, 0 },
	{ "static_rules", NULL, &rule_block, 0 },
	{ NULL, NULL, NULL, 0 }
};

int static_parser_register(struct cfg_parser *p, struct static_data *sd)
{
	return cfg_parser_register(p, static_keywords, sd, 0);
}
