/*
 * vrrp_snmp_rfc_map.h: how our instances read in the standard VRRP MIBs,
 * VRRP-MIB (RFC 2787, VRRPv2 over IPv4) and VRRPV3-MIB (RFC 6527): which
 * rows an instance has, and our states, authentication types, reasons
 * and times as the MIBs' enumerations and types. Pure: no net-snmp, no
 * clock, so the unit tests pin every mapping.
 */
#ifndef KA_VRRP_SNMP_RFC_MAP_H
#define KA_VRRP_SNMP_RFC_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "vrrp_run_view.h"

/* vrrpOperState and vrrpv3OperationsStatus: initialize(1), backup(2),
 * master(3). FAULT reads as initialize: the router waits for an event
 * (its interface or tracking) before it takes part again. */
int vrrp_snmp_rfc_state(enum vrrp_state st);

/* vrrpOperAuthType: noAuthentication(1), simpleTextPassword(2),
 * ipAuthenticationHeader(3). */
int vrrp_snmp_rfc_auth_type(uint8_t auth_type);

/* vrrpTrapAuthErrorType of a refused advert: invalidAuthType(1),
 * authTypeMismatch(2), authFailure(3); 0 when it is no authentication
 * error. */
int vrrp_snmp_rfc_auth_error(enum vrrp_rx_counter c);

/* vrrpv3StatisticsProtoErrReason: noError(0), ipTtlError(1),
 * versionError(2), checksumError(3) (vrIdError(4) belongs to no row). */
int vrrp_snmp_rfc_proto_error(enum vrrp_rx_counter c);

/* vrrpv3StatisticsNewMasterReason: notMaster(0), priority(1),
 * preempted(2), masterNoResponse(3). A sync group moving a member reads
 * as masterNoResponse: the group moves when a member's master went
 * silent, which is what made it move. */
int vrrp_snmp_rfc_master_reason(enum vrrp_run_master_reason r);

/* InetAddressType: ipv4(1), ipv6(2); 0 for anything else. */
int vrrp_snmp_rfc_inet_type(int family);

/* The virtual router MAC address of RFC 3768 7.3 / RFC 5798 7.3:
 * 00-00-5E-00-01-VRID (IPv4), 00-00-5E-00-02-VRID (IPv6). */
void vrrp_snmp_rfc_vmac(int family, uint8_t vrid, uint8_t mac[6]);

/* vrrpOperAdvertisementInterval is whole seconds (1..255); ours is
 * centiseconds: rounded to the nearest second, at least 1. */
long vrrp_snmp_rfc_v2_interval(uint16_t adver_int_cs);

/* A TimeStamp: the agent's sysUpTime (hundredths) when an event at
 * event_us happened, now being now_us; 0 for no event (event_us 0) or
 * one before the agent started. */
uint32_t vrrp_snmp_rfc_timestamp(uint32_t uptime_cs, uint64_t now_us,
				 uint64_t event_us);

/* Counter32 of a 64-bit count: wraps as the MIB's counters do. */
uint32_t vrrp_snmp_rfc_counter32(uint64_t n);

/* Whether the instance has a row in VRRP-MIB (version 2 over IPv4) and
 * in VRRPV3-MIB (every instance: keepalived lists its version 2 ones
 * there too, and RFC 6527's tables fit them); neither without an
 * interface index, which both tables are indexed by. */
bool vrrp_snmp_rfc_in_v2(const struct vrrp_run_view *v);
bool vrrp_snmp_rfc_in_v3(const struct vrrp_run_view *v);

/* The router-wide error counters (vrrpRouterChecksumErrors,
 * VersionErrors): the per-instance ones summed over the rows. */
struct vrrp_snmp_rfc_totals {
	uint64_t checksum_err;
	uint64_t version_err;
};
void vrrp_snmp_rfc_add_totals(struct vrrp_snmp_rfc_totals *t,
			      const struct vrrp_run_view *v);

#endif
