/*
 * misc_status.c: a MISC_CHECK script's exit status as an outcome.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "misc_status.h"

void misc_status_outcome(int wait_status, bool dynamic, long rs_weight,
			 struct misc_outcome *out, char *why, size_t size)
{
	int status;

	out->ok = false;
	out->has_delta = false;
	out->delta = 0;
	if (WIFSIGNALED(wait_status)) {
		snprintf(why, size, "killed by signal %d",
			 WTERMSIG(wait_status));
		return;
	}
	if (!WIFEXITED(wait_status)) {
		snprintf(why, size, "ended with wait status 0x%x",
			 (unsigned)wait_status);
		return;
	}
	status = WEXITSTATUS(wait_status);
	snprintf(why, size, "exited with status %d", status);
	if (status == 0) {
		out->ok = true;
		return;
	}
	if (status == 1 || !dynamic)
		return;
	out->ok = true;
	out->has_delta = true;
	out->delta = (long)(status - 2) - rs_weight;
}
