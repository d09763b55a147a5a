/*
 * conf_lex.c: words, quotes, escapes and braces of one logical line.
 */
#include <ctype.h>
#include <string.h>

#include "conf_buf.h"
#include "conf_lex.h"
#include "memory.h"

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	return (tolower((unsigned char)c) - 'a') + 10;
}

static size_t escape_octal(const char *s, int *c)
{
	size_t i = 0;
	int v = 0;

	while (i < 3 && s[i] >= '0' && s[i] <= '7')
		v = v * 8 + (s[i++] - '0');
	*c = v & 0xff;
	return i;
}

/* "\xXX": any number of hex digits, as the man page says; the byte is
 * the low eight bits. Without a digit, "\x" is just an 'x'. */
static size_t escape_hex(const char *s, int *c)
{
	size_t i = 1;
	unsigned v = 0;

	while (isxdigit((unsigned char)s[i]))
		v = (v << 4 | (unsigned)hex_value(s[i++])) & 0xfff;
	*c = i > 1 ? (int)(v & 0xff) : 'x';
	return i;
}

size_t conf_lex_escape(const char *s, int *c)
{
	static const char from[] = "abEfnrtv";
	static const char to[] = "\a\b\033\f\n\r\t\v";
	const char *hit;

	if (!*s)
		return 0;
	if (*s >= '0' && *s <= '7')
		return escape_octal(s, c);
	if (*s == 'x')
		return escape_hex(s, c);
	if (*s == 'c' && s[1]) {
		/* As in bash: \c? is DEL, otherwise the low five bits. */
		*c = s[1] == '?' ? 0x7f : (toupper((unsigned char)s[1]) & 0x1f);
		return 2;
	}
	hit = strchr(from, *s);
	*c = hit ? to[hit - from] : (unsigned char)*s;
	return 1;
}

static void push(struct conf_toks *t, enum conf_tok_kind kind, char *text,
		 bool quoted)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = mem_reallocarray(t->v, t->cap, sizeof(*t->v));
	}
	t->v[t->n].kind = kind;
	t->v[t->n].text = text;
	t->v[t->n].quoted = quoted;
	t->n++;
}

/* Reads a quoted part starting at the opening quote *s into w; returns
 * the position after the closing quote. */
static const char *lex_quoted(const char *s, struct conf_buf *w,
			      unsigned *flags)
{
	char q = *s++;
	size_t used;
	int c;

	while (*s && *s != q) {
		if (*s != '\\') {
			conf_buf_addc(w, *s++);
			continue;
		}
		used = conf_lex_escape(s + 1, &c);
		if (!used) {
			conf_buf_addc(w, '\\');
			s++;
			continue;
		}
		if (c)
			conf_buf_addc(w, (char)c);
		else
			*flags |= CONF_LEX_NUL_DROPPED;
		s += 1 + used;
	}
	if (*s)
		return s + 1;
	*flags |= CONF_LEX_UNTERMINATED;
	return s;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\v' || c == '\f';
}

/* One word (which may be made of quoted and unquoted parts). */
static const char *lex_word(const char *s, struct conf_toks *out,
			    unsigned *flags)
{
	struct conf_buf w = { 0 };
	bool quoted = false;

	while (*s && !is_space(*s) && *s != '{' && *s != '}') {
		if (*s == '"' || *s == '\'') {
			quoted = true;
			s = lex_quoted(s, &w, flags);
		} else {
			conf_buf_addc(&w, *s++);
		}
	}
	if (!w.s)
		w.s = mem_strdup("");
	push(out, CONF_TOK_WORD, w.s, quoted);
	return s;
}

unsigned conf_lex(const char *text, struct conf_toks *out)
{
	const char *s = text;
	unsigned flags = 0;

	while (*s) {
		if (is_space(*s)) {
			s++;
		} else if (*s == '{' || *s == '}') {
			push(out, *s == '{' ? CONF_TOK_OPEN : CONF_TOK_CLOSE,
			     mem_strndup(s, 1), false);
			s++;
		} else {
			s = lex_word(s, out, &flags);
		}
	}
	return flags;
}

void conf_toks_clear(struct conf_toks *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		mem_free(&t->v[i].text);
	mem_free(&t->v);
	t->n = 0;
	t->cap = 0;
}
