/*
 * vrrp_run.h: VRRP instances at run time, in the VRRP child. Each
 * instance is a state machine (vrrp_fsm.h) whose effects are carried out
 * here: adverts through the shared raw sockets (vrrp_socket.h, one per
 * interface, family and mode), virtual addresses through the netlink
 * command socket, gratuitous ARP / NA, timers on the child's event loop.
 *
 * The runtime does not read the configuration: the caller fills a struct
 * vrrp_run_params per instance. Pointers in it (the address lists) must
 * stay valid until vrrp_run_update() gives new ones or the instance goes.
 */
#ifndef KA_VRRP_RUN_H
#define KA_VRRP_RUN_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"
#include "event.h"
#include "json.h"
#include "list.h"
#include "netlink_daemon.h"
#include "vrrp_data.h"
#include "vrrp_fifo.h"
#include "vrrp_fsm.h"
#include "vrrp_notify.h"
#include "vrrp_proc_watch.h"
#include "vrrp_run_view.h"
#include "vrrp_rx.h"
#include "vrrp_script.h"
#include "vrrp_vroute.h"

#define VRRP_RUN_NAME_MAX 64
#define VRRP_RUN_PEERS_MAX 32
#define VRRP_RUN_TRACK_MAX 32

/* A track_script line: the script, and what its status does to us. */
struct vrrp_run_track_script {
	struct vrrp_script_params script;
	int weight;			/* 0: down means FAULT */
	bool reverse;
};

/* A track_interface line (the instance's own interface is tracked
 * apart, with dont_track_primary). */
struct vrrp_run_track_if {
	char ifname[IF_NAMESIZE];
	int weight;
	bool reverse;
};

/* A track_file line: the file (owned by the configuration), and what
 * its number does to us (vrrp_track_file_apply()). */
struct vrrp_run_track_file {
	const char *path;
	int weight;
	bool reverse;
};

/* A track_process line: the block (its spec owned by the configuration)
 * and what its status does to us, as for a script. */
struct vrrp_run_track_proc {
	struct vrrp_proc_params proc;
	int weight;
	bool reverse;
};

struct vrrp_run_params {
	char name[VRRP_RUN_NAME_MAX];
	char ifname[IF_NAMESIZE];
	int family;			/* of the adverts and the VIPs */
	uint8_t vrid;
	struct vrrp_fsm_conf fsm;	/* version, priority, interval... */
	uint8_t auth_type;		/* v2: enum vrrp_auth_type */
	char auth_pass[9];		/* 8 significant bytes */
	/* struct vrrp_vip (vrrp_data.h): in the adverts, and excluded */
	const struct list_node *vips;
	const struct list_node *vips_excluded; /* set, never advertised */
	/* use_vmac: the instance runs on a macvlan of ifname (vrrp_vmac.h)
	 * named vmac_name ("": vrrp.VRID); adverts on the base interface
	 * with vmac_xmit_base */
	bool use_vmac;
	char vmac_name[IF_NAMESIZE];
	bool vmac_xmit_base;
	/* no_accept in effect (vrrp_strict, not the address owner): while
	 * master, packets to and from the addresses are dropped */
	bool no_accept;
	/* virtual_routes and virtual_rules, set while master; NULL: none */
	const struct vrrp_vroutes *vroutes;
	struct ka_addr src;		/* family 0: the interface's own */
	struct ka_addr group;		/* family 0: 224.0.0.18 / ff02::12 */
	struct ka_addr peers[VRRP_RUN_PEERS_MAX]; /* unicast if npeers */
	size_t npeers;
	uint8_t min_ttl, max_ttl;	/* unicast receive */
	bool skip_check_adv_addr;
	bool check_unicast_src;
	bool dont_track_primary;	/* interface down is not a fault */
	/* announcements on becoming master: a burst at once, and another
	 * garp_delay_us later (garp_master_delay; 0: none) */
	uint64_t garp_delay_us;
	unsigned garp_repeat;		/* messages per address per burst */
	uint64_t garp_interval_us;	/* vrrp_garp_interval */
	uint64_t gna_interval_us;	/* vrrp_gna_interval */
	/* while master, a burst every garp_refresh_us (0: none) */
	uint64_t garp_refresh_us;
	unsigned garp_refresh_repeat;
	/* on a lower priority advert, a burst after this delay */
	uint64_t garp_lower_prio_delay_us;
	unsigned garp_lower_prio_repeat;
	const char *default_if;		/* VIPs without "dev" */
	struct vrrp_run_track_script track_scripts[VRRP_RUN_TRACK_MAX];
	size_t ntrack_scripts;
	struct vrrp_run_track_if track_ifs[VRRP_RUN_TRACK_MAX];
	size_t ntrack_ifs;
	struct vrrp_run_track_file track_files[VRRP_RUN_TRACK_MAX];
	size_t ntrack_files;
	struct vrrp_run_track_proc track_procs[VRRP_RUN_TRACK_MAX];
	size_t ntrack_procs;
	/* enum vrrp_notify_kind; cmd NULL: none */
	struct vrrp_notify_cmd notify[VRRP_NOTIFY_COUNT];
	bool notify_deleted;		/* removed by a reload: DELETED */
	bool notify_priority_changes;	/* <STATE>_PRIORITY FIFO lines */
	bool smtp_alert;		/* an e-mail per transition */
	char sync_group[VRRP_RUN_NAME_MAX];	/* "": in no group */
};

/* A vrrp_sync_group: its members name it in their sync_group. */
struct vrrp_run_sync_params {
	char name[VRRP_RUN_NAME_MAX];
	struct vrrp_notify_cmd notify[VRRP_NOTIFY_COUNT];
	bool smtp_alert;
};

struct vrrp_run;

