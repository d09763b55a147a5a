/*
 * udp_match.h: whether a UDP_CHECK reply is acceptable. Pure.
 *
 * keepalived.conf(5): the reply's length must lie between
 * min_reply_length and max_reply_length; with a require_reply pattern,
 * the reply must equal the pattern over the shorter of the two lengths,
 * ignoring the nibbles written X (mask 0x0f or 0xf0 or 0x00 per byte).
 */
#ifndef KA_UDP_MATCH_H
#define KA_UDP_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "check_data.h"

enum udp_match_result {
	UDP_MATCH_OK = 0,
	UDP_MATCH_TOO_SHORT,	/* below min_reply_length */
	UDP_MATCH_TOO_LONG,	/* above max_reply_length */
	UDP_MATCH_MISMATCH,	/* differs from the require_reply pattern */
};

/*
 * Checks one reply.
 *   u:     the checker's options.
 *   reply: the datagram's data, "len" bytes (the whole datagram: a caller
 *          that read a truncated copy passes the real length and only
 *          the bytes it has in "avail").
 *   avail: how many bytes of "reply" are readable (<= len).
 * Returns an enum udp_match_result; *mismatch_at (if not NULL) receives
 * the offset of the first differing byte for UDP_MATCH_MISMATCH.
 */
enum udp_match_result udp_match_reply(const struct ck_udp *u,
				      const uint8_t *reply, size_t len,
				      size_t avail, size_t *mismatch_at);

/* "reply too short", ...: for the log. */
const char *udp_match_str(enum udp_match_result r);

#endif
