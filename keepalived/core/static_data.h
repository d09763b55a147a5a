/*
 * static_data.h: the static_ipaddress, static_routes and static_rules
 * blocks of keepalived.conf(5): addresses, routes and rules that the
 * daemon sets up at start and that stay on the machine whatever VRRP does.
 */
#ifndef KA_STATIC_DATA_H
#define KA_STATIC_DATA_H

#include <stddef.h>
#include <stdio.h>

#include "list.h"
#include "nl_names.h"

struct static_data {
	struct list_node addrs;		/* struct ipaddr, in file order */
	struct list_node routes;	/* struct route */
	struct list_node rules;		/* struct rule */
	struct nl_names *names;		/* iproute2's names; NULL until the
					 * parser first needs them */
};

/* Never NULL; static_data_free() frees it and everything on it. */
struct static_data *static_data_new(void);
void static_data_free(struct static_data **sd);

/* iproute2's names, loaded from the system on first use. */
const struct nl_names *static_data_names(struct static_data *sd);

/* Writes the three blocks as configuration (parses again). */
void static_data_dump(const struct static_data *sd, FILE *f);

#endif
