/*
 * conf_expand.c: the order in which a logical line is processed.
 *
 *   1. "@id" / "@^id": the line may be dropped;
 *   2. "$NAME=VALUE": a definition, nothing more to do;
 *   3. "~SEQ(...)" / "~LST(...)": the rest of the line is processed from
 *      step 1 once per value (it may hold another ~SEQ or a definition);
 *   4. parameter substitution; a multi-line value splits the result into
 *      lines that are each processed from step 1, so definitions inside it
 *      take effect in order; otherwise a '@' produced by substitution is
 *      applied again;
 *   5. the words go to the keyword dispatcher.
 *
 * Every path back to step 1 goes one level deeper, and depth and the total
 * number of lines made are bounded, so no input can loop.
 */
#include <string.h>

#include "conf_cond.h"
#include "conf_limits.h"
#include "conf_parser.h"
#include "conf_reader.h"
#include "conf_seq.h"
#include "conf_subst.h"
#include "memory.h"

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

static void run_seq(struct cfg_parser *p, const struct conf_seq *q,
		    const char *rest, const char *file, unsigned line,
		    unsigned depth)
{
	size_t row, var;
	char tmp[32];
	const char *name, *value;

	for (row = 0; row < conf_seq_count(q) && !p->budget_reported; row++) {
		for (var = 0; var < conf_seq_vars(q); var++) {
			name = conf_seq_var(q, var);
			value = conf_seq_value(q, row, var, tmp, sizeof(tmp));
			conf_defs_set(p->defs, name, strlen(name), value);
		}
		conf_expand_line(p, rest, file, line, depth + 1);
	}
}

static void split_lines(struct cfg_parser *p, char *text, const char *file,
			unsigned line, unsigned depth)
{
	char *nl;

	while (text && !p->budget_reported) {
		nl = strchr(text, '\n');
		if (nl)
			*nl = '\0';
		conf_expand_line(p, text, file, line, depth + 1);
		text = nl ? nl + 1 : NULL;
	}
}

static void substitute(struct cfg_parser *p, const char *text,
		       const char *file, unsigned line, unsigned depth)
{
	struct conf_subst_env env = {
		.defs = p->defs,
		.pwd = conf_reader_pwd(p->reader),
		.instance = p->config_id,
		.rng = &p->rng,
		.p = p,
		.file = file,
		.line = line,
	};
	struct conf_buf out = { 0 };
	const char *t;
	int rc = conf_subst(&env, text, &out);

	if (rc == CONF_SUBST_MULTI) {
		split_lines(p, out.s, file, line, depth);
	} else if (rc == CONF_SUBST_CHANGED) {
		t = conf_cond_apply(skip_blanks(out.s), p->config_id);
		if (t && *t)
			conf_dispatch_line(p, t, file, line);
	} else if (rc == CONF_SUBST_SAME) {
		conf_dispatch_line(p, text, file, line);
	}
	conf_buf_clear(&out);
}

/* Lines read from the input are never refused; lines made by expansion
 * count against a budget for the whole parse. */
static bool within_budget(struct cfg_parser *p, const char *file,
			  unsigned line, unsigned depth)
{
	if (!depth) {
		p->depth_reported = false;
		return true;
	}
	if (p->budget_reported)
		return false;
	if (depth > CONF_EXPAND_DEPTH_MAX) {
		if (!p->depth_reported)
			cfg_report_at(p, CFG_ERROR, file, line,
				      "Parameters or ~SEQ/~LST nested more "
				      "than %d deep - ignoring",
				      CONF_EXPAND_DEPTH_MAX);
		p->depth_reported = true;
		return false;
	}
	if (++p->expanded_lines > p->expand_max) {
		cfg_report_at(p, CFG_ERROR, file, line,
			      "More than %lu lines made by expansion - "
			      "ignoring the rest", p->expand_max);
		p->budget_reported = true;
		return false;
	}
	return true;
}

void conf_expand_line(struct cfg_parser *p, const char *text,
		      const char *file, unsigned line, unsigned depth)
{
	struct conf_seq *q;
	const char *name, *value, *rest, *why;
	size_t len;
	int rc;

	if (!within_budget(p, file, line, depth))
		return;
	text = conf_cond_apply(skip_blanks(text), p->config_id);
	if (!text || !*text)
		return;
	if (conf_subst_parse_def(text, &name, &len, &value)) {
		conf_defs_set(p->defs, name, len, value);
		return;
	}
	rc = conf_seq_parse(text, &q, &rest, &why);
	if (rc < 0) {
		cfg_report_at(p, CFG_ERROR, file, line,
			      "Invalid ~SEQ/~LST specification '%s': %s",
			      text, why);
	} else if (rc > 0) {
		run_seq(p, q, rest, file, line, depth);
		conf_seq_free(&q);
	} else {
		substitute(p, text, file, line, depth);
	}
}
