/*
 * udp_match.c: judging a UDP_CHECK reply against its length bounds and
 * its require_reply pattern.
 */
#include "config.h"

#include "udp_match.h"

static uint8_t mask_at(const struct ck_udp *u, size_t i)
{
	/* No mask: every bit of the pattern counts. */
	return u->reply_mask ? u->reply_mask[i] : 0xff;
}

enum udp_match_result udp_match_reply(const struct ck_udp *u,
				      const uint8_t *reply, size_t len,
				      size_t avail, size_t *mismatch_at)
{
	size_t n, i;

	if (len < u->min_reply_length)
		return UDP_MATCH_TOO_SHORT;
	if (len > u->max_reply_length)
		return UDP_MATCH_TOO_LONG;
	if (!u->reply)
		return UDP_MATCH_OK;
	n = u->reply_len < len ? u->reply_len : len;
	/* Bytes past what the caller read cannot be compared; they are
	 * past max_reply_length's buffer, so treat them as differing. */
	for (i = 0; i < n; i++) {
		uint8_t m = mask_at(u, i);

		if (i >= avail || ((reply[i] ^ u->reply[i]) & m)) {
			if (mismatch_at)
				*mismatch_at = i;
			return UDP_MATCH_MISMATCH;
		}
	}
	return UDP_MATCH_OK;
}

const char *udp_match_str(enum udp_match_result r)
{
	switch (r) {
	case UDP_MATCH_OK:
		return "reply matches";
	case UDP_MATCH_TOO_SHORT:
		return "reply too short";
	case UDP_MATCH_TOO_LONG:
		return "reply too long";
	case UDP_MATCH_MISMATCH:
		return "reply does not match";
	}
	return "unknown";
}
