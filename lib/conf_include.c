/*
 * conf_include.c: include patterns and the include_check level.
 *
 * Braces are expanded here rather than by glob(GLOB_BRACE) so that each
 * alternative can be checked on its own ("brace_match"); the result and
 * its order are the same as glob's.
 */
#include <errno.h>
#include <glob.h>
#include <stdbool.h>
#include <string.h>

#include "conf_buf.h"
#include "conf_include.h"
#include "conf_limits.h"
#include "memory.h"
#include "parser.h"

int conf_include_keyword(const char *word, size_t len)
{
	static const struct {
		const char *name;
		int checks;
	} kw[] = {
		{ "include", 0 },
		{ "includer", CONF_INC_READABLE },
		{ "includem", CONF_INC_MATCH },
		{ "includew", CONF_INC_WILDCARD },
		{ "includeb", CONF_INC_BRACE },
		{ "includea", CONF_INC_ALL },
	};
	size_t i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (strlen(kw[i].name) == len && !strncmp(word, kw[i].name, len))
			return kw[i].checks;
	return -1;
}

unsigned conf_include_effective(unsigned checks)
{
	if (checks & (CONF_INC_MATCH | CONF_INC_WILDCARD | CONF_INC_BRACE))
		checks |= CONF_INC_READABLE;
	return checks;
}

static int check_bit(const char *name)
{
	if (!strcmp(name, "readable"))
		return CONF_INC_READABLE;
	if (!strcmp(name, "match"))
		return CONF_INC_MATCH;
	if (!strcmp(name, "wildcard_match"))
		return CONF_INC_WILDCARD;
	if (!strcmp(name, "brace_match"))
		return CONF_INC_BRACE;
	return -1;
}

int conf_include_check_parse(char *const *words, size_t n, unsigned cur,
			     unsigned *out, size_t *bad)
{
	unsigned level;
	size_t i;
	int bit;

	if (!n) {
		*out = CONF_INC_ALL;
		return 0;
	}
	level = (*words[0] == '+' || *words[0] == '-') ? cur : 0;
	for (i = 0; i < n; i++) {
		const char *w = words[i];
		bool minus = *w == '-';

		bit = check_bit(w + (*w == '+' || *w == '-'));
		if (bit < 0) {
			*bad = i;
			return -EINVAL;
		}
		level = minus ? level & ~(unsigned)bit : level | (unsigned)bit;
	}
	*out = level;
	return 0;
}

/* A '{' at s[i] with its '}' and a ',' between at depth one: the ends. */
static bool brace_group(const char *s, size_t i, size_t *close)
{
	bool comma = false;
	int depth = 0;

	for (; s[i]; i++) {
		if (s[i] == '\\' && s[i + 1]) {
			i++;
		} else if (s[i] == '{') {
			depth++;
		} else if (s[i] == ',' && depth == 1) {
			comma = true;
		} else if (s[i] == '}' && --depth == 0) {
			*close = i;
			return comma;
		}
	}
	return false;
}

struct alts {
	char **v;
	size_t n;
	size_t max;
	bool overflow;
};

static void alts_add(struct alts *a, char *s)
{
	if (a->n == a->max) {
		a->overflow = true;
		mem_free(&s);
		return;
	}
	a->v[a->n++] = s;
}

static void expand(const char *s, struct alts *a, unsigned depth);

/* Expands the group s[open..close] of s: one result per alternative. */
static void expand_group(const char *s, size_t open, size_t close,
			 struct alts *a, unsigned depth)
{
	struct conf_buf b = { 0 };
	size_t i, from = open + 1;
	int level = 0;

	for (i = open + 1; i <= close && !a->overflow; i++) {
		if (s[i] == '\\' && i + 1 < close) {
			i++;
			continue;
		}
		level += s[i] == '{';
		level -= s[i] == '}' && i != close;
		if ((s[i] == ',' && !level) || i == close) {
			conf_buf_reset(&b);
			conf_buf_add(&b, s, open);
			conf_buf_add(&b, s + from, i - from);
			conf_buf_adds(&b, s + close + 1);
			expand(conf_buf_str(&b), a, depth + 1);
			from = i + 1;
		}
	}
	conf_buf_clear(&b);
}

static void expand(const char *s, struct alts *a, unsigned depth)
{
	size_t i, close;

	/* each level removes one group, so depth is bounded by the length;
	 * the cap only keeps the stack small */
	if (depth > 64) {
		a->overflow = true;
		return;
	}
	for (i = 0; s[i]; i++) {
		if (s[i] == '\\' && s[i + 1]) {
			i++;
			continue;
		}
		if (s[i] == '{' && brace_group(s, i, &close)) {
			expand_group(s, i, close, a, depth);
			return;
		}
	}
	alts_add(a, mem_strdup(s));
}

