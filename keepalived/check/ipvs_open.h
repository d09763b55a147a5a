/*
 * ipvs_open.h: choosing the IPVS backend the checker runs with.
 */
#ifndef KA_IPVS_OPEN_H
#define KA_IPVS_OPEN_H

#include <stddef.h>

#include "ipvs_backend.h"

/* Where the kernel shows that it has IPVS. */
#define IPVS_PROC_PATH "/proc/net/ip_vs"

/*
 * With record_path (--ipvs-record=FILE): the recording backend writing
 * that file. Without: the kernel backend, which is not written yet, so
 * -ENOSYS. On failure "why" receives one line for the log saying what is
 * missing and what to do, and *out is untouched. Returns 0 and sets *out
 * (the caller frees it with ipvs_backend_free()), or a negative errno.
 */
int ipvs_backend_open(const char *record_path, struct ipvs_backend **out,
		      char *why, size_t why_size);

#endif
