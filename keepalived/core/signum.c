/*
 * signum.c: function name to signal number.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "signum.h"

enum sig_base { BASE_FIXED, BASE_RTMIN, BASE_RTMAX };

static const struct {
	const char *name;
	enum sig_base base;
	int value;	/* the signal, or the offset from its base */
} signum_table[] = {
	{ "STOP", BASE_FIXED, SIGTERM },
	{ "RELOAD", BASE_FIXED, SIGHUP },
	{ "DATA", BASE_FIXED, SIGUSR1 },
	{ "STATS", BASE_FIXED, SIGUSR2 },
	{ "STATS_CLEAR", BASE_RTMAX, -1 },
	{ "JSON", BASE_RTMIN, 2 },
};

#define N_SIGNUM (sizeof(signum_table) / sizeof(signum_table[0]))

static int resolve(size_t i)
{
	switch (signum_table[i].base) {
	case BASE_RTMIN:
		return SIGRTMIN + signum_table[i].value;
	case BASE_RTMAX:
		return SIGRTMAX + signum_table[i].value;
	case BASE_FIXED:
		break;
	}
	return signum_table[i].value;
}

int signum_lookup(const char *name)
{
	size_t i;

	for (i = 0; name && i < N_SIGNUM; i++)
		if (!strcmp(signum_table[i].name, name))
			return resolve(i);
	return -EINVAL;
}

void signum_each(void (*fn)(const char *name, int sig, void *ctx), void *ctx)
{
	size_t i;

	for (i = 0; i < N_SIGNUM; i++)
		fn(signum_table[i].name, resolve(i), ctx);
}
