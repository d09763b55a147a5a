/*
 * vrrp_parser.c: the VRRP subsystem's top-level keywords.
 *
 * For now every block is known but flagged CFG_KW_UNSUPPORTED, so that
 * "keepalived -t" reports a VRRP configuration as not supported yet
 * instead of calling its keywords unknown. The VRRP work replaces these
 * entries with the real tables.
 *
 * vrrp_instance is counted in the global data even so: the parent starts
 * the VRRP child only when the configuration has an instance. It warns
 * as an unsupported keyword does, from its block's open callback.
 */
#include "config.h"

#include "global_data.h"
#include "vrrp_parser.h"

static const struct cfg_keyword no_keywords[] = { { NULL, NULL, NULL, 0 } };

/* Never entered: the parser skips an unsupported keyword's block. */
static const struct cfg_block vrrp_unsupported = {
	.name = "vrrp",
	.keywords = no_keywords,
};

#define UNSUPPORTED(name) \
	{ name, NULL, &vrrp_unsupported, CFG_KW_UNSUPPORTED }

static void warn_unsupported(struct cfg_parser *p, const struct cfg_words *w)
{
	cfg_report(p, CFG_WARNING, "Keyword '%s' is not supported yet - "
		   "ignoring", w->words[0]);
}

/* Counts the instance and skips its block (by returning NULL). */
static void *instance_open(struct cfg_parser *p, const struct cfg_words *w,
			   void *root)
{
	struct global_data *gd = root;

	warn_unsupported(p, w);
	gd->vrrp_instances++;
	return NULL;
}

/* "vrrp_instance NAME" without a block: warned, not counted. */
static int instance_no_block(struct cfg_parser *p, const struct cfg_words *w,
			     void *root)
{
	(void)root;
	warn_unsupported(p, w);
	return 0;
}

static const struct cfg_block vrrp_instance_counted = {
	.name = "vrrp_instance",
	.keywords = no_keywords,
	.open = instance_open,
};

static const struct cfg_keyword vrrp_top_keywords[] = {
	{ "vrrp_instance", instance_no_block, &vrrp_instance_counted,
	  CFG_KW_BLOCK_OPTIONAL },
	UNSUPPORTED("vrrp_sync_group"),
	UNSUPPORTED("vrrp_script"),
	UNSUPPORTED("track_file"),
	UNSUPPORTED("vrrp_track_file"),
	UNSUPPORTED("vrrp_track_process"),
	UNSUPPORTED("garp_group"),
	UNSUPPORTED("interface_up_down_delays"),
	{ NULL, NULL, NULL, 0 }
};

int vrrp_parser_register(struct cfg_parser *p, void *root)
{
	return cfg_parser_register(p, vrrp_top_keywords, root, 0);
}
