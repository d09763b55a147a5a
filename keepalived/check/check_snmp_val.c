/*
 * check_snmp_val.c: our words to KEEPALIVED-MIB's numbers (see
 * check_snmp_val.h). The enumerations are the MIB file's.
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "check_snmp_val.h"

int ck_snmp_vs_type(enum ck_vs_kind k)
{
	switch (k) {
	case CK_VS_FWMARK:
		return 1;
	case CK_VS_ADDR:
		return 2;
	case CK_VS_GROUP:
		return 3;
	}
	return 0;
}

int ck_snmp_vsg_member_type(const struct ck_vsg_entry *e)
{
	if (e->is_fwmark)
		return 1;
	/* One address is written "first == last" by the parser. */
	if (addr_equal(&e->first, &e->last))
		return 2;
	return 3;
}

int ck_snmp_protocol(enum ck_protocol p)
{
	switch (p) {
	case CK_PROTO_TCP:
		return 1;
	case CK_PROTO_UDP:
		return 2;
	case CK_PROTO_SCTP:
		return 3;
	}
	return 0;
}

/* In the MIB's order: the value is the position plus one. */
static const char *const sched_names[] = {
	"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq",
	"fo", "ovf", "mh", "twos",
};

int ck_snmp_sched(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(sched_names) / sizeof(sched_names[0]); i++)
		if (name && !strcmp(name, sched_names[i]))
			return (int)i + 1;
	return 99;
}

int ck_snmp_fwd(enum ck_fwd f)
{
	switch (f) {
	case CK_FWD_NAT:
		return 1;
	case CK_FWD_DR:
		return 2;
	case CK_FWD_TUN:
		return 3;
	case CK_FWD_UNSET:
		break;
	}
	return 0;
}

int ck_snmp_tun_type(enum ck_tun_type t)
{
	switch (t) {
	case CK_TUN_IPIP:
		return 1;
	case CK_TUN_GUE:
		return 2;
	case CK_TUN_GRE:
		return 3;
	}
	return 0;
}

int ck_snmp_tun_csum(enum ck_tun_csum c)
{
	switch (c) {
	case CK_TUN_NOCSUM:
		return 1;
	case CK_TUN_CSUM:
		return 2;
	case CK_TUN_REMCSUM:
		return 3;
	case CK_TUN_CSUM_UNSET:
		break;
	}
	return 0;
}

int ck_snmp_addr_type(int family)
{
	if (family == AF_INET)
		return 1;
	if (family == AF_INET6)
		return 2;
	return 0;
}

size_t ck_snmp_addr_octets(const struct ka_addr *a, uint8_t *buf)
{
	if (a->family == AF_INET) {
		memcpy(buf, &a->u.v4, 4);
		return 4;
	}
	if (a->family == AF_INET6) {
		memcpy(buf, &a->u.v6, 16);
		return 16;
	}
	return 0;
}

uint32_t ck_snmp_usec32(int64_t us)
{
	if (us < 0)
		return 0;
	if (us > (int64_t)UINT32_MAX)
		return UINT32_MAX;
	return (uint32_t)us;
}

uint32_t ck_snmp_seconds(int64_t us)
{
	return ck_snmp_usec32(us < 0 ? us : us / 1000000);
}

int64_t ck_snmp_inherit(int64_t rs, int64_t vs, int64_t dflt)
{
	if (rs >= 0)
		return rs;
	if (vs >= 0)
		return vs;
	return dflt < 0 ? -1 : dflt;
}

void ck_snmp_stats_add(struct ipvs_stats *a, const struct ipvs_stats *b)
{
	a->conns += b->conns;
	a->inpkts += b->inpkts;
	a->outpkts += b->outpkts;
	a->inbytes += b->inbytes;
	a->outbytes += b->outbytes;
	a->cps += b->cps;
	a->inpps += b->inpps;
	a->outpps += b->outpps;
	a->inbps += b->inbps;
	a->outbps += b->outbps;
}
