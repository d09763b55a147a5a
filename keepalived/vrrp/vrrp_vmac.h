/*
 * vrrp_vmac.h: use_vmac. An instance with use_vmac runs on a macvlan
 * interface (mode private) of its own interface, whose MAC address is the
 * VRRP virtual router MAC of RFC 5798 section 7.3: 00:00:5e:00:01:VRID
 * for IPv4, 00:00:5e:00:02:VRID for IPv6. It is named vrrp.VRID unless
 * use_vmac names it.
 *
 * Pure: the names, the MAC and the rtnetlink requests, built in memory
 * with libnl's message API; vrrp_run_vmac.c sends them.
 */
#ifndef KA_VRRP_VMAC_H
#define KA_VRRP_VMAC_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <netlink/msg.h>

#define VRRP_VMAC_LEN 6

/* The virtual router MAC for a VRID and family (AF_INET, AF_INET6). */
void vrrp_vmac_mac(int family, uint8_t vrid, uint8_t mac[VRRP_VMAC_LEN]);

/* "name" if not empty, else vrrp.VRID, into out. */
void vrrp_vmac_name(const char *name, uint8_t vrid, char out[IF_NAMESIZE]);

/*
 * RTM_NEWLINK creating the macvlan "name" on the interface of index
 * "base", in private mode (the VMACs of a host do not talk to each
 * other), with "mac", down. Returns 0 and *out (nlmsg_free()), or
 * -EINVAL / -ENOMEM.
 */
int vrrp_vmac_msg_create(const char *name, int base,
			 const uint8_t mac[VRRP_VMAC_LEN], struct nl_msg **out);

/*
 * RTM_NEWLINK telling the kernel not to generate an IPv6 link-local
 * address on the new VMAC "ifindex" (every router of the group would
 * generate the same one from the shared MAC; an IPv6 instance gives its
 * VMAC the base interface's). The kernel refuses the address generation
 * mode in the request that creates the link, and applies it after the
 * flags in one that also brings it up: hence three requests.
 */
int vrrp_vmac_msg_no_ll(int ifindex, struct nl_msg **out);
/* RTM_NEWLINK bringing "ifindex" up. */
int vrrp_vmac_msg_up(int ifindex, struct nl_msg **out);

/* RTM_DELLINK of the interface of index "ifindex". */
int vrrp_vmac_msg_delete(int ifindex, struct nl_msg **out);

#endif
