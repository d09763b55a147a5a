/*
 * static_parser.h: the static_ipaddress, static_routes and static_rules
 * blocks of keepalived.conf(5), one address, route or rule per line.
 */
#ifndef KA_STATIC_PARSER_H
#define KA_STATIC_PARSER_H

#include "parser.h"
#include "static_data.h"

/* Registers the static_* blocks and track_group; lines go into sd, which
 * must outlive the parse. Returns 0 or -ENOMEM. */
int static_parser_register(struct cfg_parser *p, struct static_data *sd);

#endif
