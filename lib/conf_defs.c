/*
 * conf_defs.c: the table of $PARAMETER definitions. A configuration has a
 * handful of parameters, so a flat array searched in order is enough.
 */
#include <string.h>

#include "conf_subst.h"
#include "memory.h"

struct conf_def {
	char *name;
	char *value;
};

struct conf_defs {
	struct conf_def *v;
	size_t n;
	size_t cap;
};

struct conf_defs *conf_defs_new(void)
{
	return mem_new(struct conf_defs);
}

void conf_defs_clear(struct conf_defs *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		mem_free(&d->v[i].name);
		mem_free(&d->v[i].value);
	}
	d->n = 0;
}

void conf_defs_free(struct conf_defs **d)
{
	if (!d || !*d)
		return;
	conf_defs_clear(*d);
	mem_free(&(*d)->v);
	mem_free(d);
}

static struct conf_def *find(const struct conf_defs *d, const char *name,
			     size_t name_len)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strlen(d->v[i].name) == name_len &&
		    !memcmp(d->v[i].name, name, name_len))
			return &d->v[i];
	return NULL;
}

void conf_defs_set(struct conf_defs *d, const char *name, size_t name_len,
		   const char *value)
{
	struct conf_def *def = find(d, name, name_len);

	if (def) {
		char *copy = mem_strdup(value);

		/* value may point into the old value: copy before freeing */
		mem_free(&def->value);
		def->value = copy;
		return;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = mem_reallocarray(d->v, d->cap, sizeof(*d->v));
	}
	d->v[d->n].name = mem_strndup(name, name_len);
	d->v[d->n].value = mem_strdup(value);
	d->n++;
}

const char *conf_defs_get(const struct conf_defs *d, const char *name,
			  size_t name_len)
{
	const struct conf_def *def = find(d, name, name_len);

	return def ? def->value : NULL;
}
