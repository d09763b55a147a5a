/*
 * nl_rule.h: RTM_NEWRULE / RTM_DELRULE requests from configured rules.
 * Pure: messages in memory, built with libnl's message API.
 */
#ifndef KA_NL_RULE_H
#define KA_NL_RULE_H

#include <stdbool.h>
#include <netlink/msg.h>

#include "rule.h"

/* Returns 0 and *out (nlmsg_free()), or -ENOMEM or -EINVAL. Interfaces
 * go by name (FRA_IIFNAME, FRA_OIFNAME): they need not exist yet. */
int nl_rule_msg(const struct rule *r, bool add, struct nl_msg **out);

#endif
