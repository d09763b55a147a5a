/*
 * check_kw.h: private to the LVS keyword handlers (check_parser.c and the
 * check_kw_*.c files, grouped by theme).
 *
 * Every block of the LVS part works on one parse cursor, allocated when a
 * top-level block opens and freed when it closes: it says which virtual
 * server, real server, checker and url block the line being read belongs
 * to. A sub-block's open callback sets its field and returns the cursor;
 * its close callback clears the field, so a handler can tell its level
 * from which fields are set.
 */
#ifndef KA_CHECK_KW_H
#define KA_CHECK_KW_H

#include "check_alloc.h"
#include "check_parser.h"
#include "parser.h"

struct ck_cursor {
	struct check_conf *conf;
	struct global_data *gd;
	struct ck_vsg_conf *vsg;
	struct ck_virtual_server_conf *vs;
	struct ck_real_server_conf *rs;
	struct ck_checker_conf *ck;
	struct ck_checker_conf *ck_outer;	/* SMTP_CHECK around a host */
	struct ck_url *url;
	struct ck_track_file *tf;
};

#define CUR(obj) ((struct ck_cursor *)(obj))

#define CK_KW(fn) \
	int fn(struct cfg_parser *p, const struct cfg_words *w, void *obj)
#define CK_OPEN(fn) \
	void *fn(struct cfg_parser *p, const struct cfg_words *w, void *parent)
#define CK_CLOSE(fn) \
	int fn(struct cfg_parser *p, void *obj, void *parent)

/* check_kw_util.c: shared readers. Each reports its own errors (naming
 * the keyword and value) and returns 0 or -EINVAL, *out untouched on
 * failure. */
void ck_kw_mark(struct ck_cursor *cur, const struct cfg_words *w,
		struct ck_place *at);
/* The settings the line's level owns: the checker's, else the real
 * server's, else the virtual server's. */
struct ck_common *ck_kw_common(struct ck_cursor *cur);
int ck_kw_timer(struct cfg_parser *p, const struct cfg_words *w,
		size_t i, int64_t *out);
int ck_kw_port(struct cfg_parser *p, const struct cfg_words *w, size_t i,
	       uint16_t *out);
/* Same, 0 refused (a checker's ports). */
int ck_kw_port1(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		uint16_t *out);
int ck_kw_addr(struct cfg_parser *p, const struct cfg_words *w, size_t i,
	       struct ka_addr *out);
/* "script [user [group]]" from word 1. */
int ck_kw_script(struct ck_cursor *cur, struct cfg_parser *p,
		 const struct cfg_words *w, struct ck_script *s);
/* NAT|DR|TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum] */
int ck_kw_method(struct cfg_parser *p, const struct cfg_words *w,
		 struct ck_method *m);
/* A word that must be a bool, or no word at all (true). */
int ck_kw_bool(struct cfg_parser *p, const struct cfg_words *w, bool *out);

/* check_kw_common.c: the options virtual servers, real servers and
 * checkers share */
CK_KW(ck_kw_connect_timeout);
CK_KW(ck_kw_retry);
CK_KW(ck_kw_retry_old);
CK_KW(ck_kw_delay_before_retry);
CK_KW(ck_kw_warmup);
CK_KW(ck_kw_delay_loop);
CK_KW(ck_kw_alpha);
CK_KW(ck_kw_connect_ip);
CK_KW(ck_kw_connect_port);
CK_KW(ck_kw_bindto);
CK_KW(ck_kw_bind_port);
CK_KW(ck_kw_bind_if);
CK_KW(ck_kw_fwmark);
CK_KW(ck_kw_log_all_failures);

/* check_kw_vs.c */
CK_OPEN(ck_kw_vs_open);

