/*
 * iftable.c: the interface table, its change detection and subscribers.
 */
#include "config.h"

#include <errno.h>
#include <net/if.h>	/* before linux/if.h, which then defers to it */
#include <linux/if.h>
#include <linux/rtnetlink.h>
#include <string.h>

#include "iftable.h"
#include "memory.h"

struct iftable_sub {
	iftable_cb *cb;
	void *ctx;
};

struct iftable {
	struct list_node links;		/* struct iface */
	size_t nlinks;
	struct iftable_sub *subs;
	size_t nsubs;
};

struct iftable *iftable_new(void)
{
	struct iftable *t = mem_new(struct iftable);

	list_init(&t->links);
	return t;
}

static void addr_free(struct iftable_addr **a)
{
	list_del(&(*a)->node);
	mem_free(a);
}

static void iface_free(struct iface **ifp)
{
	struct iftable_addr *a, *tmp;

	list_for_each_entry_safe(a, tmp, &(*ifp)->addrs, node)
		addr_free(&a);
	list_del(&(*ifp)->node);
	mem_free(ifp);
}

void iftable_free(struct iftable **t)
{
	struct iface *ifp, *tmp;

	if (!t || !*t)
		return;
	list_for_each_entry_safe(ifp, tmp, &(*t)->links, node)
		iface_free(&ifp);
	mem_free(&(*t)->subs);
	mem_free(t);
}

int iftable_subscribe(struct iftable *t, iftable_cb *cb, void *ctx)
{
	size_t i;

	for (i = 0; i < t->nsubs; i++)
		if (t->subs[i].cb == cb && t->subs[i].ctx == ctx)
			return -EEXIST;
	t->subs = mem_reallocarray(t->subs, t->nsubs + 1, sizeof(*t->subs));
	t->subs[t->nsubs].cb = cb;
	t->subs[t->nsubs].ctx = ctx;
	t->nsubs++;
	return 0;
}

int iftable_unsubscribe(struct iftable *t, iftable_cb *cb, void *ctx)
{
	size_t i;

	for (i = 0; i < t->nsubs; i++) {
		if (t->subs[i].cb != cb || t->subs[i].ctx != ctx)
			continue;
		memmove(&t->subs[i], &t->subs[i + 1],
			(t->nsubs - i - 1) * sizeof(*t->subs));
		t->nsubs--;
		return 0;
	}
	return -ENOENT;
}

static void notify(const struct iftable *t, enum iftable_event_type type,
		   const struct iface *ifp, const struct iftable_addr *a,
		   const struct iftable_link_info *old)
{
	struct iftable_event ev = {
		.type = type, .iface = ifp, .addr = a, .old = old,
	};
	size_t i;

	for (i = 0; i < t->nsubs; i++)
		t->subs[i].cb(&ev, t->subs[i].ctx);
}

struct iface *iftable_by_index(const struct iftable *t, int index)
{
	struct iface *ifp;

	list_for_each_entry(ifp, &t->links, node)
		if (ifp->link.index == index)
			return ifp;
	return NULL;
}

struct iface *iftable_by_name(const struct iftable *t, const char *name)
{
	struct iface *ifp;

	list_for_each_entry(ifp, &t->links, node)
		if (!strcmp(ifp->link.name, name))
			return ifp;
	return NULL;
}

struct iftable_addr *iftable_addr_find(const struct iface *ifp,
				       const struct ka_prefix *p)
{
	struct iftable_addr *a;

	list_for_each_entry(a, &ifp->addrs, node)
		if (prefix_equal(&a->info.prefix, p))
			return a;
	return NULL;
}

struct iface *iftable_by_addr(const struct iftable *t,
			      const struct ka_addr *addr)
{
	struct iftable_addr *a;
	struct iface *ifp;

	list_for_each_entry(ifp, &t->links, node)
		list_for_each_entry(a, &ifp->addrs, node)
			if (addr_equal(&a->info.prefix.addr, addr))
				return ifp;
	return NULL;
}

const struct list_node *iftable_links(const struct iftable *t)
{
	return &t->links;
}

size_t iftable_count(const struct iftable *t)
{
	return t->nlinks;
}

size_t iftable_addr_count(const struct iftable *t)
{
	const struct iface *ifp;
	size_t n = 0;

	list_for_each_entry(ifp, &t->links, node)
		n += list_count(&ifp->addrs);
	return n;
}

