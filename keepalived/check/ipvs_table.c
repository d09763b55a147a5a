/*
 * ipvs_table.c: the IPVS table in memory and its "ipvsadm -Ln" printout.
 *
 * Services and destinations are kept sorted in the order ipvsadm lists
 * them, so that printing is a walk and two tables built in different
 * orders print the same.
 */
#include "config.h"

#include <errno.h>
#include <linux/ip_vs.h>
#include <string.h>

#include "ipvs_table.h"
#include "list.h"
#include "memory.h"

struct tbl_dest {
	struct list_node node;
	struct ipvs_dest d;
};

struct tbl_svc {
	struct list_node node;
	struct ipvs_service s;
	struct list_node dests;		/* struct tbl_dest, sorted */
};

struct ipvs_table {
	struct list_node svcs;		/* struct tbl_svc, sorted */
};

/* The schedulers and persistence engines of the kernels we run on; the
 * kernel answers ENOENT for a module it cannot load. */
static const char *const schedulers[] = {
	"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq",
	"fo", "ovf", "mh", "twos",
};

static bool known_sched(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(schedulers) / sizeof(schedulers[0]); i++)
		if (!strncmp(name, schedulers[i], IPVS_SCHED_NAMELEN))
			return true;
	return false;
}

static int cmp_u(unsigned long a, unsigned long b)
{
	return a < b ? -1 : a > b;
}

/* ipvsadm's order: address services (fwmark 0) first, then by family,
 * protocol, address, port; fwmark services by family and mark.
 * Addresses compare numerically: ipvsadm subtracts 32-bit words, which
 * puts addresses 2^31 or more apart in an order that depends on its
 * qsort(); we keep the order it means. */
static int svc_cmp(const struct ipvs_service *a, const struct ipvs_service *b)
{
	int r = cmp_u(a->fwmark, b->fwmark);

	if (!r)
		r = cmp_u((unsigned)a->family, (unsigned)b->family);
	if (r || a->fwmark)
		return r;
	r = cmp_u(a->protocol, b->protocol);
	if (!r)
		r = addr_cmp(&a->addr, &b->addr);
	if (!r)
		r = cmp_u(a->port, b->port);
	return r;
}

static int dest_cmp(const struct ipvs_dest *a, const struct ipvs_dest *b)
{
	int r = addr_cmp(&a->addr, &b->addr);

	return r ? r : cmp_u(a->port, b->port);
}

struct ipvs_table *ipvs_table_new(void)
{
	struct ipvs_table *t = mem_new(struct ipvs_table);

	list_init(&t->svcs);
	return t;
}

static void svc_free(struct tbl_svc *ts)
{
	struct tbl_dest *td, *tmp;

	list_for_each_entry_safe(td, tmp, &ts->dests, node) {
		list_del(&td->node);
		mem_free(&td);
	}
	list_del(&ts->node);
	mem_free(&ts);
}

void ipvs_table_flush(struct ipvs_table *t)
{
	struct tbl_svc *ts, *tmp;

	list_for_each_entry_safe(ts, tmp, &t->svcs, node)
		svc_free(ts);
}

void ipvs_table_free(struct ipvs_table **t)
{
	if (!*t)
		return;
	ipvs_table_flush(*t);
	mem_free(t);
}

static struct tbl_svc *svc_lookup(const struct ipvs_table *t,
				  const struct ipvs_service *key)
{
	struct tbl_svc *ts;

	list_for_each_entry(ts, &t->svcs, node)
		if (!svc_cmp(&ts->s, key))
			return ts;
	return NULL;
}

static struct tbl_dest *dest_lookup(const struct tbl_svc *ts,
				    const struct ipvs_dest *key)
{
	struct tbl_dest *td;

	list_for_each_entry(td, &ts->dests, node)
		if (!dest_cmp(&td->d, key))
			return td;
	return NULL;
}

/* 0 and 0xffffffff both mean "no netmask given": one client host. */
static uint32_t netmask_of(const struct ipvs_service *s)
{
	bool unset = s->netmask == 0 || s->netmask == 0xffffffff;

	if (s->family == AF_INET6)
		return unset ? 128 : s->netmask;
	return unset ? 0xffffffff : s->netmask;
}

/* What the kernel checks of a service before looking it up. */
static int svc_check(const struct ipvs_service *s)
{
	if (s->family != AF_INET && s->family != AF_INET6)
		return -EINVAL;
	if (!s->fwmark && s->protocol != IPPROTO_TCP &&
	    s->protocol != IPPROTO_UDP && s->protocol != IPPROTO_SCTP)
		return -EINVAL;
	if (!s->fwmark && s->addr.family != s->family)
		return -EINVAL;
	if (s->family == AF_INET6 && (s->flags & IP_VS_SVC_F_PERSISTENT) &&
	    netmask_of(s) > 128)
		return -EINVAL;
	if (!known_sched(s->sched))
		return -ENOENT;
	if (s->pe_name[0] && strncmp(s->pe_name, "sip", IPVS_PE_NAMELEN))
		return -ENOENT;
	return 0;
}

