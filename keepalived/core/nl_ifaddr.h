/*
 * nl_ifaddr.h: address messages. Building RTM_NEWADDR / RTM_DELADDR
 * requests from configured addresses, and reading the kernel's address
 * messages into interface-table entries. Pure: messages in memory, built
 * with libnl's message API.
 */
#ifndef KA_NL_IFADDR_H
#define KA_NL_IFADDR_H

#include <stdbool.h>
#include <linux/netlink.h>
#include <netlink/msg.h>

#include "iftable.h"
#include "ipaddr.h"

/*
 * A request to add (NLM_F_CREATE | NLM_F_EXCL; NLM_F_REPLACE with
 * "replace") or delete "a" on link "ifindex". Returns 0 and *out (free with
 * nlmsg_free()), or -ENOMEM or -EINVAL.
 */
int nl_ifaddr_msg(const struct ipaddr *a, int ifindex, bool add, bool replace,
		struct nl_msg **out);

/* Reads RTM_NEWADDR / RTM_DELADDR. Returns 0 and sets *ifindex and *out,
 * -EINVAL, or -EAFNOSUPPORT (not IPv4 or IPv6). */
int nl_ifaddr_parse(struct nlmsghdr *h, int *ifindex,
		  struct iftable_addr_info *out);

#endif
