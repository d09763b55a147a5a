/*
 * ipvs_table.h: an IPVS table of services and destinations in memory,
 * with the kernel's add/edit/delete answers, and its printout in the
 * layout of "ipvsadm -Ln". Pure: the recording backend (ipvs_record.c)
 * keeps one and writes it to a file; tests use it alone.
 *
 * Answers, as the kernel gives them through the backend interface
 * (ipvs_backend.h): -EEXIST for an add of something present, -ENOENT for
 * an edit or delete of something absent (and for a destination of a
 * service that is absent, or an unknown scheduler or persistence
 * engine), -ERANGE for a negative weight or a lower threshold above the
 * upper one, -EINVAL for a family or protocol the kernel refuses.
 */
#ifndef KA_IPVS_TABLE_H
#define KA_IPVS_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "ipvs_backend.h"

struct ipvs_table;

/* Never NULL (allocation failure exits). */
struct ipvs_table *ipvs_table_new(void);
/* Frees the table and everything in it; sets *t to NULL; accepts NULL. */
void ipvs_table_free(struct ipvs_table **t);

/* A service is found by its key (ipvs_backend.h): (family, fwmark) when
 * fwmark != 0, else (family, protocol, addr, port). An edit replaces the
 * scheduler, flags, timeout, netmask and persistence engine. A delete
 * takes the service's destinations with it. A netmask of 0 or 0xffffffff
 * is stored as the family's default (0xffffffff, or 128 for IPv6); the
 * timeout of a service that is not persistent as 0. */
int ipvs_table_svc_add(struct ipvs_table *t, const struct ipvs_service *s);
int ipvs_table_svc_edit(struct ipvs_table *t, const struct ipvs_service *s);
int ipvs_table_svc_del(struct ipvs_table *t, const struct ipvs_service *s);

/* A destination is found by (addr, port) in its service. */
int ipvs_table_dest_add(struct ipvs_table *t, const struct ipvs_service *s,
			const struct ipvs_dest *d);
int ipvs_table_dest_edit(struct ipvs_table *t, const struct ipvs_service *s,
			 const struct ipvs_dest *d);
int ipvs_table_dest_del(struct ipvs_table *t, const struct ipvs_service *s,
			const struct ipvs_dest *d);

/* Removes every service. */
void ipvs_table_flush(struct ipvs_table *t);

size_t ipvs_table_svc_count(const struct ipvs_table *t);
/* The stored copy, or NULL; valid until the next change. */
const struct ipvs_service *ipvs_table_svc_find(const struct ipvs_table *t,
					       const struct ipvs_service *key);
const struct ipvs_dest *ipvs_table_dest_find(const struct ipvs_table *t,
					     const struct ipvs_service *s,
					     const struct ipvs_dest *key);
/* Destinations of a service; 0 if it is absent. */
size_t ipvs_table_dest_count(const struct ipvs_table *t,
			     const struct ipvs_service *s);

/* Copies of the services, in the printout's order, and of one service's
 * destinations (-ENOENT if it is absent): *out an array the caller frees
 * with mem_free(), *n its length. */
int ipvs_table_svc_list(const struct ipvs_table *t, struct ipvs_service **out,
			size_t *n);
int ipvs_table_dest_list(const struct ipvs_table *t,
			 const struct ipvs_service *s, struct ipvs_dest **out,
			 size_t *n);

/*
 * Writes the table as "ipvsadm -Ln" shows it: the three header lines,
 * then the services in ipvsadm's order (address services before fwmark
 * ones; then by family, protocol, address and port, or by mark), each
 * followed by its destinations ordered by address and port, with zero
 * connection counters. Returns 0 or -EIO.
 */
int ipvs_table_format(const struct ipvs_table *t, FILE *out);

/* "Masq", "Local", "Tunnel", "Route", as in the Forward column. */
const char *ipvs_fwd_name(enum ipvs_fwd fwd);

#endif
