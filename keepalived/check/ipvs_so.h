/*
 * ipvs_so.h: the structures of IPVS's setsockopt interface
 * (linux/ip_vs.h) from ours and back. Pure, so that the byte orders and
 * field meanings are unit-tested; ipvs_sockopt.c makes the calls.
 */
#ifndef KA_IPVS_SO_H
#define KA_IPVS_SO_H

#include <linux/ip_vs.h>

#include "ipvs_backend.h"

/* The argument of IP_VS_SO_SET_ADDDEST/EDITDEST/DELDEST: a service
 * followed by a destination, as the kernel reads it. */
struct ipvs_so_svcdest {
	struct ip_vs_service_user svc;
	struct ip_vs_dest_user dest;
};

/* 0, or -EAFNOSUPPORT for what the interface cannot say (an IPv6
 * address, a persistence engine, a tunnel type other than IPIP). */
int ipvs_so_service(const struct ipvs_service *s,
		    struct ip_vs_service_user *out);
int ipvs_so_dest(const struct ipvs_dest *d, struct ip_vs_dest_user *out);
int ipvs_so_daemon(const struct ipvs_sync_daemon *sd,
		   struct ip_vs_daemon_user *out);

/* From the IP_VS_SO_GET_SERVICES / GET_DESTS tables. */
void ipvs_so_service_from(const struct ip_vs_service_entry *e,
			  struct ipvs_service *out, struct ipvs_stats *stats);
void ipvs_so_dest_from(const struct ip_vs_dest_entry *e,
		       struct ipvs_dest *out, struct ipvs_dest_info *info);

#endif
