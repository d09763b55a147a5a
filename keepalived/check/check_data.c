/*
 * check_data.c: allocation, freeing and look-ups of the LVS configuration
 * objects (check_data.h, check_alloc.h).
 */
#include "config.h"

#include <string.h>

#include "check_alloc.h"
#include "memory.h"

static const char *const type_names[CK_TYPE_COUNT] = {
	[CK_TCP] = "TCP_CHECK",
	[CK_HTTP] = "HTTP_GET",
	[CK_SSL] = "SSL_GET",
	[CK_MISC] = "MISC_CHECK",
	[CK_SMTP] = "SMTP_CHECK",
	[CK_DNS] = "DNS_CHECK",
	[CK_PING] = "PING_CHECK",
	[CK_UDP] = "UDP_CHECK",
	[CK_FILE] = "FILE_CHECK",
};

const char *ck_type_name(enum ck_type t)
{
	if ((unsigned)t >= CK_TYPE_COUNT)
		return "?";
	return type_names[t];
}

void ck_status_add(struct ck_status_set *s, unsigned lo, unsigned hi)
{
	unsigned c;

	if (lo < CK_HTTP_STATUS_MIN)
		lo = CK_HTTP_STATUS_MIN;
	if (hi > CK_HTTP_STATUS_MAX)
		hi = CK_HTTP_STATUS_MAX;
	for (c = lo; c <= hi; c++) {
		unsigned i = c - CK_HTTP_STATUS_MIN;

		s->bits[i / 64] |= UINT64_C(1) << (i % 64);
	}
	s->set = true;
}

bool ck_status_has(const struct ck_status_set *s, unsigned code)
{
	unsigned i;

	if (!s->set)
		return code >= 200 && code <= 299;
	if (code < CK_HTTP_STATUS_MIN || code > CK_HTTP_STATUS_MAX)
		return false;
	i = code - CK_HTTP_STATUS_MIN;
	return s->bits[i / 64] & (UINT64_C(1) << (i % 64));
}

void ck_common_init(struct ck_common *cm)
{
	memset(cm, 0, sizeof(*cm));
	cm->alpha = CK_UNSET;
	cm->connect_timeout_us = CK_UNSET;
	cm->retry = CK_UNSET;
	cm->delay_before_retry_us = CK_UNSET;
	cm->warmup_us = CK_UNSET;
	cm->delay_loop_us = CK_UNSET;
	cm->log_all_failures = CK_UNSET;
}

void ck_script_clear(struct ck_script *s)
{
	mem_free(&s->cmd);
	mem_free(&s->user);
	mem_free(&s->group);
	memset(s, 0, sizeof(*s));
}

struct ck_url *ck_url_new(void)
{
	struct ck_url *u = mem_new(struct ck_url);

	list_node_init(&u->node);
	return u;
}

void ck_url_free(struct ck_url **u)
{
	if (!u || !*u)
		return;
	mem_free(&(*u)->path);
	mem_free(&(*u)->digest);
	mem_free(&(*u)->virtualhost);
	mem_free(&(*u)->regex);
	mem_free(&(*u)->regex_options);
	mem_free(u);
}

struct ck_checker_conf *ck_checker_conf_new(enum ck_type type)
{
	struct ck_checker_conf *ck = mem_new(struct ck_checker_conf);

	list_node_init(&ck->node);
	ck->type = type;
	ck_common_init(&ck->common);
	switch (type) {
	case CK_HTTP:
	case CK_SSL:
		list_init(&ck->u.http.urls);
		break;
	case CK_MISC:
		ck->u.misc.timeout_us = CK_UNSET;
		break;
	case CK_DNS:
		ck->u.dns.type = CK_DNS_SOA;
		break;
	case CK_UDP:
		ck->u.udp.max_reply_length = 255;
		break;
	case CK_FILE:
		ck->u.file.weight = 1;
		break;
	default:
		break;
	}
	return ck;
}

static void http_clear(struct ck_http *h)
{
	struct ck_url *u, *tmp;

	list_for_each_entry_safe(u, tmp, &h->urls, node) {
		list_del(&u->node);
		ck_url_free(&u);
	}
	mem_free(&h->virtualhost);
}

void ck_checker_conf_free(struct ck_checker_conf **pck)
{
	struct ck_checker_conf *ck;

	if (!pck || !*pck)
		return;
	ck = *pck;
	switch (ck->type) {
	case CK_HTTP:
	case CK_SSL:
		http_clear(&ck->u.http);
		break;
	case CK_MISC:
		ck_script_clear(&ck->u.misc.script);
		break;
	case CK_SMTP:
		mem_free(&ck->u.smtp.helo_name);
		break;
	case CK_DNS:
		mem_free(&ck->u.dns.name);
		break;
	case CK_UDP:
		mem_free(&ck->u.udp.payload);
		mem_free(&ck->u.udp.reply);
		mem_free(&ck->u.udp.reply_mask);
		break;
	case CK_FILE:
		mem_free(&ck->u.file.track_file);
		break;
	default:
		break;
	}
	mem_free(pck);
}

struct ck_real_server_conf *ck_rs_conf_new(void)
{
	struct ck_real_server_conf *rs = mem_new(struct ck_real_server_conf);

	list_node_init(&rs->node);
	list_init(&rs->checkers);
	rs->weight = 1;
	rs->smtp_alert = CK_UNSET;
	rs->inhibit_on_failure = CK_UNSET;
	ck_common_init(&rs->defaults);
	return rs;
}

