/*
 * vrrp_run_internal.h: what the files of the VRRP runtime share
 * (vrrp_run.c: instances; vrrp_run_fx.c: the state machine's effects;
 * vrrp_run_rx.c: sockets and receiving). Not for other modules, but
 * for the SNMP tables (vrrp_snmp*.c), which read it and write nothing.
 */
#ifndef KA_VRRP_RUN_INTERNAL_H
#define KA_VRRP_RUN_INTERNAL_H

#include "ratelimit.h"
#include "vrrp_announce.h"
#include "vrrp_data.h"
#include "vrrp_packet.h"
#include "vrrp_run.h"
#include "vrrp_linkbeat.h"
#include "vrrp_tfile.h"
#include "vrrp_track.h"
#include "vrrp_tx.h"

/* A VRID is one octet: a received advert finds its instances by it. */
#define VRRP_SOCK_VRIDS 256

/* One raw socket, shared by the instances of one interface, family and
 * mode (multicast group or unicast). */
struct vrrp_sock {
	struct list_node node;		/* on vrrp_run.socks */
	struct vrrp_run *run;
	int fd;
	int family;
	int ifindex;
	bool ah;			/* IPv4: receives protocol 51 */
	struct ka_addr group;		/* family 0: unicast */
	unsigned users;
	struct event *ev_read;
	/* The instances using it, by VRID: a packet is handed to those of
	 * its VRID only, so that receiving does not cost O(instances). */
	struct list_node by_vrid[VRRP_SOCK_VRIDS];
};

struct vrrp_inst {
	struct list_node node;		/* on vrrp_run.insts */
	struct vrrp_run *run;
	struct vrrp_run_params p;
	struct vrrp_fsm fsm;
	struct vrrp_stats stats;
	struct vrrp_rx_state rx;
	struct vrrp_tx_state tx;
	struct vrrp_sock *sock;
	struct list_node sock_node;	/* on sock->by_vrid[p.vrid] */
	int ifindex;
	struct ka_addr src;		/* what we send from */
	struct ka_addr *adv;		/* the addresses our adverts list */
	size_t nadv;
	bool addresses_set;
	bool faulted;
	bool started;			/* VRRP_EV_STARTUP fed */
	/* tracking: the objects, in the order of the params, sized to
	 * their counts by vrrp_run_track_join() (most instances track
	 * nothing: VRRP_RUN_TRACK_MAX of each was 2 KiB per instance) */
	struct vrrp_script **scripts;
	struct vrrp_track_item *script_items;
	struct vrrp_track_item *if_items;
	struct vrrp_tfile **files;	/* an entry NULL: reads 0 */
	struct vrrp_proc **procs;
	struct vrrp_track_item *proc_items;
	struct event *t_adver;
	struct event *t_down;
	struct event *t_preempt;
	struct event *t_garp;		/* the second burst */
	struct event *t_refresh;	/* garp_master_refresh */
	struct event *t_lower;		/* garp_lower_prio_delay */
	struct vrrp_announce *announce;
	/* use_vmac (vrrp_run_vmac.c) */
	char vmac_if[IF_NAMESIZE];	/* its name once known */
	uint8_t vmac_mac[6];
	int vmac_ifindex;		/* 0: none (yet) */
	int announce_ifindex;		/* the one in->announce uses */
	bool nft_warned;		/* a build without nftables said so */
	/* for outside readers (vrrp_run_view.c) */
	struct ka_addr master;		/* last advert's source, or ours */
	uint64_t up_since_us;		/* left INIT; 0: in INIT */
	uint64_t stats_since_us;	/* counters started or cleared */
	bool saw_lower;			/* last advert had a lower priority */
	enum vrrp_run_master_reason master_reason;
	enum vrrp_rx_counter last_proto_err;
	struct ratelimit rx_rl;		/* drop lines */
	struct ratelimit info_rl;	/* "received lower priority" lines */
};

