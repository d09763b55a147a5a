/*
 * check_parser.c: the keyword tables of the LVS part of the
 * configuration. Handlers live in check_kw_*.c, grouped by theme; the
 * parse cursor they share is described in check_kw.h.
 */
#include "config.h"

#include "check_kw.h"
#include "check_parser.h"

static const struct cfg_keyword no_keywords[] = { { NULL, NULL, NULL, 0 } };

/* Never entered: the parser skips an unsupported keyword's block. */
static const struct cfg_block check_unsupported = {
	.name = "check",
	.keywords = no_keywords,
};

#define UNSUPPORTED(name) \
	{ name, NULL, &check_unsupported, CFG_KW_UNSUPPORTED }
#define KW(name, fn) { name, fn, NULL, 0 }
#define BLOCK(name, block) { name, NULL, block, 0 }
#define END { NULL, NULL, NULL, 0 }

/* keepalived.conf(5) lists tls_compliant and FILE_CHECK's dynamic, but
 * keepalived 2.2.7 calls both unknown keywords, and so do we. */

/* What every checker but MISC_CHECK and FILE_CHECK has before alpha. */
#define CONNECTION_KEYWORDS \
	KW("connect_ip", ck_kw_connect_ip), \
	KW("connect_port", ck_kw_connect_port), \
	KW("bindto", ck_kw_bindto), \
	KW("bind_port", ck_kw_bind_port), \
	KW("bind_if", ck_kw_bind_if), \
	KW("fwmark", ck_kw_fwmark)

/* From alpha onwards: every checker but FILE_CHECK. */
#define CHECKER_KEYWORDS \
	KW("alpha", ck_kw_alpha), \
	KW("connect_timeout", ck_kw_connect_timeout), \
	KW("retry", ck_kw_retry), \
	KW("delay_before_retry", ck_kw_delay_before_retry), \
	KW("warmup", ck_kw_warmup), \
	KW("delay_loop", ck_kw_delay_loop), \
	KW("log_all_failures", ck_kw_log_all_failures)

static const struct cfg_keyword tcp_keywords[] = {
	CONNECTION_KEYWORDS, CHECKER_KEYWORDS, END
};

static const struct cfg_keyword url_keywords[] = {
	KW("path", ck_kw_url_path),
	KW("digest", ck_kw_url_digest),
	KW("status_code", ck_kw_url_status_code),
	KW("virtualhost", ck_kw_url_virtualhost),
	KW("regex", ck_kw_url_regex),
	KW("regex_no_match", ck_kw_url_regex_no_match),
	KW("regex_options", ck_kw_url_regex_options),
	KW("regex_stack", ck_kw_url_regex_stack),
	KW("regex_min_offset", ck_kw_url_regex_min_offset),
	KW("regex_max_offset", ck_kw_url_regex_max_offset),
	END
};

static const struct cfg_block url_block = {
	.name = "url", .keywords = url_keywords,
	.open = ck_kw_url_open, .close = ck_kw_url_close,
};

#define HTTP_KEYWORDS \
	CONNECTION_KEYWORDS, CHECKER_KEYWORDS, \
	KW("nb_get_retry", ck_kw_retry_old), \
	KW("http_protocol", ck_kw_http_protocol), \
	KW("virtualhost", ck_kw_virtualhost), \
	KW("fast_recovery", ck_kw_fast_recovery), \
	BLOCK("url", &url_block)

static const struct cfg_keyword http_keywords[] = { HTTP_KEYWORDS, END };

static const struct cfg_keyword ssl_get_keywords[] = {
	HTTP_KEYWORDS,
	KW("enable_sni", ck_kw_enable_sni),
	END
};

static const struct cfg_keyword misc_keywords[] = {
	CHECKER_KEYWORDS,
	KW("misc_path", ck_kw_misc_path),
	KW("misc_timeout", ck_kw_misc_timeout),
	KW("misc_dynamic", ck_kw_misc_dynamic),
	KW("user", ck_kw_misc_user),
	END
};

static const struct cfg_keyword smtp_host_keywords[] = {
	CONNECTION_KEYWORDS, END
};

