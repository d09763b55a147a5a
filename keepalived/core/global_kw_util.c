/*
 * global_kw_util.c: the small readers every global_defs handler is made
 * of. Each reports what is wrong through cfg_report(), which the parser
 * tags with the file and line, and returns 0 or -EINVAL.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "global_kw.h"
#include "memory.h"

int global_kw_args(struct cfg_parser *p, const struct cfg_words *w,
		   size_t min, size_t max)
{
	return cfg_want_args(p, w, min, max);
}

int global_kw_flag(struct cfg_parser *p, const struct cfg_words *w,
		   bool *out)
{
	if (w->count > 1)
		cfg_report(p, CFG_NOTE, "%s takes no value, ignoring '%s'",
			   w->words[0], w->words[1]);
	*out = true;
	return 0;
}

int global_kw_bool(struct cfg_parser *p, const struct cfg_words *w,
		   bool *out)
{
	if (global_kw_args(p, w, 0, 1) < 0)
		return -EINVAL;
	return cfg_get_bool(p, w, 1, out);
}

int global_kw_tristate(struct cfg_parser *p, const struct cfg_words *w,
		       enum gd_tristate *out)
{
	bool b;

	if (global_kw_bool(p, w, &b) < 0)
		return -EINVAL;
	*out = b ? GD_ON : GD_OFF;
	return 0;
}

int global_kw_ulong(struct cfg_parser *p, const struct cfg_words *w,
		    unsigned long min, unsigned long max, unsigned long *out)
{
	if (global_kw_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return cfg_get_uint(p, w, 1, min, max, out);
}

int global_kw_uint(struct cfg_parser *p, const struct cfg_words *w,
		   unsigned long min, unsigned long max, unsigned *out)
{
	unsigned long v;

	if (global_kw_ulong(p, w, min, max, &v) < 0)
		return -EINVAL;
	*out = (unsigned)v;
	return 0;
}

int global_kw_int(struct cfg_parser *p, const struct cfg_words *w,
		  long min, long max, int *out)
{
	long v;

	if (global_kw_args(p, w, 1, 1) < 0 ||
	    cfg_get_int(p, w, 1, min, max, &v) < 0)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

int global_kw_str(struct cfg_parser *p, const struct cfg_words *w,
		  char **out)
{
	if (global_kw_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return cfg_get_string(p, w, 1, out);
}

int global_kw_abspath(struct cfg_parser *p, const struct cfg_words *w,
		      size_t i, char **out)
{
	if (i >= w->count)
		return global_kw_args(p, w, i, i);
	if (w->words[i][0] != '/') {
		cfg_report(p, CFG_ERROR, "%s: '%s' is not an absolute path",
			   w->words[0], w->words[i]);
		return -EINVAL;
	}
	return cfg_get_string(p, w, i, out);
}

int global_kw_script(struct cfg_parser *p, const struct cfg_words *w,
		     struct gd_script *out)
{
	if (global_kw_args(p, w, 1, 3) < 0)
		return -EINVAL;
	global_data_script_clear(out);
	out->path = mem_strdup(w->words[1]);
	if (w->count > 2)
		out->user = mem_strdup(w->words[2]);
	if (w->count > 3)
		out->group = mem_strdup(w->words[3]);
	out->file = mem_strdup(w->file ? w->file : "");
	out->line = w->line;
	return 0;
}

static const struct {
	const char *name;
	mode_t bit;
} umask_bits[] = {
	{ "IRUSR", S_IRUSR }, { "IWUSR", S_IWUSR }, { "IXUSR", S_IXUSR },
	{ "IRGRP", S_IRGRP }, { "IWGRP", S_IWGRP }, { "IXGRP", S_IXGRP },
	{ "IROTH", S_IROTH }, { "IWOTH", S_IWOTH }, { "IXOTH", S_IXOTH },
};

static int umask_term(const char *t, size_t len, mode_t *mask)
{
	char buf[32], *end;
	unsigned long v;
	size_t i;

	if (!len || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, t, len);
	buf[len] = '\0';
	for (i = 0; i < sizeof(umask_bits) / sizeof(umask_bits[0]); i++) {
		if (!strcmp(buf, umask_bits[i].name)) {
			*mask |= umask_bits[i].bit;
			return 0;
		}
	}
	if (buf[0] < '0' || buf[0] > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(buf, &end, 0);
	if (errno || *end || v > 0777)
		return -EINVAL;
	*mask |= (mode_t)v;
	return 0;
}

int global_kw_parse_umask(const char *text, mode_t *out)
{
	mode_t mask = 0;
	const char *t = text;

	for (;;) {
		size_t len;

		t += strspn(t, " \t");
		len = strcspn(t, "| \t");
		if (umask_term(t, len, &mask) < 0)
			return -EINVAL;
		t += len;
		t += strspn(t, " \t");
		if (!*t)
			break;
		if (*t++ != '|')
			return -EINVAL;
	}
	*out = mask;
	return 0;
}
