/*
 * static_data.h: the static_ipaddress, static_routes and static_rules
 * blocks of keepalived.conf(5): addresses, routes and rules that the
 * daemon sets up at start and that stay on the machine whatever VRRP does.
 */
#ifndef KA_STATIC_DATA_H
#define KA_STATIC_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "list.h"
#include "nl_names.h"

/* A track_group block: the VRRP instances that follow the static
 * entries naming it (keepalived.conf(5), "Static track groups"). */
struct static_track_group {
	struct list_node node;		/* on static_data.track_groups */
	char *name;
	char **members;			/* instance names, as written */
	size_t nmembers;
};

struct static_data {
	struct list_node addrs;		/* struct ipaddr, in file order */
	struct list_node routes;	/* struct route */
	struct list_node rules;		/* struct rule */
	struct list_node track_groups;	/* struct static_track_group */
	struct nl_names *names;		/* iproute2's names; NULL until the
					 * parser first needs them */
};

/* Never NULL; static_data_free() frees it and everything on it. */
struct static_data *static_data_new(void);
void static_data_free(struct static_data **sd);

/* iproute2's names, loaded from the system on first use. */
const struct nl_names *static_data_names(struct static_data *sd);

/* True if none of the three blocks has an entry. */
bool static_data_empty(const struct static_data *sd);

/*
 * For a reload: moves out of "old" every entry that "new" does not have,
 * into a new static_data that the caller removes from the system and
 * frees. Entries are the same when they print the same, which is what
 * the configuration said of them.
 */
struct static_data *static_data_take_stale(struct static_data *old,
					   struct static_data *new);

/* Writes the blocks as configuration (parses again). */
void static_data_dump(const struct static_data *sd, FILE *f);

/* The track_group of that name, or NULL. */
const struct static_track_group *
static_data_find_group(const struct static_data *sd, const char *name);
/* Whether the group "name" (NULL: none) lists instance "inst". */
bool static_data_group_has(const struct static_data *sd, const char *name,
			   const char *inst);

#endif
