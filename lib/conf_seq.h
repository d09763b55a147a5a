/*
 * conf_seq.h: sequence and list blocks at the start of a line.
 *
 *   ~SEQ(var, [start, [step,]] end)   ~SEQx(...) writes var in hex
 *   ~LST(var, v1, v2, ...)            ~LST({a, b}, {1, 2}, {3, 4})
 *
 * The rest of the line is processed once per value, with the variable(s)
 * defined as parameters. Numbers are read as in C (0x hex, 0 octal).
 */
#ifndef KA_CONF_SEQ_H
#define KA_CONF_SEQ_H

#include <stddef.h>

struct conf_seq;

/*
 * "text" starts at a line's first non-blank character. Returns 0 when it
 * is not a ~SEQ/~SEQx/~LST line; 1 when it is, with *out (the caller
 * frees it) and *rest (the text after the ')', blanks skipped); -EINVAL
 * when it is malformed, with *why saying how (a static string).
 */
int conf_seq_parse(const char *text, struct conf_seq **out,
		   const char **rest, const char **why);
void conf_seq_free(struct conf_seq **s);

/* Number of iterations (at least 1). */
size_t conf_seq_count(const struct conf_seq *s);
/* Number of variables set on each iteration. */
size_t conf_seq_vars(const struct conf_seq *s);
const char *conf_seq_var(const struct conf_seq *s, size_t var);
/* Value of variable "var" on iteration "row"; may use tmp (>= 32 bytes). */
const char *conf_seq_value(const struct conf_seq *s, size_t row,
			   size_t var, char *tmp, size_t tmp_size);

#endif
