/*
 * conf_subst.h: $PARAMETER definitions and their substitution.
 *
 * "$NAME=VALUE" defines (or redefines) a parameter; a multi-line value has
 * its lines separated by '\n'. "$NAME" followed by a blank or the end of
 * the line, and "${NAME}" anywhere, are replaced by the value; the result
 * is scanned again, so a value may refer to parameters defined later (the
 * substitution happens when the parameter is used, not when it is
 * defined). Undefined parameters are left as they are.
 */
#ifndef KA_CONF_SUBST_H
#define KA_CONF_SUBST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf_buf.h"

struct cfg_parser;
struct conf_defs;

struct conf_defs *conf_defs_new(void);
void conf_defs_free(struct conf_defs **d);
/* Forgets every definition (a new parse starts empty). */
void conf_defs_clear(struct conf_defs *d);
/* Copies name (name_len bytes) and value. */
void conf_defs_set(struct conf_defs *d, const char *name, size_t name_len,
		   const char *value);
/* The value, or NULL when the name is not defined. */
const char *conf_defs_get(const struct conf_defs *d, const char *name,
			  size_t name_len);

/*
 * "text" starts at a line's first non-blank character. When it is a
 * definition ("$NAME=..."), sets *name, *name_len and *value (the text
 * after '=', leading blanks and newlines skipped) and returns true.
 */
bool conf_subst_parse_def(const char *text, const char **name,
			  size_t *name_len, const char **value);

/* What substitution needs besides the definitions. */
struct conf_subst_env {
	const struct conf_defs *defs;
	const char *pwd;	/* ${_PWD} */
	const char *instance;	/* ${_INSTANCE} */
	uint64_t *rng;		/* state for ${_RANDOM}, never 0 */
	struct cfg_parser *p;	/* for diagnostics */
	const char *file;
	unsigned line;
};

enum conf_subst_result {
	CONF_SUBST_SAME = 0,		/* nothing replaced */
	CONF_SUBST_CHANGED = 1,		/* one line still */
	CONF_SUBST_MULTI = 2,		/* a multi-line value was inserted;
					 * scanning stopped after it, and the
					 * caller processes each line */
};

/*
 * Writes "in" with parameters replaced into "out" (reset first). Returns
 * an enum conf_subst_result, or -ELOOP (too many replacements: a
 * parameter that refers to itself) or -E2BIG (the line grew too long),
 * both reported as CFG_ERROR.
 */
int conf_subst(const struct conf_subst_env *env, const char *in,
	       struct conf_buf *out);

/* Next value of the ${_RANDOM} generator (xorshift64*). */
uint64_t conf_subst_random(uint64_t *state);

#endif
