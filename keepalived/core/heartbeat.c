/*
 * heartbeat.c: encode and decode the fixed-size parent<->child messages.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "heartbeat.h"

static const struct {
	const char *name;
	enum heartbeat_dir dir;
	uint32_t max_value;	/* values above are invalid */
} heartbeat_types[] = {
	[HEARTBEAT_HELLO] = { "HELLO", HEARTBEAT_TO_CHILD, 0 },
	[HEARTBEAT_REPLY] = { "REPLY", HEARTBEAT_TO_PARENT, 0 },
	[HEARTBEAT_READY] = { "READY", HEARTBEAT_TO_PARENT,
			      HEARTBEAT_READY_REJECTED },
};

#define N_TYPES (sizeof(heartbeat_types) / sizeof(heartbeat_types[0]))

static int known(unsigned type)
{
	return type > 0 && type < N_TYPES && heartbeat_types[type].name;
}

const char *heartbeat_type_name(enum heartbeat_type t)
{
	return known((unsigned)t) ? heartbeat_types[t].name : "?";
}

int heartbeat_encode(const struct heartbeat_msg *m, uint8_t *buf,
		     size_t size)
{
	uint16_t type, len = HEARTBEAT_MSG_SIZE;

	if (!known((unsigned)m->type) ||
	    m->value > heartbeat_types[m->type].max_value)
		return -EINVAL;
	if (size < HEARTBEAT_MSG_SIZE)
		return -ENOSPC;
	type = (uint16_t)m->type;
	memcpy(buf, &type, 2);
	memcpy(buf + 2, &len, 2);
	memcpy(buf + 4, &m->seq, 4);
	memcpy(buf + 8, &m->value, 4);
	return HEARTBEAT_MSG_SIZE;
}

/* Sets *why to "what (v)". */
static int bad(char *reason, size_t size, const char **why,
	       const char *what, unsigned v)
{
	if (reason && size) {
		snprintf(reason, size, "%s (%u)", what, v);
		*why = reason;
	} else {
		*why = what;
	}
	return -EBADMSG;
}

int heartbeat_decode(const uint8_t *buf, size_t len, enum heartbeat_dir dir,
		     struct heartbeat_msg *out, char *reason,
		     size_t reason_size, const char **why)
{
	uint16_t type, mlen;
	uint32_t seq, value;

	if (len != HEARTBEAT_MSG_SIZE)
		return bad(reason, reason_size, why,
			   "wrong size", (unsigned)len);
	memcpy(&type, buf, 2);
	memcpy(&mlen, buf + 2, 2);
	memcpy(&seq, buf + 4, 4);
	memcpy(&value, buf + 8, 4);
	if (mlen != HEARTBEAT_MSG_SIZE)
		return bad(reason, reason_size, why,
			   "wrong length field", mlen);
	if (!known(type))
		return bad(reason, reason_size, why, "unknown type", type);
	if (heartbeat_types[type].dir != dir)
		return bad(reason, reason_size, why,
			   "type sent the wrong way", type);
	if (value > heartbeat_types[type].max_value)
		return bad(reason, reason_size, why, "value out of range",
			   value);
	out->type = (enum heartbeat_type)type;
	out->seq = seq;
	out->value = value;
	return 0;
}