static void copy_svc(struct ipvs_service *to, const struct ipvs_service *s)
{
	*to = *s;
	/* The kernel keeps the hashed bit to itself. */
	to->flags &= ~(unsigned)IP_VS_SVC_F_HASHED;
	to->sched[IPVS_SCHED_NAMELEN - 1] = '\0';
	to->pe_name[IPVS_PE_NAMELEN - 1] = '\0';
	to->netmask = netmask_of(s);
	if (!(to->flags & IP_VS_SVC_F_PERSISTENT))
		to->timeout_s = 0;
}

int ipvs_table_svc_add(struct ipvs_table *t, const struct ipvs_service *s)
{
	struct tbl_svc *ts, *pos;
	int r = svc_check(s);

	if (r < 0)
		return r;
	if (svc_lookup(t, s))
		return -EEXIST;
	ts = mem_new(struct tbl_svc);
	copy_svc(&ts->s, s);
	list_init(&ts->dests);
	list_for_each_entry(pos, &t->svcs, node)
		if (svc_cmp(&ts->s, &pos->s) < 0)
			break;
	list_add_tail(&pos->node, &ts->node);
	return 0;
}

int ipvs_table_svc_edit(struct ipvs_table *t, const struct ipvs_service *s)
{
	struct tbl_svc *ts = svc_lookup(t, s);
	int r = svc_check(s);

	if (r == -EINVAL)
		return r;
	if (!ts)
		return -ENOENT;
	if (r < 0)
		return r;
	copy_svc(&ts->s, s);
	return 0;
}

int ipvs_table_svc_del(struct ipvs_table *t, const struct ipvs_service *s)
{
	struct tbl_svc *ts = svc_lookup(t, s);

	if (!ts)
		return -ENOENT;
	svc_free(ts);
	return 0;
}

static int dest_check(const struct ipvs_service *s, const struct ipvs_dest *d)
{
	if (d->addr.family != AF_INET && d->addr.family != AF_INET6)
		return -EINVAL;
	/* Only a tunnel may cross families. */
	if (d->addr.family != s->family && d->fwd != IPVS_FWD_TUNNEL)
		return -EINVAL;
	if (d->weight < 0 || d->l_threshold > d->u_threshold)
		return -ERANGE;
	return 0;
}

int ipvs_table_dest_add(struct ipvs_table *t, const struct ipvs_service *s,
			const struct ipvs_dest *d)
{
	struct tbl_svc *ts = svc_lookup(t, s);
	struct tbl_dest *td, *pos;
	int r;

	if (!ts)
		return -ENOENT;
	r = dest_check(&ts->s, d);
	if (r < 0)
		return r;
	if (dest_lookup(ts, d))
		return -EEXIST;
	td = mem_new(struct tbl_dest);
	td->d = *d;
	list_for_each_entry(pos, &ts->dests, node)
		if (dest_cmp(d, &pos->d) < 0)
			break;
	list_add_tail(&pos->node, &td->node);
	return 0;
}

int ipvs_table_dest_edit(struct ipvs_table *t, const struct ipvs_service *s,
			 const struct ipvs_dest *d)
{
	struct tbl_svc *ts = svc_lookup(t, s);
	struct tbl_dest *td;
	int r;

	if (!ts)
		return -ENOENT;
	r = dest_check(&ts->s, d);
	if (r < 0)
		return r;
	td = dest_lookup(ts, d);
	if (!td)
		return -ENOENT;
	td->d = *d;
	return 0;
}

int ipvs_table_dest_del(struct ipvs_table *t, const struct ipvs_service *s,
			const struct ipvs_dest *d)
{
	struct tbl_svc *ts = svc_lookup(t, s);
	struct tbl_dest *td = ts ? dest_lookup(ts, d) : NULL;

	if (!td)
		return -ENOENT;
	list_del(&td->node);
	mem_free(&td);
	return 0;
}

size_t ipvs_table_svc_count(const struct ipvs_table *t)
{
	return list_count(&t->svcs);
}

const struct ipvs_service *ipvs_table_svc_find(const struct ipvs_table *t,
					       const struct ipvs_service *key)
{
	const struct tbl_svc *ts = svc_lookup(t, key);

	return ts ? &ts->s : NULL;
}

const struct ipvs_dest *ipvs_table_dest_find(const struct ipvs_table *t,
					     const struct ipvs_service *s,
					     const struct ipvs_dest *key)
{
	const struct tbl_svc *ts = svc_lookup(t, s);
	const struct tbl_dest *td = ts ? dest_lookup(ts, key) : NULL;

	return td ? &td->d : NULL;
}

