/*
 * check_data_equal.c: whether two completed configurations are the same,
 * places aside: the reload diff keeps what compares equal.
 *
 * A virtual server compares its own service settings and its sorry
 * server, not its real servers: a reload compares those one by one
 * (ck_real_server_conf_equal()), so that changing one real server does
 * not touch the service or its other servers.
 */
#include "config.h"

#include <string.h>

#include "check_data.h"

/* Walks two lists of the same type in step with "eq". */
#define LISTS_EQ(ha, hb, type, eq) ({ \
	const struct list_node *_a = (ha)->next, *_b = (hb)->next; \
	bool _ok = true; \
	for (; _ok && _a != (ha) && _b != (hb); \
	     _a = _a->next, _b = _b->next) \
		_ok = eq(list_entry(_a, type, node), \
			 list_entry(_b, type, node)); \
	_ok && _a == (ha) && _b == (hb); })

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

static bool bytes_eq(const uint8_t *a, const uint8_t *b, size_t len)
{
	if (!a || !b)
		return a == b;
	return !memcmp(a, b, len);
}

static bool script_eq(const struct ck_script *a, const struct ck_script *b)
{
	return str_eq(a->cmd, b->cmd) && str_eq(a->user, b->user) &&
	       str_eq(a->group, b->group);
}

static bool method_eq(const struct ck_method *a, const struct ck_method *b)
{
	return a->fwd == b->fwd && a->tun_type == b->tun_type &&
	       a->tun_port == b->tun_port && a->tun_csum == b->tun_csum;
}

static bool common_eq(const struct ck_common *a, const struct ck_common *b)
{
	return addr_equal(&a->connect_ip, &b->connect_ip) &&
	       a->connect_port == b->connect_port &&
	       addr_equal(&a->bindto, &b->bindto) &&
	       a->bind_port == b->bind_port &&
	       !strcmp(a->bind_if, b->bind_if) && a->fwmark == b->fwmark &&
	       a->alpha == b->alpha &&
	       a->connect_timeout_us == b->connect_timeout_us &&
	       a->retry == b->retry &&
	       a->delay_before_retry_us == b->delay_before_retry_us &&
	       a->warmup_us == b->warmup_us &&
	       a->delay_loop_us == b->delay_loop_us &&
	       a->log_all_failures == b->log_all_failures;
}

static bool url_eq(const struct ck_url *a, const struct ck_url *b)
{
	return str_eq(a->path, b->path) && str_eq(a->digest, b->digest) &&
	       a->status.set == b->status.set &&
	       !memcmp(a->status.bits, b->status.bits,
		       sizeof(a->status.bits)) &&
	       str_eq(a->virtualhost, b->virtualhost) &&
	       str_eq(a->regex, b->regex) &&
	       a->regex_no_match == b->regex_no_match &&
	       a->regex_min_offset == b->regex_min_offset &&
	       a->regex_max_offset == b->regex_max_offset &&
	       str_eq(a->regex_options, b->regex_options);
}

static bool http_eq(const struct ck_http *a, const struct ck_http *b)
{
	return str_eq(a->virtualhost, b->virtualhost) &&
	       a->protocol == b->protocol && a->enable_sni == b->enable_sni &&
	       a->tls_compliant == b->tls_compliant &&
	       a->fast_recovery == b->fast_recovery &&
	       LISTS_EQ(&a->urls, &b->urls, struct ck_url, url_eq);
}

static bool udp_eq(const struct ck_udp *a, const struct ck_udp *b)
{
	return a->payload_len == b->payload_len &&
	       bytes_eq(a->payload, b->payload, a->payload_len) &&
	       a->require_reply == b->require_reply &&
	       a->reply_len == b->reply_len &&
	       bytes_eq(a->reply, b->reply, a->reply_len) &&
	       bytes_eq(a->reply_mask, b->reply_mask, a->reply_len) &&
	       a->min_reply_length == b->min_reply_length &&
	       a->max_reply_length == b->max_reply_length;
}

static bool kind_eq(const struct ck_checker_conf *a,
		    const struct ck_checker_conf *b)
{
	switch (a->type) {
	case CK_HTTP:
	case CK_SSL:
		return http_eq(&a->u.http, &b->u.http);
	case CK_MISC:
		return script_eq(&a->u.misc.script, &b->u.misc.script) &&
		       a->u.misc.timeout_us == b->u.misc.timeout_us &&
		       a->u.misc.dynamic == b->u.misc.dynamic;
	case CK_SMTP:
		return str_eq(a->u.smtp.helo_name, b->u.smtp.helo_name);
	case CK_DNS:
		return a->u.dns.type == b->u.dns.type &&
		       str_eq(a->u.dns.name, b->u.dns.name);
	case CK_UDP:
		return udp_eq(&a->u.udp, &b->u.udp);
	case CK_FILE:
		return str_eq(a->u.file.track_file, b->u.file.track_file) &&
		       a->u.file.dynamic == b->u.file.dynamic &&
		       a->u.file.weight == b->u.file.weight &&
		       a->u.file.reverse == b->u.file.reverse;
	default:
		return true;
	}
}

static bool checker_eq(const struct ck_checker_conf *a,
		       const struct ck_checker_conf *b)
{
	return a->type == b->type && common_eq(&a->common, &b->common) &&
	       kind_eq(a, b);
}

