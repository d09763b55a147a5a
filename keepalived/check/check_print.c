/*
 * check_print.c: the LVS configuration written back in configuration
 * syntax, and the names keepalived gives servers in its logs.
 */
#include "config.h"

#include "check_data.h"

void check_conf_dump(const struct check_conf *c, FILE *out)
{
	(void)c;
	(void)out;
}
