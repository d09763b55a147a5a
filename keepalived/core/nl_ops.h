/*
 * nl_ops.h: adding and removing configured addresses, routes and rules
 * through the command socket. Device names are resolved through the
 * interface table (falling back to the kernel for a link the table has
 * not seen yet); an address without "dev" goes on "default_if".
 *
 * Each returns 0 or the kernel's negative errno, with a message for the
 * log in err ("<strerror>" and, when the kernel gave one, its own text).
 * They do not log: the caller knows which instance asked.
 */
#ifndef KA_NL_OPS_H
#define KA_NL_OPS_H

#include <stdbool.h>
#include <stddef.h>

#include "iftable.h"
#include "ipaddr.h"
#include "nl_cmd.h"
#include "route.h"
#include "rule.h"

#define NL_OPS_ERR_MAX 384

int nl_ops_addr(struct nl_cmd *c, const struct iftable *t,
		const struct ipaddr *a, const char *default_if, bool add,
		char *err, size_t errlen);
int nl_ops_route(struct nl_cmd *c, const struct iftable *t,
		 const struct route *r, bool add, char *err, size_t errlen);
int nl_ops_rule(struct nl_cmd *c, const struct rule *r, bool add, char *err,
		size_t errlen);

#endif
