/*
 * vrrp_announce.h: telling the link that the virtual addresses moved.
 * A new master sends, for each virtual address of an interface, gratuitous
 * ARPs (IPv4, through a packet socket, frames of vrrp_arp.h) and
 * unsolicited neighbour advertisements (IPv6, through an ICMPv6 raw socket
 * with hop limit 255 to ff02::1 from the virtual address, messages of
 * vrrp_ndisc.h).
 *
 * The timing is keepalived's, as parameters: a delay before the first
 * message, a number of times each address is announced, and the gap
 * between two messages of a kind on the interface (vrrp_garp_interval,
 * vrrp_gna_interval; 0 sends them all at once). It runs on the event
 * loop's timers, never sleeping, and an instance that stops being master
 * cancels what is still pending.
 *
 * The sending goes through struct vrrp_announce_io, so that a test can
 * record instead of sending. Nothing here logs: the caller's hook hears
 * about each message (keepalived logs "Sending gratuitous ARP on IF for
 * ADDR") and each failure.
 */
#ifndef KA_VRRP_ANNOUNCE_H
#define KA_VRRP_ANNOUNCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "event.h"

/* Where messages go; ctx is the senders' own. Return 0 or -errno. */
struct vrrp_announce_io {
	int (*send_arp)(void *ctx, int ifindex, const uint8_t *frame,
			size_t len);
	int (*send_na)(void *ctx, int ifindex, const struct ka_addr *vip,
		       const uint8_t *msg, size_t len);
	void *ctx;
};

/*
 * The process's two sockets: a packet socket (no protocol, so it never
 * receives) and an ICMPv6 raw socket that filters out every message it
 * would receive. Both non-blocking and close-on-exec, not bound to an
 * interface: each message names its interface.
 */
struct vrrp_announce_socks {
	int arp_fd;
	int na_fd;
};

/*
 * Opens both sockets; returns 0 or a negative errno (nothing left open).
 * A process with only IPv4 or only IPv6 addresses may open just one with
 * the functions below (they return the descriptor) and leave the other
 * at -1: sending on it then fails with -EBADF.
 */
int vrrp_announce_socks_open(struct vrrp_announce_socks *s);
int vrrp_announce_open_arp(void);
int vrrp_announce_open_na(void);
/* Closes what is open and sets the descriptors to -1. */
void vrrp_announce_socks_close(struct vrrp_announce_socks *s);
/* Fills *io with senders on these sockets (io->ctx = s). */
void vrrp_announce_socks_io(struct vrrp_announce_socks *s,
			    struct vrrp_announce_io *io);

/* keepalived's timing knobs, in microseconds. */
struct vrrp_announce_params {
	uint64_t delay_us;	/* before the first message */
	unsigned repeat;	/* times each address is announced */
	uint64_t garp_interval_us;	/* between two ARPs (0: no gap) */
	uint64_t gna_interval_us;	/* between two NAs (0: no gap) */
};

/*
 * Called after each message. "round" counts from 0 to repeat - 1; err is
 * 0 or the negative errno of the send (the announcement goes on). The
 * hook may cancel or restart the announcement, but not free it.
 */
typedef void vrrp_announce_hook(void *ctx, const struct ka_addr *vip,
				unsigned round, int err);

struct vrrp_announce;

/*
 * An announcer for one interface. "loop" and "io" (copied) must outlive
 * it; "mac" is the interface's (or the virtual MAC), copied.
 */
struct vrrp_announce *vrrp_announce_new(struct event_loop *loop,
					const struct vrrp_announce_io *io,
					int ifindex, const uint8_t mac[6]);
/* Cancels what is pending, frees, sets *a to NULL; accepts NULL. */
void vrrp_announce_free(struct vrrp_announce **a);

/*
 * Starts announcing "vips" (copied; IPv4 and IPv6 mixed) with "p",
 * replacing whatever announcement was still pending. "hook" may be NULL.
 * Returns 0, or -EINVAL (bad address family, no announcer) or the error
 * of the event loop; nothing is pending on failure.
 */
int vrrp_announce_start(struct vrrp_announce *a, const struct ka_addr *vips,
			size_t n, const struct vrrp_announce_params *p,
			vrrp_announce_hook *hook, void *ctx);

/* Drops every message not sent yet. Accepts NULL. */
void vrrp_announce_cancel(struct vrrp_announce *a);

/* True while messages remain to be sent. */
bool vrrp_announce_pending(const struct vrrp_announce *a);

/* Messages sent and failed since vrrp_announce_new(). */
struct vrrp_announce_counts {
	uint64_t arp_sent;
	uint64_t na_sent;
	uint64_t errors;
};
void vrrp_announce_get_counts(const struct vrrp_announce *a,
			      struct vrrp_announce_counts *c);

#endif
