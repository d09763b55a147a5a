/*
 * global_data.h: what the global_defs block and the global top-level
 * keywords configure. Plain data: the parser fills it, the validation
 * pass reads it, and global_data_dump() prints it in configuration syntax.
 *
 * Every string and list is owned by the struct; global_data_free() frees
 * them all. A value that was never configured keeps the default set by
 * global_data_new(); "tri-state" booleans use enum gd_tristate so that
 * "unset" can be told apart from "off".
 */
#ifndef KA_GLOBAL_DATA_H
#define KA_GLOBAL_DATA_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

enum gd_tristate { GD_UNSET = -1, GD_OFF = 0, GD_ON = 1 };

/* A list of words (notification_email, vrrp_ipsets, cpu ids...). */
struct gd_strlist {
	size_t count;
	char **items;
};

/* A script or fifo with the user and group it runs or is owned as. */
struct gd_script {
	char *path;		/* NULL: not configured */
	char *user;
	char *group;
	char *file;		/* where it was configured, for the checks */
	unsigned line;		/* made after the parse */
};

/* Scheduling settings of one child process (vrrp, checker or bfd). */
struct gd_proc {
	char *process_name;
	bool priority_set;
	int priority;			/* nice, -20..19 */
	unsigned rt_priority;		/* 0: not real-time */
	unsigned long rlimit_rttime_us;	/* 0: default */
	bool no_swap;
	size_t cpu_count;
	unsigned *cpus;			/* cpu affinity */
	char *cpus_file;		/* where the affinity was set */
	unsigned cpus_line;
};

struct gd_notify_fifo {
	struct gd_script fifo;
	struct gd_script script;
};

struct gd_rcvbuf {
	unsigned long bytes;		/* 0: system default */
	bool force;
};

enum gd_rx_bufs_policy {
	GD_RX_BUFS_DEFAULT = 0,
	GD_RX_BUFS_MTU,
	GD_RX_BUFS_ADVERT,
	GD_RX_BUFS_SIZE,
};

struct gd_lvs_sync {
	char *interface;		/* NULL: no sync daemon */
	char *vrrp_instance;
	bool syncid_set;
	unsigned syncid;		/* 0..255 */
	unsigned maxlen;		/* 0: kernel default */
	unsigned port;			/* 0: 8848 */
	unsigned ttl;
	char *group;
};

struct gd_lvs_timeouts {
	unsigned long tcp, tcpfin, udp;	/* seconds; 0: unchanged */
};

struct gd_linkbeat_if {
	char *name;
	char *type;			/* MII, ETHTOOL, IOCTL or NULL */
	char *file;
	unsigned line;
};

struct global_data {
	/* Blocks seen by the VRRP and checker keyword tables: the parent
	 * starts a child only for a part of the configuration that is
	 * there. */
	unsigned vrrp_instances;
	unsigned virtual_servers;

	/* Top-level keywords. */
	char *net_namespace;
	bool net_namespace_ipvs_set;
	char *net_namespace_ipvs;	/* NULL with _set: default ns */
	bool namespace_with_ipsets;
	char *instance_name;
	bool use_pid_dir;
	bool linkbeat_use_polling;
	unsigned child_wait_time_s;
	size_t linkbeat_if_count;
	struct gd_linkbeat_if *linkbeat_ifs;

	/* Files and processes. */
	char *state_dump_file;		/* NULL: the defaults of dump_file.h */
	char *stats_dump_file;
	char *json_dump_file;
	char *tmp_config_directory;
	char *config_save_dir;
	bool process_names;
	char *process_name;
	struct gd_proc vrrp_proc, checker_proc, bfd_proc;
	struct gd_script startup_script, shutdown_script;
	unsigned startup_script_timeout_s, shutdown_script_timeout_s;
	int max_auto_priority;		/* -1: no warning; 0: off */
	unsigned long min_auto_priority_delay_us;
	bool umask_set;
	mode_t umask;
	unsigned long random_seed;
	bool random_seed_set;
	bool reload_check_config;
	char *reload_check_config_log;
	char *reload_time_file;
	bool reload_repeat;
	bool reload_file_set;
	char *reload_file;		/* NULL with _set: the default */
	bool data_use_instance;

