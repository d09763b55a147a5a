/*
 * vrrp_parser.c: the keyword tables of the VRRP subsystem. A vrrp_instance
 * block becomes a struct vrrp_instance_conf on the struct vrrp_conf given
 * at registration; its keywords' handlers live in vrrp_kw_*.c.
 *
 * Keywords of work not done yet (track_bfd,
 * virtual routes...) are known and flagged CFG_KW_UNSUPPORTED, so that
 * "keepalived -t" says "not supported yet" rather than "unknown".
 */
#include "config.h"

#include <errno.h>

#include "vrrp_kw.h"
#include "vrrp_parser.h"

static const struct cfg_keyword no_keywords[] = { { NULL, NULL, NULL, 0 } };

/* Never entered: the parser skips an unsupported keyword's block. */
static const struct cfg_block vrrp_unsupported = {
	.name = "vrrp",
	.keywords = no_keywords,
};

#define UNSUPPORTED(name) \
	{ name, NULL, &vrrp_unsupported, CFG_KW_UNSUPPORTED }
#define KW(name, fn) { name, fn, NULL, 0 }
#define BLOCK(name, block) { name, NULL, block, 0 }

static const struct cfg_keyword auth_keywords[] = {
	KW("auth_type", vrrp_kw_auth_type),
	KW("auth_pass", vrrp_kw_auth_pass),
	{ NULL, NULL, NULL, 0 }
};

/* Sub-blocks write into the instance itself (no open callback). */
static const struct cfg_block auth_block = {
	.name = "authentication", .keywords = auth_keywords,
};
static const struct cfg_block vip_block = {
	.name = "virtual_ipaddress", .line = vrrp_kw_vip_line,
};
static const struct cfg_block evip_block = {
	.name = "virtual_ipaddress_excluded", .line = vrrp_kw_evip_line,
};
static const struct cfg_block peer_block = {
	.name = "unicast_peer", .line = vrrp_kw_peer_line,
};

static const struct cfg_block vroute_block = {
	.name = "virtual_routes", .line = vrrp_kw_vroute_line,
};
static const struct cfg_block vrule_block = {
	.name = "virtual_rules", .line = vrrp_kw_vrule_line,
};

static const struct cfg_block track_script_block = {
	.name = "track_script", .line = vrrp_kw_track_script_line,
};
static const struct cfg_block track_if_block = {
	.name = "track_interface", .line = vrrp_kw_track_if_line,
};
static const struct cfg_block track_file_block = {
	.name = "track_file", .line = vrrp_kw_track_file_line,
};
static const struct cfg_block track_proc_block = {
	.name = "track_process", .line = vrrp_kw_track_proc_line,
};