struct vrrp_run {
	struct event_loop *loop;
	struct netlink_daemon *nl;
	struct vrrp_run_opts opts;
	struct vrrp_announce_socks asocks;
	struct vrrp_announce_io aio;
	struct list_node insts;
	struct list_node socks;
	struct vrrp_script_set *scripts;
	struct vrrp_tfile_set *tfiles;
	struct vrrp_proc_set *procs;
	struct vrrp_notifier *notifier;
	struct list_node groups;	/* struct vrrp_group */
	struct vrrp_fifo *fifos[VRRP_RUN_FIFO_MAX];
	size_t nfifos;
	bool stopping;			/* the daemon stops (-V applies) */
	struct smtp_alerter *alerter;	/* not ours; NULL: none */
	struct vrrp_linkbeat *linkbeat;	/* polled carriers */
	struct vrrp_run_nft *nft;	/* the no_accept firewall */
	vrrp_run_observer_fn *observer;	/* NULL: none */
	void *observer_ctx;
	struct vrrp_run_observer observers[VRRP_RUN_OBSERVERS_MAX];
	size_t nobservers;
	uint64_t vrid_errors;		/* packets of no instance's VRID */
	uint64_t vrid_errors_since_us;
};

/* vrrp_run.c: the running instance of that name, or NULL (also for the
 * readers of the runtime: the SNMP tables, vrrp_snmp*.c). */
struct vrrp_inst *vrrp_run_find(const struct vrrp_run *r, const char *name);

/* vrrp_run_view.c: the instance as observers see it, and telling them
 * of a transition (after its effects) or of a refused advert. */
void vrrp_run_view_of(const struct vrrp_inst *in, struct vrrp_run_view *v);
void vrrp_run_observe_state(struct vrrp_inst *in, enum vrrp_state from,
			    enum vrrp_state to, const char *reason);
void vrrp_run_observe_rx_drop(struct vrrp_inst *in, const struct ka_addr *src,
			      enum vrrp_rx_counter counter);

/* vrrp_run.c: carrier up: polled if the interface is, else IFF_RUNNING
 * from netlink. */
bool vrrp_run_carrier(const struct vrrp_run *r, const struct iface *ifp);

/* vrrp_run_fx.c: the e-mail of a transition (instance, or group). */
void vrrp_run_smtp(struct vrrp_run *r, bool group, const char *name,
		   enum vrrp_state to);

/* vrrp_run_fx.c */
extern const struct vrrp_fsm_ops vrrp_run_fx_ops;
/* Cancels the timers and announcements of an instance. */
void vrrp_run_fx_quiet(struct vrrp_inst *in);
/* A reload changed only the addresses of an instance: a master removes
 * the ones gone and adds the new ones (those in both lists stay put)
 * and announces them; in->p takes next's lists. */
void vrrp_run_fx_vips_reload(struct vrrp_inst *in,
			     const struct vrrp_run_params *next);

/* vrrp_run_rx.c */
int vrrp_run_sock_attach(struct vrrp_inst *in);
void vrrp_run_sock_detach(struct vrrp_inst *in);
void vrrp_run_sock_close_all(struct vrrp_run *r);

/* vrrp_run.c: the multicast group the instance sends to and listens on
 * (vrrp_mcast_group4/6 or the RFC's); family 0 for a unicast instance. */
struct ka_addr vrrp_run_group(const struct vrrp_inst *in);

/* vrrp_run.c: why the instance's own interface cannot be used, or NULL
 * (finding its index, source address, socket on the way). */
const char *vrrp_run_interface_fault(struct vrrp_inst *in);

/* vrrp_run_track.c: the interface and the tracked objects decide FAULT
 * (or not), the effective priority, and when a new instance starts. */
void vrrp_run_check_interface(struct vrrp_inst *in);
/* Joins / leaves the scripts the instance tracks; _free, once the
 * instance is off the run's list, frees what join allocated. */
void vrrp_run_track_join(struct vrrp_inst *in);
void vrrp_run_track_leave(struct vrrp_inst *in);
void vrrp_run_track_free(struct vrrp_inst *in);
/* Whether the interface named is one the instance watches. */
bool vrrp_run_track_watches(const struct vrrp_inst *in, const char *ifname);
/* The same tracking lines (a reload keeps the instance only then). */
bool vrrp_run_track_same(const struct vrrp_run_params *a,
			 const struct vrrp_run_params *b);

