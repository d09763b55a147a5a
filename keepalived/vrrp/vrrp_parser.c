/*
 * vrrp_parser.c: the VRRP subsystem's top-level keywords.
 *
 * For now every block is known but flagged CFG_KW_UNSUPPORTED, so that
 * "keepalived -t" reports a VRRP configuration as not supported yet
 * instead of calling its keywords unknown. The VRRP work replaces these
 * entries with the real tables.
 */
#include "config.h"

#include "vrrp_parser.h"

static const struct cfg_keyword no_keywords[] = { { NULL, NULL, NULL, 0 } };

/* Never entered: the parser skips an unsupported keyword's block. */
static const struct cfg_block vrrp_unsupported = {
	.name = "vrrp",
	.keywords = no_keywords,
};

#define UNSUPPORTED(name) \
	{ name, NULL, &vrrp_unsupported, CFG_KW_UNSUPPORTED }

static const struct cfg_keyword vrrp_top_keywords[] = {
	UNSUPPORTED("vrrp_instance"),
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
