/*
 * conf_seq.c: parsing ~SEQ, ~SEQx and ~LST specifications.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_limits.h"
#include "conf_seq.h"
#include "memory.h"

struct conf_seq {
	char **vars;
	size_t nvars;
	size_t count;
	/* ~SEQ */
	long long start;
	long long step;
	bool hex;
	/* ~LST: count rows of nvars values */
	char **values;
};

/* A growable list of strings. */
struct strv {
	char **v;
	size_t n;
	size_t cap;
};

static void strv_add(struct strv *l, const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = mem_reallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = mem_strndup(s, n);
}

static void strv_clear(struct strv *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		mem_free(&l->v[i]);
	mem_free(&l->v);
	l->n = 0;
	l->cap = 0;
}

/* Splits "a, {b, c}, d" at the commas outside braces. */
static int split_args(const char *s, size_t len, struct strv *out)
{
	size_t i, from = 0;
	int depth = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] == '{' && ++depth > 1)
			return -EINVAL;
		if (i < len && s[i] == '}' && --depth < 0)
			return -EINVAL;
		if (i == len || (s[i] == ',' && !depth)) {
			strv_add(out, s + from, i - from);
			from = i + 1;
		}
	}
	return depth ? -EINVAL : 0;
}

static bool valid_name(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	while (isalnum((unsigned char)*s) || *s == '_')
		s++;
	return !*s;
}

/* "{a, b}" into its items; anything else is one item. */
static int split_group(const char *s, struct strv *out)
{
	size_t len = strlen(s);

	if (*s != '{') {
		strv_add(out, s, len);
		return 0;
	}
	if (len < 2 || s[len - 1] != '}')
		return -EINVAL;
	return split_args(s + 1, len - 2, out);
}

static bool get_number(const char *s, long long *out)
{
	char *end;

	if (!*s)
		return false;
	errno = 0;
	*out = strtoll(s, &end, 0);
	return !errno && !*end;
}

static int seq_setup(struct conf_seq *q, const struct strv *a,
		     const char **why)
{
	long long n[3];
	size_t i, nums = a->n - 1;
	__int128 span;

	*why = "~SEQ needs a variable and one to three numbers";
	if (a->n < 2 || a->n > 4 || !valid_name(a->v[0]))
		return -EINVAL;
	*why = "~SEQ values must be integers";
	for (i = 0; i < nums; i++)
		if (!get_number(a->v[i + 1], &n[i]))
			return -EINVAL;
	q->start = nums == 1 ? (n[0] < 0 ? -1 : 1) : n[0];
	q->step = nums == 3 ? n[1] : 0;
	if (nums != 3)
		q->step = n[nums - 1] >= q->start ? 1 : -1;
	span = (__int128)n[nums - 1] - q->start;
	*why = "~SEQ step is zero or goes away from the end";
	if (!q->step || (span && (span < 0) != (q->step < 0)))
		return -EINVAL;
	span = span / q->step + 1;
	*why = "~SEQ has too many values";
	if (span > CONF_SEQ_VALUES_MAX)
		return -EINVAL;
	q->count = (size_t)span;
	return 0;
}

static int lst_setup(struct conf_seq *q, const struct strv *a,
		     const char **why)
{
	struct strv vars = { 0 }, row = { 0 };
	size_t i, j;
	int err = -EINVAL;

	*why = "~LST needs variables and at least one value";
	if (a->n < 2 || a->n - 1 > CONF_SEQ_VALUES_MAX ||
	    split_group(a->v[0], &vars) || !vars.n)
		goto out;
	for (i = 0; i < vars.n; i++)
		if (!valid_name(vars.v[i]))
			goto out;
	q->count = a->n - 1;
	q->values = mem_calloc(q->count, vars.n * sizeof(char *));
	*why = "~LST has a value group larger than its variable group";
	for (i = 0; i < q->count; i++) {
		strv_clear(&row);
		if (split_group(a->v[i + 1], &row) || row.n > vars.n)
			goto out;
		for (j = 0; j < vars.n; j++)
			q->values[i * vars.n + j] =
				mem_strdup(j < row.n ? row.v[j] : "");
	}
	err = 0;
out:
	strv_clear(&row);
	q->vars = vars.v;
	q->nvars = vars.n;
	return err;
}

/* Recognises the opening "~SEQ(" etc.; returns the kind or 0. */
static int seq_kind(const char *text, size_t *skip)
{
	static const char *const kinds[] = { "~SEQ(", "~SEQx(", "~LST(" };
	int i;

	for (i = 0; i < 3; i++) {
		*skip = strlen(kinds[i]);
		if (!strncmp(text, kinds[i], *skip))
			return i + 1;
	}
	return 0;
}

int conf_seq_parse(const char *text, struct conf_seq **out,
		   const char **rest, const char **why)
{
	struct conf_seq *q;
	struct strv args = { 0 };
	const char *close;
	size_t skip;
	int kind = seq_kind(text, &skip), err;

	if (!kind)
		return 0;
	close = strchr(text + skip, ')');
	*why = "missing ')'";
	if (!close)
		return -EINVAL;
	q = mem_new(struct conf_seq);
	q->hex = kind == 2;
	err = split_args(text + skip, (size_t)(close - text - skip), &args);
	*why = "unbalanced '{' '}'";
	if (!err)
		err = kind == 3 ? lst_setup(q, &args, why) :
				  seq_setup(q, &args, why);
	if (!err && !q->vars) {
		q->vars = mem_calloc(1, sizeof(char *));
		q->vars[0] = mem_strdup(args.v[0]);
		q->nvars = 1;
	}
	strv_clear(&args);
	if (err) {
		conf_seq_free(&q);
		return err;
	}
	close++;
	while (isspace((unsigned char)*close))
		close++;
	*rest = close;
	*out = q;
	return 1;
}

void conf_seq_free(struct conf_seq **s)
{
	size_t i;

	if (!s || !*s)
		return;
	if ((*s)->values)
		for (i = 0; i < (*s)->count * (*s)->nvars; i++)
			mem_free(&(*s)->values[i]);
	for (i = 0; (*s)->vars && i < (*s)->nvars; i++)
		mem_free(&(*s)->vars[i]);
	mem_free(&(*s)->vars);
	mem_free(&(*s)->values);
	mem_free(s);
}

size_t conf_seq_count(const struct conf_seq *s)
{
	return s->count;
}

size_t conf_seq_vars(const struct conf_seq *s)
{
	return s->nvars;
}

const char *conf_seq_var(const struct conf_seq *s, size_t var)
{
	return s->vars[var];
}

const char *conf_seq_value(const struct conf_seq *s, size_t row,
			   size_t var, char *tmp, size_t tmp_size)
{
	long long v;

	if (s->values)
		return s->values[row * s->nvars + var];
	v = s->start + (long long)row * s->step;
	if (s->hex)
		snprintf(tmp, tmp_size, "%s%llx", v < 0 ? "-" : "",
			 v < 0 ? -(unsigned long long)v : (unsigned long long)v);
	else
		snprintf(tmp, tmp_size, "%lld", v);
	return tmp;
}
