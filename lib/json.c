/*
 * json.c: the writer keeps one frame per open container: whether it is
 * an object and whether it holds a value yet (so that the next one is
 * preceded by a comma).
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "memory.h"

struct json_frame {
	bool object;
	bool has_value;
};

struct json {
	char *buf;
	size_t len, cap;
	size_t depth;
	struct json_frame frames[JSON_MAX_DEPTH];
	bool top_done;		/* the top-level value is complete */
	bool failed;
};

struct json *json_new(void)
{
	struct json *j = mem_new(struct json);

	j->cap = 256;
	j->buf = mem_zalloc(j->cap);
	return j;
}

void json_free(struct json **j)
{
	if (!j || !*j)
		return;
	mem_free(&(*j)->buf);
	mem_free(j);
}

static void put(struct json *j, const char *s, size_t n)
{
	if (j->len + n + 1 > j->cap) {
		while (j->len + n + 1 > j->cap)
			j->cap *= 2;
		j->buf = mem_realloc(j->buf, j->cap);
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = '\0';
}

static void puts_(struct json *j, const char *s)
{
	put(j, s, strlen(s));
}

static void putf(struct json *j, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void putf(struct json *j, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		j->failed = true;
		return;
	}
	put(j, tmp, (size_t)n);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values beyond U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

static void put_escaped(struct json *j, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	put(j, "\"", 1);
	while (*s) {
		if (*s == '"' || *s == '\\') {
			put(j, "\\", 1);
			put(j, (const char *)s++, 1);
		} else if (*s < 0x20) {
			putf(j, "\\u%04x", *s++);
		} else if ((n = utf8_len(s)) == 0) {
			puts_(j, "\\ufffd");
			s++;
		} else {
			put(j, (const char *)s, n);
			s += n;
		}
	}
	put(j, "\"", 1);
}

/* Everything a value needs before it: the comma and the key. */
static bool begin_value(struct json *j, const char *key)
{
	struct json_frame *f;

	if (j->failed)
		return false;
	if (j->depth == 0) {
		if (key || j->top_done)
			j->failed = true;
		return !j->failed;
	}
	f = &j->frames[j->depth - 1];
	if (f->object != (key != NULL)) {
		j->failed = true;
		return false;
	}
	if (f->has_value)
		put(j, ",", 1);
	f->has_value = true;
	if (key) {
		put_escaped(j, key);
		put(j, ":", 1);
	}
	return true;
}

static void end_value(struct json *j)
{
	if (j->depth == 0)
		j->top_done = true;
}

static void open_container(struct json *j, const char *key, bool object)
{
	if (!begin_value(j, key))
		return;
	if (j->depth >= JSON_MAX_DEPTH) {
		j->failed = true;
		return;
	}
	j->frames[j->depth].object = object;
	j->frames[j->depth].has_value = false;
	j->depth++;
	put(j, object ? "{" : "[", 1);
}

static void close_container(struct json *j, bool object)
{
	if (j->failed)
		return;
	if (j->depth == 0 || j->frames[j->depth - 1].object != object) {
		j->failed = true;
		return;
	}
	j->depth--;
	put(j, object ? "}" : "]", 1);
	end_value(j);
}

void json_begin_object(struct json *j, const char *key)
{
	open_container(j, key, true);
}

void json_end_object(struct json *j)
{
	close_container(j, true);
}

void json_begin_array(struct json *j, const char *key)
{
	open_container(j, key, false);
}

void json_end_array(struct json *j)
{
	close_container(j, false);
}

void json_string(struct json *j, const char *key, const char *value)
{
	if (!begin_value(j, key))
		return;
	if (value)
		put_escaped(j, value);
	else
		puts_(j, "null");
	end_value(j);
}

void json_int(struct json *j, const char *key, long long value)
{
	if (!begin_value(j, key))
		return;
	putf(j, "%lld", value);
	end_value(j);
}

void json_uint(struct json *j, const char *key, unsigned long long value)
{
	if (!begin_value(j, key))
		return;
	putf(j, "%llu", value);
	end_value(j);
}

void json_double(struct json *j, const char *key, double value)
{
	if (!begin_value(j, key))
		return;
	if (isfinite(value) && fabs(value) < 1e18)
		putf(j, "%.6f", value);
	else
		puts_(j, "null");
	end_value(j);
}

void json_bool(struct json *j, const char *key, bool value)
{
	if (!begin_value(j, key))
		return;
	puts_(j, value ? "true" : "false");
	end_value(j);
}

void json_null(struct json *j, const char *key)
{
	if (!begin_value(j, key))
		return;
	puts_(j, "null");
	end_value(j);
}

const char *json_text(const struct json *j, size_t *len)
{
	if (j->failed || j->depth != 0 || !j->top_done)
		return NULL;
	if (len)
		*len = j->len;
	return j->buf;
}