	/* Mail alerts. */
	char *router_id;
	struct gd_strlist email;
	char *email_from;
	char *smtp_server;
	unsigned smtp_port;
	char *smtp_helo_name;
	unsigned long smtp_connect_timeout_s;
	enum gd_tristate smtp_alert, smtp_alert_vrrp, smtp_alert_checker;
	bool checker_log_all_failures;
	bool no_email_faults;
	bool no_checker_emails;
	bool rs_init_notifies;

	/* Scripts. */
	char *script_user;
	char *script_group;
	char *script_user_file;
	unsigned script_user_line;
	bool enable_script_security;
	struct gd_notify_fifo notify_fifo, vrrp_notify_fifo, lvs_notify_fifo;
	bool fifo_write_vrrp_states_on_reload;

	/* VRRP defaults. */
	struct in_addr mcast_group4;
	struct in6_addr mcast_group6;
	char *default_interface;
	unsigned garp_master_delay_s;
	unsigned garp_master_repeat;
	bool garp_lower_prio_delay_set;
	unsigned garp_lower_prio_delay_s;
	bool garp_lower_prio_repeat_set;
	unsigned garp_lower_prio_repeat;
	unsigned garp_master_refresh_s;
	unsigned garp_master_refresh_repeat;
	unsigned down_timer_adverts;
	uint64_t garp_interval_us;
	uint64_t gna_interval_us;
	bool min_garp;
	bool garp_extra_if_all;
	unsigned garp_extra_if_s;	/* 0: off */
	enum gd_tristate lower_prio_no_advert;
	enum gd_tristate higher_prio_send_advert;
	unsigned vrrp_version;
	bool vrrp_check_unicast_src;
	bool vrrp_skip_check_adv_addr;
	bool vrrp_strict;
	bool vrrp_notify_priority_changes;
	bool disable_local_igmp;
	bool log_unknown_vrids;
	char *vmac_prefix;
	char *vmac_addr_prefix;
	uint64_t vrrp_startup_delay_us;
	bool dynamic_interfaces;
	bool allow_if_changes;
	enum gd_rx_bufs_policy rx_bufs_policy;
	unsigned long rx_bufs_size;
	unsigned rx_bufs_multiplier;

	/* Firewall. */
	bool nftables;
	char *nftables_table;
	long nftables_priority;
	bool nftables_counters;
	bool nftables_ifindex;
	bool nftables_ipvs;
	char *nftables_ipvs_table;
	long nftables_ipvs_priority;
	unsigned long nftables_ipvs_start_fwmark;
	bool vrrp_iptables;
	char *iptables_in, *iptables_out;
	struct gd_strlist ipsets;

	/* Netlink socket buffers. */
	struct gd_rcvbuf vrrp_netlink_cmd, vrrp_netlink_monitor;
	struct gd_rcvbuf lvs_netlink_cmd, lvs_netlink_monitor;
	struct gd_rcvbuf process_monitor;

	/* LVS. */
	struct gd_lvs_sync lvs_sync;
	struct gd_lvs_timeouts lvs_timeouts;
	bool lvs_flush;
	bool lvs_flush_on_stop;
	bool lvs_flush_on_stop_vs;

	/* SNMP and DBus. */
	char *snmp_socket;
	bool snmp_vrrp, snmp_checker, snmp_rfcv2, snmp_rfcv3, snmp_traps;
	bool enable_dbus;
	char *dbus_service_name;
};

/* Never NULL (allocation failure exits). Defaults as keepalived's. */
struct global_data *global_data_new(void);
/* Frees everything and sets *gd to NULL; accepts NULL. */
void global_data_free(struct global_data **gd);
/* Writes the configured values as a global_defs block that parses again. */
void global_data_dump(const struct global_data *gd, FILE *out);

/* Helpers for the parser. */
void global_data_strlist_add(struct gd_strlist *l, const char *s);
void global_data_strlist_clear(struct gd_strlist *l);
void global_data_script_clear(struct gd_script *s);

#endif