static bool link_differs(const struct iftable_link_info *a,
			 const struct iftable_link_info *b)
{
	return strcmp(a->name, b->name) || a->mac_len != b->mac_len ||
	       memcmp(a->mac, b->mac, a->mac_len) || a->mtu != b->mtu ||
	       a->flags != b->flags || a->operstate != b->operstate ||
	       a->parent_index != b->parent_index ||
	       strcmp(a->kind, b->kind);
}

int iftable_link_set(struct iftable *t, const struct iftable_link_info *l)
{
	struct iftable_link_info old;
	struct iface *ifp;

	if (l->index <= 0 || l->mac_len > IFTABLE_MAC_MAX)
		return -EINVAL;
	ifp = iftable_by_index(t, l->index);
	if (!ifp) {
		ifp = mem_new(struct iface);
		list_init(&ifp->addrs);
		ifp->link = *l;
		list_add_tail(&t->links, &ifp->node);
		t->nlinks++;
		notify(t, IFTABLE_LINK_NEW, ifp, NULL, NULL);
		return 0;
	}
	ifp->stale = false;
	if (!link_differs(&ifp->link, l))
		return 0;
	old = ifp->link;
	ifp->link = *l;
	notify(t, IFTABLE_LINK_CHANGE, ifp, NULL, &old);
	return 0;
}

static void del_addr(struct iftable *t, struct iface *ifp,
		     struct iftable_addr *a)
{
	notify(t, IFTABLE_ADDR_DEL, ifp, a, NULL);
	addr_free(&a);
}

static void del_link(struct iftable *t, struct iface *ifp)
{
	struct iftable_addr *a, *tmp;

	list_for_each_entry_safe(a, tmp, &ifp->addrs, node)
		del_addr(t, ifp, a);
	notify(t, IFTABLE_LINK_DEL, ifp, NULL, NULL);
	t->nlinks--;
	iface_free(&ifp);
}

int iftable_link_del(struct iftable *t, int index)
{
	struct iface *ifp = iftable_by_index(t, index);

	if (!ifp)
		return -ENOENT;
	del_link(t, ifp);
	return 0;
}

static bool addr_differs(const struct iftable_addr_info *a,
			 const struct iftable_addr_info *b)
{
	return !addr_equal(&a->peer, &b->peer) ||
	       !addr_equal(&a->brd, &b->brd) || a->scope != b->scope ||
	       a->flags != b->flags || strcmp(a->label, b->label);
}

int iftable_addr_set(struct iftable *t, int index,
		     const struct iftable_addr_info *info)
{
	struct iftable_addr *a;
	struct iface *ifp;

	if (info->prefix.addr.family != AF_INET &&
	    info->prefix.addr.family != AF_INET6)
		return -EINVAL;
	ifp = iftable_by_index(t, index);
	if (!ifp)
		return -ENOENT;
	a = iftable_addr_find(ifp, &info->prefix);
	if (!a) {
		a = mem_new(struct iftable_addr);
		a->info = *info;
		list_add_tail(&ifp->addrs, &a->node);
		notify(t, IFTABLE_ADDR_NEW, ifp, a, NULL);
		return 0;
	}
	a->stale = false;
	if (!addr_differs(&a->info, info))
		return 0;
	a->info = *info;
	notify(t, IFTABLE_ADDR_CHANGE, ifp, a, NULL);
	return 0;
}

int iftable_addr_del(struct iftable *t, int index, const struct ka_prefix *p)
{
	struct iface *ifp = iftable_by_index(t, index);
	struct iftable_addr *a;

	if (!ifp)
		return -ENOENT;
	a = iftable_addr_find(ifp, p);
	if (!a)
		return -ENOENT;
	del_addr(t, ifp, a);
	return 0;
}

void iftable_sync_begin(struct iftable *t)
{
	struct iftable_addr *a;
	struct iface *ifp;

	list_for_each_entry(ifp, &t->links, node) {
		ifp->stale = true;
		list_for_each_entry(a, &ifp->addrs, node)
			a->stale = true;
	}
}

void iftable_sync_end(struct iftable *t)
{
	struct iftable_addr *a, *atmp;
	struct iface *ifp, *tmp;

	list_for_each_entry_safe(ifp, tmp, &t->links, node) {
		if (ifp->stale) {
			del_link(t, ifp);
			continue;
		}
		list_for_each_entry_safe(a, atmp, &ifp->addrs, node)
			if (a->stale)
				del_addr(t, ifp, a);
	}
}

