/*
 * kwlist: prints every keyword of the daemon's configuration parser, for
 * test/integration/test_keyword_docs.py.
 *
 *   kwlist
 *       One line per keyword, in the parser's order: its path (blocks
 *       joined by '.', e.g. "global_defs.router_id"), a tab, then its
 *       flags joined by ',' ("deprecated", "unsupported") or "-".
 *       Exit status 0, or 1 when the parser could not be built.
 */
#include "config.h"

#include <stdio.h>

#include "conf.h"
#include "parser.h"

static void print_keyword(const char *path, const struct cfg_keyword *kw,
			  void *ctx)
{
	const char *sep = "";

	(void)ctx;
	printf("%s\t", path);
	if (kw->flags & CFG_KW_DEPRECATED) {
		printf("deprecated");
		sep = ",";
	}
	if (kw->flags & CFG_KW_UNSUPPORTED)
		printf("%sunsupported", sep);
	if (!(kw->flags & (CFG_KW_DEPRECATED | CFG_KW_UNSUPPORTED)))
		printf("-");
	printf("\n");
}

int main(void)
{
	if (conf_each_keyword(print_keyword, NULL) < 0) {
		fprintf(stderr, "kwlist: out of memory\n");
		return 1;
	}
	return fflush(stdout) ? 1 : 0;
}
