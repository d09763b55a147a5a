/*
 * ipvs_open.h: choosing the IPVS backend the checker runs with.
 */
#ifndef KA_IPVS_OPEN_H
#define KA_IPVS_OPEN_H

#include <stdbool.h>
#include <stddef.h>

#include "ipvs_backend.h"

/* Where the kernel shows that it has IPVS. */
#define IPVS_PROC_PATH "/proc/net/ip_vs"

/*
 * With record_path (--ipvs-record=FILE): the recording backend writing
 * that file. Without: the kernel, through generic netlink, or through
 * setsockopt when the kernel has no "IPVS" family or "sockopt" is set
 * (--ipvs-sockopt). When IPVS_PROC_PATH is missing, "modprobe ip_vs" is
 * tried first; if it is still missing, -ENOSYS. On failure "why" receives one line for the log saying what is
 * missing and what to do, and *out is untouched. Returns 0 and sets *out
 * (the caller frees it with ipvs_backend_free()), or a negative errno.
 */
int ipvs_backend_open(const char *record_path, bool sockopt,
		      struct ipvs_backend **out, char *why, size_t why_size);

#endif
