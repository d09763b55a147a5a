/*
 * conf_include.h: what an include line names, and how strictly.
 *
 * The include_check level is a mask of checks; "include" adds none,
 * "includer" readable, "includem" match, "includew" wildcard_match,
 * "includeb" brace_match and "includea" all of them. match, wildcard_match
 * and brace_match imply readable.
 */
#ifndef KA_CONF_INCLUDE_H
#define KA_CONF_INCLUDE_H

#include <stddef.h>

struct cfg_parser;

enum conf_include_check {
	CONF_INC_READABLE = 1 << 0,	/* a match must be a readable file */
	CONF_INC_MATCH = 1 << 1,	/* a plain name must exist */
	CONF_INC_WILDCARD = 1 << 2,	/* a wildcard must match something */
	CONF_INC_BRACE = 1 << 3,	/* each brace alternative must match */
	CONF_INC_ALL = 0xf,
};

/*
 * The checks an include keyword adds, or -1 when "word" (of "len" bytes)
 * is not one of include, includer, includem, includew, includeb, includea.
 */
int conf_include_keyword(const char *word, size_t len);

/* Adds readable to a level that has any of the other checks. */
unsigned conf_include_effective(unsigned checks);

/*
 * The arguments of "include_check": none means all checks; a word with
 * '+' adds a check, with '-' removes it; a list that starts without a sign
 * replaces the level. Returns 0 and sets *out, or -EINVAL with *bad set to
 * the index of the unknown word.
 */
int conf_include_check_parse(char *const *words, size_t n, unsigned cur,
			     unsigned *out, size_t *bad);

/*
 * Expands "pattern" (brace alternatives, then glob wildcards), relative to
 * "dir" when it is not absolute, into the list *paths of *n names (the
 * caller frees each and the array), in order. Reports what the checks ask
 * for at file:line. Directories are reported and left out.
 */
void conf_include_expand(struct cfg_parser *p, const char *dir,
			 const char *pattern, unsigned checks,
			 const char *file, unsigned line,
			 char ***paths, size_t *n);

/*
 * The brace alternatives of "pattern" ("a{b,c}d" gives "abd", "acd"),
 * at most "max"; returns how many were stored in *alts (caller frees),
 * or -E2BIG when there would be more. Exposed for the tests.
 */
int conf_include_braces(const char *pattern, size_t max, char ***alts);

#endif
