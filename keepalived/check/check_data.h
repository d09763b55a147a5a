/*
 * check_data.h: the LVS part of a configuration (virtual_server_group,
 * virtual_server, real_server and their checkers, the SSL block), as the
 * parser fills it, check_conf_complete() completes it and the checker
 * child runs it. Plain data: no sockets, no logging.
 *
 * Lifetime: a struct check_conf owns everything reachable from it;
 * check_conf_free() frees it all. Lists are struct list_node (list.h).
 *
 * Inheritance, as keepalived documents it: a setting given on the virtual
 * server is the default for its real servers, and a real server's is the
 * default for its checkers. The parser stores what each level said (with
 * a "_set" flag, or CK_UNSET); check_conf_complete() resolves every
 * checker's effective values into struct ck_common, so the runtime reads
 * one place only.
 */
#ifndef KA_CHECK_DATA_H
#define KA_CHECK_DATA_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"
#include "global_data.h"
#include "list.h"

#define CK_UNSET (-1)

/* Where something was configured. file is owned by the check_conf (see
 * check_conf_file()); line 0: not configured. */
struct ck_place {
	const char *file;
	unsigned line;
};

/* A script with the user and group it runs as (notify_up, quorum_up,
 * misc_path...). path NULL: not configured. */
struct ck_script {
	char *cmd;		/* the whole command line, as written */
	char *user;		/* NULL: script_user / default */
	char *group;
	struct ck_place at;
};

/* IPVS forwarding method (lvs_method / lb_kind). */
enum ck_fwd {
	CK_FWD_UNSET = 0,
	CK_FWD_NAT,		/* "masq" in ipvsadm */
	CK_FWD_DR,		/* "route" */
	CK_FWD_TUN,		/* "tunnel" */
};

enum ck_tun_type {
	CK_TUN_IPIP = 0,
	CK_TUN_GUE,
	CK_TUN_GRE,
};

enum ck_tun_csum {
	CK_TUN_CSUM_UNSET = 0,
	CK_TUN_NOCSUM,
	CK_TUN_CSUM,
	CK_TUN_REMCSUM,
};

struct ck_method {
	enum ck_fwd fwd;
	enum ck_tun_type tun_type;
	uint16_t tun_port;		/* GUE only */
	enum ck_tun_csum tun_csum;
};

/* Scheduler flags (flag-1..3 and their aliases sh-port, sh-fallback,
 * mh-port, mh-fallback), and one-packet scheduling. Values as the
 * kernel's IP_VS_SVC_F_* bits. */
enum ck_svc_flags {
	CK_SVC_PERSISTENT = 0x0001,
	CK_SVC_HASHED = 0x0002,
	CK_SVC_ONEPACKET = 0x0004,
	CK_SVC_SCHED1 = 0x0008,
	CK_SVC_SCHED2 = 0x0010,
	CK_SVC_SCHED3 = 0x0020,
};

/* ---- checkers -------------------------------------------------------- */

enum ck_type {
	CK_TCP = 0,
	CK_HTTP,		/* HTTP_GET */
	CK_SSL,			/* SSL_GET: HTTP_GET over TLS */
	CK_MISC,
	CK_SMTP,
	CK_DNS,
	CK_PING,
	CK_UDP,
	CK_FILE,
	CK_TYPE_COUNT
};

/* "TCP_CHECK", "HTTP_GET"...: the keyword of each type. */
const char *ck_type_name(enum ck_type t);

/*
 * The options every checker has (MISC_CHECK: alpha onwards; FILE_CHECK:
 * none). After check_conf_complete() every field holds the effective
 * value: the checker's own, else the real server's, else the virtual
 * server's, else keepalived's default (see check_conf_complete()).
 */
struct ck_common {
	struct ka_addr connect_ip;	/* family 0: the real server's */
	uint16_t connect_port;		/* 0: the real server's */
	struct ka_addr bindto;		/* family 0: none */
	uint16_t bind_port;		/* 0: any */
	char bind_if[IF_NAMESIZE];	/* "": none */
	uint32_t fwmark;		/* 0: none */

	/* Settings that inherit, each CK_UNSET until completed (timers
	 * in microseconds, -1 when unset). */
	int alpha;			/* bool */
	int64_t connect_timeout_us;	/* default 5 s */
	long retry;			/* default 1; MISC 0; DNS 3 */
	int64_t delay_before_retry_us;	/* HTTP/SSL 3 s, DNS delay_loop,
					 * else 1 s */
	int64_t warmup_us;		/* default: delay_loop */
	int64_t delay_loop_us;		/* default 60 s */
	int log_all_failures;		/* bool; global checker_log_all_failures */
};

/* status_code ranges of an url block: each bit is one code 100..599. */
#define CK_HTTP_STATUS_MIN 100
#define CK_HTTP_STATUS_MAX 599
struct ck_status_set {
	uint64_t bits[(CK_HTTP_STATUS_MAX - CK_HTTP_STATUS_MIN + 64) / 64];
	bool set;		/* false: the default 200-299 */
};

