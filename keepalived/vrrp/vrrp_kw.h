/*
 * vrrp_kw.h: private to the VRRP keyword handlers (vrrp_parser.c and the
 * vrrp_kw_*.c files, grouped by theme). Each handler reads one keyword
 * of a vrrp_instance block into the instance it is given.
 */
#ifndef KA_VRRP_KW_H
#define KA_VRRP_KW_H

#include "parser.h"
#include "vrrp_data.h"

#define IC(obj) ((struct vrrp_instance_conf *)(obj))

#define VRRP_KW(fn) \
	int fn(struct cfg_parser *p, const struct cfg_words *w, void *obj)

/* Records where the line being handled is, in *at. */
void vrrp_kw_mark(struct vrrp_instance_conf *ic, const struct cfg_words *w,
		  struct vrrp_place *at);

/* Reads the keyword's one value, an integer in min..max, into *out;
 * 0 or -EINVAL (reported, naming keyword and value). */
int vrrp_kw_uint(struct cfg_parser *p, const struct cfg_words *w,
		 unsigned long min, unsigned long max, unsigned long *out);

/* The first address seen sets the instance's family (keepalived's rule);
 * the check pass reports the addresses that differ. */
void vrrp_kw_family(struct vrrp_instance_conf *ic, int family);

/* vrrp_kw_instance.c */
VRRP_KW(vrrp_kw_state);
VRRP_KW(vrrp_kw_interface);
VRRP_KW(vrrp_kw_vrid);
VRRP_KW(vrrp_kw_priority);
VRRP_KW(vrrp_kw_advert_int);
VRRP_KW(vrrp_kw_version);
VRRP_KW(vrrp_kw_nopreempt);
VRRP_KW(vrrp_kw_preempt);
VRRP_KW(vrrp_kw_preempt_delay);
VRRP_KW(vrrp_kw_debug);
VRRP_KW(vrrp_kw_use_vmac);
VRRP_KW(vrrp_kw_vmac_xmit_base);
VRRP_KW(vrrp_kw_strict_mode);

/* vrrp_kw_switch.c: on/off settings */
VRRP_KW(vrrp_kw_accept);
VRRP_KW(vrrp_kw_no_accept);
VRRP_KW(vrrp_kw_dont_track_primary);
VRRP_KW(vrrp_kw_skip_check_adv_addr);
VRRP_KW(vrrp_kw_check_unicast_src);
VRRP_KW(vrrp_kw_lower_prio_no_advert);
VRRP_KW(vrrp_kw_higher_prio_send_advert);

/* vrrp_kw_addr.c */
VRRP_KW(vrrp_kw_vip_line);
VRRP_KW(vrrp_kw_evip_line);
VRRP_KW(vrrp_kw_mcast_src_ip);
VRRP_KW(vrrp_kw_unicast_src_ip);
VRRP_KW(vrrp_kw_peer_line);
VRRP_KW(vrrp_kw_unicast_ttl);
VRRP_KW(vrrp_kw_vroute_line);
VRRP_KW(vrrp_kw_vrule_line);

/* vrrp_kw_auth.c */
VRRP_KW(vrrp_kw_auth_type);
VRRP_KW(vrrp_kw_auth_pass);

/* vrrp_kw_garp.c */
VRRP_KW(vrrp_kw_garp_master_delay);
VRRP_KW(vrrp_kw_garp_master_repeat);
VRRP_KW(vrrp_kw_garp_master_refresh);
VRRP_KW(vrrp_kw_garp_master_refresh_repeat);
VRRP_KW(vrrp_kw_garp_lower_prio_delay);
VRRP_KW(vrrp_kw_garp_lower_prio_repeat);

/* vrrp_kw_track.c: the vrrp_script block, and the tracking lines */
void *vrrp_kw_script_open(struct cfg_parser *p, const struct cfg_words *w,
			  void *root);
VRRP_KW(vrrp_kw_script_cmd);
VRRP_KW(vrrp_kw_script_interval);
VRRP_KW(vrrp_kw_script_timeout);
VRRP_KW(vrrp_kw_script_weight);
VRRP_KW(vrrp_kw_script_rise);
VRRP_KW(vrrp_kw_script_fall);
VRRP_KW(vrrp_kw_script_user);
VRRP_KW(vrrp_kw_script_init_fail);
VRRP_KW(vrrp_kw_track_script_line);
VRRP_KW(vrrp_kw_track_if_line);
VRRP_KW(vrrp_kw_track_file_line);
VRRP_KW(vrrp_kw_track_proc_line);
VRRP_KW(vrrp_kw_linkbeat_use_polling);

/* vrrp_kw_proc.c: the vrrp_track_process block */
void *vrrp_kw_proc_open(struct cfg_parser *p, const struct cfg_words *w,
			void *root);
VRRP_KW(vrrp_kw_proc_process);
VRRP_KW(vrrp_kw_proc_param_match);
VRRP_KW(vrrp_kw_proc_quorum);
VRRP_KW(vrrp_kw_proc_quorum_max);
VRRP_KW(vrrp_kw_proc_delay);
VRRP_KW(vrrp_kw_proc_fork_delay);
VRRP_KW(vrrp_kw_proc_terminate_delay);
VRRP_KW(vrrp_kw_proc_weight);
VRRP_KW(vrrp_kw_proc_full_command);

/* vrrp_kw_notify.c */
VRRP_KW(vrrp_kw_notify_master);
VRRP_KW(vrrp_kw_notify_backup);
VRRP_KW(vrrp_kw_notify_fault);
VRRP_KW(vrrp_kw_notify_stop);
VRRP_KW(vrrp_kw_notify);
VRRP_KW(vrrp_kw_notify_deleted);
VRRP_KW(vrrp_kw_notify_master_rx_lower_pri);
VRRP_KW(vrrp_kw_notify_priority_changes);
VRRP_KW(vrrp_kw_smtp_alert);

/* vrrp_kw_sync.c: the vrrp_sync_group block */
void *vrrp_kw_sync_open(struct cfg_parser *p, const struct cfg_words *w,
			void *root);
VRRP_KW(vrrp_kw_sync_member_line);
VRRP_KW(vrrp_kw_sync_notify_master);
VRRP_KW(vrrp_kw_sync_notify_backup);
VRRP_KW(vrrp_kw_sync_notify_fault);
VRRP_KW(vrrp_kw_sync_notify_stop);
VRRP_KW(vrrp_kw_sync_notify);
VRRP_KW(vrrp_kw_sync_track_script_line);
VRRP_KW(vrrp_kw_sync_track_if_line);
VRRP_KW(vrrp_kw_sync_track_file_line);
VRRP_KW(vrrp_kw_sync_track_proc_line);
VRRP_KW(vrrp_kw_sync_smtp_alert);
VRRP_KW(vrrp_kw_sync_notify_priority_changes);
VRRP_KW(vrrp_kw_sync_global_tracking);
VRRP_KW(vrrp_kw_sync_tracking_weight);

#endif