CK_KW(ck_kw_vs_no_block);
CK_KW(ck_kw_lvs_sched);
CK_KW(ck_kw_lvs_method);
CK_KW(ck_kw_flag);
CK_KW(ck_kw_ops);
CK_KW(ck_kw_persistence_timeout);
CK_KW(ck_kw_persistence_granularity);
CK_KW(ck_kw_persistence_engine);
CK_KW(ck_kw_protocol);
CK_KW(ck_kw_ha_suspend);
CK_KW(ck_kw_smtp_alert);
CK_KW(ck_kw_virtualhost);
CK_KW(ck_kw_snmp_name);
CK_KW(ck_kw_omega);
CK_KW(ck_kw_quorum);
CK_KW(ck_kw_hysteresis);
CK_KW(ck_kw_quorum_up);
CK_KW(ck_kw_quorum_down);
CK_KW(ck_kw_ip_family);
CK_KW(ck_kw_sorry_server);
CK_KW(ck_kw_sorry_server_inhibit);
CK_KW(ck_kw_sorry_server_lvs_method);
CK_KW(ck_kw_inhibit_on_failure);

/* check_kw_rs.c */
CK_OPEN(ck_kw_rs_open);
CK_CLOSE(ck_kw_rs_close);
CK_KW(ck_kw_rs_no_block);
CK_KW(ck_kw_weight);
CK_KW(ck_kw_rs_lvs_method);
CK_KW(ck_kw_notify_up);
CK_KW(ck_kw_notify_down);
CK_KW(ck_kw_uthreshold);
CK_KW(ck_kw_lthreshold);

/* check_kw_checker.c: opening a checker block */
CK_OPEN(ck_kw_tcp_open);
CK_OPEN(ck_kw_http_open);
CK_OPEN(ck_kw_ssl_open);
CK_OPEN(ck_kw_misc_open);
CK_OPEN(ck_kw_smtp_open);
CK_OPEN(ck_kw_dns_open);
CK_OPEN(ck_kw_ping_open);
CK_OPEN(ck_kw_udp_open);
CK_OPEN(ck_kw_file_open);
CK_CLOSE(ck_kw_checker_close);

/* check_kw_http.c */
CK_OPEN(ck_kw_url_open);
CK_CLOSE(ck_kw_url_close);
CK_KW(ck_kw_url_path);
CK_KW(ck_kw_url_digest);
CK_KW(ck_kw_url_status_code);
CK_KW(ck_kw_url_virtualhost);
CK_KW(ck_kw_url_regex);
CK_KW(ck_kw_url_regex_no_match);
CK_KW(ck_kw_url_regex_options);
CK_KW(ck_kw_url_regex_stack);
CK_KW(ck_kw_url_regex_min_offset);
CK_KW(ck_kw_url_regex_max_offset);
CK_KW(ck_kw_http_protocol);
CK_KW(ck_kw_fast_recovery);
CK_KW(ck_kw_enable_sni);

/* check_kw_misc.c: MISC_CHECK, SMTP_CHECK, DNS_CHECK */
CK_KW(ck_kw_misc_path);
CK_KW(ck_kw_misc_timeout);
CK_KW(ck_kw_misc_dynamic);
CK_KW(ck_kw_misc_user);
CK_KW(ck_kw_helo_name);
CK_OPEN(ck_kw_smtp_host_open);
CK_CLOSE(ck_kw_smtp_host_close);
CK_KW(ck_kw_dns_type);
CK_KW(ck_kw_dns_name);

/* check_kw_udp.c: UDP_CHECK, FILE_CHECK */
CK_KW(ck_kw_udp_payload);
CK_KW(ck_kw_udp_require_reply);
CK_KW(ck_kw_udp_min_reply);
CK_KW(ck_kw_udp_max_reply);
CK_KW(ck_kw_file_track);
CK_KW(ck_kw_file_weight);

/* check_kw_top.c: virtual_server_group, SSL, track_file */
CK_OPEN(ck_kw_vsg_open);
CK_CLOSE(ck_kw_top_close);
CK_KW(ck_kw_vsg_line);
CK_KW(ck_kw_ssl_password);
CK_KW(ck_kw_ssl_ca);
CK_KW(ck_kw_ssl_certificate);
CK_KW(ck_kw_ssl_key);
CK_OPEN(ck_kw_ssl_block_open);
CK_OPEN(ck_kw_tf_open);
CK_KW(ck_kw_tf_file);
CK_KW(ck_kw_tf_weight);
CK_KW(ck_kw_tf_init_file);

#endif