/* Set and test one code; pure. */
void ck_status_add(struct ck_status_set *s, unsigned lo, unsigned hi);
bool ck_status_has(const struct ck_status_set *s, unsigned code);

struct ck_url {
	struct list_node node;
	char *path;			/* required */
	char *digest;			/* 32 lower-case hex digits, or NULL */
	struct ck_status_set status;
	char *virtualhost;		/* NULL: inherited */
	char *regex;			/* NULL: none */
	bool regex_no_match;
	unsigned long regex_min_offset;	/* 0 */
	unsigned long regex_max_offset;	/* 0: no limit */
	char *regex_options;		/* stored; see check_parser */
	struct ck_place at;
};

enum ck_http_protocol {
	CK_HTTP_1_0 = 0,		/* default */
	CK_HTTP_1_0C,			/* 1.0 with "Connection: close" */
	CK_HTTP_1_1,
};

struct ck_http {
	struct list_node urls;		/* struct ck_url, at least one */
	char *virtualhost;		/* effective after completion: the
					 * checker's, else RS's, else VS's;
					 * NULL: the Host header is the
					 * connect address */
	enum ck_http_protocol protocol;
	bool enable_sni;		/* SSL_GET */
	bool tls_compliant;
	bool fast_recovery;
};

struct ck_misc {
	struct ck_script script;	/* misc_path, with user/group */
	int64_t timeout_us;		/* misc_timeout; -1: delay_loop */
	bool dynamic;			/* misc_dynamic */
};

struct ck_smtp {
	char *helo_name;		/* NULL: global smtp_helo_name, else
					 * the host name */
};

/* DNS query types the checker knows (RFC 1035 values). */
enum ck_dns_type {
	CK_DNS_A = 1,
	CK_DNS_NS = 2,
	CK_DNS_CNAME = 5,
	CK_DNS_SOA = 6,			/* default */
	CK_DNS_MX = 15,
	CK_DNS_TXT = 16,
	CK_DNS_AAAA = 28,
	CK_DNS_RRSIG = 46,
	CK_DNS_DNSKEY = 48,
};

struct ck_dns {
	enum ck_dns_type type;
	char *name;			/* default "." */
};

#define CK_UDP_MAX_PAYLOAD 65507
struct ck_udp {
	uint8_t *payload;		/* NULL: random bytes */
	size_t payload_len;
	bool require_reply;
	uint8_t *reply;			/* NULL: any reply data */
	uint8_t *reply_mask;		/* 0xff per byte, 0xf0/0x0f/0x00
					 * where the pattern said X/x */
	size_t reply_len;
	unsigned long min_reply_length;	/* default 0 */
	unsigned long max_reply_length;	/* default 255 */
};

struct ck_file {
	char *track_file;		/* name of a track_file block */
	bool dynamic;
	long weight;			/* multiplier; default 1 */
	bool reverse;
};

struct ck_checker_conf {
	struct list_node node;
	enum ck_type type;
	struct ck_common common;
	union {
		struct ck_http http;	/* CK_HTTP and CK_SSL */
		struct ck_misc misc;
		struct ck_smtp smtp;
		struct ck_dns dns;
		struct ck_udp udp;
		struct ck_file file;
	} u;
	struct ck_place at;
};

/* ---- servers ----------------------------------------------------------- */

struct ck_real_server_conf {
	struct list_node node;
	struct ka_addr addr;
	uint16_t port;			/* 0: the virtual server's */
	long weight;			/* default 1 */
	struct ck_method method;	/* fwd UNSET: the VS's */
	struct ck_script notify_up, notify_down;
	unsigned long uthreshold, lthreshold;	/* 0: none */
	int smtp_alert;			/* bool or CK_UNSET */
	char *virtualhost;
	char *snmp_name;
	int inhibit_on_failure;		/* bool or CK_UNSET: the VS's */
	struct ck_common defaults;	/* alpha, connect_timeout, retry,
					 * delay_before_retry, warmup,
					 * delay_loop as given here */
	struct list_node checkers;	/* struct ck_checker_conf */
	struct ck_place at;
};

/* One line of a virtual_server_group: an address range with a port, or
 * an fwmark. */
struct ck_vsg_entry {
	struct list_node node;
	bool is_fwmark;
	struct ka_addr first, last;	/* first == last for one address */
	uint16_t port;			/* 0: none */
	uint32_t fwmark;
	int family;			/* fwmark: AF_INET/AF_INET6 or 0 */
	struct ck_place at;
};

struct ck_vsg_conf {
	struct list_node node;
	char *name;
	struct list_node entries;	/* struct ck_vsg_entry */
	struct ck_place at;
};

enum ck_vs_kind {
	CK_VS_ADDR = 0,			/* virtual_server IP [PORT] */
	CK_VS_FWMARK,			/* virtual_server fwmark N */
	CK_VS_GROUP,			/* virtual_server group NAME */
};

enum ck_protocol {
	CK_PROTO_TCP = 6,		/* IPPROTO_* values; default TCP */
	CK_PROTO_UDP = 17,
	CK_PROTO_SCTP = 132,
};

