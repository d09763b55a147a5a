/*
 * vrrp_data.h: the VRRP part of a configuration, as the parser fills it,
 * the validation pass (vrrp_check.h) completes and checks it, and the
 * VRRP child runs it. Plain data: no sockets, no logging.
 *
 * Lifetime: a struct vrrp_conf owns everything reachable from it (its
 * instances, their addresses, peers and strings, and the file names that
 * places point to); vrrp_conf_free() frees it all.
 *
 * Values the configuration may leave out are kept "unset" (a _set flag,
 * 0 or GD_UNSET) until vrrp_conf_complete() fills them in from global_defs
 * and keepalived's defaults; the runtime reads completed data only.
 */
#ifndef KA_VRRP_DATA_H
#define KA_VRRP_DATA_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"
#include "global_data.h"
#include "ipaddr.h"
#include "list.h"
#include "vrrp_fsm.h"
#include "vrrp_packet.h"
#include "vrrp_proc.h"

/* Where a value was configured; file is owned by the instance (see
 * vrrp_instance_conf_file()). line 0: not configured (a default). */
struct vrrp_vroutes;

struct vrrp_place {
	const char *file;
	unsigned line;
};

/* A virtual_ipaddress or virtual_ipaddress_excluded line. */
struct vrrp_vip {
	struct list_node node;
	struct ipaddr *ip;		/* owned */
	struct vrrp_place at;
};

/* A unicast_peer line: the address, and the TTL (hop limit) range a
 * received advert must have; -1: no bound. */
struct vrrp_peer {
	struct list_node node;
	struct ka_addr addr;
	int min_ttl;
	int max_ttl;
	struct vrrp_place at;
};

struct vrrp_auth_conf {
	enum vrrp_auth_type type;	/* VRRP_AUTH_NONE: none */
	char pass[VRRP_AUTH_DATA_LEN + 1];	/* NUL-terminated */
	bool pass_set;
	struct vrrp_place type_at, pass_at;
};

/* The GARP/NA timings of an instance (seconds and counts). */
struct vrrp_garp_conf {
	unsigned master_delay_s;
	unsigned master_repeat;
	unsigned master_refresh_s;	/* 0: no periodic refresh */
	unsigned master_refresh_repeat;
	unsigned lower_prio_delay_s;
	unsigned lower_prio_repeat;	/* 0: no GARP on a lower advert */
};

/* Bits of vrrp_garp_conf that the instance set itself. */
enum vrrp_garp_bits {
	VRRP_GARP_MASTER_DELAY = 1 << 0,
	VRRP_GARP_MASTER_REPEAT = 1 << 1,
	VRRP_GARP_MASTER_REFRESH = 1 << 2,
	VRRP_GARP_MASTER_REFRESH_REPEAT = 1 << 3,
	VRRP_GARP_LOWER_PRIO_DELAY = 1 << 4,
	VRRP_GARP_LOWER_PRIO_REPEAT = 1 << 5,
};

/*
 * A vrrp_script block. The script itself is kept as a struct gd_script
 * (command line, user, group, place), as the global scripts are, so that
 * the validation pass checks it the same way (config_check_script()).
 */
struct vrrp_script_conf {
	struct list_node node;		/* on vrrp_conf.scripts */
	char *name;
	struct gd_script cmd;		/* path: the command line; NULL: none */
	uint64_t interval_us;		/* default 1 s */
	uint64_t timeout_us;		/* 0: the interval, as keepalived */
	int weight;			/* -253..253 */
	bool reverse;
	unsigned rise, fall;		/* at least 1 */
	bool init_fail;
	/* set by the validation pass: not run, and not tracked */
	bool refused;
};

/* A vrrp_track_process block (vrrp_kw_proc.c; the spec is completed by
 * the validation pass, vrrp_check_proc.c). */
struct vrrp_proc_conf {
	struct list_node node;		/* on vrrp_conf.procs */
	char *name;
	struct vrrp_proc_spec spec;	/* spec.name NULL: no "process" */
	bool match_set;			/* param_match given */
	unsigned quorum;		/* default 1 */
	unsigned quorum_max;		/* default UINT_MAX */
	uint64_t fork_delay_us;
	uint64_t terminate_delay_us;
	int weight;			/* -254..254, default 1 */
	bool reverse;
	char *file;			/* the vrrp_track_process line */
	unsigned line;
	bool removed;			/* by the validation pass */
};

/* A line of track_script or track_interface. */
struct vrrp_track_conf {
	struct list_node node;
	char *name;			/* the script or the interface */
	bool weight_set;		/* else: the script's own (0 for an
					 * interface) */
	int weight;
	enum gd_tristate reverse;	/* GD_UNSET: the script's own */
	struct vrrp_place at;
	/* set by the validation pass: the line is not acted on (no such
	 * script, a refused script, a weight on the address owner) */
	bool ignored;
	/* track_script, filled by the validation pass */
	const struct vrrp_script_conf *script;
	/* track_process, filled by the validation pass */
	const struct vrrp_proc_conf *proc;
	/* a copy of a vrrp_sync_group's line, made by the validation pass */
	bool from_group;
	/* track_file, filled by vrrp_check_track_files(): the block's file
	 * (owned by the checker's configuration, same lifetime) and its
	 * init_file setting */
	const char *file_path;
	bool file_init;
	long file_init_value;
	bool file_init_overwrite;
};

