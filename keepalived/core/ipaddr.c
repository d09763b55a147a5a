/*
 * ipaddr.c: parsing and printing configured addresses.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>

#include "iftable.h"
#include "ipaddr.h"
#include "memory.h"
#include "nl_words.h"

#define LFT_FOREVER 0xffffffffu

static const struct {
	const char *name;
	unsigned flag;
} addr_flags[] = {
	{ "home", IFA_F_HOMEADDRESS },
	{ "-nodad", IFA_F_NODAD },
	{ "mngtmpaddr", IFA_F_MANAGETEMPADDR },
	{ "noprefixroute", IFA_F_NOPREFIXROUTE },
	{ "autojoin", IFA_F_MCAUTOJOIN },
};

static int opt_flag(struct nl_words *c, const char *kw, struct ipaddr *a)
{
	size_t i;

	/* "nodad" is what "ip" itself spells. */
	if (!strcmp(kw, "nodad"))
		kw = "-nodad";
	for (i = 0; i < sizeof(addr_flags) / sizeof(addr_flags[0]); i++) {
		if (strcmp(kw, addr_flags[i].name))
			continue;
		if (addr_flags[i].flag != IFA_F_NODAD &&
		    addr_flags[i].flag != IFA_F_NOPREFIXROUTE &&
		    addr_flags[i].flag != IFA_F_MCAUTOJOIN &&
		    a->prefix.addr.family != AF_INET6)
			return nl_words_fail(c, "'%s' is for IPv6 addresses",
					     kw);
		a->ifa_flags |= addr_flags[i].flag;
		return 0;
	}
	return 1;
}

static int opt_brd(struct nl_words *c, struct ipaddr *a)
{
	const char *v = nl_words_value(c, "brd");

	if (!v)
		return -EINVAL;
	if (a->prefix.addr.family != AF_INET)
		return nl_words_fail(c, "'brd' is for IPv4 addresses");
	if (!strcmp(v, "+")) {
		a->brd_mode = IPADDR_BRD_SET;
		return 0;
	}
	if (!strcmp(v, "-")) {
		a->brd_mode = IPADDR_BRD_CLEAR;
		return 0;
	}
	c->i--;
	if (nl_words_addr(c, "brd", AF_INET, &a->brd) < 0)
		return -EINVAL;
	a->brd_mode = IPADDR_BRD_ADDR;
	return 0;
}

static int opt_peer(struct nl_words *c, struct ipaddr *a)
{
	const char *v = nl_words_value(c, "peer");
	struct ka_prefix p;

	if (!v)
		return -EINVAL;
	if (prefix_parse(v, &p, NULL) < 0 ||
	    p.addr.family != a->prefix.addr.family)
		return nl_words_fail(c, "peer '%s' is not an address of the "
				     "same family", v);
	a->peer = p;
	return 0;
}

static int opt_lft(struct nl_words *c, struct ipaddr *a)
{
	const char *v = nl_words_value(c, "preferred_lft");
	unsigned long n;

	if (!v)
		return -EINVAL;
	if (a->prefix.addr.family != AF_INET6)
		return nl_words_fail(c, "'preferred_lft' is for IPv6 "
				     "addresses");
	if (!strcmp(v, "forever")) {
		a->lft_mode = IPADDR_LFT_FOREVER;
		return 0;
	}
	c->i--;
	if (nl_words_uint(c, "preferred_lft", 0, LFT_FOREVER - 1, &n) < 0)
		return -EINVAL;
	a->lft_mode = IPADDR_LFT_VALUE;
	a->preferred_lft = (uint32_t)n;
	return 0;
}

static int opt_str(struct nl_words *c, const char *kw, char *dst,
		   size_t size)
{
	const char *v;

	if (nl_words_name(c, kw, size, &v) < 0)
		return -EINVAL;
	snprintf(dst, size, "%s", v);
	return 0;
}

static int opt_scope(struct nl_words *c, struct ipaddr *a)
{
	const char *v = nl_words_value(c, "scope");
	unsigned char s;

	if (!v)
		return -EINVAL;
	if (nl_scope_parse(v, &s) < 0)
		return nl_words_fail(c, "scope '%s' is not host, link, site, "
				     "global, nowhere or 0..255", v);
	a->scope = s;
	return 0;
}

static int opt_context(struct nl_words *c, const char *kw,
		       enum ipaddr_ctx ctx, struct ipaddr *a)
{
	if (!strcmp(kw, "track_group")) {
		const char *v = nl_words_value(c, kw);

		if (!v)
			return -EINVAL;
		if (ctx != IPADDR_STATIC)
			return nl_words_fail(c, "'track_group' is only for "
					     "static addresses");
		mem_free(&a->track_group);
		a->track_group = mem_strdup(v);
		return 0;
	}
	if (!strcmp(kw, "no_track") || !strcmp(kw, "use_vmac")) {
		if (ctx != IPADDR_VIRTUAL)
			return nl_words_fail(c, "'%s' is only for virtual "
					     "addresses", kw);
		if (kw[0] == 'n')
			a->no_track = true;
		else
			a->use_vmac = true;
		return 0;
	}
	return 1;
}

static int opt_one(struct nl_words *c, const char *kw, enum ipaddr_ctx ctx,
		   struct ipaddr *a)
{
	int r;

