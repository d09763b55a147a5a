/*
 * sd_notify.h: systemd's readiness protocol, without libsystemd.
 *
 * When systemd starts a Type=notify service it sets NOTIFY_SOCKET to the
 * address of an AF_UNIX datagram socket: a path, or an abstract name
 * written with a leading '@'. The service sends newline-separated
 * "KEY=value" lines there: READY=1, RELOADING=1, STOPPING=1, STATUS=...
 * With no NOTIFY_SOCKET every call does nothing.
 */
#ifndef KA_SD_NOTIFY_H
#define KA_SD_NOTIFY_H

#include <sys/socket.h>
#include <sys/un.h>

struct sd_notify;

/*
 * Fills *sa and *len with the address NOTIFY_SOCKET names. Returns 0, or
 * -EINVAL for an empty or relative value, -ENAMETOOLONG if it does not
 * fit. Pure.
 */
int sd_notify_addr(const char *value, struct sockaddr_un *sa,
		   socklen_t *len);

/*
 * Reads NOTIFY_SOCKET and opens a socket to it. Returns NULL when the
 * variable is not set (nothing to notify); *err gets 0, or the negative
 * errno of a value that cannot be used, for the caller to log.
 */
struct sd_notify *sd_notify_open(int *err);
/* Closes and sets *n to NULL; accepts NULL. */
void sd_notify_free(struct sd_notify **n);

/* Sends one datagram with "text" (lines joined by '\n'). Returns 0 or a
 * negative errno; 0 when n is NULL. */
int sd_notify_send(struct sd_notify *n, const char *text);

#endif
