/*
 * conf_subst.c: replacing $NAME and ${NAME} in a line, with the
 * pre-defined parameters _PWD, _INSTANCE, _RANDOM, _HASH and _BANG.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_limits.h"
#include "conf_subst.h"
#include "memory.h"
#include "parser.h"

#define RANDOM_DEFAULT_MAX 32767

static bool is_name_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static bool is_white(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t name_length(const char *s)
{
	size_t n = 0;

	if (!is_name_start(*s))
		return 0;
	while (is_name_char(s[n]))
		n++;
	return n;
}

bool conf_subst_parse_def(const char *text, const char **name,
			  size_t *name_len, const char **value)
{
	size_t n;

	if (*text != '$')
		return false;
	n = name_length(text + 1);
	if (!n || text[1 + n] != '=')
		return false;
	*name = text + 1;
	*name_len = n;
	text += n + 2;
	while (is_white(*text))
		text++;
	*value = text;
	return true;
}

uint64_t conf_subst_random(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* One reference found in the text: [start, end) and what it names. */
struct ref {
	size_t start;
	size_t end;
	const char *name;
	size_t name_len;
	const char *args;	/* inside ${...} after the name, or NULL */
	size_t args_len;
};

/* Recognises a reference at s[i] == '$'. */
static bool find_ref(const char *s, size_t i, struct ref *r)
{
	const char *close;
	size_t n;

	r->start = i;
	r->args = NULL;
	r->args_len = 0;
	if (s[i + 1] == '{') {
		n = name_length(s + i + 2);
		close = strpbrk(s + i + 2, "}\n");
		if (!n || !close || *close != '}')
			return false;
		r->name = s + i + 2;
		r->name_len = n;
		r->end = (size_t)(close - s) + 1;
		if (r->name + n == close)
			return true;
		if (!is_white(r->name[n]))
			return false;
		r->args = r->name + n;
		r->args_len = (size_t)(close - r->args);
		return true;
	}
	n = name_length(s + i + 1);
	if (!n || (s[i + 1 + n] && !is_white(s[i + 1 + n])))
		return false;
	r->name = s + i + 1;
	r->name_len = n;
	r->end = i + 1 + n;
	return true;
}

static bool name_is(const struct ref *r, const char *name)
{
	return strlen(name) == r->name_len &&
	       !memcmp(r->name, name, r->name_len);
}

/* Reads "MIN [MAX]" of ${_RANDOM MIN MAX}; false if malformed. */
static bool random_bounds(const struct ref *r, unsigned long *min,
			  unsigned long *max)
{
	char *args = mem_strndup(r->args ? r->args : "", r->args_len);
	unsigned long v[2] = { 0, RANDOM_DEFAULT_MAX };
	char *s = args, *end;
	int i;
	bool ok = true;

	for (i = 0; i < 2 && ok; i++) {
		while (is_white(*s))
			s++;
		if (!*s)
			break;
		errno = 0;
		v[i] = isdigit((unsigned char)*s) ? strtoul(s, &end, 10) : 0;
		ok = isdigit((unsigned char)*s) && !errno &&
		     (!*end || is_white(*end));
		s = ok ? end : s;
	}
	while (is_white(*s))
		s++;
	ok = ok && !*s && v[0] <= v[1];
	mem_free(&args);
	*min = v[0];
	*max = v[1];
	return ok;
}

/* The value of a pre-defined parameter into tmp; NULL if not one. */
static const char *predefined(const struct conf_subst_env *env,
			      const struct ref *r, char *tmp, size_t tmp_size)
{
	unsigned long min, max;
	uint64_t span;

	if (name_is(r, "_RANDOM")) {
		if (!random_bounds(r, &min, &max)) {
			cfg_report_at(env->p, CFG_ERROR, env->file, env->line,
				      "Invalid ${_RANDOM MIN MAX} '%.*s'",
				      (int)(r->end - r->start),
				      r->name - 2);
			return NULL;
		}
		span = (uint64_t)max - min + 1;
		snprintf(tmp, tmp_size, "%llu", (unsigned long long)(min +
			 (span ? conf_subst_random(env->rng) % span :
			  conf_subst_random(env->rng))));
		return tmp;
	}
	if (r->args)
		return NULL;
	if (name_is(r, "_PWD"))
		return env->pwd;
	if (name_is(r, "_INSTANCE"))
		return env->instance;
	if (name_is(r, "_HASH"))
		return "#";
	if (name_is(r, "_BANG"))
		return "!";
	return NULL;
}

static const char *lookup(const struct conf_subst_env *env,
			  const struct ref *r, char *tmp, size_t tmp_size)
{
	const char *v = predefined(env, r, tmp, tmp_size);

	if (v || r->args)
		return v;
	return conf_defs_get(env->defs, r->name, r->name_len);
}

/* Where to scan again after a replacement at "at": a '$' just before it
 * may now start a reference with the inserted text. */
static size_t rescan_from(const char *s, size_t at)
{
	while (at > 0 && (is_name_char(s[at - 1]) || s[at - 1] == '{' ||
			  s[at - 1] == '$'))
		at--;
	return at;
}

static void replace(struct conf_buf *b, const struct ref *r, const char *v)
{
	struct conf_buf n = { 0 };

	conf_buf_add(&n, b->s, r->start);
	conf_buf_adds(&n, v);
	conf_buf_adds(&n, b->s + r->end);
	conf_buf_clear(b);
	*b = n;
}

static int too_much(const struct conf_subst_env *env, int err)
{
	if (err == -ELOOP)
		cfg_report_at(env->p, CFG_ERROR, env->file, env->line,
			      "Too many parameter substitutions (more than %d)"
			      " - recursive parameter definition?",
			      CONF_SUBST_MAX);
	else
		cfg_report_at(env->p, CFG_ERROR, env->file, env->line,
			      "Line longer than %d bytes after parameter "
			      "substitution - ignoring", CONF_LINE_MAX);
	return err;
}

int conf_subst(const struct conf_subst_env *env, const char *in,
	       struct conf_buf *out)
{
	unsigned count = 0;
	size_t pos = 0, work = 0;
	char tmp[32];
	const char *dollar, *v;
	struct ref r;

	conf_buf_reset(out);
	conf_buf_adds(out, in);
	while ((dollar = strchr(out->s + pos, '$'))) {
		pos = (size_t)(dollar - out->s);
		if (!find_ref(out->s, pos, &r) ||
		    !(v = lookup(env, &r, tmp, sizeof(tmp)))) {
			pos++;
			continue;
		}
		work += out->len;
		if (++count > CONF_SUBST_MAX || work > CONF_SUBST_WORK_MAX)
			return too_much(env, -ELOOP);
		if (out->len - (r.end - r.start) + strlen(v) > CONF_LINE_MAX)
			return too_much(env, -E2BIG);
		replace(out, &r, v);
		if (strchr(v, '\n'))
			return CONF_SUBST_MULTI;
		pos = rescan_from(out->s, r.start);
	}
	return count ? CONF_SUBST_CHANGED : CONF_SUBST_SAME;
}