/* The notify scripts of an instance; refused by the validation pass
 * (script security) means not run. */
enum vrrp_notify_kind {
	VRRP_NOTIFY_MASTER,
	VRRP_NOTIFY_BACKUP,
	VRRP_NOTIFY_FAULT,
	VRRP_NOTIFY_STOP,
	VRRP_NOTIFY_ANY,		/* "notify": every transition */
	VRRP_NOTIFY_DELETED,		/* notify_deleted (instances only) */
	VRRP_NOTIFY_RX_LOWER,		/* notify_master_rx_lower_pri */
	VRRP_NOTIFY_COUNT,
};

struct vrrp_notify_conf {
	struct gd_script script[VRRP_NOTIFY_COUNT];
	bool refused[VRRP_NOTIFY_COUNT];
	/* notify_deleted, with or without a script: a removed instance is
	 * reported as DELETED rather than FAULT */
	bool deleted;
	/* notify_priority_changes; GD_UNSET: global
	 * vrrp_notify_priority_changes */
	enum gd_tristate priority_changes;
	/* smtp_alert [BOOL]; GD_UNSET: global smtp_alert_vrrp, else
	 * smtp_alert, else off */
	enum gd_tristate smtp_alert;
};

#define VRRP_PRIO_DEFAULT 100
#define VRRP_ADVER_INT_DEFAULT_US 1000000ULL

struct vrrp_instance_conf {
	struct list_node node;
	char *name;
	struct vrrp_place at;		/* the vrrp_instance line */

	bool want_master;		/* state MASTER */
	struct vrrp_place state_at;
	char ifname[IF_NAMESIZE];	/* "": not configured */
	struct vrrp_place if_at;
	unsigned vrid;			/* 1..255; 0: not configured */
	struct vrrp_place vrid_at;
	unsigned priority;		/* 1..255; 0 until completed */
	struct vrrp_place prio_at;
	uint64_t adver_int_us;		/* as configured */
	uint16_t adver_int_cs;		/* completed: what is sent */
	struct vrrp_place adver_at;
	unsigned version;		/* 2 or 3; 0 until completed */
	struct vrrp_place version_at;
	bool nopreempt;
	struct vrrp_place nopreempt_at;
	uint64_t preempt_delay_us;
	struct vrrp_place preempt_delay_at;
	unsigned debug;			/* 0..4, not used by keepalived */

	struct vrrp_auth_conf auth;

	/* The instance's family is that of its first address among
	 * mcast_src_ip, unicast_src_ip, unicast_peer and
	 * virtual_ipaddress, in configuration order (as keepalived). */
	int family;			/* 0: no address yet */
	struct list_node vips;		/* struct vrrp_vip */
	struct list_node evips;		/* excluded: not in adverts */
	struct ka_addr mcast_src;	/* family 0: the interface's */
	struct vrrp_place mcast_src_at;
	struct ka_addr unicast_src;
	struct vrrp_place unicast_src_at;
	struct list_node peers;		/* struct vrrp_peer; empty: mcast */
	int unicast_ttl;		/* -1: default (255) */
	struct vrrp_place unicast_ttl_at;

	enum gd_tristate accept;
	/* strict_mode, else global vrrp_strict (vrrp_check_strict.c) */
	enum gd_tristate strict_mode;
	bool dont_track_primary;
	enum gd_tristate skip_check_adv_addr;
	enum gd_tristate check_unicast_src;
	struct vrrp_place check_unicast_src_at;
	enum gd_tristate lower_prio_no_advert;
	enum gd_tristate higher_prio_send_advert;

	struct vrrp_garp_conf garp;
	unsigned garp_set;		/* enum vrrp_garp_bits */

	struct list_node track_scripts;	/* struct vrrp_track_conf */
	struct list_node track_ifs;	/* struct vrrp_track_conf */
	struct list_node track_files;	/* struct vrrp_track_conf */
	struct list_node track_procs;	/* struct vrrp_track_conf */
	bool linkbeat_use_polling;	/* poll its own interface */
	struct vrrp_notify_conf notify;

	/* Stored, not acted on yet by the VRRP child. */
	bool use_vmac;
	char vmac_name[IF_NAMESIZE];	/* "": vrrp.<vrid> */
	bool vmac_xmit_base;

	struct vrrp_vroutes *vroutes;	/* virtual_routes and virtual_rules;
					 * NULL: none (vrrp_vroute.h) */

	char **files;			/* the places' file names */
	size_t nfiles;

