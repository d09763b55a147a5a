/*
 * addr.c: literal IPv4/IPv6 addresses, prefixes and ranges. Only
 * inet_pton()/inet_ntop() touch the text of an address itself, so what we
 * accept and print is what the rest of the system accepts and prints.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "strutil.h"

typedef unsigned __int128 u128;

static size_t family_len(int family)
{
	if (family == AF_INET)
		return sizeof(struct in_addr);
	if (family == AF_INET6)
		return sizeof(struct in6_addr);
	return 0;
}

static unsigned family_bits(int family)
{
	return (unsigned)family_len(family) * 8;
}

static const uint8_t *addr_bytes(const struct ka_addr *a)
{
	return (const uint8_t *)&a->u;
}

/* Copies [s, s + n) into buf as a string; false if it does not fit. */
static bool copy_part(char *buf, size_t size, const char *s, size_t n)
{
	if (n >= size)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return true;
}

int addr_parse(const char *s, struct ka_addr *out)
{
	struct ka_addr a = { 0 };

	if (!s)
		return -EINVAL;
	a.family = strchr(s, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(a.family, s, &a.u) != 1)
		return -EINVAL;
	*out = a;
	return 0;
}

/* Bits 0..nbits-1 (from the most significant) of a and b are equal. */
static bool bits_equal(const uint8_t *a, const uint8_t *b, unsigned nbits)
{
	unsigned whole = nbits / 8, rest = nbits % 8;
	uint8_t mask;

	if (memcmp(a, b, whole))
		return false;
	if (!rest)
		return true;
	mask = (uint8_t)(0xff << (8 - rest));
	return ((a[whole] ^ b[whole]) & mask) == 0;
}

static bool has_host_bits(const struct ka_prefix *p)
{
	const uint8_t *b = addr_bytes(&p->addr);
	unsigned total = family_bits(p->addr.family), i;

	for (i = p->len; i < total; i++)
		if (b[i / 8] & (0x80 >> (i % 8)))
			return true;
	return false;
}

int prefix_parse(const char *s, struct ka_prefix *out, bool *host_bits)
{
	char buf[ADDR_STRLEN];
	struct ka_prefix p = { 0 };
	const char *slash;
	unsigned long len;

	if (!s)
		return -EINVAL;
	slash = strchr(s, '/');
	if (!copy_part(buf, sizeof(buf), s, slash ? (size_t)(slash - s) : strlen(s)))
		return -EINVAL;
	if (addr_parse(buf, &p.addr) < 0)
		return -EINVAL;
	len = family_bits(p.addr.family);
	if (slash && str_to_ulong(slash + 1, 0, len, &len) < 0)
		return -EINVAL;
	p.len = (unsigned char)len;

	if (host_bits)
		*host_bits = has_host_bits(&p);
	*out = p;
	return 0;
}

static int parse_port(const char *s, uint16_t *port)
{
	unsigned long v;

	if (str_to_ulong(s, 1, 65535, &v) < 0)
		return -EINVAL;
	*port = (uint16_t)v;
	return 0;
}

/* "[v6]" or "[v6]:port" */
static int bracketed_parse(const char *s, struct ka_addr *addr, uint16_t *port)
{
	const char *close = strchr(s, ']');
	char buf[ADDR_STRLEN];
	struct ka_addr a;
	uint16_t p = 0;

	if (!close || !copy_part(buf, sizeof(buf), s + 1, (size_t)(close - s - 1)))
		return -EINVAL;
	if (addr_parse(buf, &a) < 0 || a.family != AF_INET6)
		return -EINVAL;
	if (close[1] && (close[1] != ':' || parse_port(close + 2, &p) < 0))
		return -EINVAL;
	*addr = a;
	*port = p;
	return 0;
}

int addr_port_parse(const char *s, struct ka_addr *addr, uint16_t *port)
{
	char buf[ADDR_STRLEN];
	const char *colon;
	struct ka_addr a;
	uint16_t p = 0;

	if (!s)
		return -EINVAL;
	if (s[0] == '[')
		return bracketed_parse(s, addr, port);

	colon = strchr(s, ':');
	if (colon && !strchr(colon + 1, ':')) {
		if (!copy_part(buf, sizeof(buf), s, (size_t)(colon - s)))
			return -EINVAL;
		if (addr_parse(buf, &a) < 0 || parse_port(colon + 1, &p) < 0)
			return -EINVAL;
	} else if (addr_parse(s, &a) < 0) {
		return -EINVAL;
	}
	*addr = a;
	*port = p;
	return 0;
}

