/*
 * smtp_reply.c: the SMTP reply reader, one octet at a time so that a
 * reply split anywhere across reads comes out the same.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "smtp_reply.h"

void smtp_reply_init(struct smtp_reply *r)
{
	memset(r, 0, sizeof(*r));
}

static int set_error(struct smtp_reply *r, int err)
{
	r->error = err;
	return err;
}

/* An octet of the line, after the CR/LF handling. */
static int take_octet(struct smtp_reply *r, char c)
{
	if (++r->line_len > SMTP_REPLY_LINE_MAX)
		return set_error(r, -EMSGSIZE);
	if (r->line_len == 1) {
		r->text_len = 0;
		r->text[0] = 0;
		r->sep = 0;
		if (c < '2' || c > '5')
			return set_error(r, -EPROTO);
	}
	if (r->line_len <= 3) {
		if (c < '0' || c > '9')
			return set_error(r, -EPROTO);
		r->head[r->line_len - 1] = c;
		return 0;
	}
	if (r->line_len == 4) {
		if (c != ' ' && c != '-')
			return set_error(r, -EPROTO);
		r->sep = c;
		return 0;
	}
	if (r->text_len + 1 < sizeof(r->text)) {
		r->text[r->text_len++] = (c >= 0 && c < ' ') || c == 0x7f ?
			'?' : c;
		r->text[r->text_len] = 0;
	}
	return 0;
}

/* The end of a line: returns 1 if it ended the reply. */
static int end_line(struct smtp_reply *r)
{
	int code;

	if (r->line_len < 3)
		return set_error(r, -EPROTO);
	code = (r->head[0] - '0') * 100 + (r->head[1] - '0') * 10 +
		(r->head[2] - '0');
	if (r->lines && code != r->code)
		return set_error(r, -EPROTO);
	r->code = code;
	if (++r->lines > SMTP_REPLY_LINES_MAX)
		return set_error(r, -EMSGSIZE);
	r->line_len = 0;
	return r->sep == '-' ? 0 : 1;
}

int smtp_reply_feed(struct smtp_reply *r, const char *data, size_t len,
		    size_t *used)
{
	size_t i;
	int ret;

	if (r->error)
		return r->error;
	for (i = 0; i < len; i++) {
		if (data[i] == '\r')
			continue;	/* CRLF and bare LF end lines alike */
		if (data[i] == '\n')
			ret = end_line(r);
		else
			ret = take_octet(r, data[i]);
		if (ret < 0)
			return ret;
		if (ret == 1) {
			*used = i + 1;
			return 1;
		}
	}
	*used = len;
	return 0;
}
