/*
 * misc_status.h: what a MISC_CHECK script's exit means
 * (keepalived.conf(5), MISC_CHECK). Pure.
 *
 * Exit 0 is success and leaves the weight as it is; 1 is failure; with
 * misc_dynamic, 2..255 is success and sets the real server's weight to
 * status - 2 (the delta from its configured weight is status - 2 - weight),
 * and without it any status but 0 is failure. A script killed by a signal
 * failed.
 */
#ifndef KA_MISC_STATUS_H
#define KA_MISC_STATUS_H

#include <stdbool.h>
#include <stddef.h>

struct misc_outcome {
	bool ok;
	bool has_delta;		/* set the weight delta to "delta" */
	long delta;
};

/*
 * wait_status: as waitpid() gives it; dynamic: misc_dynamic; rs_weight:
 * the real server's configured weight. "why" (size bytes) receives the
 * reason for the log: "exited with status 1", "killed by signal 9".
 */
void misc_status_outcome(int wait_status, bool dynamic, long rs_weight,
			 struct misc_outcome *out, char *why, size_t size);

#endif
