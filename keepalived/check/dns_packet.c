/*
 * dns_packet.c: building a DNS query and checking its reply (RFC 1035
 * 4.1). Everything read from a reply is bounds-checked against its
 * length before it is read.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "dns_packet.h"

#define DNS_CLASS_IN 1
#define DNS_LABEL_MAX 63

/* Header flags (RFC 1035 4.1.1), in the second 16-bit word. */
#define DNS_F_QR 0x8000
#define DNS_F_OPCODE 0x7800
#define DNS_F_AA 0x0400
#define DNS_F_TC 0x0200
#define DNS_F_RD 0x0100
#define DNS_F_RCODE 0x000f

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static unsigned get16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Writes "name" as labels at buf; returns the octets written or -errno. */
static int put_name(uint8_t *buf, size_t size, const char *name)
{
	size_t pos = 0, n;
	const char *dot;

	if (!strcmp(name, "."))
		name = "";
	while (*name) {
		dot = strchr(name, '.');
		n = dot ? (size_t)(dot - name) : strlen(name);
		if (n == 0 || n > DNS_LABEL_MAX)
			return -EINVAL;
		if (pos + 1 + n + 1 > DNS_NAME_WIRE_MAX)
			return -EINVAL;
		if (pos + 1 + n >= size)
			return -ENOSPC;
		buf[pos++] = (uint8_t)n;
		memcpy(buf + pos, name, n);
		pos += n;
		name += n + (dot ? 1 : 0);
	}
	if (pos >= size)
		return -ENOSPC;
	buf[pos++] = 0;
	return (int)pos;
}

int dns_query_build(uint8_t *buf, size_t size, uint16_t id, uint16_t qtype,
		    const char *name)
{
	int n;

	if (!name || !*name)
		return -EINVAL;
	if (size < DNS_HEADER_LEN)
		return -ENOSPC;
	n = put_name(buf + DNS_HEADER_LEN, size - DNS_HEADER_LEN, name);
	if (n < 0)
		return n;
	if (DNS_HEADER_LEN + (size_t)n + 4 > size)
		return -ENOSPC;
	memset(buf, 0, DNS_HEADER_LEN);
	put16(buf, id);
	put16(buf + 2, DNS_F_RD);
	put16(buf + 4, 1);		/* QDCOUNT */
	put16(buf + DNS_HEADER_LEN + n, qtype);
	put16(buf + DNS_HEADER_LEN + n + 2, DNS_CLASS_IN);
	return DNS_HEADER_LEN + n + 4;
}

/*
 * Reads the name at *pos into out (uncompressed wire form, lower case)
 * and moves *pos past it. A compression pointer must point before the
 * start of the labels that hold it: each jump goes strictly backwards,
 * so following pointers always ends. Returns 0, -ELOOP (a pointer that
 * does not go back), -ENAMETOOLONG, -EPROTO (a reserved label type) or
 * -EBADMSG (past the end of the message).
 */
static int read_name(const uint8_t *msg, size_t len, size_t *pos,
		     uint8_t *out, size_t *out_len)
{
	size_t p = *pos, floor = *pos, n = 0, after = 0, i;
	unsigned l;

	for (;;) {
		if (p >= len)
			return -EBADMSG;
		l = msg[p];
		if ((l & 0xc0) == 0xc0) {
			if (p + 1 >= len)
				return -EBADMSG;
			if (!after)
				after = p + 2;
			p = (l & 0x3f) << 8 | msg[p + 1];
			if (p >= floor)
				return -ELOOP;
			floor = p;
			continue;
		}
		if (l & 0xc0)
			return -EPROTO;		/* extended label types */
		if (n + 1 + l > DNS_NAME_WIRE_MAX)
			return -ENAMETOOLONG;
		if (p + 1 + l > len)
			return -EBADMSG;
		out[n++] = (uint8_t)l;
		for (i = 0; i < l; i++)
			out[n++] = (uint8_t)tolower(msg[p + 1 + i]);
		p += 1 + l;
		if (l == 0)
			break;
	}
	*pos = after ? after : p;
	*out_len = n;
	return 0;
}

/* Skips the resource records from *pos on; each must fit the message. */
static int skip_records(const uint8_t *msg, size_t len, size_t *pos,
			unsigned count)
{
	uint8_t name[DNS_NAME_WIRE_MAX];
	size_t nlen, rdlen;
	int r;

	while (count--) {
		r = read_name(msg, len, pos, name, &nlen);
		if (r < 0)
			return r;
		if (*pos + 10 > len)
			return -EBADMSG;
		rdlen = get16(msg + *pos + 8);
		if (*pos + 10 + rdlen > len)
			return -EBADMSG;
		*pos += 10 + rdlen;
	}
	return 0;
}

