/*
 * vrrp_snmp_inst.c: vrrpInstanceTable and vrrpAddressTable.
 *
 * Left out (no data): vrrpInstanceWantedState (we keep no wanted state
 * apart from the state machine's) and vrrpInstancePromoteSecondaries
 * (promote_secondaries is not supported).
 */
#include "config.h"

#include <string.h>

#include "vrrp_snmp_internal.h"
#include "vrrp_snmp_map.h"

enum {
	I_NAME = 2, I_VRID, I_STATE, I_INIT_STATE, I_WANTED_STATE,
	I_BASE_PRIO, I_EFF_PRIO, I_VIPS_STATUS, I_IFNAME, I_TRACK_PRIMARY,
	I_ADVER_INT, I_PREEMPT, I_PREEMPT_DELAY, I_AUTH_TYPE,
	I_LVS_SYNC, I_LVS_SYNC_IF, I_SYNC_GROUP, I_GARP_DELAY,
	I_SMTP_ALERT, I_NOTIFY_EXEC, I_SCRIPT_MASTER, I_SCRIPT_BACKUP,
	I_SCRIPT_FAULT, I_SCRIPT_STOP, I_SCRIPT, I_ACCEPT,
	I_PROMOTE_SECONDARIES, I_USE_LINKBEAT, I_VERSION,
	I_SCRIPT_RX_LOWER, I_SCRIPT_DELETED, I_NOTIFY_DELETED,
	I_MCAST_TYPE, I_MCAST,
};

static bool any_notify(const struct vrrp_run_params *p)
{
	size_t k;

	for (k = 0; k < VRRP_NOTIFY_COUNT; k++)
		if (p->notify[k].cmd)
			return true;
	return false;
}

static void inst_scripts(struct snmp_row *r, const struct vrrp_run_params *p)
{
	snmp_row_bool(r, I_NOTIFY_EXEC, any_notify(p));
	snmp_row_str(r, I_SCRIPT_MASTER, p->notify[VRRP_NOTIFY_MASTER].cmd);
	snmp_row_str(r, I_SCRIPT_BACKUP, p->notify[VRRP_NOTIFY_BACKUP].cmd);
	snmp_row_str(r, I_SCRIPT_FAULT, p->notify[VRRP_NOTIFY_FAULT].cmd);
	snmp_row_str(r, I_SCRIPT_STOP, p->notify[VRRP_NOTIFY_STOP].cmd);
	snmp_row_str(r, I_SCRIPT, p->notify[VRRP_NOTIFY_ANY].cmd);
	snmp_row_str(r, I_SCRIPT_RX_LOWER,
		     p->notify[VRRP_NOTIFY_RX_LOWER].cmd);
	snmp_row_str(r, I_SCRIPT_DELETED, p->notify[VRRP_NOTIFY_DELETED].cmd);
	snmp_row_bool(r, I_NOTIFY_DELETED, p->notify_deleted);
}

/* The deprecated vrrpInstanceLvsSyncDaemon / -Interface: whether
 * lvs_sync_daemon follows this instance, and on which interface. */
static void inst_lvs_sync(const struct vrrp_snmp *vs, struct snmp_row *r,
			  const char *name)
{
	const struct ka_conf *c = *vs->conf;
	const struct gd_lvs_sync *ls = c ? &c->global->lvs_sync : NULL;
	bool on = ls && ls->interface && ls->vrrp_instance &&
		  strcmp(ls->vrrp_instance, name) == 0;

	snmp_row_bool(r, I_LVS_SYNC, on);
	if (on)
		snmp_row_str(r, I_LVS_SYNC_IF, ls->interface);
}