int conf_include_braces(const char *pattern, size_t max, char ***out)
{
	struct alts a = { .max = max };
	size_t i;

	a.v = mem_calloc(max ? max : 1, sizeof(char *));
	expand(pattern, &a, 0);
	if (a.overflow) {
		for (i = 0; i < a.n; i++)
			mem_free(&a.v[i]);
		mem_free(&a.v);
		return -E2BIG;
	}
	*out = a.v;
	return (int)a.n;
}

static bool has_wildcard(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' && s[1])
			s++;
		else if (*s == '*' || *s == '?' || *s == '[')
			return true;
	}
	return false;
}

/* dir with glob's special characters escaped, then '/', then alt. */
static char *full_pattern(const char *dir, const char *alt)
{
	struct conf_buf b = { 0 };

	if (*alt == '/' || !dir || !*dir || !strcmp(dir, "."))
		return mem_strdup(alt);
	for (; *dir; dir++) {
		if (strchr("*?[]{}\\", *dir))
			conf_buf_addc(&b, '\\');
		conf_buf_addc(&b, *dir);
	}
	if (b.s[b.len - 1] != '/')
		conf_buf_addc(&b, '/');
	conf_buf_adds(&b, alt);
	return b.s;
}

struct expansion {
	struct cfg_parser *p;
	unsigned checks;
	const char *file;
	unsigned line;
	char **paths;
	size_t n;
	size_t matched;		/* including directories */
	size_t misses;		/* plain alternatives that matched nothing */
	bool wild;
};

static void add_match(struct expansion *e, const char *path)
{
	size_t len = strlen(path);

	e->matched++;
	if (len > 1 && path[len - 1] == '/') {
		cfg_report_at(e->p, e->checks & CONF_INC_READABLE ?
			      CFG_ERROR : CFG_NOTE, e->file, e->line,
			      "Configuration file '%s' is a directory - "
			      "skipping", path);
		return;
	}
	e->paths = mem_reallocarray(e->paths, e->n + 1, sizeof(char *));
	e->paths[e->n++] = mem_strdup(path);
}

static void glob_one(struct expansion *e, const char *dir, const char *alt)
{
	char *pat = full_pattern(dir, alt);
	glob_t g;
	size_t i;
	int rc;

	memset(&g, 0, sizeof(g));
	rc = glob(pat, GLOB_MARK, NULL, &g);
	if (rc == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			add_match(e, g.gl_pathv[i]);
	} else if (rc == GLOB_NOMATCH) {
		if (has_wildcard(alt))
			e->wild = true;
		else
			e->misses++;
	} else {
		cfg_report_at(e->p, CFG_ERROR, e->file, e->line,
			      "Cannot search for configuration files '%s'",
			      pat);
	}
	if (has_wildcard(alt))
		e->wild = true;
	globfree(&g);
	mem_free(&pat);
}

static void report_misses(struct expansion *e, const char *pattern,
			  bool braces)
{
	unsigned need = braces ? CONF_INC_BRACE : CONF_INC_MATCH;

	if (!e->matched && e->wild) {
		if (e->checks & CONF_INC_WILDCARD)
			cfg_report_at(e->p, CFG_ERROR, e->file, e->line,
				      "No config files matched '%s'", pattern);
	} else if (!e->matched) {
		cfg_report_at(e->p, e->checks & need ? CFG_ERROR : CFG_NOTE,
			      e->file, e->line, "Config files missing '%s'",
			      pattern);
	} else if (e->misses) {
		cfg_report_at(e->p, e->checks & CONF_INC_BRACE ? CFG_ERROR :
			      CFG_NOTE, e->file, e->line,
			      "Some config files missing: \"%s\"", pattern);
	}
}

void conf_include_expand(struct cfg_parser *p, const char *dir,
			 const char *pattern, unsigned checks,
			 const char *file, unsigned line,
			 char ***paths, size_t *n)
{
	struct expansion e = { .p = p, .checks = checks, .file = file,
			       .line = line };
	char **alts;
	int count, i;

	count = conf_include_braces(pattern, CONF_BRACE_ALTS_MAX, &alts);
	if (count < 0) {
		cfg_report_at(p, CFG_ERROR, file, line,
			      "Include pattern '%s' has more than %d brace "
			      "alternatives - ignoring", pattern,
			      CONF_BRACE_ALTS_MAX);
		count = 0;
		alts = NULL;
	} else {
		for (i = 0; i < count; i++)
			glob_one(&e, dir, alts[i]);
		report_misses(&e, pattern, count > 1);
	}
	for (i = 0; i < count; i++)
		mem_free(&alts[i]);
	mem_free(&alts);
	*paths = e.paths;
	*n = e.n;
}
