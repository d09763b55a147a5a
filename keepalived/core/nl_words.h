/*
 * nl_words.h: a cursor over the words of one "ip"-style line, shared by
 * the address, route and rule parsers. Pure. Every reader either returns
 * 0 (or a word) or writes a message naming the option and the bad value
 * into the caller's buffer and returns -EINVAL (or NULL).
 */
#ifndef KA_NL_WORDS_H
#define KA_NL_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

struct nl_words {
	const char *const *w;
	size_t n;
	size_t i;		/* the next word to read */
	char *err;		/* the message of the first failure */
	size_t errlen;
};

void nl_words_init(struct nl_words *c, const char *const *w, size_t n,
		   char *err, size_t errlen);
/* The next word, or NULL at the end. */
const char *nl_words_next(struct nl_words *c);
bool nl_words_more(const struct nl_words *c);
/* The value after option "kw"; NULL (with a message) when missing. */
const char *nl_words_value(struct nl_words *c, const char *kw);

/* Writes the message and returns -EINVAL. */
int nl_words_fail(struct nl_words *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The value of "kw" as a number (decimal, or hex with 0x) in [min, max]. */
int nl_words_uint(struct nl_words *c, const char *kw, unsigned long min,
		  unsigned long max, unsigned long *out);
/* The value of "kw" as an address of "family" (0: any). */
int nl_words_addr(struct nl_words *c, const char *kw, int family,
		  struct ka_addr *out);
/* The value of "kw" as a name no longer than max - 1 bytes. */
int nl_words_name(struct nl_words *c, const char *kw, size_t max,
		  const char **out);

/*
 * A prefix as "ip" takes it: "a.b.c.d[/n]", "x::y[/n]", or "default",
 * "all" and "any" for the whole address space of "family" (AF_INET when
 * 0). Host bits are not allowed past the length ("10.0.0.1/8").
 */
int nl_prefix_parse(const char *s, int family, struct ka_prefix *out);

/* "host", "link", "site", "global", "nowhere", or 0..255. */
int nl_scope_parse(const char *s, unsigned char *out);

/* "A" or "A/B" of numbers: fwmark/mask, realms. *mask is untouched when
 * there is no "/B". */
int nl_value_mask_parse(const char *s, uint32_t max, uint32_t *value,
			uint32_t *mask, bool *has_mask);

/* Appends to a line being printed; *len may pass size (truncation). */
void nl_put(char *buf, size_t size, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
