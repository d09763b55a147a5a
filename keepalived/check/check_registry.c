/*
 * check_registry.c: which kind runs which checker type.
 */
#include "config.h"

#include <stddef.h>

#include "check_checker.h"

const struct ck_checker_ops *ck_checker_ops_for(enum ck_type t)
{
	static const struct ck_checker_ops *const kinds[CK_TYPE_COUNT] = {
		[CK_TCP] = &ck_tcp_ops,
		[CK_HTTP] = &ck_http_ops,
		[CK_SSL] = &ck_ssl_ops,
		[CK_MISC] = &ck_misc_ops,
		[CK_SMTP] = &ck_smtp_ops,
		[CK_DNS] = &ck_dns_ops,
		[CK_PING] = &ck_ping_ops,
		[CK_UDP] = &ck_udp_ops,
		[CK_FILE] = &ck_file_ops,
	};

	return (unsigned)t < CK_TYPE_COUNT ? kinds[t] : NULL;
}