static const struct cfg_block smtp_host_block = {
	.name = "host", .keywords = smtp_host_keywords,
	.open = ck_kw_smtp_host_open, .close = ck_kw_smtp_host_close,
};

static const struct cfg_keyword smtp_keywords[] = {
	CONNECTION_KEYWORDS, CHECKER_KEYWORDS,
	KW("helo_name", ck_kw_helo_name),
	BLOCK("host", &smtp_host_block),
	END
};

static const struct cfg_keyword dns_keywords[] = {
	CONNECTION_KEYWORDS, CHECKER_KEYWORDS,
	KW("type", ck_kw_dns_type),
	KW("name", ck_kw_dns_name),
	END
};

static const struct cfg_keyword udp_keywords[] = {
	CONNECTION_KEYWORDS, CHECKER_KEYWORDS,
	KW("payload", ck_kw_udp_payload),
	KW("require_reply", ck_kw_udp_require_reply),
	KW("min_reply_length", ck_kw_udp_min_reply),
	KW("max_reply_length", ck_kw_udp_max_reply),
	END
};

static const struct cfg_keyword file_keywords[] = {
	KW("track_file", ck_kw_file_track),
	KW("weight", ck_kw_file_weight),
	END
};

#define CHECKER_BLOCK(var, kname, kws, openfn) \
	static const struct cfg_block var = { \
		.name = kname, .keywords = kws, \
		.open = openfn, .close = ck_kw_checker_close, \
	}

CHECKER_BLOCK(tcp_block, "TCP_CHECK", tcp_keywords, ck_kw_tcp_open);
CHECKER_BLOCK(http_block, "HTTP_GET", http_keywords, ck_kw_http_open);
CHECKER_BLOCK(ssl_get_block, "SSL_GET", ssl_get_keywords, ck_kw_ssl_open);
CHECKER_BLOCK(misc_block, "MISC_CHECK", misc_keywords, ck_kw_misc_open);
CHECKER_BLOCK(smtp_block, "SMTP_CHECK", smtp_keywords, ck_kw_smtp_open);
CHECKER_BLOCK(dns_block, "DNS_CHECK", dns_keywords, ck_kw_dns_open);
CHECKER_BLOCK(ping_block, "PING_CHECK", tcp_keywords, ck_kw_ping_open);
CHECKER_BLOCK(udp_block, "UDP_CHECK", udp_keywords, ck_kw_udp_open);
CHECKER_BLOCK(file_block, "FILE_CHECK", file_keywords, ck_kw_file_open);

/* Settings a real server and its virtual server share. */
#define SERVER_KEYWORDS \
	KW("smtp_alert", ck_kw_smtp_alert), \
	KW("virtualhost", ck_kw_virtualhost), \
	KW("snmp_name", ck_kw_snmp_name), \
	KW("alpha", ck_kw_alpha), \
	KW("connect_timeout", ck_kw_connect_timeout), \
	KW("retry", ck_kw_retry), \
	KW("delay_before_retry", ck_kw_delay_before_retry), \
	KW("warmup", ck_kw_warmup), \
	KW("delay_loop", ck_kw_delay_loop), \
	KW("inhibit_on_failure", ck_kw_inhibit_on_failure)

static const struct cfg_keyword rs_keywords[] = {
	SERVER_KEYWORDS,
	KW("weight", ck_kw_weight),
	KW("lvs_method", ck_kw_rs_lvs_method),
	KW("lb_kind", ck_kw_rs_lvs_method),
	KW("notify_up", ck_kw_notify_up),
	KW("notify_down", ck_kw_notify_down),
	KW("uthreshold", ck_kw_uthreshold),
	KW("lthreshold", ck_kw_lthreshold),
	BLOCK("TCP_CHECK", &tcp_block),
	BLOCK("HTTP_GET", &http_block),
	BLOCK("SSL_GET", &ssl_get_block),
	BLOCK("MISC_CHECK", &misc_block),
	BLOCK("SMTP_CHECK", &smtp_block),
	BLOCK("DNS_CHECK", &dns_block),
	BLOCK("PING_CHECK", &ping_block),
	BLOCK("UDP_CHECK", &udp_block),
	BLOCK("FILE_CHECK", &file_block),
	UNSUPPORTED("BFD_CHECK"),
	END
};

