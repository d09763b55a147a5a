/*
 * proc_stats.h: what the start and stop log lines of each process say
 * (version, system, command line, CPU time used). The formatting is pure;
 * proc_stats_log_start() and _stop() gather the facts and log them.
 */
#ifndef KA_PROC_STATS_H
#define KA_PROC_STATS_H

#include <stddef.h>
#include <sys/resource.h>

/* Each argument in single quotes, separated by spaces; a quote inside an
 * argument is written '\''. Caller frees. Pure. */
char *proc_stats_cmdline(int argc, char *const *argv);

/* Seconds with six decimals of a timeval: "1.250000". Pure. */
void proc_stats_tv(const struct timeval *tv, char *buf, size_t size);

/* "used U user time, S system time" of ru. Caller frees. Pure. */
char *proc_stats_cpu_text(const struct rusage *ru);

/* Logs "Starting Keepalived vX", "Running on ..." and "Command line:". */
void proc_stats_log_start(int argc, char *const *argv);

/* A child's last line: "Stopped - used U user time, S system time". */
void proc_stats_log_child_stop(void);

/* The parent's last lines: its own CPU time and its children's, then
 * "Stopped Keepalived vX". */
void proc_stats_log_parent_stop(void);

#endif