void ck_rs_conf_free(struct ck_real_server_conf **prs)
{
	struct ck_real_server_conf *rs;
	struct ck_checker_conf *ck, *tmp;

	if (!prs || !*prs)
		return;
	rs = *prs;
	list_for_each_entry_safe(ck, tmp, &rs->checkers, node) {
		list_del(&ck->node);
		ck_checker_conf_free(&ck);
	}
	ck_script_clear(&rs->notify_up);
	ck_script_clear(&rs->notify_down);
	mem_free(&rs->virtualhost);
	mem_free(&rs->snmp_name);
	mem_free(prs);
}

struct ck_virtual_server_conf *ck_vs_conf_new(void)
{
	struct ck_virtual_server_conf *vs =
		mem_new(struct ck_virtual_server_conf);

	list_node_init(&vs->node);
	list_init(&vs->real_servers);
	strcpy(vs->sched, "wlc");
	vs->method.fwd = CK_FWD_NAT;
	vs->protocol = CK_PROTO_TCP;
	vs->persistence_timeout_s = 360;
	vs->smtp_alert = CK_UNSET;
	vs->quorum = 1;
	ck_common_init(&vs->defaults);
	return vs;
}

void ck_vs_conf_free(struct ck_virtual_server_conf **pvs)
{
	struct ck_virtual_server_conf *vs;
	struct ck_real_server_conf *rs, *tmp;

	if (!pvs || !*pvs)
		return;
	vs = *pvs;
	list_for_each_entry_safe(rs, tmp, &vs->real_servers, node) {
		list_del(&rs->node);
		ck_rs_conf_free(&rs);
	}
	ck_rs_conf_free(&vs->sorry);
	mem_free(&vs->group);
	mem_free(&vs->persistence_engine);
	mem_free(&vs->virtualhost);
	mem_free(&vs->snmp_name);
	ck_script_clear(&vs->quorum_up);
	ck_script_clear(&vs->quorum_down);
	mem_free(pvs);
}

struct ck_vsg_entry *ck_vsg_entry_new(void)
{
	struct ck_vsg_entry *e = mem_new(struct ck_vsg_entry);

	list_node_init(&e->node);
	return e;
}

struct ck_vsg_conf *ck_vsg_conf_new(const char *name)
{
	struct ck_vsg_conf *g = mem_new(struct ck_vsg_conf);

	list_node_init(&g->node);
	list_init(&g->entries);
	g->name = mem_strdup(name);
	return g;
}

void ck_vsg_conf_free(struct ck_vsg_conf **pg)
{
	struct ck_vsg_entry *e, *tmp;

	if (!pg || !*pg)
		return;
	list_for_each_entry_safe(e, tmp, &(*pg)->entries, node) {
		list_del(&e->node);
		mem_free(&e);
	}
	mem_free(&(*pg)->name);
	mem_free(pg);
}

struct ck_track_file *ck_track_file_new(const char *name)
{
	struct ck_track_file *tf = mem_new(struct ck_track_file);

	list_node_init(&tf->node);
	tf->name = mem_strdup(name);
	tf->weight = 1;
	return tf;
}

void ck_track_file_free(struct ck_track_file **ptf)
{
	if (!ptf || !*ptf)
		return;
	mem_free(&(*ptf)->name);
	mem_free(&(*ptf)->path);
	mem_free(ptf);
}

struct check_conf *check_conf_new(void)
{
	struct check_conf *c = mem_new(struct check_conf);

	list_init(&c->groups);
	list_init(&c->virtual_servers);
	list_init(&c->track_files);
	return c;
}

static void ssl_clear(struct ck_ssl_conf *s)
{
	mem_free(&s->password);
	mem_free(&s->ca);
	mem_free(&s->certificate);
	mem_free(&s->key);
	s->set = false;
}

void check_conf_free(struct check_conf **pc)
{
	struct check_conf *c;
	struct ck_virtual_server_conf *vs, *vtmp;
	struct ck_vsg_conf *g, *gtmp;
	struct ck_track_file *tf, *ttmp;
	size_t i;

	if (!pc || !*pc)
		return;
	c = *pc;
	list_for_each_entry_safe(vs, vtmp, &c->virtual_servers, node) {
		list_del(&vs->node);
		ck_vs_conf_free(&vs);
	}
	list_for_each_entry_safe(g, gtmp, &c->groups, node) {
		list_del(&g->node);
		ck_vsg_conf_free(&g);
	}
	list_for_each_entry_safe(tf, ttmp, &c->track_files, node) {
		list_del(&tf->node);
		ck_track_file_free(&tf);
	}
	ssl_clear(&c->ssl);
	for (i = 0; i < c->nfiles; i++)
		mem_free(&c->files[i]);
	mem_free(&c->files);
	mem_free(pc);
}

const char *check_conf_file(struct check_conf *c, const char *file)
{
	size_t i;

	if (!file)
		return NULL;
	for (i = 0; i < c->nfiles; i++)
		if (!strcmp(c->files[i], file))
			return c->files[i];
	c->files = mem_reallocarray(c->files, c->nfiles + 1,
				    sizeof(*c->files));
	c->files[c->nfiles] = mem_strdup(file);
	return c->files[c->nfiles++];
}

struct ck_vsg_conf *check_conf_find_group(const struct check_conf *c,
					  const char *name)
{
	struct ck_vsg_conf *g;

	list_for_each_entry(g, &c->groups, node)
		if (!strcmp(g->name, name))
			return g;
	return NULL;
}

struct ck_track_file *check_conf_find_track_file(const struct check_conf *c,
						 const char *name)
{
	struct ck_track_file *tf;

	list_for_each_entry(tf, &c->track_files, node)
		if (!strcmp(tf->name, name))
			return tf;
	return NULL;
}

size_t check_conf_count_vs(const struct check_conf *c)
{
	return list_count(&c->virtual_servers);
}
