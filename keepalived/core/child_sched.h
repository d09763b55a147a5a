#ifndef KA_CHILD_SCHED_H
#define KA_CHILD_SCHED_H

#include "global_data.h"

/* Applies a child's scheduling settings to the calling process; "who"
 * names it in the log lines of what the kernel refused. */
void child_sched_apply(const struct gd_proc *p, const char *who);

#endif
