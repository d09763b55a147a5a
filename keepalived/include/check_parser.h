/*
 * check_parser.h: the top-level keywords of the checker (LVS) subsystem.
 */
#ifndef KA_CHECK_PARSER_H
#define KA_CHECK_PARSER_H

#include "parser.h"

/* Registers virtual_server, virtual_server_group and SSL with root as
 * their parent object. Returns 0 or -ENOMEM. */
int check_parser_register(struct cfg_parser *p, void *root);

#endif