/* snprintf() that reports truncation as -ENOSPC and then leaves "". */
static int __attribute__((format(printf, 3, 4)))
put(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return -ENOSPC;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size) {
		buf[0] = '\0';
		return -ENOSPC;
	}
	return 0;
}

/* inet_ntop() into a buffer that always suffices. */
static int ntop(const struct ka_addr *a, char tmp[ADDR_STRLEN])
{
	if (!family_len(a->family) ||
	    !inet_ntop(a->family, &a->u, tmp, ADDR_STRLEN))
		return -EINVAL;
	return 0;
}

static void clear_buf(char *buf, size_t size)
{
	if (size)
		buf[0] = '\0';
}

int addr_ntop(const struct ka_addr *a, char *buf, size_t size)
{
	char tmp[ADDR_STRLEN];

	if (ntop(a, tmp) < 0) {
		clear_buf(buf, size);
		return -EINVAL;
	}
	return put(buf, size, "%s", tmp);
}

int prefix_ntop(const struct ka_prefix *p, char *buf, size_t size)
{
	char tmp[ADDR_STRLEN];

	if (ntop(&p->addr, tmp) < 0 || p->len > family_bits(p->addr.family)) {
		clear_buf(buf, size);
		return -EINVAL;
	}
	return put(buf, size, "%s/%u", tmp, p->len);
}

int addr_port_ntop(const struct ka_addr *a, uint16_t port, char *buf,
		   size_t size)
{
	char tmp[ADDR_STRLEN];

	if (ntop(a, tmp) < 0) {
		clear_buf(buf, size);
		return -EINVAL;
	}
	if (a->family == AF_INET6)
		return put(buf, size, "[%s]:%u", tmp, port);
	return put(buf, size, "%s:%u", tmp, port);
}

int addr_cmp(const struct ka_addr *a, const struct ka_addr *b)
{
	int r;

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	r = memcmp(addr_bytes(a), addr_bytes(b), family_len(a->family));
	return (r > 0) - (r < 0);
}

bool addr_equal(const struct ka_addr *a, const struct ka_addr *b)
{
	return addr_cmp(a, b) == 0;
}

bool prefix_equal(const struct ka_prefix *a, const struct ka_prefix *b)
{
	return a->len == b->len && addr_equal(&a->addr, &b->addr);
}

bool prefix_contains(const struct ka_prefix *p, const struct ka_addr *a)
{
	if (p->addr.family != a->family || !family_len(a->family) ||
	    p->len > family_bits(a->family))
		return false;
	return bits_equal(addr_bytes(&p->addr), addr_bytes(a), p->len);
}

void prefix_clear_host_bits(struct ka_prefix *p)
{
	uint8_t *b = (uint8_t *)&p->addr.u;
	unsigned total = family_bits(p->addr.family), i;

	for (i = p->len; i < total; i++)
		b[i / 8] &= (uint8_t)~(0x80 >> (i % 8));
}

int addr_to_sockaddr(const struct ka_addr *a, uint16_t port,
		     struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	if (!family_len(a->family))
		return -EINVAL;
	memset(ss, 0, sizeof(*ss));
	if (a->family == AF_INET) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		sin->sin_addr = a->u.v4;
		*len = sizeof(*sin);
	} else {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		sin6->sin6_addr = a->u.v6;
		*len = sizeof(*sin6);
	}
	return 0;
}

int addr_from_sockaddr(const struct sockaddr *sa, socklen_t len,
		       struct ka_addr *a, uint16_t *port)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;
	struct ka_addr r = { 0 };
	uint16_t p;

	if (len < sizeof(sa->sa_family))
		return -EINVAL;
	r.family = sa->sa_family;
	if (r.family == AF_INET && len >= sizeof(*sin)) {
		r.u.v4 = sin->sin_addr;
		p = ntohs(sin->sin_port);
	} else if (r.family == AF_INET6 && len >= sizeof(*sin6)) {
		r.u.v6 = sin6->sin6_addr;
		p = ntohs(sin6->sin6_port);
	} else {
		return -EINVAL;
	}
	*a = r;
	if (port)
		*port = p;
	return 0;
}