const char *iftable_operstate_name(unsigned char operstate)
{
	static const char *const names[] = {
		[IF_OPER_UNKNOWN] = "unknown",
		[IF_OPER_NOTPRESENT] = "notpresent",
		[IF_OPER_DOWN] = "down",
		[IF_OPER_LOWERLAYERDOWN] = "lowerlayerdown",
		[IF_OPER_TESTING] = "testing",
		[IF_OPER_DORMANT] = "dormant",
		[IF_OPER_UP] = "up",
	};

	if (operstate < sizeof(names) / sizeof(names[0]) && names[operstate])
		return names[operstate];
	return "unknown";
}

const char *iftable_scope_name(unsigned char scope, char *buf, size_t size)
{
	switch (scope) {
	case RT_SCOPE_UNIVERSE: return "global";
	case RT_SCOPE_SITE: return "site";
	case RT_SCOPE_LINK: return "link";
	case RT_SCOPE_HOST: return "host";
	case RT_SCOPE_NOWHERE: return "nowhere";
	}
	snprintf(buf, size, "%u", scope);
	return buf;
}

static void flags_text(unsigned flags, char *buf, size_t size)
{
	static const struct { unsigned bit; const char *name; } f[] = {
		{ IFF_UP, "UP" }, { IFF_BROADCAST, "BROADCAST" },
		{ IFF_LOOPBACK, "LOOPBACK" },
		{ IFF_POINTOPOINT, "POINTOPOINT" },
		{ IFF_RUNNING, "RUNNING" }, { IFF_NOARP, "NOARP" },
		{ IFF_PROMISC, "PROMISC" }, { IFF_MULTICAST, "MULTICAST" },
		{ IFF_LOWER_UP, "LOWER_UP" },
	};
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(f) / sizeof(f[0]) && len < size; i++)
		if (flags & f[i].bit)
			len += snprintf(buf + len, size - len, "%s%s",
					len ? "," : "", f[i].name);
}

static void mac_text(const struct iftable_link_info *l, char *buf,
		     size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < l->mac_len && len < size; i++)
		len += snprintf(buf + len, size - len, "%s%02x",
				i ? ":" : "", l->mac[i]);
}

static void write_link(const struct iftable *t, const struct iface *ifp,
		       void (*line)(const char *, void *), void *ctx)
{
	const struct iftable_link_info *l = &ifp->link;
	const struct iface *parent = NULL;
	char flags[160], mac[IFTABLE_MAC_MAX * 3 + 1], text[512];

	if (l->parent_index)
		parent = iftable_by_index(t, l->parent_index);
	flags_text(l->flags, flags, sizeof(flags));
	mac_text(l, mac, sizeof(mac));
	snprintf(text, sizeof(text),
		 "Interface %s index %d mtu %u mac %s flags %s oper %s%s%s"
		 "%s%s",
		 l->name, l->index, l->mtu, mac[0] ? mac : "none", flags,
		 iftable_operstate_name(l->operstate),
		 l->kind[0] ? " kind " : "", l->kind,
		 l->parent_index ? " parent " : "",
		 l->parent_index ? (parent ? parent->link.name : "?") : "");
	line(text, ctx);
}

static void write_addr(const struct iftable_addr *a,
		       void (*line)(const char *, void *), void *ctx)
{
	const struct iftable_addr_info *i = &a->info;
	char pfx[PREFIX_STRLEN], brd[ADDR_STRLEN] = "", peer[ADDR_STRLEN] = "";
	char scope[8], text[256];

	prefix_ntop(&i->prefix, pfx, sizeof(pfx));
	if (i->brd.family)
		addr_ntop(&i->brd, brd, sizeof(brd));
	if (i->peer.family)
		addr_ntop(&i->peer, peer, sizeof(peer));
	snprintf(text, sizeof(text), "  addr %s%s%s%s%s scope %s%s%s"
		 " flags 0x%x", pfx,
		 brd[0] ? " brd " : "", brd, peer[0] ? " peer " : "", peer,
		 iftable_scope_name(i->scope, scope, sizeof(scope)),
		 i->label[0] ? " label " : "", i->label, i->flags);
	line(text, ctx);
}

void iftable_write(const struct iftable *t,
		   void (*line)(const char *text, void *ctx), void *ctx)
{
	const struct iftable_addr *a;
	const struct iface *ifp;

	list_for_each_entry(ifp, &t->links, node) {
		write_link(t, ifp, line, ctx);
		list_for_each_entry(a, &ifp->addrs, node)
			write_addr(a, line, ctx);
	}
}

static void file_line(const char *text, void *ctx)
{
	fprintf(ctx, "%s\n", text);
}

void iftable_dump(const struct iftable *t, FILE *f)
{
	iftable_write(t, file_line, f);
}
