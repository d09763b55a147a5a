/*
 * global_parser.h: the keywords of the GLOBAL CONFIGURATION section of
 * keepalived.conf(5): the global_defs block and the top-level keywords
 * that apply to every process (net_namespace, instance, ...).
 */
#ifndef KA_GLOBAL_PARSER_H
#define KA_GLOBAL_PARSER_H

#include "global_data.h"
#include "parser.h"

/* Registers the top-level table; handlers write into gd, which must
 * outlive the parse. Returns 0 or -ENOMEM. */
int global_parser_register(struct cfg_parser *p, struct global_data *gd);

/* The global_defs keywords (ends with a NULL name), for tests and the
 * documentation cross-check. */
const struct cfg_keyword *global_parser_keywords(void);

#endif
