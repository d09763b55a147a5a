/*
 * ipvs_sockopt.c: the setsockopt backend, for kernels whose IPVS has no
 * generic netlink family (before 2.6.28), and forced with
 * --ipvs-sockopt for testing. The structures come from ipvs_so.c.
 *
 * The interface is IPv4 only and its sync daemon knows no group, port,
 * TTL or packet size; what it cannot say is refused with
 * -EAFNOSUPPORT, which the caller logs.
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipvs_kernel.h"
#include "ipvs_so.h"
#include "memory.h"

struct so {
	int fd;
};

static int fd_of(struct ipvs_backend *b)
{
	return ((struct so *)b->ctx)->fd;
}

static int set(struct ipvs_backend *b, int opt, const void *arg,
	       socklen_t len)
{
	if (setsockopt(fd_of(b), IPPROTO_IP, opt, arg, len) < 0)
		return errno == ESRCH ? -ENOENT : -errno;
	return 0;
}

static int get(struct ipvs_backend *b, int opt, void *arg, socklen_t len)
{
	socklen_t l = len;

	if (getsockopt(fd_of(b), IPPROTO_IP, opt, arg, &l) < 0)
		return errno == ESRCH ? -ENOENT : -errno;
	return 0;
}

static int svc_set(struct ipvs_backend *b, int opt,
		   const struct ipvs_service *s)
{
	struct ip_vs_service_user u;
	int r = ipvs_so_service(s, &u);

	return r < 0 ? r : set(b, opt, &u, sizeof(u));
}

static int svc_add(struct ipvs_backend *b, const struct ipvs_service *s)
{
	return svc_set(b, IP_VS_SO_SET_ADD, s);
}

static int svc_edit(struct ipvs_backend *b, const struct ipvs_service *s)
{
	return svc_set(b, IP_VS_SO_SET_EDIT, s);
}

static int svc_del(struct ipvs_backend *b, const struct ipvs_service *s)
{
	return svc_set(b, IP_VS_SO_SET_DEL, s);
}

static int dest_set(struct ipvs_backend *b, int opt,
		    const struct ipvs_service *s, const struct ipvs_dest *d)
{
	struct ipvs_so_svcdest u;
	int r = ipvs_so_service(s, &u.svc);

	if (r == 0)
		r = ipvs_so_dest(d, &u.dest);
	return r < 0 ? r : set(b, opt, &u, sizeof(u));
}

static int dest_add(struct ipvs_backend *b, const struct ipvs_service *s,
		    const struct ipvs_dest *d)
{
	return dest_set(b, IP_VS_SO_SET_ADDDEST, s, d);
}

static int dest_edit(struct ipvs_backend *b, const struct ipvs_service *s,
		     const struct ipvs_dest *d)
{
	return dest_set(b, IP_VS_SO_SET_EDITDEST, s, d);
}

static int dest_del(struct ipvs_backend *b, const struct ipvs_service *s,
		    const struct ipvs_dest *d)
{
	return dest_set(b, IP_VS_SO_SET_DELDEST, s, d);
}

static int flush(struct ipvs_backend *b)
{
	return set(b, IP_VS_SO_SET_FLUSH, NULL, 0);
}

/* One service with its number of destinations and its counters. */
static int get_service(struct ipvs_backend *b, const struct ipvs_service *s,
		       struct ip_vs_service_entry *e)
{
	struct ip_vs_service_user u;
	int r = ipvs_so_service(s, &u);

	if (r < 0)
		return r;
	memset(e, 0, sizeof(*e));
	e->protocol = u.protocol;
	e->addr = u.addr;
	e->port = u.port;
	e->fwmark = u.fwmark;
	return get(b, IP_VS_SO_GET_SERVICE, e, sizeof(*e));
}

static int svc_list(struct ipvs_backend *b, struct ipvs_service **out,
		    size_t *n)
{
	struct ip_vs_getinfo info;
	struct ip_vs_get_services *g;
	size_t size, i;
	int r = get(b, IP_VS_SO_GET_INFO, &info, sizeof(info));

	if (r < 0)
		return r;
	/* The kernel wants the exact size for the count it is told. */
	size = sizeof(*g) + info.num_services * sizeof(g->entrytable[0]);
	g = mem_zalloc(size);
	g->num_services = info.num_services;
	r = get(b, IP_VS_SO_GET_SERVICES, g, (socklen_t)size);
	if (r == 0) {
		*out = mem_calloc(g->num_services ? g->num_services : 1,
				  sizeof(**out));
		for (i = 0; i < g->num_services; i++)
			ipvs_so_service_from(&g->entrytable[i], &(*out)[i],
					     NULL);
		*n = g->num_services;
	}
	mem_free(&g);
	return r;
}

static int get_dests(struct ipvs_backend *b, const struct ipvs_service *s,
		     struct ip_vs_get_dests **out)
{
	struct ip_vs_service_entry e;
	struct ip_vs_get_dests *g;
	size_t size;
	int r = get_service(b, s, &e);

