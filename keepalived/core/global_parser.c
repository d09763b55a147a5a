/*
 * global_parser.c: the keyword tables of global_defs and of the global
 * top-level keywords, with the one-line handlers. Handlers that read more
 * than one value live in global_kw_*.c.
 *
 * include_check is not here: the parser acts on it itself, in any block.
 *
 * Ranges are those keepalived 2.2.7 accepts (keepalived.conf(5), and its
 * behaviour where the page is silent), so that a configuration it takes
 * is taken here too, and one it rejects is rejected with file and line.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>

#include "global_kw.h"
#include "global_parser.h"

/* One-line handlers, generated: the keyword, the field, the range. */
#define KW_FLAG(fn, field) \
	static GLOBAL_KW(fn) { return global_kw_flag(p, w, &GD(obj)->field); }
#define KW_BOOL(fn, field) \
	static GLOBAL_KW(fn) { return global_kw_bool(p, w, &GD(obj)->field); }
#define KW_TRI(fn, field) \
	static GLOBAL_KW(fn) \
	{ return global_kw_tristate(p, w, &GD(obj)->field); }
#define KW_STR(fn, field) \
	static GLOBAL_KW(fn) { return global_kw_str(p, w, &GD(obj)->field); }
#define KW_UINT(fn, field, min, max) \
	static GLOBAL_KW(fn) \
	{ return global_kw_uint(p, w, min, max, &GD(obj)->field); }
#define KW_ULONG(fn, field, min, max) \
	static GLOBAL_KW(fn) \
	{ return global_kw_ulong(p, w, min, max, &GD(obj)->field); }
#define KW_SCRIPT(fn, field) \
	static GLOBAL_KW(fn) \
	{ return global_kw_script(p, w, &GD(obj)->field); }
/* A flag that also marks a "_set" field (a value given but possibly 0). */
#define KW_UINT_SET(fn, field, set, min, max) \
	static GLOBAL_KW(fn) \
	{ \
		int r = global_kw_uint(p, w, min, max, &GD(obj)->field); \
		if (r == 0) \
			GD(obj)->set = true; \
		return r; \
	}
#define KW_TIMER(fn, field, min, max) \
	static GLOBAL_KW(fn) \
	{ \
		if (global_kw_args(p, w, 1, 1) < 0) \
			return -EINVAL; \
		return cfg_get_timer_us(p, w, 1, min, max, &GD(obj)->field); \
	}

#define SECS_MAX_US 4294967295ULL	/* 4294.967295 s */

/* Top level. */
KW_STR(kw_net_namespace, net_namespace)
KW_FLAG(kw_namespace_with_ipsets, namespace_with_ipsets)
KW_STR(kw_instance, instance_name)
KW_FLAG(kw_use_pid_dir, use_pid_dir)
KW_FLAG(kw_linkbeat_use_polling, linkbeat_use_polling)
KW_UINT(kw_child_wait_time, child_wait_time_s, 1, 3600)

/* Files and processes. */
#define KW_PATH(fn, field) \
	static GLOBAL_KW(fn) \
	{ \
		if (global_kw_args(p, w, 1, 1) < 0) \
			return -EINVAL; \
		return global_kw_abspath(p, w, 1, &GD(obj)->field); \
	}
/* Not in keepalived 2.2.7: where USR1, USR2 and JSON write. */
KW_PATH(kw_state_dump_file, state_dump_file)
KW_PATH(kw_stats_dump_file, stats_dump_file)
KW_PATH(kw_json_dump_file, json_dump_file)
KW_STR(kw_tmp_config_directory, tmp_config_directory)
KW_STR(kw_config_save_dir, config_save_dir)
KW_FLAG(kw_process_names, process_names)
KW_STR(kw_process_name, process_name)
KW_STR(kw_vrrp_process_name, vrrp_proc.process_name)
KW_STR(kw_checker_process_name, checker_proc.process_name)
KW_STR(kw_bfd_process_name, bfd_proc.process_name)
KW_SCRIPT(kw_startup_script, startup_script)
KW_UINT(kw_startup_script_timeout, startup_script_timeout_s, 1, 1000)
KW_SCRIPT(kw_shutdown_script, shutdown_script)
KW_UINT(kw_shutdown_script_timeout, shutdown_script_timeout_s, 1, 1000)
KW_ULONG(kw_min_auto_priority_delay, min_auto_priority_delay_us, 1,
	 10000000)
KW_FLAG(kw_reload_repeat, reload_repeat)
KW_BOOL(kw_data_use_instance, data_use_instance)

