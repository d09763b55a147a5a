/*
 * test_core_util.h: collects the diagnostics of a configuration read so
 * that core tests can assert on severity, file, line and message.
 */
#ifndef TEST_CORE_UTIL_H
#define TEST_CORE_UTIL_H

#include <stdlib.h>
#include <string.h>

#include "parser.h"

#define TEST_DIAG_MAX 64

struct test_diag {
	enum cfg_severity sev;
	char file[256];
	unsigned line;
	char msg[512];
};

struct test_diags {
	size_t count;
	struct test_diag d[TEST_DIAG_MAX];
};

static inline void test_diag_collect(const struct cfg_diag *d, void *ctx)
{
	struct test_diags *t = ctx;
	struct test_diag *e;

	if (t->count >= TEST_DIAG_MAX)
		return;
	e = &t->d[t->count++];
	e->sev = d->severity;
	snprintf(e->file, sizeof(e->file), "%s", d->file ? d->file : "");
	e->line = d->line;
	snprintf(e->msg, sizeof(e->msg), "%s", d->message);
}

/* The first diagnostic whose message contains "needle", or NULL. */
static inline const struct test_diag *test_diag_find(const struct test_diags *t,
						     const char *needle)
{
	size_t i;

	for (i = 0; i < t->count; i++)
		if (strstr(t->d[i].msg, needle))
			return &t->d[i];
	return NULL;
}

#endif
