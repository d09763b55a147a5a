/*
 * nl_link.h: RTM_NEWLINK / RTM_DELLINK messages to interface-table
 * entries. Pure: works on a message in memory.
 */
#ifndef KA_NL_LINK_H
#define KA_NL_LINK_H

#include <linux/netlink.h>

#include "iftable.h"

/*
 * Fills *out from a link message. Returns 0, -EINVAL (malformed, no name)
 * or -EAFNOSUPPORT for a family other than AF_UNSPEC (a bridge port's
 * AF_BRIDGE copy, which says nothing about the link itself).
 */
int nl_link_parse(struct nlmsghdr *h, struct iftable_link_info *out);

#endif