static GLOBAL_KW(kw_random_seed)
{
	int r = global_kw_ulong(p, w, 0, UINT32_MAX, &GD(obj)->random_seed);

	if (r == 0) {
		GD(obj)->random_seed_set = true;
		/* from here on ${_RANDOM} repeats from run to run */
		cfg_parser_set_random_seed(p, GD(obj)->random_seed);
	}
	return r;
}

#define KW_PROC(pfx, proc) \
	static GLOBAL_KW(kw_##pfx##_priority) \
	{ \
		int r = global_kw_int(p, w, -20, 19, &GD(obj)->proc.priority); \
		if (r == 0) \
			GD(obj)->proc.priority_set = true; \
		return r; \
	} \
	KW_UINT(kw_##pfx##_rt_priority, proc.rt_priority, 1, 99) \
	KW_ULONG(kw_##pfx##_rlimit_rttime, proc.rlimit_rttime_us, 1, \
		 UINT32_MAX) \
	KW_FLAG(kw_##pfx##_no_swap, proc.no_swap)

KW_PROC(vrrp, vrrp_proc)
KW_PROC(checker, checker_proc)
KW_PROC(bfd, bfd_proc)

/* Mail. */
KW_STR(kw_router_id, router_id)
KW_STR(kw_email_from, email_from)
KW_STR(kw_smtp_helo_name, smtp_helo_name)
KW_ULONG(kw_smtp_connect_timeout, smtp_connect_timeout_s, 0, 4294)
KW_TRI(kw_smtp_alert, smtp_alert)
KW_TRI(kw_smtp_alert_vrrp, smtp_alert_vrrp)
KW_TRI(kw_smtp_alert_checker, smtp_alert_checker)
KW_BOOL(kw_checker_log_all_failures, checker_log_all_failures)
KW_FLAG(kw_no_email_faults, no_email_faults)
KW_FLAG(kw_no_checker_emails, no_checker_emails)
KW_FLAG(kw_rs_init_notifies, rs_init_notifies)

/* Scripts and fifos. */
KW_FLAG(kw_enable_script_security, enable_script_security)
KW_SCRIPT(kw_notify_fifo, notify_fifo.fifo)
KW_SCRIPT(kw_notify_fifo_script, notify_fifo.script)
KW_SCRIPT(kw_vrrp_notify_fifo, vrrp_notify_fifo.fifo)
KW_SCRIPT(kw_vrrp_notify_fifo_script, vrrp_notify_fifo.script)
KW_SCRIPT(kw_lvs_notify_fifo, lvs_notify_fifo.fifo)
KW_SCRIPT(kw_lvs_notify_fifo_script, lvs_notify_fifo.script)
KW_FLAG(kw_fifo_write_vrrp_states, fifo_write_vrrp_states_on_reload)

/* VRRP defaults. */
KW_UINT(kw_garp_master_delay, garp_master_delay_s, 0, 4294)
KW_UINT(kw_garp_master_repeat, garp_master_repeat, 1, UINT32_MAX)
KW_UINT_SET(kw_garp_lower_prio_delay, garp_lower_prio_delay_s,
	    garp_lower_prio_delay_set, 0, 4294)
KW_UINT_SET(kw_garp_lower_prio_repeat, garp_lower_prio_repeat,
	    garp_lower_prio_repeat_set, 0, INT32_MAX)
KW_UINT(kw_garp_master_refresh, garp_master_refresh_s, 0, UINT32_MAX)
KW_UINT(kw_garp_master_refresh_repeat, garp_master_refresh_repeat, 1,
	UINT32_MAX)
KW_UINT(kw_down_timer_adverts, down_timer_adverts, 1, 100)
KW_TIMER(kw_garp_interval, garp_interval_us, 1, SECS_MAX_US)
KW_TIMER(kw_gna_interval, gna_interval_us, 1, SECS_MAX_US)
KW_BOOL(kw_min_garp, min_garp)
KW_TRI(kw_lower_prio_no_advert, lower_prio_no_advert)
KW_TRI(kw_higher_prio_send_advert, higher_prio_send_advert)
KW_FLAG(kw_vrrp_check_unicast_src, vrrp_check_unicast_src)
KW_FLAG(kw_vrrp_skip_check_adv_addr, vrrp_skip_check_adv_addr)
KW_FLAG(kw_vrrp_strict, vrrp_strict)
KW_BOOL(kw_vrrp_notify_priority_changes, vrrp_notify_priority_changes)
KW_FLAG(kw_disable_local_igmp, disable_local_igmp)
KW_FLAG(kw_log_unknown_vrids, log_unknown_vrids)
KW_STR(kw_vmac_prefix, vmac_prefix)
KW_STR(kw_vmac_addr_prefix, vmac_addr_prefix)
KW_TIMER(kw_vrrp_startup_delay, vrrp_startup_delay_us, 1000, SECS_MAX_US)
KW_UINT(kw_rx_bufs_multiplier, rx_bufs_multiplier, 1, UINT32_MAX)

/* Firewall. */
KW_FLAG(kw_nftables_counters, nftables_counters)
KW_FLAG(kw_nftables_ifindex, nftables_ifindex)
KW_ULONG(kw_nftables_ipvs_start_fwmark, nftables_ipvs_start_fwmark, 1,
	 UINT32_MAX)

static GLOBAL_KW(kw_nftables_priority)
{
	long v;

	if (global_kw_args(p, w, 1, 1) < 0 ||
	    cfg_get_int(p, w, 1, INT32_MIN, INT32_MAX, &v) < 0)
		return -EINVAL;
	GD(obj)->nftables_priority = v;
	return 0;
}

static GLOBAL_KW(kw_nftables_ipvs_priority)
{
	long v;

	if (global_kw_args(p, w, 1, 1) < 0 ||
	    cfg_get_int(p, w, 1, INT32_MIN, INT32_MAX, &v) < 0)
		return -EINVAL;
	GD(obj)->nftables_ipvs_priority = v;
	return 0;
}

/* Netlink buffers. */
#define KW_RCVBUF(pfx, field) \
	KW_ULONG(kw_##pfx##_bufs, field.bytes, 0, UINT32_MAX) \
	KW_BOOL(kw_##pfx##_force, field.force)

KW_RCVBUF(vrrp_nl_cmd, vrrp_netlink_cmd)
KW_RCVBUF(vrrp_nl_mon, vrrp_netlink_monitor)
KW_RCVBUF(lvs_nl_cmd, lvs_netlink_cmd)
KW_RCVBUF(lvs_nl_mon, lvs_netlink_monitor)
KW_RCVBUF(proc_mon, process_monitor)

/* LVS. */
KW_FLAG(kw_lvs_flush, lvs_flush)

/* SNMP, DBus. */
KW_STR(kw_snmp_socket, snmp_socket)
KW_FLAG(kw_snmp_vrrp, snmp_vrrp)
KW_FLAG(kw_snmp_checker, snmp_checker)
KW_FLAG(kw_snmp_rfcv2, snmp_rfcv2)
KW_FLAG(kw_snmp_rfcv3, snmp_rfcv3)
KW_FLAG(kw_snmp_traps, snmp_traps)
KW_FLAG(kw_enable_dbus, enable_dbus)
KW_STR(kw_dbus_service_name, dbus_service_name)

static GLOBAL_KW(kw_snmp_rfc)
{
	GD(obj)->snmp_rfcv2 = true;
	return global_kw_flag(p, w, &GD(obj)->snmp_rfcv3);
}

static const struct cfg_block email_block = {
	.name = "notification_email",
	.line = global_kw_email_line,
};

#define KW(name, fn) { name, fn, NULL, 0 }
#define KW_DEPRECATED(name, fn) { name, fn, NULL, CFG_KW_DEPRECATED }

static const struct cfg_keyword global_defs_keywords[] = {
	KW("tmp_config_directory", kw_tmp_config_directory),
	KW("state_dump_file", kw_state_dump_file),
	KW("stats_dump_file", kw_stats_dump_file),
	KW("json_dump_file", kw_json_dump_file),
	KW("config_save_dir", kw_config_save_dir),
	KW("process_names", kw_process_names),
	KW("process_name", kw_process_name),
	KW("vrrp_process_name", kw_vrrp_process_name),
	KW("checker_process_name", kw_checker_process_name),
	KW("bfd_process_name", kw_bfd_process_name),
	KW("startup_script", kw_startup_script),
	KW("startup_script_timeout", kw_startup_script_timeout),
	KW("shutdown_script", kw_shutdown_script),
	KW("shutdown_script_timeout", kw_shutdown_script_timeout),
	{ "notification_email", NULL, &email_block, 0 },
	KW("notification_email_from", kw_email_from),
	KW("smtp_server", global_kw_smtp_server),
	KW("smtp_helo_name", kw_smtp_helo_name),
	KW("smtp_connect_timeout", kw_smtp_connect_timeout),
	KW("smtp_alert", kw_smtp_alert),
	KW("smtp_alert_vrrp", kw_smtp_alert_vrrp),
	KW("smtp_alert_checker", kw_smtp_alert_checker),
	KW("checker_log_all_failures", kw_checker_log_all_failures),
	KW("no_email_faults", kw_no_email_faults),
	KW("router_id", kw_router_id),
	KW("vrrp_mcast_group4", global_kw_mcast_group4),
	KW("vrrp_mcast_group6", global_kw_mcast_group6),
	KW("default_interface", global_kw_default_interface),
	KW("lvs_sync_daemon", global_kw_lvs_sync_daemon),
	KW("lvs_timeouts", global_kw_lvs_timeouts),
	KW("lvs_flush", kw_lvs_flush),
	KW("lvs_flush_on_stop", global_kw_lvs_flush_on_stop),
	KW("vrrp_garp_master_delay", kw_garp_master_delay),
	KW("vrrp_garp_master_repeat", kw_garp_master_repeat),
	KW("vrrp_garp_lower_prio_delay", kw_garp_lower_prio_delay),
	KW("vrrp_down_timer_adverts", kw_down_timer_adverts),
	KW("vrrp_garp_lower_prio_repeat", kw_garp_lower_prio_repeat),
	KW("vrrp_garp_master_refresh", kw_garp_master_refresh),
	KW("vrrp_garp_master_refresh_repeat", kw_garp_master_refresh_repeat),
	KW("vrrp_garp_interval", kw_garp_interval),
	KW("vrrp_gna_interval", kw_gna_interval),
	KW("vrrp_min_garp", kw_min_garp),
	KW("vrrp_garp_extra_if", global_kw_garp_extra_if),
	KW("vrrp_lower_prio_no_advert", kw_lower_prio_no_advert),
	KW("vrrp_higher_prio_send_advert", kw_higher_prio_send_advert),
	KW("vrrp_version", global_kw_vrrp_version),
	KW("nftables", global_kw_nftables),
	KW("nftables_priority", kw_nftables_priority),
	KW("nftables_counters", kw_nftables_counters),
	KW("nftables_ifindex", kw_nftables_ifindex),
	KW("nftables_ipvs", global_kw_nftables_ipvs),
	KW("nftables_ipvs_priority", kw_nftables_ipvs_priority),
	KW("nftables_ipvs_start_fwmark", kw_nftables_ipvs_start_fwmark),
	KW("vrrp_iptables", global_kw_vrrp_iptables),
	KW("vrrp_ipsets", global_kw_vrrp_ipsets),
	KW("disable_local_igmp", kw_disable_local_igmp),
	KW("vrrp_check_unicast_src", kw_vrrp_check_unicast_src),
	KW("vrrp_skip_check_adv_addr", kw_vrrp_skip_check_adv_addr),
	KW("vrrp_strict", kw_vrrp_strict),
	KW("vrrp_notify_priority_changes", kw_vrrp_notify_priority_changes),
	KW("max_auto_priority", global_kw_max_auto_priority),
	KW("min_auto_priority_delay", kw_min_auto_priority_delay),
	KW("vrrp_priority", kw_vrrp_priority),
	KW("checker_priority", kw_checker_priority),
	KW("bfd_priority", kw_bfd_priority),
	KW("vrrp_no_swap", kw_vrrp_no_swap),
	KW("checker_no_swap", kw_checker_no_swap),
	KW("bfd_no_swap", kw_bfd_no_swap),
	KW("vrrp_cpu_affinity", global_kw_vrrp_cpu_affinity),
	KW("checker_cpu_affinity", global_kw_checker_cpu_affinity),
	KW("bfd_cpu_affinity", global_kw_bfd_cpu_affinity),
	KW("vrrp_rt_priority", kw_vrrp_rt_priority),
	KW("checker_rt_priority", kw_checker_rt_priority),
	KW("bfd_rt_priority", kw_bfd_rt_priority),
	KW("vrrp_rlimit_rttime", kw_vrrp_rlimit_rttime),
	KW("checker_rlimit_rttime", kw_checker_rlimit_rttime),
	KW("bfd_rlimit_rttime", kw_bfd_rlimit_rttime),
	KW("snmp_socket", kw_snmp_socket),
	KW("enable_snmp_vrrp", kw_snmp_vrrp),
	KW_DEPRECATED("enable_snmp_keepalived", kw_snmp_vrrp),
	KW("enable_snmp_checker", kw_snmp_checker),
	KW("enable_snmp_rfc", kw_snmp_rfc),
	KW("enable_snmp_rfcv2", kw_snmp_rfcv2),
	KW("enable_snmp_rfcv3", kw_snmp_rfcv3),
	KW("enable_traps", kw_snmp_traps),
	KW("enable_dbus", kw_enable_dbus),
	KW("dbus_service_name", kw_dbus_service_name),
	KW("script_user", global_kw_script_user),
	KW("enable_script_security", kw_enable_script_security),
	KW("notify_fifo", kw_notify_fifo),
	KW("notify_fifo_script", kw_notify_fifo_script),
	KW("vrrp_notify_fifo", kw_vrrp_notify_fifo),
	KW("vrrp_notify_fifo_script", kw_vrrp_notify_fifo_script),
	KW("lvs_notify_fifo", kw_lvs_notify_fifo),
	KW("lvs_notify_fifo_script", kw_lvs_notify_fifo_script),
	KW("fifo_write_vrrp_states_on_reload", kw_fifo_write_vrrp_states),
	KW("dynamic_interfaces", global_kw_dynamic_interfaces),
	KW("vrrp_netlink_cmd_rcv_bufs", kw_vrrp_nl_cmd_bufs),
	KW("vrrp_netlink_cmd_rcv_bufs_force", kw_vrrp_nl_cmd_force),
	KW("vrrp_netlink_monitor_rcv_bufs", kw_vrrp_nl_mon_bufs),
	KW("vrrp_netlink_monitor_rcv_bufs_force", kw_vrrp_nl_mon_force),
	KW("lvs_netlink_cmd_rcv_bufs", kw_lvs_nl_cmd_bufs),
	KW("lvs_netlink_cmd_rcv_bufs_force", kw_lvs_nl_cmd_force),
	KW("lvs_netlink_monitor_rcv_bufs", kw_lvs_nl_mon_bufs),
	KW("lvs_netlink_monitor_rcv_bufs_force", kw_lvs_nl_mon_force),
	KW("process_monitor_rcv_bufs", kw_proc_mon_bufs),
	KW("process_monitor_rcv_bufs_force", kw_proc_mon_force),
	KW("vrrp_rx_bufs_policy", global_kw_rx_bufs_policy),
	KW("vrrp_rx_bufs_multiplier", kw_rx_bufs_multiplier),
	KW("rs_init_notifies", kw_rs_init_notifies),
	KW("no_checker_emails", kw_no_checker_emails),
	KW("umask", global_kw_umask),
	KW("vrrp_startup_delay", kw_vrrp_startup_delay),
	KW("log_unknown_vrids", kw_log_unknown_vrids),
	KW("vmac_prefix", kw_vmac_prefix),
	KW("vmac_addr_prefix", kw_vmac_addr_prefix),
	KW("random_seed", kw_random_seed),
	KW("reload_check_config", global_kw_reload_check_config),
	KW("reload_time_file", global_kw_reload_time_file),
	KW("reload_repeat", kw_reload_repeat),
	KW("reload_file", global_kw_reload_file),
	KW("data_use_instance", kw_data_use_instance),
	{ NULL, NULL, NULL, 0 }
};

static const struct cfg_block global_defs_block = {
	.name = "global_defs",
	.keywords = global_defs_keywords,
};

static const struct cfg_block linkbeat_block = {
	.name = "linkbeat_interfaces",
	.line = global_kw_linkbeat_line,
};

/* Skipped as a whole: the keyword is flagged CFG_KW_UNSUPPORTED. */
static const struct cfg_keyword no_keywords[] = { { NULL, NULL, NULL, 0 } };
static const struct cfg_block unsupported_block = {
	.name = "unsupported",
	.keywords = no_keywords,
};

#define UNSUPPORTED_BLOCK(name) \
	{ name, NULL, &unsupported_block, CFG_KW_UNSUPPORTED }

static const struct cfg_keyword global_top_keywords[] = {
	{ "global_defs", NULL, &global_defs_block, 0 },
	KW("net_namespace", kw_net_namespace),
	KW("net_namespace_ipvs", global_kw_net_namespace_ipvs),
	KW("namespace_with_ipsets", kw_namespace_with_ipsets),
	KW("instance", kw_instance),
	KW("use_pid_dir", kw_use_pid_dir),
	KW("linkbeat_use_polling", kw_linkbeat_use_polling),
	KW("child_wait_time", kw_child_wait_time),
	{ "linkbeat_interfaces", NULL, &linkbeat_block, 0 },
	/* Built with the VRRP issues (track groups need instances). The
	 * static_* blocks are static_parser.c's. */
	/* BFD has no subsystem here yet. */
	UNSUPPORTED_BLOCK("bfd_instance"),
	{ NULL, NULL, NULL, 0 }
};

int global_parser_register(struct cfg_parser *p, struct global_data *gd)
{
	return cfg_parser_register(p, global_top_keywords, gd, 0);
}

const struct cfg_keyword *global_parser_keywords(void)
{
	return global_defs_keywords;
}
