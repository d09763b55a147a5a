/*
 * check_ipvs.c: the IPVS services and destinations a virtual server
 * stands for.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_ipvs.h"
#include "memory.h"

/* One group line expands to at most this many services: as much as the
 * last 16-bit group of an IPv6 range can hold. */
#define CK_IPVS_MAX_RANGE 65536u

#define IPVS_DEFAULT_SCHED "wlc"

struct svc_array {
	struct ipvs_service *v;
	size_t n, cap;
};

static struct ipvs_service *svc_push(struct svc_array *a)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 4;
		a->v = mem_reallocarray(a->v, a->cap, sizeof(*a->v));
	}
	memset(&a->v[a->n], 0, sizeof(a->v[a->n]));
	return &a->v[a->n++];
}

/* Leading one bits of a mask, for an IPv6 service's granularity. */
static unsigned mask_prefix_len(const struct ka_addr *m)
{
	const uint8_t *p = m->family == AF_INET6 ? m->u.v6.s6_addr :
		(const uint8_t *)&m->u.v4.s_addr;
	size_t len = m->family == AF_INET6 ? 16 : 4, i;
	unsigned bits = 0;
	uint8_t b;

	for (i = 0; i < len && p[i] == 0xff; i++)
		bits += 8;
	for (b = i < len ? p[i] : 0; b & 0x80; b = (uint8_t)(b << 1))
		bits++;
	return bits;
}

/* Persistence: persistence_granularity alone makes a service persistent
 * with the default timeout, as keepalived does. The netmask is the
 * kernel's: a mask in network order for IPv4, a prefix length for IPv6,
 * each "one client host" by default. */
static void set_persistence(const struct ck_virtual_server_conf *vs,
			    struct ipvs_service *s)
{
	const struct ka_addr *g = &vs->persistence_granularity;

	s->netmask = s->family == AF_INET6 ? 128 : 0xffffffff;
	if (!vs->persistent && !g->family)
		return;
	s->flags |= CK_SVC_PERSISTENT;
	s->timeout_s = (unsigned)vs->persistence_timeout_s;
	if (g->family == AF_INET && s->family == AF_INET)
		s->netmask = g->u.v4.s_addr;
	else if (g->family && s->family == AF_INET6)
		s->netmask = mask_prefix_len(g);
	if (vs->persistence_engine)
		snprintf(s->pe_name, sizeof(s->pe_name), "%s",
			 vs->persistence_engine);
}

/* What every service of the virtual server shares. */
static void fill_common(const struct ck_virtual_server_conf *vs,
			struct ipvs_service *s)
{
	snprintf(s->sched, sizeof(s->sched), "%s",
		 vs->sched[0] ? vs->sched : IPVS_DEFAULT_SCHED);
	s->flags = vs->flags & ~(unsigned)(CK_SVC_PERSISTENT | CK_SVC_HASHED);
	set_persistence(vs, s);
}

static uint16_t vs_protocol(const struct ck_virtual_server_conf *vs)
{
	return vs->protocol ? (uint16_t)vs->protocol : CK_PROTO_TCP;
}

static void add_addr_svc(struct svc_array *a,
			 const struct ck_virtual_server_conf *vs,
			 const struct ka_addr *addr, uint16_t port)
{
	struct ipvs_service *s = svc_push(a);

	s->family = addr->family;
	s->protocol = vs_protocol(vs);
	s->addr = *addr;
	s->port = port;
	fill_common(vs, s);
}

static void add_fwmark_svc(struct svc_array *a,
			   const struct ck_virtual_server_conf *vs,
			   uint32_t mark, int family)
{
	struct ipvs_service *s = svc_push(a);

	s->family = family ? family : vs->family ? vs->family : AF_INET;
	s->fwmark = mark;
	fill_common(vs, s);
}

/* Addresses from first to last inclusive; 0 when last is before first,
 * CK_IPVS_MAX_RANGE + 1 when there are too many to count. */
static unsigned long range_count(const struct ka_addr *first,
				 const struct ka_addr *last)
{
	const uint8_t *f, *l;
	unsigned long n = 0;
	size_t len, i;

	if (!last->family)
		return 1;
	if (last->family != first->family)
		return 0;
	if (addr_cmp(last, first) < 0)
		return 0;
	len = first->family == AF_INET6 ? 16 : 4;
	f = first->family == AF_INET6 ? first->u.v6.s6_addr :
		(const uint8_t *)&first->u.v4.s_addr;
	l = last->family == AF_INET6 ? last->u.v6.s6_addr :
		(const uint8_t *)&last->u.v4.s_addr;
	/* Big-endian subtraction, stopping once the count is too large. */
	for (i = 0; i < len; i++) {
		n = n * 256 + l[i] - f[i];
		if (n > CK_IPVS_MAX_RANGE)
			return CK_IPVS_MAX_RANGE + 1;
	}
	return n + 1;
}

