/*
 * signum.h: the signals keepalived assigns to each function, for
 * "--signum=NAME" and for the daemon's own signal handling. Some are
 * relative to SIGRTMIN or SIGRTMAX, which the C library decides at run
 * time, so the numbers are computed, never written down.
 */
#ifndef KA_SIGNUM_H
#define KA_SIGNUM_H

/* Returns the signal for STOP, RELOAD, DATA, STATS, STATS_CLEAR or JSON
 * (exact, upper case, as keepalived), or -EINVAL. */
int signum_lookup(const char *name);

/* Calls fn for each function name and its signal, in table order. */
void signum_each(void (*fn)(const char *name, int sig, void *ctx),
		 void *ctx);

#endif