bool ck_real_server_conf_equal(const struct ck_real_server_conf *a,
			       const struct ck_real_server_conf *b)
{
	return addr_equal(&a->addr, &b->addr) && a->port == b->port &&
	       a->weight == b->weight && method_eq(&a->method, &b->method) &&
	       script_eq(&a->notify_up, &b->notify_up) &&
	       script_eq(&a->notify_down, &b->notify_down) &&
	       a->uthreshold == b->uthreshold &&
	       a->lthreshold == b->lthreshold &&
	       a->smtp_alert == b->smtp_alert &&
	       str_eq(a->virtualhost, b->virtualhost) &&
	       str_eq(a->snmp_name, b->snmp_name) &&
	       a->inhibit_on_failure == b->inhibit_on_failure &&
	       common_eq(&a->defaults, &b->defaults) &&
	       LISTS_EQ(&a->checkers, &b->checkers, struct ck_checker_conf,
			checker_eq);
}

static bool identity_eq(const struct ck_virtual_server_conf *a,
			const struct ck_virtual_server_conf *b)
{
	if (a->kind != b->kind || a->family != b->family ||
	    a->protocol != b->protocol)
		return false;
	switch (a->kind) {
	case CK_VS_FWMARK:
		return a->fwmark == b->fwmark;
	case CK_VS_GROUP:
		return str_eq(a->group, b->group);
	default:
		return addr_equal(&a->addr, &b->addr) && a->port == b->port;
	}
}

static bool sorry_eq(const struct ck_virtual_server_conf *a,
		     const struct ck_virtual_server_conf *b)
{
	if (!a->sorry || !b->sorry)
		return a->sorry == b->sorry;
	return ck_real_server_conf_equal(a->sorry, b->sorry) &&
	       a->sorry_inhibit == b->sorry_inhibit &&
	       method_eq(&a->sorry_method, &b->sorry_method);
}

static bool service_eq(const struct ck_virtual_server_conf *a,
		       const struct ck_virtual_server_conf *b)
{
	return !strcmp(a->sched, b->sched) && a->flags == b->flags &&
	       method_eq(&a->method, &b->method) &&
	       a->persistent == b->persistent &&
	       a->persistence_timeout_s == b->persistence_timeout_s &&
	       addr_equal(&a->persistence_granularity,
			  &b->persistence_granularity) &&
	       str_eq(a->persistence_engine, b->persistence_engine);
}

bool ck_virtual_server_conf_equal(const struct ck_virtual_server_conf *a,
				  const struct ck_virtual_server_conf *b)
{
	return identity_eq(a, b) && service_eq(a, b) &&
	       a->ha_suspend == b->ha_suspend &&
	       a->smtp_alert == b->smtp_alert &&
	       str_eq(a->virtualhost, b->virtualhost) &&
	       str_eq(a->snmp_name, b->snmp_name) &&
	       a->alpha == b->alpha && a->omega == b->omega &&
	       a->quorum == b->quorum && a->hysteresis == b->hysteresis &&
	       script_eq(&a->quorum_up, &b->quorum_up) &&
	       script_eq(&a->quorum_down, &b->quorum_down) &&
	       a->inhibit_on_failure == b->inhibit_on_failure &&
	       common_eq(&a->defaults, &b->defaults) && sorry_eq(a, b);
}

static bool vs_all_eq(const struct ck_virtual_server_conf *a,
		      const struct ck_virtual_server_conf *b)
{
	return ck_virtual_server_conf_equal(a, b) &&
	       LISTS_EQ(&a->real_servers, &b->real_servers,
			struct ck_real_server_conf, ck_real_server_conf_equal);
}

static bool entry_eq(const struct ck_vsg_entry *x,
		     const struct ck_vsg_entry *y)
{
	return x->is_fwmark == y->is_fwmark && x->fwmark == y->fwmark &&
	       x->family == y->family && x->port == y->port &&
	       addr_equal(&x->first, &y->first) &&
	       addr_equal(&x->last, &y->last);
}

static bool group_eq(const struct ck_vsg_conf *a, const struct ck_vsg_conf *b)
{
	return !strcmp(a->name, b->name) &&
	       LISTS_EQ(&a->entries, &b->entries, struct ck_vsg_entry,
			entry_eq);
}

static bool track_file_eq(const struct ck_track_file *a,
			  const struct ck_track_file *b)
{
	return !strcmp(a->name, b->name) && str_eq(a->path, b->path) &&
	       a->weight == b->weight && a->reverse == b->reverse &&
	       a->init_file == b->init_file &&
	       a->init_value == b->init_value &&
	       a->init_overwrite == b->init_overwrite;
}

static bool ssl_eq(const struct ck_ssl_conf *a, const struct ck_ssl_conf *b)
{
	return a->set == b->set && str_eq(a->password, b->password) &&
	       str_eq(a->ca, b->ca) && str_eq(a->certificate, b->certificate) &&
	       str_eq(a->key, b->key);
}

bool check_conf_equal(const struct check_conf *a, const struct check_conf *b)
{
	return ssl_eq(&a->ssl, &b->ssl) &&
	       LISTS_EQ(&a->groups, &b->groups, struct ck_vsg_conf,
			group_eq) &&
	       LISTS_EQ(&a->track_files, &b->track_files,
			struct ck_track_file, track_file_eq) &&
	       LISTS_EQ(&a->virtual_servers, &b->virtual_servers,
			struct ck_virtual_server_conf, vs_all_eq);
}
