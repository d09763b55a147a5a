/*
 * ipvs_msg.h: the messages of the kernel's generic netlink family "IPVS"
 * (linux/ip_vs.h), built into and parsed from libnl messages. Pure: no
 * socket, no family look-up (the caller passes the family id it
 * resolved), so that every attribute is unit-tested without a kernel.
 *
 * Encoding facts the kernel relies on, all hidden here: ports are in
 * network order, addresses are 16-byte attributes whatever the family,
 * an IPv4 persistence netmask is a mask in network order and an IPv6
 * one a prefix length, service flags travel as a (flags, mask) pair,
 * and a tunnel's checksum flags are 0 (nocsum), 1 (csum), 2 (remcsum).
 *
 * Every builder returns 0 or a negative errno (-EMSGSIZE when the
 * message is full); every parser 0, or -EINVAL when an attribute the
 * kernel always sends is missing or malformed, leaving *out untouched.
 */
#ifndef KA_IPVS_MSG_H
#define KA_IPVS_MSG_H

#include <stdbool.h>
#include <stdint.h>

#include "ipvs_backend.h"

struct nl_msg;
struct nlmsghdr;

/* A new request of command "cmd" (IPVS_CMD_*) for family "family_id";
 * "nlflags" adds NLM_F_DUMP or NLM_F_ACK. NULL when out of memory; the
 * caller frees it with nlmsg_free(). */
struct nl_msg *ipvs_msg_new(int family_id, uint8_t cmd, int nlflags);

/* IPVS_CMD_ATTR_SERVICE: the service's key, and with "full" (add, edit)
 * its scheduler, flags, timeout, netmask and persistence engine. */
int ipvs_msg_put_service(struct nl_msg *m, const struct ipvs_service *s,
			 bool full);

/* IPVS_CMD_ATTR_DEST of a service of family "svc_family": the key, and
 * with "full" the method, weight, thresholds and tunnel settings. */
int ipvs_msg_put_dest(struct nl_msg *m, const struct ipvs_dest *d,
		      int svc_family, bool full);

/* IPVS_CMD_ATTR_DAEMON for a start (every setting given) or, with
 * sd->ifname[0] == 0, for a stop (the state alone). */
int ipvs_msg_put_daemon(struct nl_msg *m, const struct ipvs_sync_daemon *sd);

/* The IPVS_CMD_ATTR_TIMEOUT_* attributes; 0 leaves one unchanged. */
int ipvs_msg_put_timeouts(struct nl_msg *m, const struct ipvs_timeouts *t);

/* A reply of a service dump (IPVS_CMD_NEW_SERVICE with a nested
 * IPVS_CMD_ATTR_SERVICE). "stats" may be NULL. */
int ipvs_msg_parse_service(struct nlmsghdr *h, struct ipvs_service *out,
			   struct ipvs_stats *stats);

/* A reply of a destination dump of a service of family "svc_family".
 * "info" may be NULL. */
int ipvs_msg_parse_dest(struct nlmsghdr *h, int svc_family,
			struct ipvs_dest_info *info, struct ipvs_dest *out);

/* A reply of IPVS_CMD_GET_DAEMON (one per running daemon). */
int ipvs_msg_parse_daemon(struct nlmsghdr *h, struct ipvs_sync_daemon *out);

/* A reply of IPVS_CMD_GET_INFO: version (0x010201 is 1.2.1) and the
 * size of the connection table. */
int ipvs_msg_parse_info(struct nlmsghdr *h, uint32_t *version,
			uint32_t *conn_tab_size);

/* A reply of IPVS_CMD_GET_CONFIG. */
int ipvs_msg_parse_timeouts(struct nlmsghdr *h, struct ipvs_timeouts *out);

/* The kernel's tunnel checksum flags from ours (ipvs_backend.h), and
 * back. */
uint16_t ipvs_msg_tun_flags_to_kernel(uint16_t ours);
uint16_t ipvs_msg_tun_flags_from_kernel(uint16_t kernel);

#endif