	if (r < 0)
		return r;
	size = sizeof(*g) + e.num_dests * sizeof(g->entrytable[0]);
	g = mem_zalloc(size);
	g->protocol = e.protocol;
	g->addr = e.addr;
	g->port = e.port;
	g->fwmark = e.fwmark;
	g->num_dests = e.num_dests;
	r = get(b, IP_VS_SO_GET_DESTS, g, (socklen_t)size);
	if (r < 0)
		mem_free(&g);
	else
		*out = g;
	return r;
}

static int dest_list(struct ipvs_backend *b, const struct ipvs_service *s,
		     struct ipvs_dest **out, struct ipvs_dest_info **info,
		     size_t *n)
{
	struct ip_vs_get_dests *g = NULL;
	struct ipvs_dest_info *in;
	size_t i, cnt;
	int r = get_dests(b, s, &g);

	if (r < 0)
		return r;
	cnt = g->num_dests;
	*out = mem_calloc(cnt ? cnt : 1, sizeof(**out));
	in = mem_calloc(cnt ? cnt : 1, sizeof(*in));
	for (i = 0; i < cnt; i++)
		ipvs_so_dest_from(&g->entrytable[i], &(*out)[i], &in[i]);
	*n = cnt;
	if (info)
		*info = in;
	else
		mem_free(&in);
	mem_free(&g);
	return 0;
}

static int get_stats(struct ipvs_backend *b, const struct ipvs_service *s,
		     const struct ipvs_dest *d, struct ipvs_stats *out)
{
	struct ip_vs_service_entry e;
	struct ip_vs_get_dests *g = NULL;
	struct ipvs_dest dest;
	struct ipvs_dest_info info;
	size_t i;
	int r;

	if (!d) {
		r = get_service(b, s, &e);
		if (r == 0)
			ipvs_so_service_from(&e, &(struct ipvs_service){ 0 },
					     out);
		return r;
	}
	r = get_dests(b, s, &g);
	if (r < 0)
		return r;
	r = -ENOENT;
	for (i = 0; i < g->num_dests && r < 0; i++) {
		ipvs_so_dest_from(&g->entrytable[i], &dest, &info);
		if (dest.port == d->port && addr_equal(&dest.addr, &d->addr)) {
			*out = info.stats;
			r = 0;
		}
	}
	mem_free(&g);
	return r;
}

static int sync_start(struct ipvs_backend *b,
		      const struct ipvs_sync_daemon *sd)
{
	struct ip_vs_daemon_user u;
	int r = ipvs_so_daemon(sd, &u);

	return r < 0 ? r : set(b, IP_VS_SO_SET_STARTDAEMON, &u, sizeof(u));
}

static int sync_stop(struct ipvs_backend *b, bool master)
{
	struct ip_vs_daemon_user u;

	memset(&u, 0, sizeof(u));
	u.state = master ? IP_VS_STATE_MASTER : IP_VS_STATE_BACKUP;
	if (setsockopt(fd_of(b), IPPROTO_IP, IP_VS_SO_SET_STOPDAEMON, &u,
		       sizeof(u)) < 0)
		return -errno;
	return 0;
}

static int set_timeouts(struct ipvs_backend *b, const struct ipvs_timeouts *t)
{
	struct ip_vs_timeout_user u = {
		.tcp_timeout = (int)t->tcp,
		.tcp_fin_timeout = (int)t->tcp_fin,
		.udp_timeout = (int)t->udp,
	};

	return set(b, IP_VS_SO_SET_TIMEOUT, &u, sizeof(u));
}

static void so_free(struct ipvs_backend *b)
{
	struct so *so = b->ctx;

	if (so->fd >= 0)
		close(so->fd);
	mem_free(&so);
	mem_free(&b);
}

static const struct ipvs_backend_ops sockopt_ops = {
	.name = "sockopt",
	.svc_add = svc_add,
	.svc_edit = svc_edit,
	.svc_del = svc_del,
	.dest_add = dest_add,
	.dest_edit = dest_edit,
	.dest_del = dest_del,
	.flush = flush,
	.get_stats = get_stats,
	.sync_start = sync_start,
	.sync_stop = sync_stop,
	.svc_list = svc_list,
	.dest_list = dest_list,
	.set_timeouts = set_timeouts,
	.free = so_free,
};

int ipvs_sockopt_new(struct ipvs_backend **out)
{
	struct ipvs_backend *b = mem_new(struct ipvs_backend);
	struct so *so = mem_new(struct so);
	struct ip_vs_getinfo info;
	int r;

	b->ops = &sockopt_ops;
	b->ctx = so;
	so->fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
	if (so->fd < 0) {
		r = -errno;
		so_free(b);
		return r;
	}
	/* Without IPVS the option is unknown to the kernel. */
	r = get(b, IP_VS_SO_GET_INFO, &info, sizeof(info));
	if (r < 0) {
		so_free(b);
		return r;
	}
	*out = b;
	return 0;
}
