/*
 * child_sched.c: a child's scheduling settings from global_defs
 * (vrrp_priority, vrrp_rt_priority, vrrp_rlimit_rttime, vrrp_no_swap,
 * vrrp_cpu_affinity, and the checker_ ones). A setting the kernel refuses
 * is logged and the child runs on without it: a wrong nice value must not
 * stop fail-over.
 */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "child_sched.h"
#include "log.h"

/* keepalived's default limit of CPU time between two blocking calls for
 * a real-time child, so that a runaway loop cannot lock the machine. */
#define RTTIME_DEFAULT_US 10000

static void set_nice(const struct gd_proc *p, const char *who)
{
	if (p->priority_set && setpriority(PRIO_PROCESS, 0, p->priority) < 0)
		log_warn("%s child: cannot set priority %d", who, p->priority);
}

static void set_realtime(const struct gd_proc *p, const char *who)
{
	unsigned long us = p->rlimit_rttime_us ? p->rlimit_rttime_us :
						 RTTIME_DEFAULT_US;
	struct rlimit rl = { .rlim_cur = us, .rlim_max = us };
	struct sched_param sp = { .sched_priority = (int)p->rt_priority };

	if (!p->rt_priority)
		return;
	if (setrlimit(RLIMIT_RTTIME, &rl) < 0)
		log_warn("%s child: cannot limit real-time CPU time", who);
	if (sched_setscheduler(0, SCHED_RR, &sp) < 0)
		log_warn("%s child: cannot run at real-time priority %u", who,
			 p->rt_priority);
}

static void set_affinity(const struct gd_proc *p, const char *who)
{
	cpu_set_t set;
	size_t i;

	if (!p->cpu_count)
		return;
	CPU_ZERO(&set);
	for (i = 0; i < p->cpu_count; i++)
		if (p->cpus[i] < CPU_SETSIZE)
			CPU_SET(p->cpus[i], &set);
	if (sched_setaffinity(0, sizeof(set), &set) < 0)
		log_warn("%s child: cannot set its CPU affinity", who);
}

void child_sched_apply(const struct gd_proc *p, const char *who)
{
	set_nice(p, who);
	set_realtime(p, who);
	set_affinity(p, who);
	/* A child that is paged out cannot answer in time: keep it in RAM. */
	if (p->no_swap && mlockall(MCL_CURRENT | MCL_FUTURE) < 0)
		log_warn("%s child: cannot lock its memory", who);
}
