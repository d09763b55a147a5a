/*
 * check_print_name.c: the names keepalived gives virtual and real
 * servers in its log lines.
 */
#include "config.h"

#include <stdio.h>

#include "check_data.h"

static const char *proto_name(int proto)
{
	switch (proto) {
	case CK_PROTO_TCP:
		return "tcp";
	case CK_PROTO_UDP:
		return "udp";
	case CK_PROTO_SCTP:
		return "sctp";
	default:
		return "none";
	}
}

void ck_vs_name(const struct ck_virtual_server_conf *vs, char *buf,
		size_t size)
{
	char a[ADDR_STRLEN];

	switch (vs->kind) {
	case CK_VS_FWMARK:
		snprintf(buf, size, "FWM %u", vs->fwmark);
		break;
	case CK_VS_GROUP:
		snprintf(buf, size, "[%s]:%u", vs->group, vs->port);
		break;
	default:
		addr_ntop(&vs->addr, a, sizeof(a));
		snprintf(buf, size, "[%s]:%s:%u", a, proto_name(vs->protocol),
			 vs->port);
		break;
	}
}

void ck_rs_name(const struct ck_real_server_conf *rs, char *buf,
		size_t size)
{
	char a[ADDR_STRLEN];

	addr_ntop(&rs->addr, a, sizeof(a));
	snprintf(buf, size, "[%s]:%u", a, rs->port);
}

void ck_rs_name_full(const struct ck_virtual_server_conf *vs,
		     const struct ck_real_server_conf *rs, char *buf,
		     size_t size)
{
	char a[ADDR_STRLEN];

	addr_ntop(&rs->addr, a, sizeof(a));
	snprintf(buf, size, "[%s]:%s:%u", a, proto_name(vs->protocol),
		 rs->port);
}
