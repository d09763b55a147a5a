/*
 * check_fdlimit.c: raising RLIMIT_NOFILE to fit the checks
 * (check_fdlimit.h says why).
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>

#include "check_data.h"
#include "check_fdlimit.h"
#include "log.h"

uint64_t ck_fd_limit_need(const struct check_conf *c)
{
	const struct ck_virtual_server_conf *vs;
	const struct ck_real_server_conf *rs;
	const struct ck_checker_conf *ck;
	uint64_t n = 0;

	if (!c)
		return CK_FDS_SPARE;
	list_for_each_entry(vs, &c->virtual_servers, node)
		list_for_each_entry(rs, &vs->real_servers, node)
			list_for_each_entry(ck, &rs->checkers, node)
				n++;
	return n * CK_FDS_PER_CHECKER + CK_FDS_SPARE;
}

bool ck_fd_limit_plan(uint64_t need, uint64_t cur, uint64_t max,
		      uint64_t *new_cur, uint64_t *new_max)
{
	if (cur == (uint64_t)RLIM_INFINITY || cur >= need)
		return false;
	*new_cur = need;
	*new_max = max == (uint64_t)RLIM_INFINITY || max >= need ? max : need;
	return true;
}

int ck_fd_limit_fit(const struct check_conf *c)
{
	uint64_t need = ck_fd_limit_need(c), cur, max;
	struct rlimit rl;
	int r;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return -errno;
	if (!ck_fd_limit_plan(need, rl.rlim_cur, rl.rlim_max, &cur, &max))
		return 0;
	rl = (struct rlimit){ .rlim_cur = cur, .rlim_max = max };
	if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
		return 0;
	r = -errno;
	/* Without the right to raise the hard limit, go as far as it. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
	log_warnx("Cannot raise the limit of open files to %llu for the "
		  "checks (%s): it stays at %llu", (unsigned long long)need,
		  strerror(-r), (unsigned long long)rl.rlim_cur);
	return r;
}