static const struct cfg_keyword instance_keywords[] = {
	KW("state", vrrp_kw_state),
	KW("interface", vrrp_kw_interface),
	KW("virtual_router_id", vrrp_kw_vrid),
	KW("priority", vrrp_kw_priority),
	KW("advert_int", vrrp_kw_advert_int),
	KW("version", vrrp_kw_version),
	KW("nopreempt", vrrp_kw_nopreempt),
	KW("preempt", vrrp_kw_preempt),
	KW("preempt_delay", vrrp_kw_preempt_delay),
	KW("debug", vrrp_kw_debug),
	KW("use_vmac", vrrp_kw_use_vmac),
	KW("vmac_xmit_base", vrrp_kw_vmac_xmit_base),
	KW("accept", vrrp_kw_accept),
	KW("no_accept", vrrp_kw_no_accept),
	KW("strict_mode", vrrp_kw_strict_mode),
	KW("dont_track_primary", vrrp_kw_dont_track_primary),
	KW("skip_check_adv_addr", vrrp_kw_skip_check_adv_addr),
	KW("check_unicast_src", vrrp_kw_check_unicast_src),
	KW("lower_prio_no_advert", vrrp_kw_lower_prio_no_advert),
	KW("higher_prio_send_advert", vrrp_kw_higher_prio_send_advert),
	KW("mcast_src_ip", vrrp_kw_mcast_src_ip),
	KW("unicast_src_ip", vrrp_kw_unicast_src_ip),
	KW("unicast_ttl", vrrp_kw_unicast_ttl),
	KW("garp_master_delay", vrrp_kw_garp_master_delay),
	KW("garp_master_repeat", vrrp_kw_garp_master_repeat),
	KW("garp_master_refresh", vrrp_kw_garp_master_refresh),
	KW("garp_master_refresh_repeat", vrrp_kw_garp_master_refresh_repeat),
	KW("garp_lower_prio_delay", vrrp_kw_garp_lower_prio_delay),
	KW("garp_lower_prio_repeat", vrrp_kw_garp_lower_prio_repeat),
	BLOCK("authentication", &auth_block),
	BLOCK("virtual_ipaddress", &vip_block),
	BLOCK("virtual_ipaddress_excluded", &evip_block),
	BLOCK("unicast_peer", &peer_block),
	BLOCK("virtual_routes", &vroute_block),
	BLOCK("virtual_rules", &vrule_block),
	BLOCK("track_script", &track_script_block),
	BLOCK("track_interface", &track_if_block),
	BLOCK("track_file", &track_file_block),
	BLOCK("track_process", &track_proc_block),
	KW("notify_master", vrrp_kw_notify_master),
	KW("notify_backup", vrrp_kw_notify_backup),
	KW("notify_fault", vrrp_kw_notify_fault),
	KW("notify_stop", vrrp_kw_notify_stop),
	KW("notify", vrrp_kw_notify),
	KW("notify_deleted", vrrp_kw_notify_deleted),
	KW("notify_master_rx_lower_pri", vrrp_kw_notify_master_rx_lower_pri),
	KW("notify_priority_changes", vrrp_kw_notify_priority_changes),
	KW("smtp_alert", vrrp_kw_smtp_alert),
	KW("linkbeat_use_polling", vrrp_kw_linkbeat_use_polling),
	UNSUPPORTED("vrf"),
	UNSUPPORTED("use_vmac_addr"),
	UNSUPPORTED("use_ipvlan"),
	UNSUPPORTED("native_ipv6"),
	UNSUPPORTED("track_bfd"),
	UNSUPPORTED("mcast_dst_ip"),
	UNSUPPORTED("track_src_ip"),
	UNSUPPORTED("unicast_fault_no_peer"),
	UNSUPPORTED("old_unicast_checksum"),
	UNSUPPORTED("garp_extra_if"),
	UNSUPPORTED("down_timer_adverts"),
	UNSUPPORTED("promote_secondaries"),
	UNSUPPORTED("kernel_rx_buf_size"),
	{ NULL, NULL, NULL, 0 }
};

/* A new instance on the list; NULL (its block skipped) without a name or
 * with a name already taken. */
static void *instance_open(struct cfg_parser *p, const struct cfg_words *w,
			   void *root)
{
	struct vrrp_conf *vc = root;
	struct vrrp_instance_conf *ic;

	if (w->count < 2) {
		cfg_report(p, CFG_ERROR, "vrrp_instance must have a name");
		return NULL;
	}
	if (vrrp_conf_find(vc, w->words[1])) {
		cfg_report(p, CFG_ERROR, "vrrp_instance %s is already defined, "
			   "ignoring this one", w->words[1]);
		return NULL;
	}
	if (w->count > 2)
		cfg_report(p, CFG_NOTE, "vrrp_instance %s: ignoring extra "
			   "words after the name", w->words[1]);
	ic = vrrp_instance_conf_new(w->words[1]);
	vrrp_kw_mark(ic, w, &ic->at);
	list_add_tail(&vc->instances, &ic->node);
	return ic;
}

static int instance_no_block(struct cfg_parser *p, const struct cfg_words *w,
			     void *root)
{
	(void)root;
	cfg_report(p, CFG_WARNING, "%s without a block - ignoring",
		   w->words[0]);
	return -EINVAL;
}

static const struct cfg_block instance_block = {
	.name = "vrrp_instance",
	.keywords = instance_keywords,
	.open = instance_open,
};

