/*
 * vrrp_snmp_map.c: KEEPALIVED-MIB's encodings of our values.
 */
#include "config.h"

#include <linux/rtnetlink.h>
#include <stddef.h>

#include "vrrp_snmp_map.h"

int vrrp_snmp_state(enum vrrp_state st)
{
	switch (st) {
	case VRRP_STATE_INIT:
		return 0;
	case VRRP_STATE_BACKUP:
		return 1;
	case VRRP_STATE_MASTER:
		return 2;
	case VRRP_STATE_FAULT:
		return 3;
	default:
		return 4;	/* unknown */
	}
}

uint32_t vrrp_snmp_adver_int(unsigned version, unsigned adver_int_cs)
{
	return version == 2 ? adver_int_cs / 100 : adver_int_cs;
}

int vrrp_snmp_scope(int rt_scope)
{
	switch (rt_scope) {
	case RT_SCOPE_HOST:
		return 1;	/* interfaceLocal */
	case RT_SCOPE_LINK:
		return 2;	/* linkLocal */
	case RT_SCOPE_SITE:
		return 5;	/* siteLocal */
	default:
		return 14;	/* global */
	}
}

int vrrp_snmp_route_type(unsigned rtn, size_t nnh)
{
	if (rtn == RTN_UNICAST)
		return nnh ? 2 : 1;
	switch (rtn) {
	case RTN_BLACKHOLE:
		return 3;
	case RTN_ANYCAST:
		return 4;
	case RTN_MULTICAST:
		return 5;
	case RTN_BROADCAST:
		return 6;
	case RTN_UNREACHABLE:
		return 7;
	case RTN_PROHIBIT:
		return 8;
	case RTN_THROW:
		return 9;
	case RTN_NAT:
		return 10;
	case RTN_XRESOLVE:
		return 11;
	default:
		return 0;
	}
}

int vrrp_snmp_protocol(int rtprot)
{
	/* keepalived 2.2.7 answers the kernel's number plus one (the MIB's
	 * enumeration for the kernel's protocols); its own routes, 18, come
	 * out as 19 rather than the MIB's keepalived(112): NMSes see 19 */
	if (rtprot < 0)
		rtprot = 18;	/* RTPROT_KEEPALIVED */
	return rtprot <= 254 ? rtprot + 1 : 0;
}

bool vrrp_snmp_route_metric(unsigned rtax, unsigned *col,
			    unsigned *lock_col)
{
	static const struct {
		unsigned rtax, col, lock_col;
	} map[] = {
		{ RTAX_MTU, 22, 23 }, { RTAX_HOPLIMIT, 24, 0 },
		{ RTAX_ADVMSS, 25, 26 }, { RTAX_REORDERING, 31, 32 },
		{ RTAX_WINDOW, 33, 0 }, { RTAX_CWND, 34, 35 },
		{ RTAX_SSTHRESH, 36, 37 }, { RTAX_INITCWND, 40, 0 },
		{ RTAX_INITRWND, 41, 0 }, { RTAX_FEATURES, 19, 0 },
		{ RTAX_QUICKACK, 20, 0 }, { RTAX_FASTOPEN_NO_COOKIE, 55, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].rtax == rtax) {
			*col = map[i].col;
			*lock_col = map[i].lock_col;
			return true;
		}
	return false;
}

int vrrp_snmp_script_result(enum vrrp_track_status st)
{
	return st == VRRP_TRACK_UP ? 3 : st == VRRP_TRACK_DOWN ? 2 : 1;
}