static void inst_row(const struct vrrp_snmp *vs, uint32_t idx,
		     const struct vrrp_instance_conf *ic,
		     const struct vrrp_inst *in, struct snmp_rows *rows)
{
	const struct vrrp_run_params *p = &in->p;
	struct snmp_row *r = snmp_rows_add1(rows, idx);
	struct ka_addr group = vrrp_run_group(in);

	snmp_row_str(r, I_NAME, p->name);
	snmp_row_uint(r, I_VRID, p->vrid);
	snmp_row_int(r, I_STATE, vrrp_snmp_state(in->fsm.state));
	snmp_row_int(r, I_INIT_STATE, vrrp_snmp_state(ic->want_master ?
			VRRP_STATE_MASTER : VRRP_STATE_BACKUP));
	snmp_row_int(r, I_BASE_PRIO, p->fsm.priority);
	snmp_row_int(r, I_EFF_PRIO, in->fsm.conf.priority);
	/* allSet(1) / notAllSet(2): ours are added and removed together */
	snmp_row_bool(r, I_VIPS_STATUS, in->addresses_set);
	snmp_row_str(r, I_IFNAME, p->ifname);
	snmp_row_bool(r, I_TRACK_PRIMARY, !p->dont_track_primary);
	snmp_row_uint(r, I_ADVER_INT,
		      vrrp_snmp_adver_int(p->fsm.version, p->fsm.adver_int_cs));
	snmp_row_bool(r, I_PREEMPT, !p->fsm.nopreempt);
	snmp_row_uint(r, I_PREEMPT_DELAY, p->fsm.preempt_delay_us / 1000000);
	snmp_row_int(r, I_AUTH_TYPE, p->auth_type);
	inst_lvs_sync(vs, r, p->name);
	if (p->sync_group[0])
		snmp_row_str(r, I_SYNC_GROUP, p->sync_group);
	snmp_row_uint(r, I_GARP_DELAY, p->garp_delay_us / 1000000);
	snmp_row_bool(r, I_SMTP_ALERT, p->smtp_alert);
	inst_scripts(r, p);
	snmp_row_bool(r, I_ACCEPT, !p->no_accept);
	snmp_row_bool(r, I_USE_LINKBEAT, ic->linkbeat_use_polling);
	snmp_row_int(r, I_VERSION, p->fsm.version);
	snmp_row_addr(r, I_MCAST_TYPE, I_MCAST, &group);
}

void vrrp_snmp_fill_instances(void *ctx, struct snmp_rows *rows)
{
	vrrp_snmp_each_inst(ctx, inst_row, rows);
}

enum {
	A_TYPE = 2, A_VALUE, A_BROADCAST, A_MASK, A_SCOPE, A_IFINDEX,
	A_IFNAME, A_IFALIAS, A_STATUS, A_ADVERTISING, A_PEER,
};

static void addr_row(const struct vrrp_snmp *vs, const struct vrrp_inst *in,
		     struct snmp_row *r, const struct ipaddr *ip,
		     bool advertised)
{
	const char *dev = ip->dev[0] ? ip->dev : vrrp_run_vip_ifname(in);
	int ifindex = vrrp_snmp_ifindex(vs, dev);

	snmp_row_addr(r, A_TYPE, A_VALUE, &ip->prefix.addr);
	if (ip->brd_mode == IPADDR_BRD_ADDR)
		snmp_row_addr(r, 0, A_BROADCAST, &ip->brd);
	snmp_row_uint(r, A_MASK, ip->prefix.len);
	snmp_row_int(r, A_SCOPE, vrrp_snmp_scope(ip->scope));
	if (ifindex)
		snmp_row_int(r, A_IFINDEX, ifindex);
	snmp_row_str(r, A_IFNAME, dev);
	if (ip->label[0])
		snmp_row_str(r, A_IFALIAS, ip->label);
	/* set(1) / unset(2) */
	snmp_row_bool(r, A_STATUS, in->addresses_set);
	snmp_row_bool(r, A_ADVERTISING, advertised);
	snmp_row_addr(r, 0, A_PEER, &ip->peer.addr);
}

/* virtual_ipaddress then virtual_ipaddress_excluded, numbered on. */
static void addr_rows(const struct vrrp_snmp *vs, uint32_t idx,
		      const struct vrrp_instance_conf *ic,
		      const struct vrrp_inst *in, struct snmp_rows *rows)
{
	const struct vrrp_vip *v;
	uint32_t n = 0;

	(void)ic;
	if (in->p.vips)
		list_for_each_entry(v, in->p.vips, node)
			addr_row(vs, in, snmp_rows_add2(rows, idx, ++n), v->ip,
				 true);
	if (in->p.vips_excluded)
		list_for_each_entry(v, in->p.vips_excluded, node)
			addr_row(vs, in, snmp_rows_add2(rows, idx, ++n), v->ip,
				 false);
}

void vrrp_snmp_fill_addresses(void *ctx, struct snmp_rows *rows)
{
	vrrp_snmp_each_inst(ctx, addr_rows, rows);
}
