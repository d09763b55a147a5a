/*
 * check_parser.c: the checker subsystem's top-level keywords.
 *
 * For now every block is known but flagged CFG_KW_UNSUPPORTED, so that
 * "keepalived -t" reports an LVS configuration as not supported yet
 * instead of calling its keywords unknown. The checker work replaces
 * these entries with the real tables.
 */
#include "config.h"

#include "check_parser.h"

static const struct cfg_keyword no_keywords[] = { { NULL, NULL, NULL, 0 } };

/* Never entered: the parser skips an unsupported keyword's block. */
static const struct cfg_block check_unsupported = {
	.name = "check",
	.keywords = no_keywords,
};

#define UNSUPPORTED(name) \
	{ name, NULL, &check_unsupported, CFG_KW_UNSUPPORTED }

static const struct cfg_keyword check_top_keywords[] = {
	UNSUPPORTED("virtual_server"),
	UNSUPPORTED("virtual_server_group"),
	UNSUPPORTED("SSL"),
	/* Shared with VRRP; whichever registers first handles it. */
	UNSUPPORTED("track_file"),
	{ NULL, NULL, NULL, 0 }
};

int check_parser_register(struct cfg_parser *p, void *root)
{
	return cfg_parser_register(p, check_top_keywords, root, 0);
}
