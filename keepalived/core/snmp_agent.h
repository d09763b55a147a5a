/*
 * snmp_agent.h: the AgentX sub-agent a child runs when SNMP is enabled.
 *
 * net-snmp's agent library does the protocol; this file only drives its
 * descriptors and alarms from our event loop (net-snmp is otherwise
 * written for a select() loop of its own) and routes its log lines into
 * ours. The MIB modules (KEEPALIVED-MIB, VRRP-MIB, VRRPv3-MIB) register
 * their objects with net-snmp's own handler API after snmp_agent_open().
 *
 * A master agent that is not there, or goes away, is not an error: the
 * sub-agent pings it every SNMP_AGENT_PING_S seconds and registers again
 * when it is back. Nothing here ever blocks the loop for longer than a
 * local socket write.
 *
 * Only one agent per process: net-snmp keeps its state in globals.
 */
#ifndef KA_SNMP_AGENT_H
#define KA_SNMP_AGENT_H

#include <stdbool.h>

struct event_loop;
struct global_data;
struct ka_options;
struct variable_list;

/* How often the sub-agent checks that the master agent is still there. */
#define SNMP_AGENT_PING_S 2

struct snmp_agent;

/*
 * Starts the sub-agent.
 *   loop:   drives it until snmp_agent_close().
 *   name:   the application name net-snmp registers under
 *           ("keepalived" for the VRRP child, "keepalived_check" ...).
 *   socket: the master agent's AgentX address (-A or snmp_socket, for
 *           example "unix:/var/agentx/master" or "tcp:localhost:705");
 *           NULL or "" for net-snmp's default.
 * Returns the agent, or NULL (logged) if net-snmp could not start.
 */
struct snmp_agent *snmp_agent_open(struct event_loop *loop, const char *name,
				   const char *socket);

/* Stops it and frees it; sets *a to NULL. Accepts NULL. */
void snmp_agent_close(struct snmp_agent **a);

/*
 * Sends a notification through the master agent. "vars" must start with
 * snmpTrapOID.0; the caller keeps and frees the list. Nothing is sent
 * (and 0 returned) while the master agent is away, as keepalived does.
 * Returns 0, or -EINVAL for a NULL agent or list.
 */
int snmp_agent_trap(struct snmp_agent *a, struct variable_list *vars);

/*
 * Re-reads which descriptors and alarms net-snmp wants watched. The agent
 * does this itself after each of its events; call it after registering or
 * unregistering objects outside those events.
 */
void snmp_agent_sync(struct snmp_agent *a);

/*
 * Which parts a child serves, from global_defs and the command line as
 * keepalived 2.2 decides it: -x turns on every part; -A or snmp_socket
 * only say where the master agent is.
 */
bool snmp_want_vrrp(const struct global_data *gd, const struct ka_options *o);
bool snmp_want_checker(const struct global_data *gd,
		       const struct ka_options *o);
bool snmp_want_rfcv2(const struct global_data *gd, const struct ka_options *o);
bool snmp_want_rfcv3(const struct global_data *gd, const struct ka_options *o);
/* The socket to use: -A first, then snmp_socket, else NULL. */
const char *snmp_socket_of(const struct global_data *gd,
			   const struct ka_options *o);

#endif
