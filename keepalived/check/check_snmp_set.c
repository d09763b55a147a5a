/*
 * check_snmp_set.c: net-snmp varbind values of the MIB's types.
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
