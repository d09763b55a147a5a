/*
 * vrrp_snmp_rfc.h: the VRRP child's rows of the standard VRRP MIBs on
 * the AgentX sub-agent (snmp_agent.h): VRRP-MIB (RFC 2787) for version 2
 * instances over IPv4 (enable_snmp_rfcv2) and VRRPV3-MIB (RFC 6527) for
 * every instance (enable_snmp_rfcv3, as keepalived lists them),
 * read-only, from the running instances (vrrp_run_views()); and, with
 * enable_traps, their
 * notifications: vrrpTrapNewMaster, vrrpTrapAuthFailure,
 * vrrpv3NewMaster, vrrpv3ProtoError.
 */
#ifndef KA_VRRP_SNMP_RFC_H
#define KA_VRRP_SNMP_RFC_H

#include <stdbool.h>

struct event_loop;
struct snmp_agent;
struct vrrp_run;
struct vrrp_snmp_rfc;

struct vrrp_snmp_rfc_opts {
	bool v2;			/* VRRP-MIB */
	bool v3;			/* VRRPV3-MIB */
	bool traps;			/* the MIBs' notifications */
};

/* Registers the MIBs asked for on "agent" and watches "run" for the
 * traps. All three must outlive the result. NULL if nothing was asked
 * for or nothing could be registered (logged). */
struct vrrp_snmp_rfc *vrrp_snmp_rfc_new(struct snmp_agent *agent,
					struct event_loop *loop,
					struct vrrp_run *run,
					const struct vrrp_snmp_rfc_opts *o);

/* Unregisters, stops watching, frees, NULLs *s; NULL is fine. */
void vrrp_snmp_rfc_free(struct vrrp_snmp_rfc **s);

#endif
