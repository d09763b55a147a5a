/*
 * vrrp_fifo.h: the notify FIFOs of global_defs (notify_fifo and
 * vrrp_notify_fifo). Every state change of an instance or a sync group
 * is written to them as one line, as keepalived 2.2.7 writes it:
 *   INSTANCE "VI_1" MASTER 150
 *   GROUP "G1" FAULT 0
 * (the state is MASTER, BACKUP, FAULT or STOP; the number is the
 * instance's effective priority, 0 for a group).
 *
 * A FIFO that does not exist is created (mode 0600, owned by the
 * configured user and group). Its script, if configured, is started with
 * the FIFO's name as its last argument and gets SIGTERM when the FIFO is
 * closed.
 *
 * Writing never blocks: the FIFO is opened read-write and non-blocking.
 * Read-write, because opening a FIFO write-only blocks until a reader
 * opens it (or fails with ENXIO when non-blocking), and a write with no
 * reader left raises SIGPIPE; holding a read end ourselves avoids both.
 * Non-blocking, because nobody may ever read it: once the pipe's buffer
 * is full a line is dropped (and the drop logged) rather than stopping
 * the VRRP process.
 */
#ifndef KA_VRRP_FIFO_H
#define KA_VRRP_FIFO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "event.h"

#define VRRP_FIFO_LINE_MAX 256

/* Formats one line, newline included, into buf; returns its length, or
 * -ENOSPC if it does not fit (nothing useful written). "group": a GROUP
 * line, else an INSTANCE one. */
int vrrp_fifo_line(char *buf, size_t size, bool group, const char *name,
		   const char *state, unsigned priority);

struct vrrp_fifo_params {
	const char *path;
	uid_t uid;			/* (uid_t)-1: unchanged */
	gid_t gid;			/* (gid_t)-1: unchanged */
	const char *script;		/* NULL: none */
	uid_t script_uid;		/* SPAWN_UID_UNCHANGED: ours */
	gid_t script_gid;
};

struct vrrp_fifo;

/* Creates (if needed) and opens the FIFO, starts its script. Returns
 * NULL after logging why it cannot be used. */
struct vrrp_fifo *vrrp_fifo_open(struct event_loop *loop,
				 const struct vrrp_fifo_params *fp);

/* Writes one line; a full FIFO drops it. Accepts NULL. */
void vrrp_fifo_send(struct vrrp_fifo *f, const char *line, size_t len);

/* Stops the script, closes, frees, NULLs *f; accepts NULL. A FIFO we
 * created is removed, as keepalived removes its own (observed); one that
 * was there before stays. */
void vrrp_fifo_close(struct vrrp_fifo **f);

#endif
