/*
 * vrrp_parser.h: the top-level keywords of the VRRP subsystem.
 */
#ifndef KA_VRRP_PARSER_H
#define KA_VRRP_PARSER_H

#include "parser.h"

/* Registers vrrp_instance, vrrp_sync_group, vrrp_script, ... with root
 * as their parent object. Returns 0 or -ENOMEM. */
int vrrp_parser_register(struct cfg_parser *p, void *root);

#endif
