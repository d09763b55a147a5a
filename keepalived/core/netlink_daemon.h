/*
 * netlink_daemon.h: what a child process (VRRP, checker) calls to have a
 * netlink reflector: a command socket, a monitor socket on its event loop,
 * the interface table they keep, and the -a log of address changes.
 *
 *   struct netlink_daemon_opts o;
 *   netlink_daemon_opts_init(&o, &gd->vrrp_netlink_cmd,
 *                            &gd->vrrp_netlink_monitor, cmdline -a);
 *   netlink_daemon_start(loop, &o, &nd);
 *   netlink_daemon_subscribe(nd, my_cb, me);     VRRP tracking, ...
 *   netlink_daemon_static_apply(nd, conf->statics, gd->default_interface);
 *   ...
 *   netlink_daemon_static_remove(...); netlink_daemon_stop(&nd);
 *
 * Lines logged (operators grep for them, as keepalived words them):
 *   "Netlink reflector reports IP <addr> added to <if>"       (with -a)
 *   "Netlink reflector reports IP <addr> removed from <if>"   (with -a)
 *   "Netlink reports <if> up" / "... down", "Interface <if> added",
 *   "Interface <if> deleted", "Interface <old> renamed to <new>"
 */
#ifndef KA_NETLINK_DAEMON_H
#define KA_NETLINK_DAEMON_H

#include <stdbool.h>
#include <stdio.h>

#include "event.h"
#include "global_data.h"
#include "iftable.h"
#include "nl_cmd.h"
#include "nl_ops.h"
#include "nl_reflector.h"
#include "static_data.h"

struct netlink_daemon_opts {
	unsigned long cmd_rcvbuf;	/* 0: the system's */
	bool cmd_rcvbuf_force;
	unsigned long mon_rcvbuf;	/* 0: the system's */
	bool mon_rcvbuf_force;
	bool log_addresses;		/* -a, --address-monitoring */
};

/* From a child's pair of *_netlink_{cmd,monitor}_rcv_bufs keywords. */
void netlink_daemon_opts_init(struct netlink_daemon_opts *o,
			      const struct gd_rcvbuf *cmd,
			      const struct gd_rcvbuf *mon, bool log_addresses);

struct netlink_daemon;

/*
 * Opens both sockets, loads the interface table and starts monitoring on
 * "loop" (which must outlive it). Returns 0 and *out, or a negative errno
 * (logged).
 */
int netlink_daemon_start(struct event_loop *loop,
			 const struct netlink_daemon_opts *o,
			 struct netlink_daemon **out);
/* Stops monitoring, closes, frees and NULLs *nd; accepts NULL. */
void netlink_daemon_stop(struct netlink_daemon **nd);

struct iftable *netlink_daemon_iftable(struct netlink_daemon *nd);
struct nl_cmd *netlink_daemon_cmd(struct netlink_daemon *nd);
struct nl_reflector *netlink_daemon_reflector(struct netlink_daemon *nd);

/* Changes of the table reach cb (see iftable.h). Returns 0 or -EEXIST. */
int netlink_daemon_subscribe(struct netlink_daemon *nd, iftable_cb *cb,
			     void *ctx);
int netlink_daemon_unsubscribe(struct netlink_daemon *nd, iftable_cb *cb,
			       void *ctx);

/*
 * Adds (apply) or removes every static address, route and rule, logging
 * each failure with the kernel's message; an address already there is
 * not a failure on apply, nor one already gone on remove. Returns the
 * number of failures.
 */
unsigned netlink_daemon_static_apply(struct netlink_daemon *nd,
				     const struct static_data *sd,
				     const char *default_if);
unsigned netlink_daemon_static_remove(struct netlink_daemon *nd,
				      const struct static_data *sd,
				      const char *default_if);

/* The interface table and the reflector's counters, for the USR1 dump. */
void netlink_daemon_dump(struct netlink_daemon *nd, FILE *f);

#endif
