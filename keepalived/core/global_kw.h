/*
 * global_kw.h: private to the global_defs parser (global_parser.c and the
 * global_kw_*.c files that hold its longer handlers). Not for other
 * modules: they use global_parser.h.
 */
#ifndef KA_GLOBAL_KW_H
#define KA_GLOBAL_KW_H

#include <stdbool.h>
#include <stdint.h>

#include "global_data.h"
#include "parser.h"

#define GD(obj) ((struct global_data *)(obj))

#define GLOBAL_KW(fn) \
	int fn(struct cfg_parser *p, const struct cfg_words *w, void *obj)

/* Reports unless the keyword has between min and max arguments. */
int global_kw_args(struct cfg_parser *p, const struct cfg_words *w,
		   size_t min, size_t max);
/* A keyword without argument; extra words are noted and ignored, as
 * keepalived ignores them. */
int global_kw_flag(struct cfg_parser *p, const struct cfg_words *w,
		   bool *out);
/* An optional <BOOL> (missing means on). */
int global_kw_bool(struct cfg_parser *p, const struct cfg_words *w,
		   bool *out);
int global_kw_tristate(struct cfg_parser *p, const struct cfg_words *w,
		       enum gd_tristate *out);
/* Exactly one word, unsigned in [min, max]. */
int global_kw_uint(struct cfg_parser *p, const struct cfg_words *w,
		   unsigned long min, unsigned long max, unsigned *out);
int global_kw_ulong(struct cfg_parser *p, const struct cfg_words *w,
		    unsigned long min, unsigned long max, unsigned long *out);
int global_kw_int(struct cfg_parser *p, const struct cfg_words *w,
		  long min, long max, int *out);
/* Exactly one word, duplicated into *out. */
int global_kw_str(struct cfg_parser *p, const struct cfg_words *w,
		  char **out);
/* A path that must be absolute. */
int global_kw_abspath(struct cfg_parser *p, const struct cfg_words *w,
		      size_t i, char **out);
/* SCRIPT|FIFO [username [groupname]]. */
int global_kw_script(struct cfg_parser *p, const struct cfg_words *w,
		     struct gd_script *out);
/* Parses umask NUMBER or BITS (IRUSR|IWGRP...); 0 or -EINVAL. Pure. */
int global_kw_parse_umask(const char *text, mode_t *out);

/* Longer handlers, in global_kw_misc.c and global_kw_vrrp.c. */
GLOBAL_KW(global_kw_smtp_server);
GLOBAL_KW(global_kw_email_line);
GLOBAL_KW(global_kw_umask);
GLOBAL_KW(global_kw_lvs_sync_daemon);
GLOBAL_KW(global_kw_lvs_timeouts);
GLOBAL_KW(global_kw_lvs_flush_on_stop);
GLOBAL_KW(global_kw_vrrp_cpu_affinity);
GLOBAL_KW(global_kw_checker_cpu_affinity);
GLOBAL_KW(global_kw_bfd_cpu_affinity);
GLOBAL_KW(global_kw_max_auto_priority);
GLOBAL_KW(global_kw_script_user);
GLOBAL_KW(global_kw_reload_check_config);
GLOBAL_KW(global_kw_reload_file);
GLOBAL_KW(global_kw_reload_time_file);
GLOBAL_KW(global_kw_net_namespace_ipvs);
GLOBAL_KW(global_kw_linkbeat_line);

GLOBAL_KW(global_kw_mcast_group4);
GLOBAL_KW(global_kw_mcast_group6);
GLOBAL_KW(global_kw_default_interface);
GLOBAL_KW(global_kw_garp_extra_if);
GLOBAL_KW(global_kw_rx_bufs_policy);
GLOBAL_KW(global_kw_vrrp_iptables);
GLOBAL_KW(global_kw_vrrp_ipsets);
GLOBAL_KW(global_kw_nftables);
GLOBAL_KW(global_kw_nftables_ipvs);
GLOBAL_KW(global_kw_dynamic_interfaces);
GLOBAL_KW(global_kw_vrrp_version);

#endif
