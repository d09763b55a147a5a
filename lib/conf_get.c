/*
 * conf_get.c: the bounded readers handlers use for their arguments. Each
 * names the keyword and the bad value, as an operator reading the log
 * needs, and leaves *out untouched on failure.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf_buf.h"
#include "memory.h"
#include "parser.h"

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

/* Decimal digits only, with an optional '-' when "sign" is set. */
static bool all_digits(const char *s, bool sign)
{
	if (sign && *s == '-')
		s++;
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

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
	unsigned long v;

	if (i >= w->count)
		return missing(p, w, "number");
	if (!all_digits(w->words[i], false))
		return bad_number(p, w, i);
	errno = 0;
	v = strtoul(w->words[i], NULL, 10);
	if (errno || v < min || v > max) {
		cfg_report(p, CFG_ERROR, "%s: value '%s' out of range "
			   "[%lu, %lu]", kw_name(w), w->words[i], min, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

int cfg_get_int(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		long min, long max, long *out)
{
	long v;

	if (i >= w->count)
		return missing(p, w, "number");
	if (!all_digits(w->words[i], true))
		return bad_number(p, w, i);
	errno = 0;
	v = strtol(w->words[i], NULL, 10);
	if (errno || v < min || v > max) {
		cfg_report(p, CFG_ERROR, "%s: value '%s' out of range "
			   "[%ld, %ld]", kw_name(w), w->words[i], min, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

int cfg_get_bool(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		 bool *out)
{
	static const char *const yes[] = { "on", "true", "yes" };
	static const char *const no[] = { "off", "false", "no" };
	size_t k;

	if (i >= w->count) {
		*out = true;
		return 0;
	}
	for (k = 0; k < 3; k++) {
		if (!strcasecmp(w->words[i], yes[k])) {
			*out = true;
			return 0;
		}
		if (!strcasecmp(w->words[i], no[k])) {
			*out = false;
			return 0;
		}
	}
	cfg_report(p, CFG_ERROR, "%s: invalid boolean '%s' (expected "
		   "on|off|true|false|yes|no)", kw_name(w), w->words[i]);
	return -EINVAL;
}

/* "SECONDS[.FRACTION]" into microseconds; false if malformed or huge.
 * Digits past the sixth decimal are below the resolution and dropped. */
static bool parse_timer(const char *s, uint64_t *us)
{
	uint64_t sec = 0, frac = 0;
	int digits = 0;

	if (!isdigit((unsigned char)*s) && !(*s == '.' && s[1]))
		return false;
	for (; isdigit((unsigned char)*s); s++) {
		if (sec > (UINT64_MAX / 1000000 - 9) / 10)
			return false;
		sec = sec * 10 + (uint64_t)(*s - '0');
	}
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++)
			if (digits < 6) {
				frac = frac * 10 + (uint64_t)(*s - '0');
				digits++;
			}
	if (*s)
		return false;
	for (; digits < 6; digits++)
		frac *= 10;
	*us = sec * 1000000 + frac;
	return true;
}

int cfg_get_timer_us(struct cfg_parser *p, const struct cfg_words *w,
		     size_t i, uint64_t min_us, uint64_t max_us,
		     uint64_t *out)
{
	uint64_t v;

	if (i >= w->count)
		return missing(p, w, "time");
	if (!parse_timer(w->words[i], &v)) {
		cfg_report(p, CFG_ERROR, "%s: invalid time '%s'", kw_name(w),
			   w->words[i]);
		return -EINVAL;
	}
	if (v < min_us || v > max_us) {
		cfg_report(p, CFG_ERROR, "%s: time '%s' out of range "
			   "[%llu.%06llu, %llu.%06llu] seconds", kw_name(w),
			   w->words[i],
			   (unsigned long long)(min_us / 1000000),
			   (unsigned long long)(min_us % 1000000),
			   (unsigned long long)(max_us / 1000000),
			   (unsigned long long)(max_us % 1000000));
		return -EINVAL;
	}
	*out = v;
	return 0;
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