static uint32_t v4_host(const struct ka_addr *a)
{
	return ntohl(a->u.v4.s_addr);
}

bool addr_is_unspecified(const struct ka_addr *a)
{
	if (a->family == AF_INET)
		return v4_host(a) == 0;
	return a->family == AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(&a->u.v6);
}

bool addr_is_multicast(const struct ka_addr *a)
{
	if (a->family == AF_INET)
		return (v4_host(a) >> 28) == 0xe;
	return a->family == AF_INET6 && IN6_IS_ADDR_MULTICAST(&a->u.v6);
}

bool addr_is_linklocal(const struct ka_addr *a)
{
	if (a->family == AF_INET)
		return (v4_host(a) >> 16) == 0xa9fe;
	return a->family == AF_INET6 && IN6_IS_ADDR_LINKLOCAL(&a->u.v6);
}

bool addr_is_loopback(const struct ka_addr *a)
{
	if (a->family == AF_INET)
		return (v4_host(a) >> 24) == 127;
	return a->family == AF_INET6 && IN6_IS_ADDR_LOOPBACK(&a->u.v6);
}

static u128 addr_to_u128(const struct ka_addr *a)
{
	const uint8_t *b = addr_bytes(a);
	size_t i, n = family_len(a->family);
	u128 v = 0;

	for (i = 0; i < n; i++)
		v = (v << 8) | b[i];
	return v;
}

static void u128_to_addr(u128 v, struct ka_addr *a)
{
	uint8_t *b = (uint8_t *)&a->u;
	size_t n = family_len(a->family);

	while (n--) {
		b[n] = (uint8_t)v;
		v >>= 8;
	}
}

int addr_add(const struct ka_addr *first, unsigned n, struct ka_addr *out)
{
	u128 v = addr_to_u128(first), r = v + n;
	struct ka_addr a = { .family = first->family };

	if (!family_len(a.family))
		return -EINVAL;
	if (r < v || (a.family == AF_INET && r > UINT32_MAX))
		return -ERANGE;
	u128_to_addr(r, &a);
	*out = a;
	return 0;
}

/* "-N": the last byte (IPv4, decimal) or last group (IPv6, hexadecimal). */
static int range_short_end(const struct ka_addr *first, const char *s,
			   unsigned *count)
{
	const uint8_t *b = addr_bytes(first);
	unsigned long start, end;
	int ret;

	if (first->family == AF_INET) {
		start = b[3];
		ret = str_to_ulong(s, 0, 0xff, &end);
	} else {
		start = (unsigned long)b[14] << 8 | b[15];
		ret = str_to_ulong_base(s, 16, 0, 0xffff, &end);
	}
	if (ret < 0 || end < start)
		return -EINVAL;
	*count = (unsigned)(end - start + 1);
	return 0;
}

static int range_full_end(const struct ka_addr *first, const char *s,
			  unsigned *count)
{
	struct ka_addr last;
	u128 span;

	if (addr_parse(s, &last) < 0 || last.family != first->family ||
	    addr_cmp(&last, first) < 0)
		return -EINVAL;
	span = addr_to_u128(&last) - addr_to_u128(first);
	if (span >= UINT_MAX)
		return -ERANGE;
	*count = (unsigned)span + 1;
	return 0;
}

int addr_range_parse(const char *s, struct ka_addr *first, unsigned *count)
{
	char buf[ADDR_STRLEN];
	const char *dash, *end;
	struct ka_addr a;
	unsigned n = 1;
	int ret;

	if (!s)
		return -EINVAL;
	dash = strchr(s, '-');
	if (!copy_part(buf, sizeof(buf), s, dash ? (size_t)(dash - s) : strlen(s)))
		return -EINVAL;
	if (addr_parse(buf, &a) < 0)
		return -EINVAL;
	if (dash) {
		end = dash + 1;
		if (strchr(end, '.') || strchr(end, ':'))
			ret = range_full_end(&a, end, &n);
		else
			ret = range_short_end(&a, end, &n);
		if (ret < 0)
			return ret;
	}
	*first = a;
	*count = n;
	return 0;
}
