/*
 * daemon.h: leaving the terminal (unless -n).
 */
#ifndef KA_DAEMON_H
#define KA_DAEMON_H

/*
 * Forks; the parent exits 0 at once, the child starts a new session, moves
 * to "/" and points stdin, stdout and stderr at /dev/null. Returns 0 in
 * the child, or a negative errno (still in the original process).
 */
int daemon_detach(void);

#endif