	if (!strcmp(kw, "brd") || !strcmp(kw, "broadcast"))
		return opt_brd(c, a);
	if (!strcmp(kw, "dev"))
		return opt_str(c, kw, a->dev, sizeof(a->dev));
	if (!strcmp(kw, "label"))
		return opt_str(c, kw, a->label, sizeof(a->label));
	if (!strcmp(kw, "scope"))
		return opt_scope(c, a);
	if (!strcmp(kw, "peer"))
		return opt_peer(c, a);
	if (!strcmp(kw, "preferred_lft"))
		return opt_lft(c, a);
	r = opt_flag(c, kw, a);
	if (r <= 0)
		return r;
	r = opt_context(c, kw, ctx, a);
	if (r <= 0)
		return r;
	return nl_words_fail(c, "unknown address option '%s'", kw);
}

int ipaddr_parse(const char *const *words, size_t count, enum ipaddr_ctx ctx,
		 struct ipaddr **out, char *err, size_t errlen)
{
	struct nl_words c;
	struct ipaddr *a;
	const char *kw;
	bool host_bits;

	nl_words_init(&c, words, count, err, errlen);
	kw = nl_words_next(&c);
	if (!kw)
		return nl_words_fail(&c, "no address");
	a = mem_new(struct ipaddr);
	list_node_init(&a->node);
	a->scope = -1;
	if (prefix_parse(kw, &a->prefix, &host_bits) < 0) {
		ipaddr_free(&a);
		return nl_words_fail(&c, "'%s' is not an address[/prefix]",
				     kw);
	}
	while ((kw = nl_words_next(&c))) {
		if (opt_one(&c, kw, ctx, a) < 0) {
			ipaddr_free(&a);
			return -EINVAL;
		}
	}
	*out = a;
	return 0;
}

void ipaddr_free(struct ipaddr **a)
{
	if (!a || !*a)
		return;
	mem_free(&(*a)->track_group);
	mem_free(a);
}

bool ipaddr_broadcast(const struct ipaddr *a, struct ka_addr *out)
{
	uint32_t host, net;

	if (a->brd_mode == IPADDR_BRD_ADDR) {
		*out = a->brd;
		return true;
	}
	if (a->brd_mode == IPADDR_BRD_NONE || a->prefix.addr.family != AF_INET)
		return false;
	host = a->prefix.len >= 32 ? 0 : 0xffffffffu >> a->prefix.len;
	net = ntohl(a->prefix.addr.u.v4.s_addr);
	net = a->brd_mode == IPADDR_BRD_SET ? (net | host) : (net & ~host);
	out->family = AF_INET;
	out->u.v4.s_addr = htonl(net);
	return true;
}

bool ipaddr_preferred_lft(const struct ipaddr *a, uint32_t *out)
{
	switch (a->lft_mode) {
	case IPADDR_LFT_VALUE:
		*out = a->preferred_lft;
		return true;
	case IPADDR_LFT_FOREVER:
		*out = LFT_FOREVER;
		return true;
	case IPADDR_LFT_DEFAULT:
		break;
	}
	if (a->prefix.addr.family == AF_INET6 && a->prefix.len == 128) {
		*out = 0;
		return true;
	}
	return false;
}

bool ipaddr_same(const struct ipaddr *a, const struct ipaddr *b)
{
	return prefix_equal(&a->prefix, &b->prefix) && !strcmp(a->dev, b->dev);
}

static void format_options(const struct ipaddr *a, char *buf, size_t size,
			   size_t *len)
{
	char tmp[PREFIX_STRLEN];
	size_t i;

	if (a->brd_mode == IPADDR_BRD_SET || a->brd_mode == IPADDR_BRD_CLEAR)
		nl_put(buf, size, len, " brd %c",
		    a->brd_mode == IPADDR_BRD_SET ? '+' : '-');
	if (a->brd_mode == IPADDR_BRD_ADDR && !addr_ntop(&a->brd, tmp,
							   sizeof(tmp)))
		nl_put(buf, size, len, " brd %s", tmp);
	if (a->dev[0])
		nl_put(buf, size, len, " dev %s", a->dev);
	if (a->scope >= 0)
		nl_put(buf, size, len, " scope %s",
		    iftable_scope_name((unsigned char)a->scope, tmp,
				       sizeof(tmp)));
	if (a->label[0])
		nl_put(buf, size, len, " label %s", a->label);
	if (a->peer.addr.family && !prefix_ntop(&a->peer, tmp, sizeof(tmp)))
		nl_put(buf, size, len, " peer %s", tmp);
	for (i = 0; i < sizeof(addr_flags) / sizeof(addr_flags[0]); i++)
		if (a->ifa_flags & addr_flags[i].flag)
			nl_put(buf, size, len, " %s", addr_flags[i].name);
}

int ipaddr_format(const struct ipaddr *a, char *buf, size_t size)
{
	char pfx[PREFIX_STRLEN];
	size_t len = 0;

	if (!size)
		return -ENOSPC;
	prefix_ntop(&a->prefix, pfx, sizeof(pfx));
	nl_put(buf, size, &len, "%s", pfx);
	format_options(a, buf, size, &len);
	if (a->lft_mode == IPADDR_LFT_FOREVER)
		nl_put(buf, size, &len, " preferred_lft forever");
	if (a->lft_mode == IPADDR_LFT_VALUE)
		nl_put(buf, size, &len, " preferred_lft %u", a->preferred_lft);
	if (a->no_track)
		nl_put(buf, size, &len, " no_track");
	if (a->use_vmac)
		nl_put(buf, size, &len, " use_vmac");
	if (a->track_group)
		nl_put(buf, size, &len, " track_group %s", a->track_group);
	return len < size ? 0 : -ENOSPC;
}
