/*
 * check_snmp_val.h: the values of KEEPALIVED-MIB's check subtree
 * (virtualServerTable, realServerTable, virtualServerGroupMemberTable)
 * as the MIB encodes them, from our configuration and runtime words.
 * Pure: no net-snmp, no loop, so that the mapping is unit-tested alone.
 *
 * A function returning int gives the MIB's enumeration value, or 0 when
 * the MIB has no value for the input (the caller then omits the
 * object, as an absent object walks without error).
 */
#ifndef KA_CHECK_SNMP_VAL_H
#define KA_CHECK_SNMP_VAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check_data.h"
#include "ipvs_backend.h"

/* The MIB's TruthValue and its enabled/disabled pairs. */
#define CK_SNMP_TRUE 1
#define CK_SNMP_FALSE 2
static inline int ck_snmp_truth(bool b)
{
	return b ? CK_SNMP_TRUE : CK_SNMP_FALSE;
}

/* virtualServerType: fwmark(1) ip(2) group(3). */
int ck_snmp_vs_type(enum ck_vs_kind k);
/* virtualServerGroupMemberType: fwmark(1) ip(2) iprange(3). */
int ck_snmp_vsg_member_type(const struct ck_vsg_entry *e);
/* virtualServerProtocol: tcp(1) udp(2) sctp(3); 0 for anything else. */
int ck_snmp_protocol(enum ck_protocol p);
/* virtualServerLoadBalancingAlgo from an IPVS scheduler name: rr(1) ..
 * twos(14), unknown(99) for a name the MIB does not list. */
int ck_snmp_sched(const char *name);
/* nat(1) dr(2) tun(3); 0 while unset. */
int ck_snmp_fwd(enum ck_fwd f);
/* ipip(1) gue(2) gre(3). */
int ck_snmp_tun_type(enum ck_tun_type t);
/* nocsum(1) csum(2) remcsum(3); 0 while unset. */
int ck_snmp_tun_csum(enum ck_tun_csum c);
/* InetAddressType: ipv4(1) ipv6(2); 0 for another family. */
int ck_snmp_addr_type(int family);
/* The InetAddress octets of "a" in buf (at least 16 bytes); returns
 * their number (4 or 16), 0 for no address. */
size_t ck_snmp_addr_octets(const struct ka_addr *a, uint8_t *buf);

/* A time in microseconds as the MIB's Unsigned32 "seconds" and
 * "micro-seconds" objects: rounded down to the second, and clamped to
 * 32 bits (a configured time above 71 minutes in micro-seconds). */
uint32_t ck_snmp_seconds(int64_t us);
uint32_t ck_snmp_usec32(int64_t us);
/* The low and high halves of a 64-bit rate (the ...Low/...High pairs)
 * and a counter as Counter32/Gauge32 (its low 32 bits, as it wraps). */
static inline uint32_t ck_snmp_low32(uint64_t v)
{
	return (uint32_t)(v & 0xffffffffu);
}
static inline uint32_t ck_snmp_high32(uint64_t v)
{
	return (uint32_t)(v >> 32);
}

/*
 * An inherited setting as the real server has it: its own when given
 * (>= 0), else the virtual server's, else "dflt". Returns -1 when none
 * holds a value (dflt -1: no default): the object is then omitted.
 */
int64_t ck_snmp_inherit(int64_t rs, int64_t vs, int64_t dflt);

/* Adds the counters of "b" to "a" (a virtual server of a group stands
 * for several IPVS services). */
void ck_snmp_stats_add(struct ipvs_stats *a, const struct ipvs_stats *b);

/* realServerActionWhenDown / virtualServerActionWhenDown: remove(1),
 * inhibit(2). */
#define CK_SNMP_REMOVE 1
#define CK_SNMP_INHIBIT 2

/* virtualServerQuorumStatus: met(1) notMet(2). virtualServerStatus and
 * realServerStatus: alive(1) dead(2). */
#define CK_SNMP_ALIVE 1
#define CK_SNMP_DEAD 2

#endif
