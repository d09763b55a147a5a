/*
 * nl_route.h: RTM_NEWROUTE / RTM_DELROUTE requests from configured
 * routes, and RTM_NEWRULE / RTM_DELRULE from configured rules (nl_rule.h).
 * Pure: messages in memory, built with libnl's message API.
 */
#ifndef KA_NL_ROUTE_H
#define KA_NL_ROUTE_H

#include <stdbool.h>
#include <netlink/msg.h>

#include "route.h"

/* Resolves an interface name: returns its index (> 0) or -ENODEV. */
typedef int nl_ifindex_fn(const char *name, void *ctx);

/*
 * A request to add (NLM_F_CREATE | NLM_F_EXCL, or NLM_F_APPEND for an
 * "append" route) or delete "r". Device names go through "ifindex".
 * Returns 0 and *out (nlmsg_free()), -ENODEV (with the name in *bad_dev,
 * if not NULL), -ENOMEM or -EINVAL.
 */
int nl_route_msg(const struct route *r, nl_ifindex_fn *ifindex, void *ctx,
		 bool add, struct nl_msg **out, const char **bad_dev);

#endif
