/*
 * vrrp_vroute.h: the virtual_routes and virtual_rules of a vrrp_instance:
 * routes and policy rules that exist while the instance is MASTER. Their
 * lines are those of static_routes and static_rules (route.h, rule.h),
 * with "no_track" rather than "track_group".
 *
 * Pure: the lists, their printout and the set differences a reload needs.
 */
#ifndef KA_VRRP_VROUTE_H
#define KA_VRRP_VROUTE_H

#include <stdbool.h>
#include <stdio.h>

#include "list.h"
#include "nl_names.h"
#include "route.h"
#include "rule.h"

struct vrrp_vroutes {
	struct list_node routes;	/* struct route, in file order */
	struct list_node rules;		/* struct rule, in file order */
	struct nl_names *names;		/* iproute2's names, loaded on the
					 * first line parsed; may stay NULL */
};

/* Never NULL; vrrp_vroutes_free() frees it with its lines. */
struct vrrp_vroutes *vrrp_vroutes_new(void);
/* Frees and NULLs *v; accepts NULL. */
void vrrp_vroutes_free(struct vrrp_vroutes **v);

/* iproute2's names, read from the system on first use. */
const struct nl_names *vrrp_vroutes_names(struct vrrp_vroutes *v);

/* Whether "v" (may be NULL: none) has a route / rule that prints as "r" /
 * "u" does: the same line of configuration. "names" is r's / u's. */
bool vrrp_vroutes_has_route(const struct vrrp_vroutes *v,
			    const struct route *r,
			    const struct nl_names *names);
bool vrrp_vroutes_has_rule(const struct vrrp_vroutes *v,
			   const struct rule *u,
			   const struct nl_names *names);

/* Same routes and rules in the same order; NULL equals an empty set. */
bool vrrp_vroutes_equal(const struct vrrp_vroutes *a,
			const struct vrrp_vroutes *b);

/* Writes the virtual_routes and virtual_rules blocks (nothing for an
 * empty list), each line prefixed by "indent". */
void vrrp_vroutes_dump(const struct vrrp_vroutes *v, const char *indent,
		       FILE *out);

#endif
