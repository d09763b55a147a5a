/*
 * vrrp_snmp.c: KEEPALIVED-MIB's vrrp tables registered with net-snmp,
 * and the state-change traps (vrrp_snmp.h). The rows come from
 * vrrp_snmp_{inst,track,sync,objs,route}.c.
 */
#include "config.h"

#include <string.h>

#include "memory.h"
#include "snmp_agent.h"
#include "snmp_global.h"
#include "snmp_tab.h"
#include "vrrp_snmp_internal.h"
#include "vrrp_snmp_map.h"

#define VRRP_OID(n) SNMP_KEEPALIVED_OID, 2, n
#define VRRP_OID_LEN (SNMP_KEEPALIVED_OID_LEN + 2)

static const oid sync_oid[] = { VRRP_OID(1) };
static const oid sync_member_oid[] = { VRRP_OID(2) };
static const oid inst_oid[] = { VRRP_OID(3) };
static const oid tracked_if_oid[] = { VRRP_OID(4) };
static const oid tracked_script_oid[] = { VRRP_OID(5) };
static const oid address_oid[] = { VRRP_OID(6) };
static const oid route_oid[] = { VRRP_OID(7) };
static const oid rule_oid[] = { VRRP_OID(8) };
static const oid script_oid[] = { VRRP_OID(9) };
static const oid nexthop_oid[] = { VRRP_OID(11) };
static const oid tracked_file_oid[] = { VRRP_OID(12) };
static const oid file_oid[] = { VRRP_OID(13) };
static const oid sync_if_oid[] = { VRRP_OID(14) };
static const oid sync_script_oid[] = { VRRP_OID(15) };
static const oid sync_file_oid[] = { VRRP_OID(16) };
static const oid tracked_proc_oid[] = { VRRP_OID(20) };
static const oid proc_oid[] = { VRRP_OID(21) };
static const oid sync_proc_oid[] = { VRRP_OID(22) };

#define TAB(nm, o, idx, lo, hi, fn) { .name = "keepalived-" nm, .oid = o, \
	.oid_len = VRRP_OID_LEN, .nidx = idx, .min_col = lo, .max_col = hi, \
	.fill = fn }

/* The BFD tables (17, 18, 19) are not registered: track_bfd is not
 * supported, so they would have no rows anyway. */
static const struct snmp_tab_def vrrp_tabs[] = {
	TAB("vrrpSyncGroupTable", sync_oid, 1, 2, 11, vrrp_snmp_fill_syncs),
	TAB("vrrpSyncGroupMemberTable", sync_member_oid, 2, 2, 2,
	    vrrp_snmp_fill_sync_members),
	TAB("vrrpInstanceTable", inst_oid, 1, 2, 35,
	    vrrp_snmp_fill_instances),
	TAB("vrrpTrackedInterfaceTable", tracked_if_oid, 2, 1, 3,
	    vrrp_snmp_fill_tracked_ifs),
	TAB("vrrpTrackedScriptTable", tracked_script_oid, 2, 2, 4,
	    vrrp_snmp_fill_tracked_scripts),
	TAB("vrrpAddressTable", address_oid, 2, 2, 12,
	    vrrp_snmp_fill_addresses),
	TAB("vrrpRouteTable", route_oid, 2, 2, 55, vrrp_snmp_fill_routes),
	TAB("vrrpRuleTable", rule_oid, 2, 2, 38, vrrp_snmp_fill_rules),
	TAB("vrrpRouteNextHopTable", nexthop_oid, 3, 2, 7,
	    vrrp_snmp_fill_route_nexthops),
	TAB("vrrpScriptTable", script_oid, 1, 2, 9, vrrp_snmp_fill_scripts),
	TAB("vrrpTrackedFileTable", tracked_file_oid, 2, 2, 4,
	    vrrp_snmp_fill_tracked_files),
	TAB("vrrpFileTable", file_oid, 1, 2, 6, vrrp_snmp_fill_files),
	TAB("vrrpSyncTrackedInterfaceTable", sync_if_oid, 2, 1, 3,
	    vrrp_snmp_fill_sync_ifs),
	TAB("vrrpSyncTrackedScriptTable", sync_script_oid, 2, 2, 4,
	    vrrp_snmp_fill_sync_scripts),
	TAB("vrrpSyncTrackedFileTable", sync_file_oid, 2, 2, 4,
	    vrrp_snmp_fill_sync_files),
	TAB("vrrpTrackedProcessTable", tracked_proc_oid, 2, 2, 4,
	    vrrp_snmp_fill_tracked_procs),
	TAB("vrrpProcessTable", proc_oid, 1, 2, 14, vrrp_snmp_fill_procs),
	TAB("vrrpSyncTrackedProcessTable", sync_proc_oid, 2, 2, 4,
	    vrrp_snmp_fill_sync_procs),
};

const struct vrrp_conf *vrrp_snmp_conf(const struct vrrp_snmp *vs)
{
	const struct ka_conf *c = *vs->conf;

	return c ? c->vrrp : NULL;
}

void vrrp_snmp_each_inst(const struct vrrp_snmp *vs, vrrp_snmp_inst_fn *fn,
			 struct snmp_rows *rows)
{
	const struct vrrp_conf *vc = vrrp_snmp_conf(vs);
	const struct vrrp_instance_conf *ic;
	const struct vrrp_inst *in;
	uint32_t idx = 0;

	if (!vc)
		return;
	list_for_each_entry(ic, &vc->instances, node) {
		idx++;
		in = vrrp_run_find(vs->run, ic->name);
		if (in)
			fn(vs, idx, ic, in, rows);
	}
}

