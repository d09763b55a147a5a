/*
 * iftable.h: the interface table each child keeps, fed by the netlink
 * reflector: links (index, name, MAC, MTU, flags, operational state,
 * parent of a vlan/macvlan) and their addresses of both families.
 *
 * Pure: no sockets, no logging. The reflector turns kernel messages into
 * the *_info structs below and calls iftable_link_set(), _link_del(),
 * _addr_set() and _addr_del(); the table works out what changed and tells
 * its subscribers (VRRP tracking, the checker's bind addresses, the -a log).
 *
 * After an overrun the reflector re-dumps everything between
 * iftable_sync_begin() and iftable_sync_end(): what the dump did not
 * mention is then deleted, so subscribers see only the differences.
 */
#ifndef KA_IFTABLE_H
#define KA_IFTABLE_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "addr.h"
#include "list.h"

#define IFTABLE_MAC_MAX 32	/* IFLA_ADDRESS of any link type */
#define IFTABLE_KIND_MAX 16

/* What an RTM_NEWLINK says about a link. */
struct iftable_link_info {
	int index;
	char name[IF_NAMESIZE];
	unsigned char mac[IFTABLE_MAC_MAX];
	size_t mac_len;
	unsigned mtu;
	unsigned flags;			/* IFF_* */
	unsigned char operstate;	/* IF_OPER_* */
	int parent_index;		/* IFLA_LINK (vlan, macvlan); 0: none */
	char kind[IFTABLE_KIND_MAX];	/* IFLA_INFO_KIND; "" when none */
};

/* What an RTM_NEWADDR says about an address. */
struct iftable_addr_info {
	struct ka_prefix prefix;	/* the local address and its length */
	struct ka_addr peer;		/* point-to-point peer; family 0: none */
	struct ka_addr brd;		/* IPv4 broadcast; family 0: none */
	unsigned char scope;		/* RT_SCOPE_* */
	unsigned flags;			/* IFA_F_* */
	char label[IF_NAMESIZE];	/* IPv4 label; "" when none */
};

struct iftable_addr {
	struct list_node node;		/* on iface.addrs */
	struct iftable_addr_info info;
	bool stale;			/* not seen since iftable_sync_begin() */
};

struct iface {
	struct list_node node;		/* on the table's list */
	struct iftable_link_info link;
	struct list_node addrs;		/* struct iftable_addr, oldest first */
	bool stale;
};

struct iftable;

enum iftable_event_type {
	IFTABLE_LINK_NEW,
	IFTABLE_LINK_CHANGE,	/* ev.old holds what it was */
	IFTABLE_LINK_DEL,	/* after an ADDR_DEL for each of its addresses */
	IFTABLE_ADDR_NEW,
	IFTABLE_ADDR_CHANGE,	/* flags, scope, label, broadcast or peer */
	IFTABLE_ADDR_DEL,
};

/* Valid only during the callback; iface and addr are freed after a DEL. */
struct iftable_event {
	enum iftable_event_type type;
	const struct iface *iface;
	const struct iftable_addr *addr;	/* ADDR_* events */
	const struct iftable_link_info *old;	/* LINK_CHANGE */
};

/* A subscriber. Must not subscribe, unsubscribe or change the table. */
typedef void iftable_cb(const struct iftable_event *ev, void *ctx);

/* Allocates an empty table (never NULL); iftable_free() frees it. */
struct iftable *iftable_new(void);
/* Frees every entry without notifying; NULLs *t; accepts NULL. */
void iftable_free(struct iftable **t);

/* Subscribers are called in the order they subscribed. Returns 0, or
 * -EEXIST for a (cb, ctx) pair already there. */
int iftable_subscribe(struct iftable *t, iftable_cb *cb, void *ctx);
/* Returns 0 or -ENOENT. */
int iftable_unsubscribe(struct iftable *t, iftable_cb *cb, void *ctx);

/*
 * Adds the link, or updates it (a rename included), notifying LINK_NEW,
 * or LINK_CHANGE if anything differs. Returns 0 or -EINVAL (index <= 0).
 */
int iftable_link_set(struct iftable *t, const struct iftable_link_info *l);
/* Deletes the link and its addresses, notifying. Returns 0 or -ENOENT. */
int iftable_link_del(struct iftable *t, int index);

/*
 * Adds or updates an address of link "index" (identified by family,
 * address and prefix length). Returns 0, -ENOENT (no such link: the
 * reflector asks for the link first) or -EINVAL.
 */
int iftable_addr_set(struct iftable *t, int index,
		     const struct iftable_addr_info *a);
/* Returns 0 or -ENOENT. */
int iftable_addr_del(struct iftable *t, int index, const struct ka_prefix *p);

/* Lookups; NULL when absent. */
struct iface *iftable_by_index(const struct iftable *t, int index);
struct iface *iftable_by_name(const struct iftable *t, const char *name);
struct iftable_addr *iftable_addr_find(const struct iface *ifp,
				       const struct ka_prefix *p);
/* The first link holding address "a" (any prefix length), or NULL. */
struct iface *iftable_by_addr(const struct iftable *t,
			      const struct ka_addr *a);

/* The list of struct iface (by "node"), in the order they were added. */
const struct list_node *iftable_links(const struct iftable *t);
size_t iftable_count(const struct iftable *t);
size_t iftable_addr_count(const struct iftable *t);

/* Marks every link and address stale; set/add calls clear the mark. */
void iftable_sync_begin(struct iftable *t);
/* Deletes, with notifications, whatever is still stale. */
void iftable_sync_end(struct iftable *t);

/*
 * Writes the table as text, one line per call of "line" (no newline):
 *   Interface kv1 index 3 mtu 1500 mac 0a:..:01 flags UP,... oper up ...
 *     addr 192.168.77.1/24 brd 192.168.77.255 scope global label kv1
 */
void iftable_write(const struct iftable *t,
		   void (*line)(const char *text, void *ctx), void *ctx);
/* The same to a stdio stream, with newlines. */
void iftable_dump(const struct iftable *t, FILE *f);

/* "up", "down", "lowerlayerdown", ... for IF_OPER_*. */
const char *iftable_operstate_name(unsigned char operstate);
/* "global", "site", "link", "host", "nowhere", or the number. */
const char *iftable_scope_name(unsigned char scope, char *buf, size_t size);

#endif
