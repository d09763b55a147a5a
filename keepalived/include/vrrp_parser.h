/*
 * vrrp_parser.h: the keywords of the VRRP subsystem: vrrp_instance blocks
 * (into struct vrrp_conf, see vrrp_data.h) and the top-level blocks not
 * supported yet (vrrp_sync_group, vrrp_script, ...).
 */
#ifndef KA_VRRP_PARSER_H
#define KA_VRRP_PARSER_H

#include "parser.h"

struct vrrp_conf;

/* Registers the VRRP keywords; instances are added to vc, which must
 * outlive the parse. Returns 0 or -ENOMEM. */
int vrrp_parser_register(struct cfg_parser *p, struct vrrp_conf *vc);

#endif