static int add_group_entry(struct svc_array *a,
			   const struct ck_virtual_server_conf *vs,
			   const struct ck_vsg_entry *e)
{
	unsigned long i, count;
	struct ka_addr addr;

	if (e->is_fwmark) {
		add_fwmark_svc(a, vs, e->fwmark, e->family);
		return 0;
	}
	count = range_count(&e->first, &e->last);
	if (count > CK_IPVS_MAX_RANGE)
		return -E2BIG;
	for (i = 0; i < count; i++) {
		if (addr_add(&e->first, (unsigned)i, &addr) < 0)
			return -E2BIG;
		add_addr_svc(a, vs, &addr, e->port);
	}
	return 0;
}

static const struct ck_vsg_conf *find_group(const struct check_conf *c,
					    const char *name)
{
	const struct ck_vsg_conf *g;

	list_for_each_entry(g, &c->groups, node)
		if (name && !strcmp(g->name, name))
			return g;
	return NULL;
}

static int add_group(struct svc_array *a,
		     const struct ck_virtual_server_conf *vs,
		     const struct check_conf *c)
{
	const struct ck_vsg_conf *g = find_group(c, vs->group);
	const struct ck_vsg_entry *e;
	int r;

	if (!g)
		return 0;
	list_for_each_entry(e, &g->entries, node) {
		r = add_group_entry(a, vs, e);
		if (r < 0)
			return r;
	}
	return 0;
}

int ck_ipvs_services(const struct ck_virtual_server_conf *vs,
		     const struct check_conf *c, struct ipvs_service **out,
		     size_t *n)
{
	struct svc_array a = { 0 };
	int r = 0;

	switch (vs->kind) {
	case CK_VS_ADDR:
		add_addr_svc(&a, vs, &vs->addr, vs->port);
		break;
	case CK_VS_FWMARK:
		add_fwmark_svc(&a, vs, vs->fwmark, 0);
		break;
	case CK_VS_GROUP:
		r = add_group(&a, vs, c);
		break;
	}
	if (r < 0) {
		mem_free(&a.v);
		return r;
	}
	*out = a.v;
	*n = a.n;
	return 0;
}

/* ---- destinations ------------------------------------------------------ */

static enum ipvs_fwd fwd_of(enum ck_fwd fwd)
{
	switch (fwd) {
	case CK_FWD_DR: return IPVS_FWD_ROUTE;
	case CK_FWD_TUN: return IPVS_FWD_TUNNEL;
	case CK_FWD_NAT:
	case CK_FWD_UNSET:
		break;
	}
	return IPVS_FWD_MASQ;
}

static uint16_t tun_flags_of(enum ck_tun_csum csum)
{
	switch (csum) {
	case CK_TUN_NOCSUM: return 1;
	case CK_TUN_CSUM: return 2;
	case CK_TUN_REMCSUM: return 4;
	case CK_TUN_CSUM_UNSET:
		break;
	}
	return 0;
}

/* The real server's method, else (for the sorry server) sorry_method,
 * else the virtual server's, else NAT. */
static const struct ck_method *method_of(const struct ck_virtual_server_conf *vs,
					 const struct ck_real_server_conf *rs)
{
	if (rs == vs->sorry && vs->sorry_method.fwd != CK_FWD_UNSET)
		return &vs->sorry_method;
	if (rs->method.fwd != CK_FWD_UNSET)
		return &rs->method;
	return &vs->method;
}

static uint32_t threshold(unsigned long v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

void ck_ipvs_dest(const struct ck_virtual_server_conf *vs,
		  const struct ck_real_server_conf *rs, int weight,
		  struct ipvs_dest *out)
{
	const struct ck_method *m = method_of(vs, rs);

	memset(out, 0, sizeof(*out));
	out->addr = rs->addr;
	out->port = rs->port ? rs->port : vs->port;
	out->fwd = fwd_of(m->fwd);
	out->weight = weight;
	out->u_threshold = threshold(rs->uthreshold);
	out->l_threshold = threshold(rs->lthreshold);
	if (out->fwd != IPVS_FWD_TUNNEL)
		return;
	out->tun_type = (uint8_t)m->tun_type;
	if (m->tun_type == CK_TUN_GUE)
		out->tun_port = m->tun_port;
	out->tun_flags = tun_flags_of(m->tun_csum);
}
