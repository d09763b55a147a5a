/*
 * vrrp_snmp.h: the `vrrp` subtree of KEEPALIVED-MIB (sync groups,
 * instances, their tracking, addresses, virtual routes and rules,
 * scripts, track files and processes) and its two traps, served by the
 * VRRP child when enable_snmp_vrrp is on.
 *
 * Every value is read from the running state when asked (the same data
 * as the JSON and USR1 dumps); rows are numbered from 1 in configuration
 * order, as keepalived numbers them. The BFD tables stay empty:
 * track_bfd is not supported.
 */
#ifndef KA_VRRP_SNMP_H
#define KA_VRRP_SNMP_H

struct ka_conf;
struct snmp_agent;
struct vrrp_run;
struct vrrp_snmp;

/*
 * Registers the tables (after snmp_agent_open()) and, with enable_traps,
 * sends a trap on every state change of an instance or a sync group.
 * "conf" points to the caller's pointer to the configuration running
 * now (read on every request, so a reload needs no new registration);
 * "run" and "agent" must outlive the registration. Never NULL.
 */
struct vrrp_snmp *vrrp_snmp_register(struct snmp_agent *agent,
				     struct vrrp_run *run,
				     const struct ka_conf *const *conf);

/* The child stops: with enable_traps, a shutdown(5) notification for
 * every instance and sync group running, as keepalived sends them. Call
 * before vrrp_snmp_unregister(); accepts NULL. */
void vrrp_snmp_stop(struct vrrp_snmp *vs);

/* Unregisters (before vrrp_run_free() and snmp_agent_close()), frees,
 * NULLs *vs; accepts NULL. */
void vrrp_snmp_unregister(struct vrrp_snmp **vs);

#endif
