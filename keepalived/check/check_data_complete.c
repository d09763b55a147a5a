/*
 * check_data_complete.c: check_conf_complete(), the inheritance virtual
 * server -> real server -> checker and keepalived's defaults.
 * Idempotent: a completed value is never CK_UNSET again, so a second
 * pass changes nothing.
 */
#include "config.h"

#include <string.h>

#include "check_data.h"
#include "memory.h"

#define SEC_US INT64_C(1000000)

/* The first of three levels that was set, else the default. */
static int64_t pick64(int64_t own, int64_t rs, int64_t vs, int64_t dflt)
{
	if (own != CK_UNSET)
		return own;
	if (rs != CK_UNSET)
		return rs;
	if (vs != CK_UNSET)
		return vs;
	return dflt;
}

static void common_timers(struct ck_common *cm, enum ck_type t,
			  const struct ck_common *rs,
			  const struct ck_common *vs)
{
	int64_t dbr_default = t == CK_HTTP || t == CK_SSL ? 3 * SEC_US
							  : SEC_US;
	long retry_default = t == CK_MISC ? 0 : t == CK_DNS ? 3 : 1;

	cm->delay_loop_us = pick64(cm->delay_loop_us, rs->delay_loop_us,
				   vs->delay_loop_us, 60 * SEC_US);
	if (t == CK_DNS)
		dbr_default = cm->delay_loop_us;
	cm->connect_timeout_us = pick64(cm->connect_timeout_us,
					rs->connect_timeout_us,
					vs->connect_timeout_us, 5 * SEC_US);
	cm->delay_before_retry_us = pick64(cm->delay_before_retry_us,
					   rs->delay_before_retry_us,
					   vs->delay_before_retry_us,
					   dbr_default);
	cm->warmup_us = pick64(cm->warmup_us, rs->warmup_us, vs->warmup_us,
			       cm->delay_loop_us);
	cm->retry = (long)pick64(cm->retry, rs->retry, vs->retry,
				 retry_default);
}

static void complete_http(struct ck_http *h,
			  const struct ck_real_server_conf *rs,
			  const struct ck_virtual_server_conf *vs)
{
	const char *vh = rs->virtualhost ? rs->virtualhost : vs->virtualhost;

	if (!h->virtualhost && vh)
		h->virtualhost = mem_strdup(vh);
}

static void complete_checker(struct ck_checker_conf *ck,
			     const struct ck_real_server_conf *rs,
			     const struct ck_virtual_server_conf *vs,
			     const struct global_data *gd)
{
	struct ck_common *cm = &ck->common;

	common_timers(cm, ck->type, &rs->defaults, &vs->defaults);
	cm->alpha = (int)pick64(cm->alpha, rs->defaults.alpha,
				vs->defaults.alpha, 0);
	cm->log_all_failures = (int)pick64(cm->log_all_failures,
					   rs->defaults.log_all_failures,
					   vs->defaults.log_all_failures,
					   gd && gd->checker_log_all_failures);
	if (!cm->connect_port)
		cm->connect_port = rs->port;
	if (ck->type == CK_HTTP || ck->type == CK_SSL)
		complete_http(&ck->u.http, rs, vs);
	if (ck->type == CK_DNS && !ck->u.dns.name)
		ck->u.dns.name = mem_strdup(".");
}

/* smtp_alert: the server's own, else global smtp_alert_checker, else
 * global smtp_alert, else the level's default. */
static int smtp_default(const struct global_data *gd, int dflt)
{
	if (gd && gd->smtp_alert_checker != GD_UNSET)
		return gd->smtp_alert_checker == GD_ON;
	if (gd && gd->smtp_alert != GD_UNSET)
		return gd->smtp_alert == GD_ON;
	return dflt;
}

