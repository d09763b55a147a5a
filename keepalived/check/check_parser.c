/*
 * check_parser.c: the checker subsystem's top-level keywords.
 *
 * For now every block is known but flagged CFG_KW_UNSUPPORTED, so that
 * "keepalived -t" reports an LVS configuration as not supported yet
 * instead of calling its keywords unknown. The checker work replaces
 * these entries with the real tables.
 *
 * virtual_server is counted in the global data even so: the parent starts
 * the checker child only when the configuration has a virtual server. It
 * warns as an unsupported keyword does, from its block's open callback.
 */
#include "config.h"

#include "check_parser.h"
#include "global_data.h"

static const struct cfg_keyword no_keywords[] = { { NULL, NULL, NULL, 0 } };

/* Never entered: the parser skips an unsupported keyword's block. */
static const struct cfg_block check_unsupported = {
	.name = "check",
	.keywords = no_keywords,
};

#define UNSUPPORTED(name) \
	{ name, NULL, &check_unsupported, CFG_KW_UNSUPPORTED }

static void warn_unsupported(struct cfg_parser *p, const struct cfg_words *w)
{
	cfg_report(p, CFG_WARNING, "Keyword '%s' is not supported yet - "
		   "ignoring", w->words[0]);
}

/* Counts the virtual server and skips its block (by returning NULL). */
static void *vs_open(struct cfg_parser *p, const struct cfg_words *w,
		     void *root)
{
	struct global_data *gd = root;

	warn_unsupported(p, w);
	gd->virtual_servers++;
	return NULL;
}

/* "virtual_server IP PORT" without a block: warned, not counted. */
static int vs_no_block(struct cfg_parser *p, const struct cfg_words *w,
		       void *root)
{
	(void)root;
	warn_unsupported(p, w);
	return 0;
}

static const struct cfg_block virtual_server_counted = {
	.name = "virtual_server",
	.keywords = no_keywords,
	.open = vs_open,
};

static const struct cfg_keyword check_top_keywords[] = {
	{ "virtual_server", vs_no_block, &virtual_server_counted,
	  CFG_KW_BLOCK_OPTIONAL },
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
