/*
 * smtp_reply.h: reading SMTP replies (RFC 5321 4.2) as they arrive, in
 * pieces of any size: "250 ok", or the multi-line "250-first" ...
 * "250 last", each line ended by CRLF (a bare LF is accepted too). Pure:
 * the caller reads the socket and feeds the bytes. Used by the alert
 * client and SMTP_CHECK.
 */
#ifndef KA_SMTP_REPLY_H
#define KA_SMTP_REPLY_H

#include <stdbool.h>
#include <stddef.h>

/* RFC 5321 4.5.3.1.5 limits a reply line to 512 octets with its CRLF;
 * we allow twice that before calling a line malformed. */
#define SMTP_REPLY_LINE_MAX 1024
/* A multi-line reply longer than this is not a server we talk to. */
#define SMTP_REPLY_LINES_MAX 100
/* What is kept of the last line's text, for the logs. */
#define SMTP_REPLY_TEXT_MAX 128

struct smtp_reply {
	int code;			/* of the reply being read; 0 before
					 * the first line */
	unsigned lines;			/* lines of it read so far */
	size_t line_len;		/* octets of the current line so far */
	char head[4];			/* its first three octets */
	char sep;			/* its fourth: ' ', '-', or 0 */
	char text[SMTP_REPLY_TEXT_MAX];	/* the last line's text, NUL-ended,
					 * control characters replaced */
	size_t text_len;
	int error;			/* sticky: the first error */
};

/* Makes r ready for a new reply. */
void smtp_reply_init(struct smtp_reply *r);

/*
 * Feeds "len" octets of "data" to r.
 * Returns 0 when all of them were consumed and the reply is not complete
 * yet; 1 when a reply is complete: r->code and r->text hold it, *used
 * says how many octets it took (the rest belongs to what follows), and
 * the caller calls smtp_reply_init() before reading the next reply.
 * Returns -EPROTO for a line that does not start with a code from 200
 * to 599 and a space, a hyphen or its end, or for a line whose code
 * differs from the reply's first line; -EMSGSIZE for a line over
 * SMTP_REPLY_LINE_MAX or a reply over SMTP_REPLY_LINES_MAX lines. After
 * an error r stays in error until smtp_reply_init().
 */
int smtp_reply_feed(struct smtp_reply *r, const char *data, size_t len,
		    size_t *used);

#endif