size_t ipvs_table_dest_count(const struct ipvs_table *t,
			     const struct ipvs_service *s)
{
	const struct tbl_svc *ts = svc_lookup(t, s);

	return ts ? list_count(&ts->dests) : 0;
}

int ipvs_table_svc_list(const struct ipvs_table *t, struct ipvs_service **out,
			size_t *n)
{
	const struct tbl_svc *ts;
	size_t i = 0;

	*n = list_count(&t->svcs);
	*out = mem_calloc(*n ? *n : 1, sizeof(**out));
	list_for_each_entry(ts, &t->svcs, node)
		(*out)[i++] = ts->s;
	return 0;
}

int ipvs_table_dest_list(const struct ipvs_table *t,
			 const struct ipvs_service *s, struct ipvs_dest **out,
			 size_t *n)
{
	const struct tbl_svc *ts = svc_lookup(t, s);
	const struct tbl_dest *td;
	size_t i = 0;

	if (!ts)
		return -ENOENT;
	*n = list_count(&ts->dests);
	*out = mem_calloc(*n ? *n : 1, sizeof(**out));
	list_for_each_entry(td, &ts->dests, node)
		(*out)[i++] = td->d;
	return 0;
}

/* ---- the printout ---------------------------------------------------- */

const char *ipvs_fwd_name(enum ipvs_fwd fwd)
{
	switch (fwd) {
	case IPVS_FWD_MASQ: return "Masq";
	case IPVS_FWD_LOCAL: return "Local";
	case IPVS_FWD_TUNNEL: return "Tunnel";
	case IPVS_FWD_ROUTE: return "Route";
	}
	return "Unknown";
}

/* The scheduler flags as ipvsadm names them: sh and mh give the first
 * two their own names. */
static void print_sched_flags(const struct ipvs_service *s, FILE *out)
{
	static const unsigned bits[] = {
		IP_VS_SVC_F_SCHED1, IP_VS_SVC_F_SCHED2, IP_VS_SVC_F_SCHED3,
	};
	const char *names[] = { "flag-1", "flag-2", "flag-3" };
	const char *sep = " (";
	size_t i;

	if (!(s->flags & (bits[0] | bits[1] | bits[2])))
		return;
	if (!strcmp(s->sched, "sh")) {
		names[0] = "sh-fallback";
		names[1] = "sh-port";
	} else if (!strcmp(s->sched, "mh")) {
		names[0] = "mh-fallback";
		names[1] = "mh-port";
	}
	for (i = 0; i < 3; i++) {
		if (!(s->flags & bits[i]))
			continue;
		fprintf(out, "%s%s", sep, names[i]);
		sep = ",";
	}
	fputc(')', out);
}

/* The persistence netmask is shown only when it is not the default:
 * a dotted mask for IPv4, a prefix length for IPv6. */
static void print_persistence(const struct ipvs_service *s, FILE *out)
{
	if (!(s->flags & IP_VS_SVC_F_PERSISTENT))
		return;
	fprintf(out, " persistent %u", s->timeout_s);
	if (s->family == AF_INET && s->netmask != 0xffffffff) {
		struct ka_addr m = { .family = AF_INET };
		char buf[ADDR_STRLEN];

		m.u.v4.s_addr = s->netmask;
		addr_ntop(&m, buf, sizeof(buf));
		fprintf(out, " mask %s", buf);
	} else if (s->family == AF_INET6 && s->netmask != 128) {
		fprintf(out, " mask %u", s->netmask);
	}
	if (s->pe_name[0])
		fprintf(out, " pe %s", s->pe_name);
}

static void print_dest(const struct ipvs_dest *d, FILE *out)
{
	char name[ADDR_PORT_STRLEN];

	addr_port_ntop(&d->addr, d->port, name, sizeof(name));
	fprintf(out, "  -> %-28s %-7s %-6d %-10u %-10u\n", name,
		ipvs_fwd_name(d->fwd), d->weight, 0u, 0u);
}

int ipvs_table_format(const struct ipvs_table *t, FILE *out)
{
	const struct tbl_svc *ts;
	const struct tbl_dest *td;
	char name[IPVS_SVC_STRLEN];

	fprintf(out, "IP Virtual Server version 1.2.1 (size=4096)\n"
		"Prot LocalAddress:Port Scheduler Flags\n"
		"  -> RemoteAddress:Port           Forward Weight ActiveConn "
		"InActConn\n");
	list_for_each_entry(ts, &t->svcs, node) {
		ipvs_service_name(&ts->s, name, sizeof(name));
		fprintf(out, "%s %s", name, ts->s.sched);
		print_sched_flags(&ts->s, out);
		print_persistence(&ts->s, out);
		if (ts->s.flags & IP_VS_SVC_F_ONEPACKET)
			fprintf(out, " ops");
		fputc('\n', out);
		list_for_each_entry(td, &ts->dests, node)
			print_dest(&td->d, out);
	}
	return ferror(out) ? -EIO : 0;
}
