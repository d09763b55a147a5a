/*
 * conf_cond.h: conditional configuration lines ("@id ..." and "@^id ...").
 */
#ifndef KA_CONF_COND_H
#define KA_CONF_COND_H

#include <stddef.h>

/*
 * "text" starts at the first non-blank character of a line. Without a
 * leading '@' returns "text" itself. With one, compares the word glued to
 * the '@' (or to "@^", which negates) with "config_id" and returns the rest
 * of the line, blanks skipped, when the line applies, or NULL when it is to
 * be ignored.
 */
const char *conf_cond_apply(const char *text, const char *config_id);

/*
 * The default config-id: the node name up to its first '.', written into
 * buf (always NUL-terminated, truncated to the buffer).
 */
void conf_cond_default_id(char *buf, size_t size);

#endif
