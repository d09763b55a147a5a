/*
 * check_data_equal.c: whether two completed configurations of a server
 * are the same, places aside (the reload diff).
 */
#include "config.h"

#include "check_data.h"

bool ck_real_server_conf_equal(const struct ck_real_server_conf *a,
			       const struct ck_real_server_conf *b)
{
	return a == b;
}

bool ck_virtual_server_conf_equal(const struct ck_virtual_server_conf *a,
				  const struct ck_virtual_server_conf *b)
{
	return a == b;
}
