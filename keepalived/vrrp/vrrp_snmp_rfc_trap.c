/*
 * vrrp_snmp_rfc_trap.c: the notifications of the standard VRRP MIBs,
 * sent through the sub-agent when the runtime tells of a transition or
 * of a refused advert: vrrpTrapNewMaster and vrrpv3NewMaster on becoming
 * master; vrrpTrapAuthFailure (RFC 2787) and vrrpv3ProtoError (RFC 6527)
 * for adverts refused for those reasons, rate-limited since packets
 * cause them.
 */
#include "config.h"

#include <sys/socket.h>

#include "event.h"
#include "log.h"
#include "vrrp_snmp_rfc_internal.h"

static const oid trap_oid_oid[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };

/* The notifications (mib-2.68.0.x, mib-2.207.0.x) and their objects. */
static const oid v2_new_master[] = { RFC_V2_ROOT, 0, 1 };
static const oid v2_auth_failure[] = { RFC_V2_ROOT, 0, 2 };
static const oid v2_master_ip[] = { RFC_V2_ROOT, 1, 3, 1, 7 };
/* indexed by the row, as keepalived sends them */
static const oid v2_packet_src[] = { RFC_V2_ROOT, 1, 5 };
static const oid v2_auth_error[] = { RFC_V2_ROOT, 1, 6 };
static const oid v3_new_master[] = { RFC_V3_ROOT, 0, 1 };
static const oid v3_proto_error[] = { RFC_V3_ROOT, 0, 2 };
static const oid v3_master_ip[] = { RFC_V3_ROOT, 1, 1, 1, 1, 3 };
static const oid v3_master_reason[] = { RFC_V3_ROOT, 1, 2, 5, 1, 2 };
static const oid v3_proto_reason[] = { RFC_V3_ROOT, 1, 2, 5, 1, 6 };

#define OID_N(a) (sizeof(a) / sizeof((a)[0]))

/* A column's OID with the row's index: ifIndex, VRID[, type]. */
static size_t row_oid(const oid *col, size_t n, const struct vrrp_run_view *v,
		      bool v3, oid *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = col[i];
	out[n++] = (oid)v->ifindex;
	out[n++] = v->vrid;
	if (v3)
		out[n++] = (oid)vrrp_snmp_rfc_inet_type(v->family);
	return n;
}

static netsnmp_variable_list *start(const oid *trap, size_t n)
{
	netsnmp_variable_list *vars = NULL;

	snmp_varlist_add_variable(&vars, trap_oid_oid, OID_N(trap_oid_oid),
				  ASN_OBJECT_ID, trap, n * sizeof(oid));
	return vars;
}

static void add_int(netsnmp_variable_list **vars, const oid *name, size_t n,
		    long value)
{
	snmp_varlist_add_variable(vars, name, n, ASN_INTEGER, &value,
				  sizeof(value));
}

static void trap_send(struct vrrp_snmp_rfc *s, netsnmp_variable_list *vars)
{
	if (vars)
		snmp_agent_trap(s->agent, vars);
	snmp_free_varbind(vars);
}

static void new_master_v2(struct vrrp_snmp_rfc *s,
			  const struct vrrp_run_view *v)
{
	netsnmp_variable_list *vars = start(v2_new_master,
					    OID_N(v2_new_master));
	oid name[MAX_OID_LEN];
	size_t n = row_oid(v2_master_ip, OID_N(v2_master_ip), v, false, name);
	struct in_addr a = { 0 };

	if (v->primary && v->primary->family == AF_INET)
		a = v->primary->u.v4;
	snmp_varlist_add_variable(&vars, name, n, ASN_IPADDRESS, &a,
				  sizeof(a));
	trap_send(s, vars);
}

static void new_master_v3(struct vrrp_snmp_rfc *s,
			  const struct vrrp_run_view *v)
{
	netsnmp_variable_list *vars = start(v3_new_master,
					    OID_N(v3_new_master));
	oid name[MAX_OID_LEN];
	size_t n = row_oid(v3_master_ip, OID_N(v3_master_ip), v, true, name);
	netsnmp_variable_list *last;

	last = snmp_varlist_add_variable(&vars, name, n, ASN_OCTET_STR, NULL,
					 0);
	if (last)
		rfc_set_inet(last, v->primary, v->family);
	n = row_oid(v3_master_reason, OID_N(v3_master_reason), v, true, name);
	add_int(&vars, name, n, vrrp_snmp_rfc_master_reason(v->master_reason));
	trap_send(s, vars);
}

static void on_state(void *ctx, const struct vrrp_run_view *v,
		     enum vrrp_state from, enum vrrp_state to)
{
	struct vrrp_snmp_rfc *s = ctx;

	(void)from;
	if (to != VRRP_STATE_MASTER)
		return;
	if (s->o.v2 && vrrp_snmp_rfc_in_v2(v))
		new_master_v2(s, v);
	if (s->o.v3 && vrrp_snmp_rfc_in_v3(v))
		new_master_v3(s, v);
}

static void auth_failure_v2(struct vrrp_snmp_rfc *s,
			    const struct vrrp_run_view *v,
			    const struct ka_addr *src, int type)
{
	netsnmp_variable_list *vars = start(v2_auth_failure,
					    OID_N(v2_auth_failure));
	netsnmp_variable_list *last;
	oid name[MAX_OID_LEN];
	size_t n = row_oid(v2_packet_src, OID_N(v2_packet_src), v, false,
			   name);

	last = snmp_varlist_add_variable(&vars, name, n, ASN_IPADDRESS, NULL,
					 0);
	if (last)
		rfc_set_ip4(last, src);
	n = row_oid(v2_auth_error, OID_N(v2_auth_error), v, false, name);
	add_int(&vars, name, n, type);
	trap_send(s, vars);
}

static void proto_error_v3(struct vrrp_snmp_rfc *s,
			   const struct vrrp_run_view *v, int reason)
{
	netsnmp_variable_list *vars = start(v3_proto_error,
					    OID_N(v3_proto_error));
	oid name[MAX_OID_LEN];
	size_t n = row_oid(v3_proto_reason, OID_N(v3_proto_reason), v, true,
			   name);

	add_int(&vars, name, n, reason);
	trap_send(s, vars);
}

static bool allowed(struct vrrp_snmp_rfc *s)
{
	unsigned missed;

	if (!ratelimit_allow(&s->trap_rl, event_loop_now_us(s->loop),
			     &missed))
		return false;
	if (missed)
		log_warnx("SNMP: %u VRRP error traps not sent (too many)",
			  missed);
	return true;
}

static void on_rx_drop(void *ctx, const struct vrrp_run_view *v,
		       const struct ka_addr *src, enum vrrp_rx_counter counter)
{
	struct vrrp_snmp_rfc *s = ctx;
	int auth = vrrp_snmp_rfc_auth_error(counter);
	int proto = vrrp_snmp_rfc_proto_error(counter);

	if (s->o.v2 && auth && vrrp_snmp_rfc_in_v2(v) && allowed(s))
		auth_failure_v2(s, v, src, auth);
	if (s->o.v3 && proto && vrrp_snmp_rfc_in_v3(v) && allowed(s))
		proto_error_v3(s, v, proto);
}

int rfc_trap_observe(struct vrrp_snmp_rfc *s)
{
	const struct vrrp_run_observer o = {
		.on_state = on_state, .on_rx_drop = on_rx_drop, .ctx = s,
	};

	return vrrp_run_observe(s->run, &o);
}
