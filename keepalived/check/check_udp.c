/*
 * check_udp.c: placeholder until the kind is written; every attempt fails.
 */
#include "config.h"

#include <errno.h>

#include "check_checker.h"

static int start(struct checker *ck)
{
	(void)ck;
	return -ENOSYS;
}

static void stop_attempt(struct checker *ck)
{
	(void)ck;
}

const struct ck_checker_ops ck_udp_ops = {
	.type = CK_UDP,
	.start = start,
	.abort = stop_attempt,
};
