/*
 * check_parser.h: the top-level keywords of the checker (LVS) subsystem:
 * virtual_server_group, virtual_server, SSL and track_file.
 */
#ifndef KA_CHECK_PARSER_H
#define KA_CHECK_PARSER_H

#include "parser.h"

struct check_conf;
struct global_data;

/* What the blocks write into; must outlive the parse. gd's
 * virtual_servers count is kept up to date as blocks are read. */
struct check_parse_root {
	struct check_conf *conf;
	struct global_data *gd;
};

/* Returns 0 or -ENOMEM. */
int check_parser_register(struct cfg_parser *p, struct check_parse_root *r);

#endif