struct vrrp_run_opts {
	bool release_on_stop;		/* false with -V */
	/* Told of every state an instance enters but INIT, after its
	 * notify scripts (lvs_sync_daemon); NULL: nobody. */
	void (*on_state)(void *ctx, const char *name, uint8_t vrid,
			 enum vrrp_state to);
	void *state_ctx;
	/* nftables (the no_accept firewall, vrrp_nft.h): table ("":
	 * keepalived), priority, counters */
	char nft_table[256];
	long nft_priority;
	bool nft_counters;
};

/* Never NULL; "loop" and "nl" must outlive it. */
struct vrrp_run *vrrp_run_new(struct event_loop *loop,
			      struct netlink_daemon *nl,
			      const struct vrrp_run_opts *opts);

/*
 * Starts an instance: opens (or shares) its socket and feeds the state
 * machine its start-up event. An instance that cannot run (no such
 * interface, no address to send from) starts in FAULT and recovers when
 * the interface table says it can. Returns 0, -EEXIST for a name already
 * running, or a negative errno for a socket that cannot be opened.
 */
int vrrp_run_add(struct vrrp_run *r, const struct vrrp_run_params *p);

/*
 * A reload: true if "p" can replace the running parameters of the
 * instance of the same name without a restart (same interface, family,
 * VRID, version, mode, authentication and addresses), in which case it
 * now uses them and keeps its state. false: the caller removes the
 * instance and adds it again.
 */
bool vrrp_run_update(struct vrrp_run *r, const struct vrrp_run_params *p);

/* Stops one instance as on shutdown (priority 0 if master, addresses
 * removed unless opts said otherwise). Returns 0 or -ENOENT. */
int vrrp_run_del(struct vrrp_run *r, const char *name);

/* Calls fn for each running instance's name (for reload diffs). */
void vrrp_run_each(struct vrrp_run *r, void (*fn)(const char *name,
						  void *ctx), void *ctx);

/*
 * The sync groups, before the instances that name them are added or
 * updated. A reload gives them again: a group keeps its state and takes
 * the new notify scripts; a group no longer given is forgotten once its
 * members have gone.
 */
void vrrp_run_set_syncs(struct vrrp_run *r,
			const struct vrrp_run_sync_params *g, size_t n);

/* The e-mail alerter smtp_alert uses (owned by the caller, who keeps it
 * until vrrp_run_free()); NULL: none. */
struct smtp_alerter;
void vrrp_run_set_alerter(struct vrrp_run *r, struct smtp_alerter *a);

/* Told of every state an instance (group false) or a sync group (group
 * true) enters but INIT, after its notify scripts (the SNMP traps);
 * NULL: nobody. */
typedef void vrrp_run_observer_fn(void *ctx, bool group, const char *name,
				  enum vrrp_state to);
void vrrp_run_set_observer(struct vrrp_run *r, vrrp_run_observer_fn *fn,
			   void *ctx);

/* The carrier poller (linkbeat_use_polling, linkbeat_interfaces): the
 * caller clears it and adds the interfaces to poll, at start and on
 * reload. */
struct vrrp_linkbeat;
struct vrrp_linkbeat *vrrp_run_linkbeat(struct vrrp_run *r);

/* Opens the notify FIFOs (at most VRRP_RUN_FIFO_MAX; those that cannot
 * be used are logged and left out). Called once, at start. */
#define VRRP_RUN_FIFO_MAX 2
void vrrp_run_open_fifos(struct vrrp_run *r,
			 const struct vrrp_fifo_params *fp, size_t n);

/* fifo_write_vrrp_states_on_reload: every instance's state, then every
 * group's, on the notify FIFOs (instances not started yet left out). */
void vrrp_run_fifo_states(struct vrrp_run *r);

/* Stops every instance (notify_stop scripts are given a few seconds to
 * finish), closes the sockets, frees, NULLs *r. Not from a callback. */
void vrrp_run_free(struct vrrp_run **r);

/* State of an instance by name, or VRRP_STATE_COUNT if unknown. */
enum vrrp_state vrrp_run_state(const struct vrrp_run *r, const char *name);
/* The state of a sync group, or VRRP_STATE_COUNT if unknown. */
enum vrrp_state vrrp_run_sync_state(const struct vrrp_run *r,
				    const char *name);
/* Its effective priority (tracking applied), or 0 if unknown. */
unsigned vrrp_run_priority(const struct vrrp_run *r, const char *name);

/* For the dumps (USR1, USR2, JSON). */
void vrrp_run_dump(const struct vrrp_run *r, FILE *f);
void vrrp_run_dump_stats(struct vrrp_run *r, FILE *f, bool clear);
void vrrp_run_dump_json(const struct vrrp_run *r, struct json *j);
/* The sync groups: state and running members. */
void vrrp_run_dump_syncs(const struct vrrp_run *r, FILE *f);
void vrrp_run_dump_syncs_json(const struct vrrp_run *r, struct json *j);

/* Calls fn for every running instance, in configuration order. */
void vrrp_run_views(const struct vrrp_run *r,
		    void (*fn)(const struct vrrp_run_view *v, void *ctx),
		    void *ctx);

/* Packets no instance on their socket had the VRID of, and since when
 * (monotonic) that count runs. */
uint64_t vrrp_run_vrid_errors(const struct vrrp_run *r, uint64_t *since_us);

#define VRRP_RUN_OBSERVERS_MAX 4
/* Returns 0, or -ENOSPC when VRRP_RUN_OBSERVERS_MAX are registered. */
int vrrp_run_observe(struct vrrp_run *r, const struct vrrp_run_observer *o);
/* Forgets the observer registered with this ctx. */
void vrrp_run_unobserve(struct vrrp_run *r, void *ctx);

#endif
