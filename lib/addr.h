/*
 * addr.h: IPv4 and IPv6 addresses as the configuration and the logs see
 * them. Pure: no logging, no name resolution. Functions return 0 or
 * -EINVAL (-ENOSPC when a caller buffer is too small, -ERANGE when a range
 * is too large), and leave their out-parameters untouched on failure.
 *
 * A struct ka_addr holds family AF_INET or AF_INET6 and the address in
 * network byte order; a zeroed one (family 0) is "no address".
 */
#ifndef KA_ADDR_H
#define KA_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/socket.h>

struct ka_addr {
	int family;
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} u;
};

struct ka_prefix {
	struct ka_addr addr;
	unsigned char len;
};

/* Buffer sizes that always suffice for the printers below. */
#define ADDR_STRLEN INET6_ADDRSTRLEN			/* "ffff:...:255.255.255.255" */
#define PREFIX_STRLEN (INET6_ADDRSTRLEN + 4)		/* + "/128" */
#define ADDR_PORT_STRLEN (INET6_ADDRSTRLEN + 8)		/* "[" + "]:65535" */

/* A literal address: dotted quad, or IPv6 (no zone "%if", no brackets). */
int addr_parse(const char *s, struct ka_addr *out);

/*
 * "a.b.c.d/n" or "x::y/n"; without "/n" the length is 32 or 128.
 * *host_bits (if not NULL) tells whether bits past the length are set, as
 * in "10.0.0.1/8", which callers may accept or reject.
 */
int prefix_parse(const char *s, struct ka_prefix *out, bool *host_bits);

/*
 * "1.2.3.4", "1.2.3.4:80", "::1", "[::1]" or "[::1]:80". A bare IPv6
 * address never has a port. *port is 0 when none is given; an explicit
 * port must be 1..65535.
 */
int addr_port_parse(const char *s, struct ka_addr *addr, uint16_t *port);

/*
 * Canonical text (RFC 5952 for IPv6, as inet_ntop() writes it). On failure
 * the buffer, if size > 0, holds the empty string.
 */
int addr_ntop(const struct ka_addr *a, char *buf, size_t size);
int prefix_ntop(const struct ka_prefix *p, char *buf, size_t size);
/* "1.2.3.4:80" or "[::1]:80". */
int addr_port_ntop(const struct ka_addr *a, uint16_t port, char *buf,
		   size_t size);

/* Orders by family, then numerically. */
int addr_cmp(const struct ka_addr *a, const struct ka_addr *b);
bool addr_equal(const struct ka_addr *a, const struct ka_addr *b);
bool prefix_equal(const struct ka_prefix *a, const struct ka_prefix *b);
/* True if "a" is in the network "p" (same family, same leading bits). */
bool prefix_contains(const struct ka_prefix *p, const struct ka_addr *a);
/* Clears the bits past p->len: "10.0.0.1/8" becomes "10.0.0.0/8". */
void prefix_clear_host_bits(struct ka_prefix *p);

/* port in host order. *len receives the size of the sockaddr filled in. */
int addr_to_sockaddr(const struct ka_addr *a, uint16_t port,
		     struct sockaddr_storage *ss, socklen_t *len);
/* port (may be NULL) in host order. IPv4-mapped IPv6 stays IPv6. */
int addr_from_sockaddr(const struct sockaddr *sa, socklen_t len,
		       struct ka_addr *a, uint16_t *port);

/* 0.0.0.0 or :: */
bool addr_is_unspecified(const struct ka_addr *a);
/* 224.0.0.0/4 or ff00::/8 */
bool addr_is_multicast(const struct ka_addr *a);
/* 169.254.0.0/16 or fe80::/10 */
bool addr_is_linklocal(const struct ka_addr *a);
/* 127.0.0.0/8 or ::1 */
bool addr_is_loopback(const struct ka_addr *a);

/*
 * An address range of virtual_server_group and virtual_ipaddress:
 *   "10.0.0.1"              one address
 *   "10.0.0.1-10"           10.0.0.1 to 10.0.0.10: the last byte (decimal)
 *   "2001:db8::1-ff"        the last 16-bit group (hexadecimal, as written
 *                           in IPv6 addresses)
 *   "10.0.0.250-10.0.1.5"   two full addresses of the same family
 * The end must not be below the start. *count is the number of addresses
 * (at least 1); -ERANGE if it would not fit in an unsigned.
 */
int addr_range_parse(const char *s, struct ka_addr *first, unsigned *count);
/* The address "n" places after "first" (with carry); -ERANGE past the end
 * of the address space. */
int addr_add(const struct ka_addr *first, unsigned n, struct ka_addr *out);

#endif
