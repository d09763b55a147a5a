/*
 * pidfile.h: the daemon's pid file (-p), written only in daemon mode.
 */
#ifndef KA_PIDFILE_H
#define KA_PIDFILE_H

#include <sys/types.h>

/* Writes "pid\n" to path, replacing the file atomically (a reader never
 * sees a half-written file). Returns 0 or a negative errno. */
int pidfile_write(const char *path, pid_t pid);
/* Removes path if it still holds pid. Returns 0 or a negative errno. */
int pidfile_remove(const char *path, pid_t pid);

#endif
