/*
 * smtp_msg.c: the text of an alert e-mail.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "memory.h"
#include "smtp_msg.h"

#define SMTP_ADDR_MAX 254	/* RFC 5321 4.5.3.1.3, less the brackets */

int smtp_msg_date(time_t when, long utc_offset_s, char *buf, size_t size)
{
	static const char days[7][4] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
	};
	time_t local = when + utc_offset_s;
	long off = utc_offset_s < 0 ? -utc_offset_s : utc_offset_s;
	struct tm tm;
	int n;

	if (off >= 24 * 3600 || !gmtime_r(&local, &tm) ||
	    tm.tm_wday < 0 || tm.tm_wday > 6 || tm.tm_mon < 0 ||
	    tm.tm_mon > 11)
		return -EINVAL;
	n = snprintf(buf, size, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld",
		     days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
		     tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
		     utc_offset_s < 0 ? '-' : '+', off / 3600,
		     off % 3600 / 60);
	return n < 0 || (size_t)n >= size ? -ENOSPC : 0;
}

bool smtp_msg_addr_ok(const char *addr)
{
	const char *c;

	if (!addr || !*addr || strlen(addr) > SMTP_ADDR_MAX)
		return false;
	for (c = addr; *c; c++)
		if (*c <= ' ' || *c >= 0x7f || *c == '<' || *c == '>')
			return false;
	return true;
}

/* A growing string. */
struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = mem_realloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

static void buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* A header value: CR and LF become spaces so that no header can be
 * smuggled in. */
static void buf_header_value(struct buf *b, const char *s)
{
	for (; *s; s++)
		buf_add(b, *s == '\r' || *s == '\n' ? " " : s, 1);
}

static void add_headers(struct buf *b, const struct smtp_msg *m)
{
	char date[SMTP_MSG_DATE_LEN];
	size_t i;

	if (smtp_msg_date(m->when, m->utc_offset_s, date, sizeof(date)) == 0) {
		buf_str(b, "Date: ");
		buf_str(b, date);
		buf_str(b, "\r\n");
	}
	buf_str(b, "From: ");
	buf_header_value(b, m->from);
	buf_str(b, "\r\nSubject: [");
	buf_header_value(b, m->router_id ? m->router_id : "");
	buf_str(b, "] ");
	buf_header_value(b, m->subject ? m->subject : "");
	buf_str(b, "\r\nX-Mailer: Keepalived\r\nTo: ");
	for (i = 0; i < m->nto; i++) {
		if (i)
			buf_str(b, ", ");
		buf_header_value(b, m->to[i]);
	}
	buf_str(b, "\r\n\r\n");
}

/*
 * Each body line ended by CRLF, and a '.' doubled at the start of a line
 * (RFC 5321 4.5.2). A CR that does not end a line becomes a space: bare
 * CRs are not allowed in the data (RFC 5321 2.3.8).
 */
static void add_body(struct buf *b, const char *body)
{
	const char *nl, *next;
	size_t n, i;

	while (body && *body) {
		nl = strchr(body, '\n');
		n = nl ? (size_t)(nl - body) : strlen(body);
		next = nl ? nl + 1 : body + n;
		if (n && body[n - 1] == '\r')
			n--;
		if (*body == '.')
			buf_str(b, ".");
		for (i = 0; i < n; i++)
			buf_add(b, body[i] == '\r' ? " " : body + i, 1);
		buf_str(b, "\r\n");
		body = next;
	}
}

char *smtp_msg_build(const struct smtp_msg *m)
{
	struct buf b = { 0 };

	add_headers(&b, m);
	add_body(&b, m->body);
	buf_str(&b, ".\r\n");
	return b.s;
}
