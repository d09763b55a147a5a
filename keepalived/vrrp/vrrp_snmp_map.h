/*
 * vrrp_snmp_map.h: how KEEPALIVED-MIB's vrrp objects encode our values
 * (pure, unit-tested).
 */
#ifndef KA_VRRP_SNMP_MAP_H
#define KA_VRRP_SNMP_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "vrrp_fsm.h"
#include "vrrp_track.h"

/* VrrpState: init(0), backup(1), master(2), fault(3); and shutdown(5),
 * which has no state of ours. */
#define VRRP_SNMP_SHUTDOWN 5
int vrrp_snmp_state(enum vrrp_state st);
/* vrrpInstanceAdvertisementsInt: seconds for VRRPv2, centiseconds for
 * VRRPv3. */
uint32_t vrrp_snmp_adver_int(unsigned version, unsigned adver_int_cs);
/* InetScopeType of an RT_SCOPE_* (-1: not given, the universe). */
int vrrp_snmp_scope(int rt_scope);
/* RouteType of an RTN_* (ecmp with next hops); 0: no such value. */
int vrrp_snmp_route_type(unsigned rtn, size_t nnh);
/* vrrpRouteProtocol / vrrpRuleProtocol of an RTPROT_* (-1: ours,
 * keepalived's 18) as keepalived 2.2.7 answers it; 0: none. */
int vrrp_snmp_protocol(int rtprot);
/* The vrrpRouteTable columns of a route metric (RTAX_*): its value's
 * and its lock's (0: none). false: no column for it, or units we do not
 * convert (rtt, rttvar, rto_min) or a type we do not map (congctl). */
bool vrrp_snmp_route_metric(unsigned rtax, unsigned *col,
			    unsigned *lock_col);
/* vrrpScriptResult: init(1), bad(2), good(3). */
int vrrp_snmp_script_result(enum vrrp_track_status st);

#endif