static int fail(const char **why, const char *reason, int err)
{
	*why = reason;
	return err;
}

/* The reason for an error of read_name() or skip_records(). */
static int name_fail(const char **why, int err, bool question)
{
	switch (err) {
	case -ELOOP:
		return fail(why, question ? "compression loop in question" :
			    "compression loop in answer", -EBADMSG);
	case -ENAMETOOLONG:
		return fail(why, question ? "name too long in question" :
			    "name too long in answer", -EBADMSG);
	case -EPROTO:
		return fail(why, question ? "bad label type in question" :
			    "bad label type in answer", -EBADMSG);
	default:
		return fail(why, question ? "question truncated" :
			    "answer records overrun the message", -EBADMSG);
	}
}

/* The reply's question against the query's: same name (any case), type
 * and class. */
static int check_question(const uint8_t *query, size_t qlen,
			  const uint8_t *reply, size_t rlen, size_t *pos,
			  const char **why)
{
	uint8_t qname[DNS_NAME_WIRE_MAX], rname[DNS_NAME_WIRE_MAX];
	size_t qpos = DNS_HEADER_LEN, qn, rn;
	int r;

	if (read_name(query, qlen, &qpos, qname, &qn) < 0 || qpos + 4 > qlen)
		return fail(why, "query malformed", -EINVAL);
	r = read_name(reply, rlen, pos, rname, &rn);
	if (r < 0)
		return name_fail(why, r, true);
	if (*pos + 4 > rlen)
		return fail(why, "question truncated", -EBADMSG);
	if (qn != rn || memcmp(qname, rname, qn) ||
	    memcmp(query + qpos, reply + *pos, 4))
		return fail(why, "question not echoed", -EBADMSG);
	*pos += 4;
	return 0;
}

int dns_reply_parse(const uint8_t *query, size_t qlen, const uint8_t *reply,
		    size_t rlen, struct dns_reply *out, const char **why)
{
	struct dns_reply d;
	size_t pos = DNS_HEADER_LEN;
	unsigned flags;
	int r;

	if (qlen < DNS_HEADER_LEN)
		return fail(why, "query malformed", -EINVAL);
	if (rlen < DNS_HEADER_LEN)
		return fail(why, "reply shorter than a header", -EBADMSG);
	if (get16(reply) != get16(query))
		return fail(why, "id mismatch", -ESRCH);
	flags = get16(reply + 2);
	if (!(flags & DNS_F_QR))
		return fail(why, "not a reply (QR clear)", -EBADMSG);
	if (flags & DNS_F_OPCODE)
		return fail(why, "opcode is not QUERY", -EBADMSG);
	if (get16(reply + 4) != 1)
		return fail(why, "question count is not 1", -EBADMSG);
	r = check_question(query, qlen, reply, rlen, &pos, why);
	if (r < 0)
		return r;
	d.id = (uint16_t)get16(reply);
	d.rcode = flags & DNS_F_RCODE;
	d.ancount = get16(reply + 6);
	d.truncated = flags & DNS_F_TC;
	d.authoritative = flags & DNS_F_AA;
	r = skip_records(reply, rlen, &pos, d.ancount);
	/* With TC set the records may stop anywhere; a hostile name is
	 * still refused. */
	if (r < 0 && (!d.truncated || r != -EBADMSG))
		return name_fail(why, r, false);
	*out = d;
	return 0;
}

const char *dns_rcode_name(unsigned rcode)
{
	static const char *const names[] = {
		[DNS_RCODE_NOERROR] = "NOERROR",
		[DNS_RCODE_FORMERR] = "FORMERR",
		[DNS_RCODE_SERVFAIL] = "SERVFAIL",
		[DNS_RCODE_NXDOMAIN] = "NXDOMAIN",
		[DNS_RCODE_NOTIMP] = "NOTIMP",
		[DNS_RCODE_REFUSED] = "REFUSED",
	};

	return rcode < sizeof(names) / sizeof(names[0]) ? names[rcode] : NULL;
}

uint16_t dns_message_id(const uint8_t *msg, size_t len)
{
	return len < 2 ? 0 : (uint16_t)get16(msg);
}
