/*
 * dns_packet.h: the DNS messages of DNS_CHECK (RFC 1035): one query of
 * class IN, and the checks on its reply. Pure: caller buffers, no
 * sockets, no clock, no logging; the caller picks the message id.
 */
#ifndef KA_DNS_PACKET_H
#define KA_DNS_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DNS_HEADER_LEN 12
/* RFC 1035 2.3.4: a name is at most 255 octets on the wire. */
#define DNS_NAME_WIRE_MAX 255
/* Header, name, type and class: what a query can take. */
#define DNS_QUERY_MAX (DNS_HEADER_LEN + DNS_NAME_WIRE_MAX + 4)
/* RFC 1035 4.2.1: a UDP message without EDNS0 is at most 512 octets. */
#define DNS_UDP_MAX 512

/* RCODE values (RFC 1035 4.1.1). */
enum dns_rcode {
	DNS_RCODE_NOERROR = 0,
	DNS_RCODE_FORMERR = 1,
	DNS_RCODE_SERVFAIL = 2,
	DNS_RCODE_NXDOMAIN = 3,
	DNS_RCODE_NOTIMP = 4,
	DNS_RCODE_REFUSED = 5,
};

/*
 * Writes a query for "name" (dotted, an optional final dot, "." for the
 * root) of type "qtype" and class IN, with message id "id" and recursion
 * desired, into buf.
 * Returns its length, -EINVAL when the name is not a valid name (an empty
 * label, a label over 63 octets, over 255 octets in all), or -ENOSPC when
 * buf is too small (DNS_QUERY_MAX always suffices).
 */
int dns_query_build(uint8_t *buf, size_t size, uint16_t id, uint16_t qtype,
		    const char *name);

/* What a well-formed reply says. */
struct dns_reply {
	uint16_t id;
	unsigned rcode;		/* enum dns_rcode, or another value */
	unsigned ancount;	/* answer records, all of them inside the
				 * message unless truncated */
	bool truncated;		/* TC: the answers may be cut short */
	bool authoritative;	/* AA */
};

/*
 * Checks "reply" (rlen octets) against the query it answers ("query",
 * qlen octets, as built by dns_query_build()): the id matches, QR is set,
 * the opcode is QUERY, the question is echoed (one question, the same
 * name in any case, type and class), and every answer record lies inside
 * the message (unless TC is set). Compressed names are followed safely:
 * a pointer must point before the name that holds it, so no loop can
 * form, and a name stays within 255 octets.
 * Returns 0 and fills *out (which says the RCODE: the caller decides what
 * counts as success), or -EBADMSG with *why set to a constant reason and
 * *out untouched. A reply with another id gives -ESRCH ("id mismatch"),
 * so that a caller may keep waiting for the right one; a query that
 * dns_query_build() did not make gives -EINVAL.
 */
int dns_reply_parse(const uint8_t *query, size_t qlen, const uint8_t *reply,
		    size_t rlen, struct dns_reply *out, const char **why);

/* "NOERROR", "NXDOMAIN"...; "RCODE n" style names are the caller's for
 * codes this returns NULL for. */
const char *dns_rcode_name(unsigned rcode);

/* The id of a message (0 when shorter than two octets). */
uint16_t dns_message_id(const uint8_t *msg, size_t len);

#endif