/* vrrp_run_fx.c: the notify scripts and FIFO lines of a transition. */
void vrrp_run_notify(struct vrrp_inst *in, enum vrrp_state to,
		     bool stopping);
/* A master received a lower priority advert: the FIFO line and
 * notify_master_rx_lower_pri (only if that is configured). */
void vrrp_run_notify_rx_lower(struct vrrp_inst *in);
/* The effective priority changed: with notify_priority_changes, a
 * MASTER_PRIORITY or BACKUP_PRIORITY line on the FIFOs. */
void vrrp_run_notify_priority(struct vrrp_inst *in);
/* The notify words of a state: STOP for INIT when stopping, else as
 * keepalived reports a deleted instance, FAULT. */
const char *vrrp_run_notify_word(enum vrrp_state to, bool stopping,
				 enum vrrp_notify_kind *kind,
				 const char **kw);

/* vrrp_run_vroute.c: virtual routes and rules. Sets (add) or removes
 * those of in->p; a reload while master changes only the lines that
 * differ between in->p's and "next" (call before in->p changes). */
void vrrp_run_vroutes_set(struct vrrp_inst *in, bool add);
void vrrp_run_vroutes_reload(struct vrrp_inst *in,
			     const struct vrrp_vroutes *next);

/* vrrp_run_vmac.c: use_vmac. _up makes (or finds) the VMAC on "base",
 * returning 0 or a negative errno (logged); _down deletes it. */
int vrrp_run_vmac_up(struct vrrp_inst *in, const struct iface *base);
void vrrp_run_vmac_down(struct vrrp_inst *in);
/* Where the VIPs without "dev" go, and where adverts go out. */
const char *vrrp_run_vip_ifname(const struct vrrp_inst *in);
const char *vrrp_run_xmit_ifname(const struct vrrp_inst *in);
/* Same VMAC settings (a reload keeps the instance only then). */
bool vrrp_run_vmac_same(const struct vrrp_run_params *a,
			const struct vrrp_run_params *b);

/* vrrp_run_nft.c: the no_accept firewall. _vips adds the instance's
 * addresses to the drop sets (making the table first) or removes them;
 * _free deletes the tables made if "remove". */
struct vrrp_run_nft *vrrp_run_nft_new(const struct vrrp_run_opts *opts);
void vrrp_run_nft_vips(struct vrrp_inst *in, bool add);
/* The VMAC's IGMP / MLD / router solicitation rules: its entries added
 * once it exists, deleted before it goes. */
void vrrp_run_nft_vmac(struct vrrp_inst *in, bool add);
void vrrp_run_nft_free(struct vrrp_run_nft **n, bool remove);

/* vrrp_run_sync.c: the sync groups (vrrp_sync.h's rules). */
struct vrrp_group {
	struct list_node node;		/* on vrrp_run.groups */
	struct vrrp_run_sync_params p;
	enum vrrp_state state;		/* INIT until a member starts */
	bool syncing;			/* members follow one: not again */
	bool given;			/* in the last vrrp_run_set_syncs() */
};
/* The first member to start gives a stopped group its state. */
void vrrp_run_sync_starts(struct vrrp_inst *in, enum vrrp_state to);
/* A member changed state: the others follow, the group notifies; or,
 * starting, it joins its group's state. */
void vrrp_run_sync_changed(struct vrrp_inst *in, enum vrrp_state from,
			   enum vrrp_state to);
/* Whether a member whose own fault cleared may leave FAULT. */
bool vrrp_run_sync_may_leave_fault(const struct vrrp_inst *in);
/* A member stopped (after its list_del()); the last one stops the
 * group. */
void vrrp_run_sync_left(struct vrrp_run *r, const char *group);
void vrrp_run_sync_free_all(struct vrrp_run *r);
/* Writes a line on every notify FIFO. */
void vrrp_run_fifo_line(struct vrrp_run *r, bool group, const char *name,
			const char *state, unsigned priority);

#endif
