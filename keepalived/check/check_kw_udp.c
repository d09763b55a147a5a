/*
 * check_kw_udp.c: the options of UDP_CHECK (its free-form hex strings)
 * and FILE_CHECK.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_kw.h"
#include "memory.h"

#define CK(obj) (CUR(obj)->ck)

struct hexbuf {
	uint8_t *data, *mask;
	size_t len;
};

/* One nibble: its value and whether it counts (X and x do not, when
 * wildcards are allowed). -1 for anything else. */
static int nibble(char c, bool wild, uint8_t *v, uint8_t *m)
{
	*m = 0xf;
	if (c >= '0' && c <= '9')
		*v = (uint8_t)(c - '0');
	else if (c >= 'a' && c <= 'f')
		*v = (uint8_t)(c - 'a' + 10);
	else if (c >= 'A' && c <= 'F')
		*v = (uint8_t)(c - 'A' + 10);
	else if (wild && (c == 'x' || c == 'X'))
		*v = *m = 0;
	else
		return -1;
	return 0;
}

/* Each word is read two digits to a byte from the left; a last digit
 * on its own is a byte of its own ("f" is 0x0f). */
static int hex_word(const char *s, bool wild, struct hexbuf *b)
{
	size_t n = strlen(s), i;

	for (i = 0; i < n; i += 2) {
		uint8_t hv, hm, lv, lm;

		if (b->len >= CK_UDP_MAX_PAYLOAD)
			return -ERANGE;
		if (i + 1 == n) {
			hv = 0;
			hm = 0xf;
			if (nibble(s[i], wild, &lv, &lm) < 0)
				return -EINVAL;
		} else if (nibble(s[i], wild, &hv, &hm) < 0 ||
			   nibble(s[i + 1], wild, &lv, &lm) < 0) {
			return -EINVAL;
		}
		b->data[b->len] = (uint8_t)(hv << 4 | lv);
		b->mask[b->len++] = (uint8_t)(hm << 4 | lm);
	}
	return 0;
}

static int hex_words(struct cfg_parser *p, const struct cfg_words *w,
		     bool wild, struct hexbuf *b)
{
	size_t i, total = 0;
	int r = 0;

	for (i = 1; i < w->count; i++)
		total += strlen(w->words[i]);
	b->data = mem_zalloc(total / 2 + w->count);
	b->mask = mem_zalloc(total / 2 + w->count);
	b->len = 0;
	for (i = 1; i < w->count && r == 0; i++)
		r = hex_word(w->words[i], wild, b);
	if (r == 0)
		return 0;
	cfg_report(p, CFG_ERROR, "%s: %s '%s'", w->words[0],
		   r == -ERANGE ? "data too long at" : "invalid hex string",
		   w->words[i - 1]);
	mem_free(&b->data);
	mem_free(&b->mask);
	return -EINVAL;
}

CK_KW(ck_kw_udp_payload)
{
	struct ck_udp *u = &CK(obj)->u.udp;
	struct hexbuf b;

	if (cfg_want_args(p, w, 1, SIZE_MAX) < 0 ||
	    hex_words(p, w, false, &b) < 0)
		return -EINVAL;
	mem_free(&b.mask);
	mem_free(&u->payload);
	u->payload = b.data;
	u->payload_len = b.len;
	return 0;
}

CK_KW(ck_kw_udp_require_reply)
{
	struct ck_udp *u = &CK(obj)->u.udp;
	struct hexbuf b = { NULL, NULL, 0 };

	if (w->count > 1 && hex_words(p, w, true, &b) < 0)
		return -EINVAL;
	mem_free(&u->reply);
	mem_free(&u->reply_mask);
	u->require_reply = true;
	u->reply = b.data;
	u->reply_mask = b.mask;
	u->reply_len = b.len;
	return 0;
}

CK_KW(ck_kw_udp_min_reply)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, 0, CK_UDP_MAX_PAYLOAD, &v) < 0)
		return -EINVAL;
	CK(obj)->u.udp.min_reply_length = v;
	return 0;
}

CK_KW(ck_kw_udp_max_reply)
{
	unsigned long v;

	if (cfg_want_args(p, w, 1, 1) < 0 ||
	    cfg_get_uint(p, w, 1, 0, CK_UDP_MAX_PAYLOAD, &v) < 0)
		return -EINVAL;
	CK(obj)->u.udp.max_reply_length = v;
	return 0;
}

CK_KW(ck_kw_file_track)
{
	if (cfg_want_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return cfg_get_string(p, w, 1, &CK(obj)->u.file.track_file);
}

/* "weight N [reverse]": FILE_CHECK's, and the track_file block's. */
static int weight_reverse(struct cfg_parser *p, const struct cfg_words *w,
			  long *weight, bool *reverse)
{
	long v;

	if (cfg_want_args(p, w, 1, 2) < 0 ||
	    cfg_get_int(p, w, 1, -2147483647L, 2147483647L, &v) < 0)
		return -EINVAL;
	if (w->count > 2 && strcmp(w->words[2], "reverse")) {
		cfg_report(p, CFG_ERROR, "%s: unknown option '%s'",
			   w->words[0], w->words[2]);
		return -EINVAL;
	}
	*weight = v;
	*reverse = w->count > 2;
	return 0;
}

CK_KW(ck_kw_file_weight)
{
	struct ck_file *f = &CK(obj)->u.file;

	return weight_reverse(p, w, &f->weight, &f->reverse);
}

CK_KW(ck_kw_tf_weight)
{
	struct ck_track_file *tf = CUR(obj)->tf;

	return weight_reverse(p, w, &tf->weight, &tf->reverse);
}