int vrrp_snmp_ifindex(const struct vrrp_snmp *vs, const char *ifname)
{
	const struct iface *ifp;

	if (!ifname || !ifname[0])
		return 0;
	ifp = iftable_by_name(netlink_daemon_iftable(vs->run->nl), ifname);
	return ifp ? ifp->link.index : 0;
}

/* Traps. */

static const oid trap_oid_oid[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };

/* One varbind: base followed by "suffix". */
static void add_var(netsnmp_variable_list **vars, const oid *base,
		    size_t base_len, const oid *suffix, size_t nsuffix,
		    const struct snmp_cell *c)
{
	oid name[MAX_OID_LEN];
	netsnmp_variable_list *vb;

	if (base_len + nsuffix > MAX_OID_LEN)
		return;
	memcpy(name, base, base_len * sizeof(oid));
	memcpy(name + base_len, suffix, nsuffix * sizeof(oid));
	vb = snmp_varlist_add_variable(vars, name, base_len + nsuffix,
				       ASN_NULL, NULL, 0);
	if (vb)
		snmp_tab_set_var(vb, c);
}

/* A column of a vrrp table (table.1.col): keepalived 2.2.7 names the
 * columns without the row's index in its notifications, and NMSes
 * match on that. */
static void add_col(netsnmp_variable_list **vars, const oid *table,
		    unsigned col, const struct snmp_cell *c)
{
	const oid suffix[] = { 1, col };

	add_var(vars, table, VRRP_OID_LEN, suffix, 2, c);
}

static struct snmp_cell int_cell(int v)
{
	return (struct snmp_cell){ .type = SNMP_CELL_INT, .i = v };
}

static struct snmp_cell str_cell(const char *s)
{
	return (struct snmp_cell){ .type = SNMP_CELL_STR, .str = (char *)s,
				   .len = s ? strlen(s) : 0 };
}

/* routerId.0 */
static void add_router_id(netsnmp_variable_list **vars,
			  const struct global_data *gd)
{
	static const oid global_oid[] = { SNMP_KEEPALIVED_OID, 1 };
	static const oid suffix[] = { 2, 0 };
	char host[256];
	struct snmp_cell c = str_cell(snmp_global_router_id(gd, host,
							    sizeof(host)));

	add_var(vars, global_oid, OID_LENGTH(global_oid), suffix, 2, &c);
}

static int initial_state(const struct ka_conf *c, const char *name)
{
	const struct vrrp_instance_conf *ic = vrrp_conf_find(c->vrrp, name);

	return vrrp_snmp_state(ic && ic->want_master ? VRRP_STATE_MASTER :
			       VRRP_STATE_BACKUP);
}

/*
 * vrrpInstanceStateChange (vrrp.10.0.2): name, state, initial state,
 * routerId; vrrpSyncGroupStateChange (vrrp.10.0.1): name, state,
 * routerId. state: a VrrpState (shutdown(5) when the daemon stops).
 */
static void send_trap(struct vrrp_snmp *vs, bool group, const char *name,
		      int state)
{
	const struct ka_conf *c = *vs->conf;
	const oid trap[] = { VRRP_OID(10), 0, group ? 1 : 2 };
	const oid *table = group ? sync_oid : inst_oid;
	netsnmp_variable_list *vars = NULL;
	struct snmp_cell cell;

	if (!c || !c->global->snmp_traps)
		return;
	snmp_varlist_add_variable(&vars, trap_oid_oid,
				  OID_LENGTH(trap_oid_oid), ASN_OBJECT_ID,
				  trap, sizeof(trap));
	cell = str_cell(name);
	add_col(&vars, table, 2, &cell);
	cell = int_cell(state);
	add_col(&vars, table, group ? 3 : 4, &cell);
	if (!group) {
		cell = int_cell(initial_state(c, name));
		add_col(&vars, table, 5, &cell);
	}
	add_router_id(&vars, c->global);
	snmp_agent_trap(vs->agent, vars);
	snmp_free_varbind(vars);
}

static void on_state(void *ctx, bool group, const char *name,
		     enum vrrp_state to)
{
	send_trap(ctx, group, name, vrrp_snmp_state(to));
}

void vrrp_snmp_stop(struct vrrp_snmp *vs)
{
	const struct vrrp_inst *in;
	const struct vrrp_group *g;

	if (!vs)
		return;
	list_for_each_entry(in, &vs->run->insts, node)
		send_trap(vs, false, in->p.name, VRRP_SNMP_SHUTDOWN);
	list_for_each_entry(g, &vs->run->groups, node)
		send_trap(vs, true, g->p.name, VRRP_SNMP_SHUTDOWN);
}

struct vrrp_snmp *vrrp_snmp_register(struct snmp_agent *agent,
				     struct vrrp_run *run,
				     const struct ka_conf *const *conf)
{
	struct vrrp_snmp *vs = mem_new(struct vrrp_snmp);
	struct snmp_tab *t;
	size_t i;

	vs->agent = agent;
	vs->run = run;
	vs->conf = conf;
	for (i = 0; i < sizeof(vrrp_tabs) / sizeof(vrrp_tabs[0]); i++) {
		t = snmp_tab_register(&vrrp_tabs[i], vs);
		if (t && vs->ntabs < VRRP_SNMP_TABS_MAX)
			vs->tabs[vs->ntabs++] = t;
	}
	vrrp_run_set_observer(run, on_state, vs);
	return vs;
}

void vrrp_snmp_unregister(struct vrrp_snmp **vsp)
{
	struct vrrp_snmp *vs = *vsp;
	size_t i;

	if (!vs)
		return;
	vrrp_run_set_observer(vs->run, NULL, NULL);
	for (i = 0; i < vs->ntabs; i++)
		snmp_tab_unregister(&vs->tabs[i]);
	mem_free(vsp);
}