static void complete_rs(struct ck_real_server_conf *rs,
			const struct ck_virtual_server_conf *vs,
			const struct global_data *gd)
{
	struct ck_checker_conf *ck;

	if (!rs->port)
		rs->port = vs->port;
	if (rs->method.fwd == CK_FWD_UNSET)
		rs->method = vs->method;
	if (rs->inhibit_on_failure == CK_UNSET)
		rs->inhibit_on_failure = vs->inhibit_on_failure;
	list_for_each_entry(ck, &rs->checkers, node)
		complete_checker(ck, rs, vs, gd);
}

static void complete_sorry(struct ck_virtual_server_conf *vs)
{
	struct ck_real_server_conf *s = vs->sorry;

	if (!s)
		return;
	if (!s->port)
		s->port = vs->port;
	if (s->method.fwd == CK_FWD_UNSET)
		s->method = vs->sorry_method.fwd != CK_FWD_UNSET ?
			    vs->sorry_method : vs->method;
	if (s->inhibit_on_failure == CK_UNSET)
		s->inhibit_on_failure = vs->sorry_inhibit;
	if (s->smtp_alert == CK_UNSET)
		s->smtp_alert = vs->smtp_alert;
}

/* A group's first entry with an address, else an fwmark's family. */
static int group_family(const struct check_conf *c, const char *name)
{
	const struct ck_vsg_conf *g = check_conf_find_group(c, name);
	const struct ck_vsg_entry *e;

	if (!g)
		return 0;
	list_for_each_entry(e, &g->entries, node)
		if (e->family)
			return e->family;
	return 0;
}

/* fwmark and group services take their real servers' family, as
 * keepalived does (a group's addresses of the other family are left
 * out when it runs), else the group's, else IPv4. */
static int vs_family(const struct check_conf *c,
		     const struct ck_virtual_server_conf *vs)
{
	const struct ck_real_server_conf *rs;
	int f = 0;

	if (vs->family)
		return vs->family;
	if (vs->persistence_granularity.family)
		f = vs->persistence_granularity.family;
	if (!f)
		list_for_each_entry(rs, &vs->real_servers, node)
			if (rs->method.fwd != CK_FWD_TUN) {
				f = rs->addr.family;
				break;
			}
	if (!f && vs->sorry)
		f = vs->sorry->addr.family;
	if (!f && vs->kind == CK_VS_GROUP)
		f = group_family(c, vs->group);
	if (!f)
		list_for_each_entry(rs, &vs->real_servers, node) {
			f = rs->addr.family;
			break;
		}
	return f ? f : AF_INET;
}

static void complete_vs(const struct check_conf *c,
			struct ck_virtual_server_conf *vs,
			const struct global_data *gd)
{
	struct ck_real_server_conf *rs;
	int vs_alert = vs->smtp_alert;

	if (!vs->sched[0])
		strcpy(vs->sched, "wlc");
	if (vs->method.fwd == CK_FWD_UNSET)
		vs->method.fwd = CK_FWD_NAT;
	if (!vs->protocol)
		vs->protocol = CK_PROTO_TCP;
	if (vs->defaults.alpha != CK_UNSET)
		vs->alpha = vs->defaults.alpha;
	if (vs->smtp_alert == CK_UNSET)
		vs->smtp_alert = smtp_default(gd, 0);
	vs->family = vs_family(c, vs);
	/* keepalived.conf(5): a real server alerts by default, its virtual
	 * server does not, and the virtual server's own choice passes
	 * down. */
	list_for_each_entry(rs, &vs->real_servers, node) {
		if (rs->smtp_alert == CK_UNSET)
			rs->smtp_alert = vs_alert != CK_UNSET ? vs_alert :
					 smtp_default(gd, 1);
		complete_rs(rs, vs, gd);
	}
	complete_sorry(vs);
}

void check_conf_complete(struct check_conf *c, const struct global_data *gd)
{
	struct ck_virtual_server_conf *vs;

	list_for_each_entry(vs, &c->virtual_servers, node)
		complete_vs(c, vs, gd);
}
