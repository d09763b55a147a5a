/*
 * vrrp_linkbeat.h: carrier state polled with ioctls, for interfaces whose
 * driver does not report carrier changes through netlink
 * (linkbeat_use_polling, linkbeat_interfaces). Each polled interface is
 * read once a second with its method: MII (the PHY's link bit), ETHTOOL
 * (ETHTOOL_GLINK) or IOCTL (IFF_RUNNING from SIOCGIFFLAGS); without a
 * method, or when the one asked for is not supported, the first of those
 * that works. For a polled interface the polled carrier replaces what
 * netlink says; its administrative state still comes from netlink.
 */
#ifndef KA_VRRP_LINKBEAT_H
#define KA_VRRP_LINKBEAT_H

#include <stdbool.h>

#include "event.h"

enum vrrp_linkbeat_method {
	VRRP_LINKBEAT_ANY,
	VRRP_LINKBEAT_MII,
	VRRP_LINKBEAT_ETHTOOL,
	VRRP_LINKBEAT_IOCTL,
};

#define VRRP_LINKBEAT_INTERVAL_US 1000000ULL

/* "MII", "ETHTOOL", "IOCTL" (any case) or NULL; ANY for anything else. */
enum vrrp_linkbeat_method vrrp_linkbeat_method(const char *name);

/*
 * Reads the carrier of "ifname" through the socket fd with method m
 * (ANY: MII, else ETHTOOL, else IOCTL). Returns 1 (carrier), 0 (none),
 * or a negative errno; *used says which method answered.
 */
int vrrp_linkbeat_read(int fd, const char *ifname,
		       enum vrrp_linkbeat_method m,
		       enum vrrp_linkbeat_method *used);

struct vrrp_linkbeat;

/* cb(ctx, ifname) after a polled carrier changed. Never NULL. */
struct vrrp_linkbeat *vrrp_linkbeat_new(struct event_loop *loop,
					void (*cb)(void *ctx,
						   const char *ifname),
					void *ctx);
/* Stops polling, frees, NULLs *lb; accepts NULL. */
void vrrp_linkbeat_free(struct vrrp_linkbeat **lb);

/* Forgets the interfaces polled (before a new set is given). */
void vrrp_linkbeat_clear(struct vrrp_linkbeat *lb);
/* Polls "ifname" (again: the method may change), reading it now. */
void vrrp_linkbeat_add(struct vrrp_linkbeat *lb, const char *ifname,
		       enum vrrp_linkbeat_method m);

/* The polled carrier: 1 or 0; -1 if the interface is not polled (or
 * could not be read: netlink's word stands). */
int vrrp_linkbeat_carrier(const struct vrrp_linkbeat *lb,
			  const char *ifname);

#endif
