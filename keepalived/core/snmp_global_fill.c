/*
 * snmp_global_fill.c: the values of KEEPALIVED-MIB's `global` objects
 * from global_defs (pure, but for gethostname()).
 */
#include "config.h"

#include <arpa/inet.h>
#include <unistd.h>

#include "snmp_global.h"

const char *snmp_global_router_id(const struct global_data *gd, char *buf,
				  size_t len)
{
	if (gd->router_id)
		return gd->router_id;
	if (!len || gethostname(buf, len) < 0)
		return NULL;
	buf[len - 1] = '\0';
	return buf;
}

/* on(1) / off(2) / unset(3) */
static int tristate(enum gd_tristate t)
{
	return t == GD_ON ? 1 : t == GD_OFF ? 2 : 3;
}

/* smtp_server is an address (a name is resolved when mail is sent, so
 * it has no InetAddress here: left out). */
static void fill_server(const struct global_data *gd, struct snmp_row *m)
{
	struct ka_addr a = { 0 };

	if (!gd->smtp_server)
		return;
	if (inet_pton(AF_INET, gd->smtp_server, &a.u.v4) == 1)
		a.family = AF_INET;
	else if (inet_pton(AF_INET6, gd->smtp_server, &a.u.v6) == 1)
		a.family = AF_INET6;
	snmp_row_addr(m, SNMP_M_SERVER_TYPE, SNMP_M_SERVER, &a);
}

static void fill_mail(const struct global_data *gd, struct snmp_row *m)
{
	fill_server(gd, m);
	snmp_row_uint(m, SNMP_M_TIMEOUT, gd->smtp_connect_timeout_s);
	snmp_row_str(m, SNMP_M_FROM, gd->email_from);
	snmp_row_uint(m, SNMP_M_PORT, gd->smtp_port);
	/* enabled(1) / disabled(2) */
	snmp_row_bool(m, SNMP_M_FAULTS, !gd->no_email_faults);
	snmp_row_int(m, SNMP_M_ALERT, tristate(gd->smtp_alert));
	snmp_row_int(m, SNMP_M_ALERT_VRRP, tristate(gd->smtp_alert_vrrp));
	snmp_row_int(m, SNMP_M_ALERT_CHECKER,
		     tristate(gd->smtp_alert_checker));
}

static void fill_global(const struct global_data *gd, const char *router_id,
			struct snmp_row *g)
{
	snmp_row_str(g, SNMP_G_VERSION, "Keepalived v" PACKAGE_VERSION);
	snmp_row_str(g, SNMP_G_ROUTER_ID, router_id);
	snmp_row_bool(g, SNMP_G_TRAP_ENABLE, gd->snmp_traps);
	/* netlink(1), polling(2) */
	snmp_row_int(g, SNMP_G_LINKBEAT, gd->linkbeat_use_polling ? 2 : 1);
	snmp_row_bool(g, SNMP_G_LVS_FLUSH, gd->lvs_flush);
	snmp_row_str(g, SNMP_G_NET_NAMESPACE, gd->net_namespace);
	snmp_row_bool(g, SNMP_G_DBUS, gd->enable_dbus);
	snmp_row_bool(g, SNMP_G_DYNAMIC_IFS, gd->dynamic_interfaces);
	/* enabled(1), disabled(2), flushVS(3) */
	snmp_row_int(g, SNMP_G_LVS_FLUSH_ON_STOP, gd->lvs_flush_on_stop ? 1 :
		     gd->lvs_flush_on_stop_vs ? 3 : 2);
}

void snmp_global_emails(const struct global_data *gd, struct snmp_rows *rows)
{
	size_t i;

	for (i = 0; i < gd->email.count; i++)
		snmp_row_str(snmp_rows_add1(rows, (uint32_t)i + 1), 2,
			     gd->email.items[i]);
}

void snmp_global_fill(const struct global_data *gd, const char *router_id,
		      struct snmp_row *g, struct snmp_row *m)
{
	if (g)
		fill_global(gd, router_id, g);
	if (m)
		fill_mail(gd, m);
}
