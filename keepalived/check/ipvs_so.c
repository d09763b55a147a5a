/*
 * ipvs_so.c: our services and destinations in the setsockopt
 * interface's structures, and back (see ipvs_so.h).
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "ipvs_so.h"

int ipvs_so_service(const struct ipvs_service *s,
		    struct ip_vs_service_user *out)
{
	struct ip_vs_service_user u;

	memset(&u, 0, sizeof(u));
	if (s->family != AF_INET || s->pe_name[0])
		return -EAFNOSUPPORT;
	if (s->fwmark) {
		/* The kernel checks the protocol even of a fwmark service
		 * (EFAULT otherwise); it is not part of the key. */
		u.protocol = IPPROTO_TCP;
		u.fwmark = s->fwmark;
	} else {
		u.protocol = s->protocol;
		u.addr = s->addr.u.v4.s_addr;
		u.port = htons(s->port);
	}
	memcpy(u.sched_name, s->sched, sizeof(u.sched_name) - 1);
	u.flags = s->flags & ~(unsigned)IP_VS_SVC_F_HASHED;
	u.timeout = s->timeout_s;
	u.netmask = s->netmask ? s->netmask : 0xffffffff;
	*out = u;
	return 0;
}

int ipvs_so_dest(const struct ipvs_dest *d, struct ip_vs_dest_user *out)
{
	struct ip_vs_dest_user u;

	memset(&u, 0, sizeof(u));
	if ((d->addr.family && d->addr.family != AF_INET) ||
	    (d->fwd == IPVS_FWD_TUNNEL && d->tun_type != 0))
		return -EAFNOSUPPORT;
	u.addr = d->addr.u.v4.s_addr;
	u.port = htons(d->port);
	u.conn_flags = (unsigned)d->fwd & IP_VS_CONN_F_FWD_MASK;
	u.weight = d->weight;
	u.u_threshold = d->u_threshold;
	u.l_threshold = d->l_threshold;
	*out = u;
	return 0;
}

/* The old daemon structure carries state, interface and syncid only. */
int ipvs_so_daemon(const struct ipvs_sync_daemon *sd,
		   struct ip_vs_daemon_user *out)
{
	struct ip_vs_daemon_user u;

	memset(&u, 0, sizeof(u));
	if (sd->group.family || sd->port || sd->ttl || sd->maxlen)
		return -EAFNOSUPPORT;
	u.state = sd->master ? IP_VS_STATE_MASTER : IP_VS_STATE_BACKUP;
	memcpy(u.mcast_ifn, sd->ifname, sizeof(u.mcast_ifn) - 1);
	u.syncid = (int)sd->syncid;
	*out = u;
	return 0;
}

static void stats_from(const struct ip_vs_stats_user *u, struct ipvs_stats *s)
{
	s->conns = u->conns;
	s->inpkts = u->inpkts;
	s->outpkts = u->outpkts;
	s->inbytes = u->inbytes;
	s->outbytes = u->outbytes;
	s->cps = u->cps;
	s->inpps = u->inpps;
	s->outpps = u->outpps;
	s->inbps = u->inbps;
	s->outbps = u->outbps;
}

void ipvs_so_service_from(const struct ip_vs_service_entry *e,
			  struct ipvs_service *out, struct ipvs_stats *stats)
{
	memset(out, 0, sizeof(*out));
	out->family = AF_INET;
	out->fwmark = e->fwmark;
	if (!e->fwmark) {
		out->protocol = e->protocol;
		out->addr.family = AF_INET;
		out->addr.u.v4.s_addr = e->addr;
		out->port = ntohs(e->port);
	}
	memcpy(out->sched, e->sched_name, sizeof(out->sched) - 1);
	out->flags = e->flags & ~(unsigned)IP_VS_SVC_F_HASHED;
	out->timeout_s = e->timeout;
	out->netmask = e->netmask;
	if (stats)
		stats_from(&e->stats, stats);
}

void ipvs_so_dest_from(const struct ip_vs_dest_entry *e,
		       struct ipvs_dest *out, struct ipvs_dest_info *info)
{
	memset(out, 0, sizeof(*out));
	out->addr.family = AF_INET;
	out->addr.u.v4.s_addr = e->addr;
	out->port = ntohs(e->port);
	out->fwd = (enum ipvs_fwd)(e->conn_flags & IP_VS_CONN_F_FWD_MASK);
	out->weight = e->weight;
	out->u_threshold = e->u_threshold;
	out->l_threshold = e->l_threshold;
	if (!info)
		return;
	memset(info, 0, sizeof(*info));
	info->active_conns = e->activeconns;
	info->inact_conns = e->inactconns;
	info->persist_conns = e->persistconns;
	stats_from(&e->stats, &info->stats);
}
