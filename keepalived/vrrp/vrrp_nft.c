/*
 * vrrp_nft.c: the nft commands of the no_accept firewall.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vrrp_nft.h"

struct out {
	char *buf;
	size_t size, len;
	bool full;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->size - o->len) {
		o->full = true;
		return;
	}
	o->len += (size_t)n;
}

static int done(const struct out *o)
{
	return o->full ? -ENOSPC : (int)o->len;
}

static const char *fam(int family)
{
	return family == AF_INET ? "ip" : "ip6";
}

static const char *table(const struct vrrp_nft_opts *o)
{
	return o->table && *o->table ? o->table : VRRP_NFT_TABLE_DEFAULT;
}

static bool family_ok(int family)
{
	return family == AF_INET || family == AF_INET6;
}

/* "filter - 1", "filter + 5", "filter": as nft prints it back. */
static void prio(struct out *b, long p)
{
	if (p < 0)
		put(b, "filter - %ld", -p);
	else if (p > 0)
		put(b, "filter + %ld", p);
	else
		put(b, "filter");
}

static void base_chain(struct out *b, const struct vrrp_nft_opts *o,
		       int family, const char *name, const char *hook)
{
	put(b, "add chain %s %s %s { type filter hook %s priority ",
	    fam(family), table(o), name, hook);
	prio(b, o->priority);
	put(b, "; policy accept; }\n");
}

static void rule(struct out *b, const struct vrrp_nft_opts *o, int family,
		 const char *chain, const char *match, const char *verdict)
{
	put(b, "add rule %s %s %s %s %s%s\n", fam(family), table(o), chain,
	    match, o->counters ? "counter " : "", verdict);
}

/* IPv6: neighbour discovery passes; link-local addresses are matched
 * with their interface, in chains of their own. */
static void ipv6_extra(struct out *b, const struct vrrp_nft_opts *o)
{
	const char *t = table(o);

	put(b, "add set ip6 %s neighbor-discovery { type icmpv6_type; "
	    "flags constant; elements = { nd-neighbor-solicit, "
	    "nd-neighbor-advert }; }\n", t);
	put(b, "add set ip6 %s vips_link_local { type ipv6_addr . "
	    "iface_index; }\n", t);
	put(b, "add chain ip6 %s in_link_local\n", t);
	put(b, "add chain ip6 %s out_link_local\n", t);
	rule(b, o, AF_INET6, "in_link_local",
	     "ip6 daddr . iif @vips_link_local", "drop");
	rule(b, o, AF_INET6, "out_link_local",
	     "ip6 saddr . oif @vips_link_local", "drop");
	rule(b, o, AF_INET6, "in", "icmpv6 type @neighbor-discovery",
	     "accept");
	rule(b, o, AF_INET6, "in", "ip6 daddr fe80::/10",
	     "goto in_link_local");
	rule(b, o, AF_INET6, "out", "icmpv6 type @neighbor-discovery",
	     "accept");
	rule(b, o, AF_INET6, "out", "ip6 saddr fe80::/10",
	     "goto out_link_local");
}

int vrrp_nft_table_cmds(const struct vrrp_nft_opts *o, int family,
			char *buf, size_t size)
{
	struct out b = { .buf = buf, .size = size };
	const char *ip = family == AF_INET ? "ip" : "ip6";

	if (!family_ok(family) || !size)
		return -EINVAL;
	buf[0] = 0;
	put(&b, "add table %s %s\n", fam(family), table(o));
	put(&b, "add set %s %s vips { type %s; }\n", fam(family), table(o),
	    family == AF_INET ? "ipv4_addr" : "ipv6_addr");
	base_chain(&b, o, family, "in", "input");
	base_chain(&b, o, family, "out", "output");
	if (family == AF_INET6)
		ipv6_extra(&b, o);
	put(&b, "add rule %s %s in %s daddr @vips %sdrop\n", fam(family),
	    table(o), ip, o->counters ? "counter " : "");
	put(&b, "add rule %s %s out %s saddr @vips %sdrop\n", fam(family),
	    table(o), ip, o->counters ? "counter " : "");
	return done(&b);
}

