/*
 * strutil.c: the number readers behind every keyword handler. strtoul()
 * alone accepts white space, a minus sign (and negates!) and an empty
 * string, so each reader checks the shape of the text before converting.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strutil.h"

static bool is_digit_in_base(char c, int base)
{
	if (base == 16)
		return isxdigit((unsigned char)c);
	if (base == 8)
		return c >= '0' && c <= '7';
	return c >= '0' && c <= '9';
}

static bool has_hex_prefix(const char *s)
{
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

/* Every character of s must be a digit of base, and there must be one. */
static bool all_digits(const char *s, int base)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!is_digit_in_base(*s, base))
			return false;
	return true;
}

int str_to_ulong_base(const char *s, int base, unsigned long min,
		      unsigned long max, unsigned long *out)
{
	unsigned long v;

	if (!s)
		return -EINVAL;
	if (base == 0)
		base = has_hex_prefix(s) ? 16 : 10;
	if (base != 8 && base != 10 && base != 16)
		return -EINVAL;
	if (base == 16 && has_hex_prefix(s))
		s += 2;
	if (!all_digits(s, base))
		return -EINVAL;

	errno = 0;
	v = strtoul(s, NULL, base);
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int str_to_ulong(const char *s, unsigned long min, unsigned long max,
		 unsigned long *out)
{
	return str_to_ulong_base(s, 10, min, max, out);
}

int str_to_long(const char *s, long min, long max, long *out)
{
	long v;

	if (!s)
		return -EINVAL;
	if (!all_digits(s + (*s == '-' || *s == '+'), 10))
		return -EINVAL;

	errno = 0;
	v = strtol(s, NULL, 10);
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int str_to_bool(const char *s, bool *out)
{
	static const struct {
		const char *word;
		bool value;
	} words[] = {
		{ "on", true }, { "off", false },
		{ "true", true }, { "false", false },
		{ "yes", true }, { "no", false },
	};
	size_t i;

	if (!s)
		return -EINVAL;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (!strcasecmp(s, words[i].word)) {
			*out = words[i].value;
			return 0;
		}
	}
	return -EINVAL;
}

/* Reads the digits of [s, end) as a decimal; -ERANGE past UINT64_MAX. */
static int decimal_u64(const char *s, const char *end, uint64_t *out)
{
	uint64_t v = 0;

	for (; s < end; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* True if [s, end) holds only decimal digits (possibly none). */
static bool digits_only(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The fraction as microseconds, rounded half up on the seventh digit; a
 * result of 1000000 (".9999995") carries into the seconds. */
static uint64_t fraction_us(const char *frac)
{
	size_t n = strlen(frac);
	uint64_t us = 0;
	size_t i;

	for (i = 0; i < 6; i++)
		us = us * 10 + (i < n ? (uint64_t)(frac[i] - '0') : 0);
	if (n > 6 && frac[6] >= '5')
		us++;
	return us;
}

int str_to_timer_us(const char *s, uint64_t min_us, uint64_t max_us,
		    uint64_t *out_us)
{
	const char *dot, *int_end, *frac;
	uint64_t secs, us;

	if (!s)
		return -EINVAL;
	dot = strchr(s, '.');
	int_end = dot ? dot : s + strlen(s);
	frac = dot ? dot + 1 : "";
	if (!digits_only(s, int_end) || !digits_only(frac, frac + strlen(frac)))
		return -EINVAL;
	if (int_end == s && !*frac)
		return -EINVAL;

	if (decimal_u64(s, int_end, &secs) < 0)
		return -ERANGE;
	us = fraction_us(frac);
	if (secs > (UINT64_MAX - us) / 1000000)
		return -ERANGE;
	us += secs * 1000000;
	if (us < min_us || us > max_us)
		return -ERANGE;
	*out_us = us;
	return 0;
}

int str_to_octal_mode(const char *s, mode_t *out)
{
	unsigned long v;
	int ret;

	ret = str_to_ulong_base(s, 8, 0, 0777, &v);
	if (ret < 0)
		return ret;
	*out = (mode_t)v;
	return 0;
}
