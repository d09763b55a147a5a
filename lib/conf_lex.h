/*
 * conf_lex.h: splits one logical line into words and braces.
 *
 * Quotes (" or ') group text, whitespace included, and are removed;
 * escapes are resolved inside quotes only. Quoted and unquoted parts that
 * touch make one word. An unquoted '{' or '}' is a token of its own even
 * when it touches a word, so "virtual_ipaddress {10.0.0.1}" gives four
 * tokens. Comments have already been removed by the reader.
 */
#ifndef KA_CONF_LEX_H
#define KA_CONF_LEX_H

#include <stdbool.h>
#include <stddef.h>

enum conf_tok_kind {
	CONF_TOK_WORD,
	CONF_TOK_OPEN,
	CONF_TOK_CLOSE,
};

struct conf_tok {
	enum conf_tok_kind kind;
	bool quoted;
	char *text;		/* owned; "{" or "}" for braces */
};

struct conf_toks {
	struct conf_tok *v;
	size_t n;
	size_t cap;
};

enum conf_lex_flags {
	CONF_LEX_UNTERMINATED = 1 << 0,	/* a quote ran to the end */
	CONF_LEX_NUL_DROPPED = 1 << 1,	/* an escape made a NUL byte */
};

/*
 * Appends the tokens of "text" to "out". Returns a mask of
 * enum conf_lex_flags for the caller to report.
 */
unsigned conf_lex(const char *text, struct conf_toks *out);
/* Frees the tokens and the array. */
void conf_toks_clear(struct conf_toks *t);

/* One escape sequence starting after the backslash at "s"; stores the
 * byte in *c and returns the number of characters consumed (>= 1), or 0
 * when "s" is at the end of the string. Exposed for the tests. */
size_t conf_lex_escape(const char *s, int *c);

#endif
