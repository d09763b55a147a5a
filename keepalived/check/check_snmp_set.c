/*
 * check_snmp_set.c: net-snmp varbind values of the MIB's types, and the
 * column groups both server tables share (counters, times, tunnels).
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_snmp_internal.h"
#include "check_snmp_val.h"

void ck_snmp_set_int(netsnmp_variable_list *v, long n)
{
	snmp_set_var_typed_value(v, ASN_INTEGER, &n, sizeof(n));
}

/* net-snmp takes unsigned types as a u_long. */
static void set_unsigned(netsnmp_variable_list *v, u_char type, uint32_t n)
{
	u_long u = n;

	snmp_set_var_typed_value(v, type, &u, sizeof(u));
}

void ck_snmp_set_u32(netsnmp_variable_list *v, uint32_t n)
{
	set_unsigned(v, ASN_UNSIGNED, n);
}

void ck_snmp_set_gauge(netsnmp_variable_list *v, uint32_t n)
{
	set_unsigned(v, ASN_GAUGE, n);
}

void ck_snmp_set_counter(netsnmp_variable_list *v, uint32_t n)
{
	set_unsigned(v, ASN_COUNTER, n);
}

void ck_snmp_set_counter64(netsnmp_variable_list *v, uint64_t n)
{
	struct counter64 c = {
		.high = ck_snmp_high32(n),
		.low = ck_snmp_low32(n),
	};

	snmp_set_var_typed_value(v, ASN_COUNTER64, &c, sizeof(c));
}

void ck_snmp_set_str(netsnmp_variable_list *v, const char *str)
{
	snmp_set_var_typed_value(v, ASN_OCTET_STR, str, strlen(str));
}

int ck_snmp_set_str_opt(netsnmp_variable_list *v, const char *str)
{
	if (!str || !*str)
		return -ENOENT;
	ck_snmp_set_str(v, str);
	return 0;
}

int ck_snmp_set_addr(netsnmp_variable_list *v, const struct ka_addr *a)
{
	uint8_t buf[16];
	size_t n = ck_snmp_addr_octets(a, buf);

	if (!n)
		return -ENOENT;
	snmp_set_var_typed_value(v, ASN_OCTET_STR, buf, n);
	return 0;
}

/* The statistics columns, numbered from "base" as in both tables:
 * conns, inpkts, outpkts, inbytes, outbytes, then the five rates. */
int ck_snmp_stats_column(const struct ipvs_stats *st, unsigned i,
			netsnmp_variable_list *var)
{
	const uint64_t rates[] = { st->cps, st->inpps, st->outpps,
				   st->inbps, st->outbps };

	switch (i) {
	case 0:
		ck_snmp_set_gauge(var, ck_snmp_low32(st->conns));
		return 0;
	case 1:
		ck_snmp_set_counter(var, ck_snmp_low32(st->inpkts));
		return 0;
	case 2:
		ck_snmp_set_counter(var, ck_snmp_low32(st->outpkts));
		return 0;
	case 3:
		ck_snmp_set_counter64(var, st->inbytes);
		return 0;
	case 4:
		ck_snmp_set_counter64(var, st->outbytes);
		return 0;
	}
	if (i < 10) {
		ck_snmp_set_gauge(var, ck_snmp_low32(rates[i - 5]));
		return 0;
	}
	return -ENOENT;
}

/* The 64-bit counters (conns, inpkts, outpkts) and the rates as
 * Low/High pairs, from "base". */
int ck_snmp_stats64_column(const struct ipvs_stats *st, unsigned i,
			  netsnmp_variable_list *var)
{
	const uint64_t c[] = { st->conns, st->inpkts, st->outpkts };
	const uint64_t rates[] = { st->cps, st->inpps, st->outpps,
				   st->inbps, st->outbps };
	uint64_t r;

	if (i < 3) {
		ck_snmp_set_counter64(var, c[i]);
		return 0;
	}
	i -= 3;
	if (i >= 10)
		return -ENOENT;
	r = rates[i / 2];
	ck_snmp_set_u32(var, i % 2 ? ck_snmp_high32(r) : ck_snmp_low32(r));
	return 0;
}

/* ---- shared helpers ------------------------------------------------- */

int ck_snmp_set_time(netsnmp_variable_list *var, int64_t us, bool usec)
{
	if (us < 0)
		return -ENOENT;
	ck_snmp_set_u32(var, usec ? ck_snmp_usec32(us) : ck_snmp_seconds(us));
	return 0;
}

int ck_snmp_set_enum(netsnmp_variable_list *var, int v)
{
	if (!v)
		return -ENOENT;
	ck_snmp_set_int(var, v);
	return 0;
}

int ck_snmp_set_bool_opt(netsnmp_variable_list *var, int v)
{
	if (v == CK_UNSET)
		return -ENOENT;
	ck_snmp_set_int(var, ck_snmp_truth(v != 0));
	return 0;
}

/* Tunnel columns: only for a tunnelled method; the port only for GUE. */
int ck_snmp_tunnel_column(const struct ck_method *m, unsigned i,
			 netsnmp_variable_list *var)
{
	if (m->fwd != CK_FWD_TUN)
		return -ENOENT;
	if (i == 0)
		return ck_snmp_set_enum(var, ck_snmp_tun_type(m->tun_type));
	if (i == 1) {
		if (m->tun_type != CK_TUN_GUE)
			return -ENOENT;
		ck_snmp_set_u32(var, m->tun_port);
		return 0;
	}
	return ck_snmp_set_enum(var, ck_snmp_tun_csum(m->tun_csum));
}