static const struct cfg_keyword script_keywords[] = {
	KW("script", vrrp_kw_script_cmd),
	KW("interval", vrrp_kw_script_interval),
	KW("timeout", vrrp_kw_script_timeout),
	KW("weight", vrrp_kw_script_weight),
	KW("rise", vrrp_kw_script_rise),
	KW("fall", vrrp_kw_script_fall),
	KW("user", vrrp_kw_script_user),
	KW("init_fail", vrrp_kw_script_init_fail),
	{ NULL, NULL, NULL, 0 }
};

static const struct cfg_block script_block = {
	.name = "vrrp_script",
	.keywords = script_keywords,
	.open = vrrp_kw_script_open,
};

static const struct cfg_keyword proc_keywords[] = {
	KW("process", vrrp_kw_proc_process),
	KW("param_match", vrrp_kw_proc_param_match),
	KW("quorum", vrrp_kw_proc_quorum),
	KW("quorum_max", vrrp_kw_proc_quorum_max),
	KW("delay", vrrp_kw_proc_delay),
	KW("fork_delay", vrrp_kw_proc_fork_delay),
	KW("terminate_delay", vrrp_kw_proc_terminate_delay),
	KW("weight", vrrp_kw_proc_weight),
	KW("full_command", vrrp_kw_proc_full_command),
	{ NULL, NULL, NULL, 0 }
};

static const struct cfg_block proc_block = {
	.name = "vrrp_track_process",
	.keywords = proc_keywords,
	.open = vrrp_kw_proc_open,
};

static const struct cfg_block sync_member_block = {
	.name = "group", .line = vrrp_kw_sync_member_line,
};

static const struct cfg_block sync_track_script_block = {
	.name = "track_script", .line = vrrp_kw_sync_track_script_line,
};
static const struct cfg_block sync_track_if_block = {
	.name = "track_interface", .line = vrrp_kw_sync_track_if_line,
};
static const struct cfg_block sync_track_file_block = {
	.name = "track_file", .line = vrrp_kw_sync_track_file_line,
};
static const struct cfg_block sync_track_proc_block = {
	.name = "track_process", .line = vrrp_kw_sync_track_proc_line,
};

static const struct cfg_keyword sync_keywords[] = {
	BLOCK("group", &sync_member_block),
	BLOCK("track_script", &sync_track_script_block),
	BLOCK("track_interface", &sync_track_if_block),
	KW("notify_master", vrrp_kw_sync_notify_master),
	KW("notify_backup", vrrp_kw_sync_notify_backup),
	KW("notify_fault", vrrp_kw_sync_notify_fault),
	KW("notify_stop", vrrp_kw_sync_notify_stop),
	KW("notify", vrrp_kw_sync_notify),
	KW("global_tracking", vrrp_kw_sync_global_tracking),
	KW("sync_group_tracking_weight", vrrp_kw_sync_tracking_weight),
	BLOCK("track_file", &sync_track_file_block),
	BLOCK("track_process", &sync_track_proc_block),
	KW("smtp_alert", vrrp_kw_sync_smtp_alert),
	KW("notify_priority_changes", vrrp_kw_sync_notify_priority_changes),
	UNSUPPORTED("track_bfd"),
	{ NULL, NULL, NULL, 0 }
};

static const struct cfg_block sync_block = {
	.name = "vrrp_sync_group",
	.keywords = sync_keywords,
	.open = vrrp_kw_sync_open,
};

static const struct cfg_keyword vrrp_top_keywords[] = {
	{ "vrrp_instance", instance_no_block, &instance_block,
	  CFG_KW_BLOCK_OPTIONAL },
	BLOCK("vrrp_sync_group", &sync_block),
	BLOCK("vrrp_script", &script_block),
	/* track_file and vrrp_track_file blocks are read by the checker's
	 * table (check_parser.c) for both children. */
	BLOCK("vrrp_track_process", &proc_block),
	UNSUPPORTED("garp_group"),
	UNSUPPORTED("interface_up_down_delays"),
	{ NULL, NULL, NULL, 0 }
};

int vrrp_parser_register(struct cfg_parser *p, struct vrrp_conf *vc)
{
	return cfg_parser_register(p, vrrp_top_keywords, vc, 0);
}