	/* set by the validation pass: the vrrp_sync_group it belongs to */
	const struct vrrp_sync_conf *sync;
};

/* A vrrp_sync_group block: instances that change state together, and the
 * group's own notify scripts. */
struct vrrp_sync_conf {
	struct list_node node;		/* on vrrp_conf.syncs */
	char *name;
	char *file;			/* the vrrp_sync_group line */
	unsigned line;
	char **members;			/* the group block's names */
	size_t nmembers;
	struct vrrp_notify_conf notify;
	/* the group's track_script and track_interface lines, held in an
	 * instance of the group's name (never run): the validation pass
	 * copies them into every member */
	struct vrrp_instance_conf *tracking;
	bool tracking_weight;		/* sync_group_tracking_weight */
	/* set by the validation pass: not run (no member left) */
	bool removed;
};

struct vrrp_conf {
	struct list_node instances;	/* struct vrrp_instance_conf */
	struct list_node scripts;	/* struct vrrp_script_conf */
	struct list_node syncs;		/* struct vrrp_sync_conf */
	struct list_node procs;		/* struct vrrp_proc_conf */
};

/* Never NULL (allocation failure exits). */
struct vrrp_conf *vrrp_conf_new(void);
/* Frees everything and sets *c to NULL; accepts NULL. */
void vrrp_conf_free(struct vrrp_conf **c);

/* A new instance named "name", not yet on c's list; freed by
 * vrrp_instance_conf_free() unless added with list_add_tail(). */
struct vrrp_instance_conf *vrrp_instance_conf_new(const char *name);
/* Unlinks, frees and NULLs *ic; accepts NULL. */
void vrrp_instance_conf_free(struct vrrp_instance_conf **ic);
/* A copy of "file" owned by ic, the same pointer for the same name: the
 * parser's own copies do not outlive the parse. */
const char *vrrp_instance_conf_file(struct vrrp_instance_conf *ic,
				    const char *file);

struct vrrp_instance_conf *vrrp_conf_find(const struct vrrp_conf *c,
					  const char *name);

/* A new vrrp_script named "name" with keepalived's defaults, not yet on
 * c's list; freed by vrrp_script_conf_free() unless added to it. */
struct vrrp_script_conf *vrrp_script_conf_new(const char *name);
/* Unlinks, frees and NULLs *sc; accepts NULL. */
void vrrp_script_conf_free(struct vrrp_script_conf **sc);
struct vrrp_script_conf *vrrp_conf_find_script(const struct vrrp_conf *c,
					       const char *name);
/* The timeout a script runs with (its interval when not configured). */
uint64_t vrrp_script_conf_timeout_us(const struct vrrp_script_conf *sc);
/* Same settings (places aside). */
bool vrrp_script_conf_equal(const struct vrrp_script_conf *a,
			    const struct vrrp_script_conf *b);

/* A new vrrp_sync_group named "name", not yet on c's list; freed by
 * vrrp_sync_conf_free() unless added to it. */
struct vrrp_sync_conf *vrrp_sync_conf_new(const char *name);
/* Unlinks, frees and NULLs *sc; accepts NULL. */
void vrrp_sync_conf_free(struct vrrp_sync_conf **sc);
struct vrrp_sync_conf *vrrp_conf_find_sync(const struct vrrp_conf *c,
					   const char *name);

/* A new vrrp_track_process named "name" with keepalived's defaults, not
 * yet on c's list; freed by vrrp_proc_conf_free() unless added to it. */
struct vrrp_proc_conf *vrrp_proc_conf_new(const char *name);
/* Unlinks, frees and NULLs *pc; accepts NULL. */
void vrrp_proc_conf_free(struct vrrp_proc_conf **pc);
struct vrrp_proc_conf *vrrp_conf_find_proc(const struct vrrp_conf *c,
					   const char *name);

/* A new track_script / track_interface line; freed with its instance. */
struct vrrp_track_conf *vrrp_track_conf_new(const char *name);
size_t vrrp_conf_count(const struct vrrp_conf *c);

/*
 * Fills in what the configuration left out: the version (IPv6 is always
 * 3, else the instance's, else global vrrp_version), the priority (255
 * for "state MASTER", else 100), the interval in centiseconds, the GARP
 * timings and the switches that default to global_defs. Idempotent.
 */
void vrrp_conf_complete(struct vrrp_conf *c, const struct global_data *gd);

/* The state machine's configuration from a completed instance. */
void vrrp_instance_fsm_conf(const struct vrrp_instance_conf *ic,
			    struct vrrp_fsm_conf *out);

/* Same effective configuration (places and _set flags aside): for the
 * reload diff and the tests of the printout. Both completed. */
bool vrrp_instance_conf_equal(const struct vrrp_instance_conf *a,
			      const struct vrrp_instance_conf *b);

/* Writes the instances as vrrp_instance blocks that parse again to equal
 * instances (the completed values, all spelled out). */
void vrrp_conf_dump(const struct vrrp_conf *c, FILE *out);

#endif
