/*
 * conf_buf.c: a growable NUL-terminated string.
 */
#include <string.h>

#include "conf_buf.h"
#include "memory.h"

static void reserve(struct conf_buf *b, size_t extra)
{
	size_t want = b->len + extra + 1;

	if (want <= b->cap)
		return;
	if (b->cap < 64)
		b->cap = 64;
	while (b->cap < want)
		b->cap *= 2;
	b->s = mem_realloc(b->s, b->cap);
}

void conf_buf_add(struct conf_buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void conf_buf_addc(struct conf_buf *b, char c)
{
	conf_buf_add(b, &c, 1);
}

void conf_buf_adds(struct conf_buf *b, const char *s)
{
	conf_buf_add(b, s, strlen(s));
}

void conf_buf_reset(struct conf_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

const char *conf_buf_str(const struct conf_buf *b)
{
	return b->s ? b->s : "";
}

void conf_buf_clear(struct conf_buf *b)
{
	mem_free(&b->s);
	b->len = 0;
	b->cap = 0;
}
