/*
 * snmp_global.c: KEEPALIVED-MIB's `global` scalars and emailTable
 * (snmp_global.h). Objects we hold no data for are not registered:
 * ipvs64BitStats (the build's IPVS statistics width is not a setting).
 */
#include "config.h"

#include <string.h>

#include "memory.h"
#include "snmp_global.h"
#include "snmp_tab.h"

/* keepalived.1 and keepalived.1.3 (mail) */
static const oid global_oid[] = { SNMP_KEEPALIVED_OID, 1 };
static const oid mail_oid[] = { SNMP_KEEPALIVED_OID, 1, 3 };
static const oid email_oid[] = { SNMP_KEEPALIVED_OID, 1, 3, 5 };

static const unsigned global_subids[] = {
	SNMP_G_VERSION, SNMP_G_ROUTER_ID, SNMP_G_TRAP_ENABLE,
	SNMP_G_LINKBEAT, SNMP_G_LVS_FLUSH, SNMP_G_NET_NAMESPACE, SNMP_G_DBUS,
	SNMP_G_DYNAMIC_IFS, SNMP_G_LVS_FLUSH_ON_STOP,
};
static const unsigned mail_subids[] = {
	SNMP_M_SERVER_TYPE, SNMP_M_SERVER, SNMP_M_TIMEOUT, SNMP_M_FROM,
	SNMP_M_PORT, SNMP_M_FAULTS, SNMP_M_ALERT, SNMP_M_ALERT_VRRP,
	SNMP_M_ALERT_CHECKER,
};

struct snmp_global {
	snmp_global_get_fn *get;
	void *ctx;
	struct snmp_scalars *global, *mail;
	struct snmp_tab *emails;
};

static void fill_global(void *ctx, struct snmp_rows *rows)
{
	struct snmp_global *sg = ctx;
	const struct global_data *gd = sg->get(sg->ctx);
	char host[256];

	if (!gd)
		return;
	snmp_global_fill(gd, snmp_global_router_id(gd, host, sizeof(host)),
			 snmp_rows_add(rows, NULL, 0), NULL);
}

static void fill_mail_scalars(void *ctx, struct snmp_rows *rows)
{
	struct snmp_global *sg = ctx;
	const struct global_data *gd = sg->get(sg->ctx);

	if (gd)
		snmp_global_fill(gd, NULL, NULL, snmp_rows_add(rows, NULL, 0));
}

static void fill_emails(void *ctx, struct snmp_rows *rows)
{
	struct snmp_global *sg = ctx;
	const struct global_data *gd = sg->get(sg->ctx);

	if (gd)
		snmp_global_emails(gd, rows);
}

static const struct snmp_scalars_def global_def = {
	.name = "keepalived-global", .oid = global_oid,
	.oid_len = OID_LENGTH(global_oid), .subids = global_subids,
	.nsubids = sizeof(global_subids) / sizeof(global_subids[0]),
	.fill = fill_global,
};
static const struct snmp_scalars_def mail_def = {
	.name = "keepalived-mail", .oid = mail_oid,
	.oid_len = OID_LENGTH(mail_oid), .subids = mail_subids,
	.nsubids = sizeof(mail_subids) / sizeof(mail_subids[0]),
	.fill = fill_mail_scalars,
};
static const struct snmp_tab_def email_def = {
	.name = "keepalived-emailTable", .oid = email_oid,
	.oid_len = OID_LENGTH(email_oid), .nidx = 1, .min_col = 2,
	.max_col = 2, .fill = fill_emails,
};

struct snmp_global *snmp_global_register(snmp_global_get_fn *get, void *ctx)
{
	struct snmp_global *sg = mem_new(struct snmp_global);

	sg->get = get;
	sg->ctx = ctx;
	sg->global = snmp_scalars_register(&global_def, sg);
	sg->mail = snmp_scalars_register(&mail_def, sg);
	sg->emails = snmp_tab_register(&email_def, sg);
	return sg;
}

void snmp_global_unregister(struct snmp_global **sgp)
{
	struct snmp_global *sg = *sgp;

	if (!sg)
		return;
	snmp_tab_unregister(&sg->emails);
	snmp_scalars_unregister(&sg->mail);
	snmp_scalars_unregister(&sg->global);
	mem_free(sgp);
}