struct ck_virtual_server_conf {
	struct list_node node;
	enum ck_vs_kind kind;
	struct ka_addr addr;		/* CK_VS_ADDR */
	uint16_t port;			/* CK_VS_ADDR; 0: none (persistent) */
	uint32_t fwmark;		/* CK_VS_FWMARK */
	char *group;			/* CK_VS_GROUP: the group's name */
	int family;			/* ip_family, else from the addresses */

	char sched[16];			/* lvs_sched / lb_algo; default wlc */
	unsigned flags;			/* enum ck_svc_flags */
	struct ck_method method;	/* default NAT */
	enum ck_protocol protocol;
	bool persistent;		/* persistence_timeout given */
	unsigned long persistence_timeout_s;	/* default 360 */
	struct ka_addr persistence_granularity;	/* family 0: none */
	char *persistence_engine;
	bool ha_suspend;
	int smtp_alert;			/* bool or CK_UNSET */
	char *virtualhost;
	char *snmp_name;
	bool alpha;
	bool omega;
	long quorum;			/* default 1 */
	long hysteresis;		/* default 0 */
	struct ck_script quorum_up, quorum_down;
	bool inhibit_on_failure;

	struct ck_real_server_conf *sorry;	/* NULL: none; no checkers */
	bool sorry_inhibit;
	struct ck_method sorry_method;	/* fwd UNSET: the VS's */

	struct ck_common defaults;	/* as given on the virtual server */
	struct list_node real_servers;	/* struct ck_real_server_conf */
	struct ck_place at;
};

/* The SSL block: the client context of SSL_GET. */
struct ck_ssl_conf {
	char *password, *ca, *certificate, *key;
	bool set;			/* the block was given */
};

/* A track_file block (shared with VRRP tracking): a file holding a
 * number. */
struct ck_track_file {
	struct list_node node;
	char *name;
	char *path;			/* "file" */
	long weight;			/* default 1 */
	bool reverse;
	bool init_file;			/* create it at start */
	long init_value;		/* default 0 */
	bool init_overwrite;
	struct ck_place at;
};

struct check_conf {
	struct list_node groups;	/* struct ck_vsg_conf */
	struct list_node virtual_servers;	/* struct ck_virtual_server_conf */
	struct list_node track_files;	/* struct ck_track_file */
	struct ck_ssl_conf ssl;
	char **files;			/* the places' file names */
	size_t nfiles;
};

/* Never NULL (allocation failure exits). */
struct check_conf *check_conf_new(void);
/* Frees everything and sets *c to NULL; accepts NULL. */
void check_conf_free(struct check_conf **c);

/* A copy of "file" owned by c, the same pointer for the same name. */
const char *check_conf_file(struct check_conf *c, const char *file);

struct ck_vsg_conf *check_conf_find_group(const struct check_conf *c,
					  const char *name);
struct ck_track_file *check_conf_find_track_file(const struct check_conf *c,
						 const char *name);
size_t check_conf_count_vs(const struct check_conf *c);

/*
 * Fills in what the configuration left out: every checker's ck_common
 * from its real server's and virtual server's defaults and keepalived's
 * (connect_timeout 5 s; delay_loop 60 s; retry 1, MISC_CHECK 0,
 * DNS_CHECK 3; delay_before_retry 3 s for HTTP_GET/SSL_GET, delay_loop
 * for DNS_CHECK, 1 s otherwise; warmup = delay_loop; alpha false;
 * log_all_failures from global checker_log_all_failures), connect_port
 * from the real server (whose port defaults to the virtual server's),
 * HTTP virtualhost, real server methods, smtp_alert from global_defs.
 * Idempotent.
 */
void check_conf_complete(struct check_conf *c, const struct global_data *gd);

/* Same effective configuration (places aside): for the reload diff.
 * Both completed. A virtual server's compares the service and its sorry
 * server, not its real servers: those are compared one by one. */
bool ck_real_server_conf_equal(const struct ck_real_server_conf *a,
			       const struct ck_real_server_conf *b);
bool ck_virtual_server_conf_equal(const struct ck_virtual_server_conf *a,
				  const struct ck_virtual_server_conf *b);

/* The whole configuration, real servers and all (for the printout
 * round trip). Both completed. */
bool check_conf_equal(const struct check_conf *a, const struct check_conf *b);

/* keepalived 2.2.7's forms in its logs: "[192.168.1.1]:tcp:80" (the
 * protocol "none" while unset), "FWM 5", "[web]:0" for a group; buf of
 * CK_VS_STRLEN. */
#define CK_VS_STRLEN (ADDR_PORT_STRLEN + 64)
void ck_vs_name(const struct ck_virtual_server_conf *vs, char *buf,
		size_t size);
/* "[10.0.0.2]:80" */
void ck_rs_name(const struct ck_real_server_conf *rs, char *buf,
		size_t size);
/* keepalived's full form, with its service's protocol:
 * "[10.0.0.2]:tcp:80". */
void ck_rs_name_full(const struct ck_virtual_server_conf *vs,
		     const struct ck_real_server_conf *rs, char *buf,
		     size_t size);

/* Writes the configuration back as blocks that parse to equal data. */
void check_conf_dump(const struct check_conf *c, FILE *out);

#endif