int vrrp_nft_delete_cmd(const struct vrrp_nft_opts *o, int family,
			char *buf, size_t size)
{
	struct out b = { .buf = buf, .size = size };

	if (!family_ok(family) || !size)
		return -EINVAL;
	put(&b, "delete table %s %s\n", fam(family), table(o));
	return done(&b);
}

/* An interface name as an nft string: quoted; a name with a quote or a
 * backslash cannot be written and is refused (the kernel allows them,
 * nobody uses them). */
static bool name_ok(const char *s)
{
	return s && *s && !strpbrk(s, "\"\\");
}

static void elems(struct out *b, const struct vrrp_nft_opts *o,
		  bool add, bool link_local, const struct vrrp_nft_elem *e,
		  size_t n, int family)
{
	char text[ADDR_STRLEN];
	bool first = true;
	size_t i;

	for (i = 0; i < n; i++) {
		bool ll = family == AF_INET6 && addr_is_linklocal(&e[i].addr);

		if (e[i].addr.family != family || ll != link_local ||
		    (ll && !name_ok(e[i].ifname)))
			continue;
		if (addr_ntop(&e[i].addr, text, sizeof(text)) < 0)
			continue;
		if (first)
			put(b, "%s element %s %s %s { ", add ? "add" :
			    "delete", fam(family), table(o), link_local ?
			    "vips_link_local" : "vips");
		put(b, "%s%s", first ? "" : ", ", text);
		if (ll)
			put(b, " . \"%s\"", e[i].ifname);
		first = false;
	}
	if (!first)
		put(b, " }\n");
}

int vrrp_nft_elem_cmds(const struct vrrp_nft_opts *o, int family, bool add,
		       const struct vrrp_nft_elem *e, size_t n, char *buf,
		       size_t size)
{
	struct out b = { .buf = buf, .size = size };

	if (!family_ok(family) || !size)
		return -EINVAL;
	buf[0] = 0;
	elems(&b, o, add, false, e, n, family);
	if (family == AF_INET6)
		elems(&b, o, add, true, e, n, family);
	return done(&b);
}

int vrrp_nft_vmac_table_cmds(const struct vrrp_nft_opts *o, int family,
			     char *buf, size_t size)
{
	struct out b = { .buf = buf, .size = size };
	const char *t = table(o), *f = fam(family);

	if (!family_ok(family) || !size)
		return -EINVAL;
	buf[0] = 0;
	put(&b, "add table %s %s\n", f, t);
	put(&b, "add map %s %s vmac_map { type iface_index : iface_index; "
	    "}\n", f, t);
	base_chain(&b, o, family, "out", "output");
	if (family == AF_INET) {
		rule(&b, o, family, "out", "ip protocol igmp meta oifkind "
		     "\"macvlan\"", "dup to ip daddr device oif map @vmac_map "
		     "drop");
		return done(&b);
	}
	put(&b, "add set ip6 %s vmac_set { type iface_index; }\n", t);
	rule(&b, o, family, "out", "icmpv6 type mld2-listener-report meta "
	     "oifkind \"macvlan\"", "dup to ip6 daddr device oif map "
	     "@vmac_map drop");
	rule(&b, o, family, "out", "icmpv6 type nd-router-solicit meta "
	     "oifkind \"macvlan\" oif @vmac_set", "drop");
	return done(&b);
}

int vrrp_nft_vmac_elem_cmds(const struct vrrp_nft_opts *o, int family,
			    bool add, const char *vmac, const char *base,
			    char *buf, size_t size)
{
	struct out b = { .buf = buf, .size = size };
	const char *verb = add ? "add" : "delete";

	if (!family_ok(family) || !size || !name_ok(vmac) || !name_ok(base))
		return -EINVAL;
	buf[0] = 0;
	put(&b, "%s element %s %s vmac_map { \"%s\" : \"%s\" }\n", verb,
	    fam(family), table(o), vmac, base);
	if (family == AF_INET6)
		put(&b, "%s element ip6 %s vmac_set { \"%s\" }\n", verb,
		    table(o), vmac);
	return done(&b);
}
