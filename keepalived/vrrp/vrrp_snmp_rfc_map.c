/*
 * vrrp_snmp_rfc_map.c: our instances in the terms of RFC 2787 and
 * RFC 6527 (see the header for each mapping's reason).
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "vrrp_packet.h"
#include "vrrp_snmp_rfc_map.h"

int vrrp_snmp_rfc_state(enum vrrp_state st)
{
	switch (st) {
	case VRRP_STATE_BACKUP:
		return 2;
	case VRRP_STATE_MASTER:
		return 3;
	default:
		return 1;
	}
}

int vrrp_snmp_rfc_auth_type(uint8_t auth_type)
{
	switch (auth_type) {
	case VRRP_AUTH_PASS:
		return 2;
	case VRRP_AUTH_AH:
		return 3;
	default:
		return 1;
	}
}

int vrrp_snmp_rfc_auth_error(enum vrrp_rx_counter c)
{
	switch (c) {
	case VRRP_RX_AUTH_TYPE_INVALID:
		return 1;
	case VRRP_RX_AUTH_TYPE_MISMATCH:
		return 2;
	case VRRP_RX_AUTH_FAILURE:
		return 3;
	default:
		return 0;
	}
}

int vrrp_snmp_rfc_proto_error(enum vrrp_rx_counter c)
{
	switch (c) {
	case VRRP_RX_TTL:
		return 1;
	case VRRP_RX_VERSION:
		return 2;
	case VRRP_RX_CHECKSUM:
		return 3;
	default:
		return 0;
	}
}

int vrrp_snmp_rfc_master_reason(enum vrrp_run_master_reason r)
{
	switch (r) {
	case VRRP_RUN_MASTER_OWNER:
		return 1;
	case VRRP_RUN_MASTER_PREEMPTED:
		return 2;
	case VRRP_RUN_MASTER_NO_RESPONSE:
	case VRRP_RUN_MASTER_SYNC:
		return 3;
	default:
		return 0;
	}
}

int vrrp_snmp_rfc_inet_type(int family)
{
	return family == AF_INET ? 1 : family == AF_INET6 ? 2 : 0;
}

void vrrp_snmp_rfc_vmac(int family, uint8_t vrid, uint8_t mac[6])
{
	static const uint8_t prefix[4] = { 0x00, 0x00, 0x5e, 0x00 };

	memcpy(mac, prefix, sizeof(prefix));
	mac[4] = family == AF_INET6 ? 0x02 : 0x01;
	mac[5] = vrid;
}

long vrrp_snmp_rfc_v2_interval(uint16_t adver_int_cs)
{
	long s = (adver_int_cs + 50) / 100;

	return s < 1 ? 1 : s > 255 ? 255 : s;
}

uint32_t vrrp_snmp_rfc_timestamp(uint32_t uptime_cs, uint64_t now_us,
				 uint64_t event_us)
{
	uint64_t ago_cs;

	if (!event_us || event_us > now_us)
		return event_us ? uptime_cs : 0;
	ago_cs = (now_us - event_us) / 10000;
	return ago_cs >= uptime_cs ? 0 : uptime_cs - (uint32_t)ago_cs;
}

uint32_t vrrp_snmp_rfc_counter32(uint64_t n)
{
	return (uint32_t)(n & 0xffffffffu);
}

bool vrrp_snmp_rfc_in_v2(const struct vrrp_run_view *v)
{
	return v->version == 2 && v->family == AF_INET && v->ifindex > 0;
}

bool vrrp_snmp_rfc_in_v3(const struct vrrp_run_view *v)
{
	return v->ifindex > 0 && vrrp_snmp_rfc_inet_type(v->family) != 0;
}

void vrrp_snmp_rfc_add_totals(struct vrrp_snmp_rfc_totals *t,
			      const struct vrrp_run_view *v)
{
	t->checksum_err += v->stats->checksum_err;
	t->version_err += v->stats->version_err;
}
