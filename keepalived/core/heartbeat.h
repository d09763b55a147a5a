/*
 * heartbeat.h: the messages between the parent and each child, over the
 * SOCK_SEQPACKET socketpair they share (one message per packet).
 *
 * Every message has the same fixed layout, in host byte order (both ends
 * are the same program on the same host):
 *
 *   0  u16 type     enum heartbeat_type
 *   2  u16 length   of the whole message, always HEARTBEAT_MSG_SIZE
 *   4  u32 seq      HELLO/REPLY: the hello's sequence number
 *   8  u32 value    READY: enum heartbeat_ready; otherwise 0
 *
 * Each type may travel in one direction only; decoding checks the type,
 * the direction, the length and the reserved value, so that each peer
 * has one dispatch switch over types it knows to be valid. Pure code.
 */
#ifndef KA_HEARTBEAT_H
#define KA_HEARTBEAT_H

#include <stddef.h>
#include <stdint.h>

#define HEARTBEAT_MSG_SIZE 12

enum heartbeat_type {
	HEARTBEAT_HELLO = 1,	/* parent -> child: answer if alive */
	HEARTBEAT_REPLY = 2,	/* child -> parent: seq of the hello */
	HEARTBEAT_READY = 3,	/* child -> parent: configuration loaded */
};

/* What a READY reports. */
enum heartbeat_ready {
	HEARTBEAT_READY_STARTED = 0,	/* first load done, loop running */
	HEARTBEAT_READY_RELOADED = 1,	/* a reload was applied */
	HEARTBEAT_READY_REJECTED = 2,	/* a reload was refused */
};

enum heartbeat_dir {
	HEARTBEAT_TO_CHILD,
	HEARTBEAT_TO_PARENT,
};

struct heartbeat_msg {
	enum heartbeat_type type;
	uint32_t seq;
	uint32_t value;
};

/*
 * Writes m into buf (size bytes). Returns the number of bytes written
 * (HEARTBEAT_MSG_SIZE), -ENOSPC if buf is too small, or -EINVAL if m is
 * not a valid message (unknown type, value out of range).
 */
int heartbeat_encode(const struct heartbeat_msg *m, uint8_t *buf,
		     size_t size);

/*
 * Reads the len bytes received into *out, for a message travelling in
 * direction dir. Returns 0, or -EBADMSG with *why set to a short reason
 * ("short message", "unknown type 9", ...) for the caller's log; *out
 * is untouched on failure. "why" points to static text or to "reason"
 * (a caller buffer of reason_size bytes, may be NULL).
 */
int heartbeat_decode(const uint8_t *buf, size_t len, enum heartbeat_dir dir,
		     struct heartbeat_msg *out, char *reason,
		     size_t reason_size, const char **why);

/* "HELLO", "REPLY", "READY", or "?" for anything else. */
const char *heartbeat_type_name(enum heartbeat_type t);

#endif
