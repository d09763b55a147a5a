/*
 * conf_get.c: the bounded readers handlers use for their arguments. Each
 * names the keyword and the bad value, as an operator reading the log
 * needs, and leaves *out untouched on failure.
 */
#include <errno.h>

#include "conf_buf.h"
#include "memory.h"
#include "parser.h"
#include "strutil.h"

static const char *kw_name(const struct cfg_words *w)
{
	return w->count ? w->words[0] : "?";
}

static int missing(struct cfg_parser *p, const struct cfg_words *w,
		   const char *what)
{
	cfg_report(p, CFG_ERROR, "%s: missing %s", kw_name(w), what);
	return -EINVAL;
}

int cfg_want_args(struct cfg_parser *p, const struct cfg_words *w,
		  size_t min, size_t max)
{
	size_t n = w->count ? w->count - 1 : 0;

	if (n < min) {
		cfg_report(p, CFG_ERROR, "%s: expected at least %zu "
			   "argument%s, got %zu", kw_name(w), min,
			   min == 1 ? "" : "s", n);
		return -EINVAL;
	}
	/*
	 * keepalived ignores surplus words without a word of warning, and
	 * "-t" must give the same verdict on the same file; we still say
	 * so, because a surplus word is usually a typo.
	 */
	if (n > max)
		cfg_report(p, CFG_NOTE, "%s: ignoring extra argument%s from "
			   "'%s'", kw_name(w), n - max == 1 ? "" : "s",
			   w->words[max + 1]);
	return 0;
}

/*
 * The conversions themselves are lib/strutil.h's; these add the keyword,
 * the value and the file:line to what went wrong.
 */
static int bad_number(struct cfg_parser *p, const struct cfg_words *w,
		      size_t i)
{
	cfg_report(p, CFG_ERROR, "%s: invalid number '%s'", kw_name(w),
		   w->words[i]);
	return -EINVAL;
}

int cfg_get_uint(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		 unsigned long min, unsigned long max, unsigned long *out)
{
	int ret;

	if (i >= w->count)
		return missing(p, w, "number");
	ret = str_to_ulong(w->words[i], min, max, out);
	if (ret == -ERANGE)
		cfg_report(p, CFG_ERROR, "%s: value '%s' out of range "
			   "[%lu, %lu]", kw_name(w), w->words[i], min, max);
	else if (ret < 0)
		bad_number(p, w, i);
	return ret < 0 ? -EINVAL : 0;
}

int cfg_get_int(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		long min, long max, long *out)
{
	int ret;

	if (i >= w->count)
		return missing(p, w, "number");
	ret = str_to_long(w->words[i], min, max, out);
	if (ret == -ERANGE)
		cfg_report(p, CFG_ERROR, "%s: value '%s' out of range "
			   "[%ld, %ld]", kw_name(w), w->words[i], min, max);
	else if (ret < 0)
		bad_number(p, w, i);
	return ret < 0 ? -EINVAL : 0;
}

int cfg_get_bool(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		 bool *out)
{
	if (i >= w->count) {
		*out = true;
		return 0;
	}
	if (str_to_bool(w->words[i], out) == 0)
		return 0;
	cfg_report(p, CFG_ERROR, "%s: invalid boolean '%s' (expected "
		   "on|off|true|false|yes|no)", kw_name(w), w->words[i]);
	return -EINVAL;
}

int cfg_get_timer_us(struct cfg_parser *p, const struct cfg_words *w,
		     size_t i, uint64_t min_us, uint64_t max_us,
		     uint64_t *out)
{
	int ret;

	if (i >= w->count)
		return missing(p, w, "time");
	ret = str_to_timer_us(w->words[i], min_us, max_us, out);
	if (ret == -ERANGE)
		cfg_report(p, CFG_ERROR, "%s: time '%s' out of range "
			   "[%llu.%06llu, %llu.%06llu] seconds", kw_name(w),
			   w->words[i],
			   (unsigned long long)(min_us / 1000000),
			   (unsigned long long)(min_us % 1000000),
			   (unsigned long long)(max_us / 1000000),
			   (unsigned long long)(max_us % 1000000));
	else if (ret < 0)
		cfg_report(p, CFG_ERROR, "%s: invalid time '%s'", kw_name(w),
			   w->words[i]);
	return ret < 0 ? -EINVAL : 0;
}

int cfg_get_string(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		   char **out)
{
	if (i >= w->count)
		return missing(p, w, "argument");
	mem_free(out);
	*out = mem_strdup(w->words[i]);
	return 0;
}

int cfg_get_rest(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		 char **out)
{
	struct conf_buf b = { 0 };
	size_t k;

	if (i >= w->count)
		return missing(p, w, "argument");
	for (k = i; k < w->count; k++) {
		if (k > i)
			conf_buf_addc(&b, ' ');
		conf_buf_adds(&b, w->words[k]);
	}
	if (!b.s)
		b.s = mem_strdup("");
	mem_free(out);
	*out = b.s;
	return 0;
}
