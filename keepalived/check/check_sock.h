/*
 * check_sock.h: the socket helpers every connecting check uses.
 *
 * The socket is non-blocking from the start and never has SO_LINGER set:
 * close() must never block the checker, even on a server that vanished
 * without a word (keepalived 2.2.7 stalls 5 s per such socket).
 */
#ifndef KA_CHECK_SOCK_H
#define KA_CHECK_SOCK_H

#include "check_checker.h"

/*
 * Opens a non-blocking, close-on-exec socket of "type" (SOCK_STREAM,
 * SOCK_DGRAM, SOCK_RAW) and "proto" for ck->addr's family, applies the
 * checker's bindto/bind_port/bind_if/fwmark, and starts connecting it to
 * ck->addr:ck->port (for SOCK_RAW and a 0 port, the port is left 0).
 * On success returns the descriptor and sets *in_progress: true when the
 * connection completes later (wait for writability, then call
 * ck_sock_connect_result()). Returns a negative errno on failure, with
 * nothing left open.
 */
int ck_sock_connect(const struct checker *ck, int type, int proto,
		    bool *in_progress);

/* After writability: 0 if connected, else the negative errno of the
 * failed connection (SO_ERROR). */
int ck_sock_connect_result(int fd);

/* Closes *fd if >= 0 and sets it to -1. */
void ck_sock_close(int *fd);

#endif
