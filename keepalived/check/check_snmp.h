/*
 * check_snmp.h: KEEPALIVED-MIB's check subtree (1.3.6.1.4.1.9586.100.5.3)
 * served by the checker child through the AgentX sub-agent
 * (snmp_agent.h): virtualServerGroupTable, virtualServerGroupMemberTable,
 * virtualServerTable, realServerTable and lvsTimeouts, and the traps
 * realServerStateChange and virtualServerQuorumStateChange.
 *
 * Every value is read from the running configuration and the checker
 * framework's live state when a request comes (the same objects the JSON
 * and USR1 dumps print), and the IPVS counters from the backend; an
 * object we hold no value for is left out of its row, so that a walk
 * skips it. Rows are numbered from 1 in configuration order, as
 * keepalived numbers them; a virtual server's sorry server comes after
 * its real servers.
 *
 * lvsSyncDaemon is not served: the checker does not run the IPVS sync
 * daemon, so any value there would be a pretence.
 */
#ifndef KA_CHECK_SNMP_H
#define KA_CHECK_SNMP_H

#include "check_data.h"
#include "check_run.h"
#include "global_data.h"

struct check_snmp;
struct snmp_agent;

/*
 * Registers the objects with the agent "a" (borrowed, open until
 * check_snmp_free()). "r" is the running framework, "c" and "gd" the
 * running configuration (all borrowed; see check_snmp_set_conf()).
 * Returns NULL (logged) if net-snmp refused a registration.
 */
struct check_snmp *check_snmp_new(struct snmp_agent *a,
				  const struct check_run *r,
				  const struct check_conf *c,
				  const struct global_data *gd);

/* After a reload: the configuration the framework now runs. */
void check_snmp_set_conf(struct check_snmp *s, const struct check_conf *c,
			 const struct global_data *gd);

/* A real server went up or down, or a quorum changed: sends the trap
 * when enable_traps is on. Meant as check_run_opts.on_change's body. */
void check_snmp_change(struct check_snmp *s,
		       const struct check_run_change *ch);

/* Unregisters and frees; accepts NULL; sets *s to NULL. */
void check_snmp_free(struct check_snmp **s);

#endif
