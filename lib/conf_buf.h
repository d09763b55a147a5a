/*
 * conf_buf.h: a growable string for the configuration parser. The text is
 * always NUL-terminated; the parser's inputs have no hard size limit, so
 * every stage builds its output in one of these rather than in a fixed
 * array.
 */
#ifndef KA_CONF_BUF_H
#define KA_CONF_BUF_H

#include <stddef.h>

struct conf_buf {
	char *s;	/* NULL until the first append */
	size_t len;
	size_t cap;
};

void conf_buf_add(struct conf_buf *b, const char *s, size_t n);
void conf_buf_addc(struct conf_buf *b, char c);
void conf_buf_adds(struct conf_buf *b, const char *s);
/* Empties the buffer but keeps its memory for reuse. */
void conf_buf_reset(struct conf_buf *b);
/* The text so far: "" when nothing was added. */
const char *conf_buf_str(const struct conf_buf *b);
/* Frees the memory. */
void conf_buf_clear(struct conf_buf *b);

#endif
