/*
 * strutil.h: bounded conversions of configuration and command-line tokens.
 *
 * All functions are pure. They return 0 and set *out, -EINVAL when the text
 * is not a number of the expected form (empty, a sign where none is
 * allowed, white space, trailing characters), or -ERANGE when it is one
 * but lies outside [min, max] or overflows. On failure *out is untouched.
 */
#ifndef KA_STRUTIL_H
#define KA_STRUTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* Decimal digits only: no sign, no white space. */
int str_to_ulong(const char *s, unsigned long min, unsigned long max,
		 unsigned long *out);

/*
 * base 10, 16 (with or without "0x"/"0X") or 8 (with or without a leading
 * "0"); base 0 means decimal, or hexadecimal when the text starts with
 * "0x". Unlike strtoul(), base 0 never reads a leading 0 as octal, because
 * "010" in a configuration file means ten to most people.
 */
int str_to_ulong_base(const char *s, int base, unsigned long min,
		      unsigned long max, unsigned long *out);

/* Decimal with an optional leading '-' or '+'. */
int str_to_long(const char *s, long min, long max, long *out);

/* on|off|true|false|yes|no, in any case. */
int str_to_bool(const char *s, bool *out);

/*
 * Seconds with an optional fraction, to microseconds: "3" -> 3000000,
 * "2.71828" -> 2718280, "0.5" and ".5" -> 500000, "3." -> 3000000.
 * Digits after the sixth decimal are allowed and round half up to the
 * nearest microsecond ("0.0000005" -> 1). No sign, exponent or white
 * space. The bounds are in microseconds.
 */
int str_to_timer_us(const char *s, uint64_t min_us, uint64_t max_us,
		    uint64_t *out_us);

/* A umask in octal ("022", "0077", "7"): octal digits only, at most 0777. */
int str_to_octal_mode(const char *s, mode_t *out);

#endif