static const struct cfg_block rs_block = {
	.name = "real_server", .keywords = rs_keywords,
	.open = ck_kw_rs_open, .close = ck_kw_rs_close,
};

static const struct cfg_keyword vs_keywords[] = {
	SERVER_KEYWORDS,
	KW("lvs_sched", ck_kw_lvs_sched),
	KW("lb_algo", ck_kw_lvs_sched),
	KW("flag-1", ck_kw_flag),
	KW("flag-2", ck_kw_flag),
	KW("flag-3", ck_kw_flag),
	KW("sh-port", ck_kw_flag),
	KW("sh-fallback", ck_kw_flag),
	KW("mh-port", ck_kw_flag),
	KW("mh-fallback", ck_kw_flag),
	KW("hashed", ck_kw_flag),
	KW("ops", ck_kw_ops),
	KW("lvs_method", ck_kw_lvs_method),
	KW("lb_kind", ck_kw_lvs_method),
	KW("persistence_engine", ck_kw_persistence_engine),
	KW("persistence_timeout", ck_kw_persistence_timeout),
	KW("persistence_granularity", ck_kw_persistence_granularity),
	KW("protocol", ck_kw_protocol),
	KW("ha_suspend", ck_kw_ha_suspend),
	KW("omega", ck_kw_omega),
	KW("quorum", ck_kw_quorum),
	KW("hysteresis", ck_kw_hysteresis),
	KW("quorum_up", ck_kw_quorum_up),
	KW("quorum_down", ck_kw_quorum_down),
	KW("ip_family", ck_kw_ip_family),
	KW("sorry_server", ck_kw_sorry_server),
	KW("sorry_server_inhibit", ck_kw_sorry_server_inhibit),
	KW("sorry_server_lvs_method", ck_kw_sorry_server_lvs_method),
	{ "real_server", ck_kw_rs_no_block, &rs_block,
	  CFG_KW_BLOCK_OPTIONAL },
	END
};

static const struct cfg_block vs_block = {
	.name = "virtual_server", .keywords = vs_keywords,
	.open = ck_kw_vs_open, .close = ck_kw_top_close,
};

static const struct cfg_block vsg_block = {
	.name = "virtual_server_group", .line = ck_kw_vsg_line,
	.open = ck_kw_vsg_open, .close = ck_kw_top_close,
};

static const struct cfg_keyword ssl_keywords[] = {
	KW("password", ck_kw_ssl_password),
	KW("ca", ck_kw_ssl_ca),
	KW("certificate", ck_kw_ssl_certificate),
	KW("key", ck_kw_ssl_key),
	END
};

static const struct cfg_block ssl_block = {
	.name = "SSL", .keywords = ssl_keywords,
	.open = ck_kw_ssl_block_open, .close = ck_kw_top_close,
};

static const struct cfg_keyword tf_keywords[] = {
	KW("file", ck_kw_tf_file),
	KW("weight", ck_kw_tf_weight),
	KW("init_file", ck_kw_tf_init_file),
	END
};

static const struct cfg_block tf_block = {
	.name = "track_file", .keywords = tf_keywords,
	.open = ck_kw_tf_open, .close = ck_kw_top_close,
};

static const struct cfg_keyword check_top_keywords[] = {
	{ "virtual_server", ck_kw_vs_no_block, &vs_block,
	  CFG_KW_BLOCK_OPTIONAL },
	BLOCK("virtual_server_group", &vsg_block),
	BLOCK("SSL", &ssl_block),
	/* Shared with VRRP tracking; registered before the VRRP tables so
	 * that this one reads it. */
	BLOCK("track_file", &tf_block),
	BLOCK("vrrp_track_file", &tf_block),
	END
};

int check_parser_register(struct cfg_parser *p, struct check_parse_root *r)
{
	return cfg_parser_register(p, check_top_keywords, r, 0);
}
