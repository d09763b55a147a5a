/*
 * test_parser_tree.h: a small keyword tree for the parser tests whose
 * handlers record what they were given, and a recorder of diagnostics.
 *
 * The tree:
 *   global_defs { router_id, deprecated_kw (deprecated), unsupported_kw
 *     (unsupported, may have a block), notification_email { values },
 *     level1 { leaf, level2 { leaf } }, optional [{ leaf }] }
 *   vrrp_instance NAME { priority (uint 1..255), advert_int (timer),
 *     nopreempt (bool), weight (int -254..254), script (rest),
 *     name (string), args (1..2 words), virtual_ipaddress { values },
 *     track { ... } (open() refuses it) }
 *   plain_top WORDS
 *   virtual_server ... (registered with CFG_REG_IGNORE)
 *
 * Log lines: "<object>: word|word|<quoted word>" for keywords,
 * "open NAME" / "close NAME" for vrrp_instance.
 * Diagnostic lines: "<N|W|E|F|S> file:line: message".
 */
#ifndef TEST_PARSER_TREE_H
#define TEST_PARSER_TREE_H

#include <stdbool.h>

#include "parser.h"

/* A new parser with the tree registered; NULL config_id: the default. */
void tp_setup(const char *config_id, bool all_config);
void tp_teardown(void);
struct cfg_parser *tp_parser(void);

/* Parse text as "test.conf", or a file; clears the logs first. */
int tp_parse(const char *text);
int tp_parse_file(const char *path);

const char *tp_log(void);
const char *tp_diags(void);
/* Just the keyword lines of the log that start with "prefix". */
const char *tp_log_lines(const char *prefix);

#endif
