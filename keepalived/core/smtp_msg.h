/*
 * smtp_msg.h: the text of an alert e-mail and of the SMTP commands that
 * carry it. Pure: the caller passes the time, the host name and the
 * addresses. The headers are the ones keepalived sends (Date, From,
 * Subject "[router_id] subject", X-Mailer, To), in its order.
 */
#ifndef KA_SMTP_MSG_H
#define KA_SMTP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* "Sun, 22 Nov 2026 07:57:17 +0000" and room to spare. */
#define SMTP_MSG_DATE_LEN 40

struct smtp_msg {
	const char *from;		/* the envelope and From: address */
	const char *const *to;		/* the recipients */
	size_t nto;
	const char *router_id;		/* in the subject's brackets */
	const char *subject;
	const char *body;		/* lines separated by LF or CRLF */
	time_t when;			/* for Date: */
	long utc_offset_s;		/* of the local zone at "when" */
};

/*
 * The RFC 5322 3.3 date of "when" in the zone "utc_offset_s" east of UTC:
 * "Sun, 22 Nov 2026 07:57:17 +0000" (English names whatever the locale).
 * Returns 0, or -EINVAL when the time cannot be represented, -ENOSPC when
 * buf is too small (SMTP_MSG_DATE_LEN always suffices).
 */
int smtp_msg_date(time_t when, long utc_offset_s, char *buf, size_t size);

/*
 * Whether "addr" may go into "MAIL FROM:<...>" and a header: not empty,
 * at most 254 octets, printable ASCII with no space, '<', '>' or
 * control character.
 */
bool smtp_msg_addr_ok(const char *addr);

/*
 * The DATA payload: headers, a blank line, the body with every line ended
 * by CRLF and a leading '.' doubled (RFC 5321 4.5.2), and the final
 * ".\r\n". CR and LF in the subject and router_id become spaces, so they
 * cannot add headers. Returns a string the caller frees with mem_free(),
 * never NULL.
 */
char *smtp_msg_build(const struct smtp_msg *m);

#endif
