/*
 * nl_words.c: reading the options of address, route and rule lines.
 */
#include "config.h"

#include <errno.h>
#include <linux/rtnetlink.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nl_words.h"
#include "strutil.h"

void nl_words_init(struct nl_words *c, const char *const *w, size_t n,
		   char *err, size_t errlen)
{
	c->w = w;
	c->n = n;
	c->i = 0;
	c->err = err;
	c->errlen = errlen;
	if (errlen)
		err[0] = '\0';
}

const char *nl_words_next(struct nl_words *c)
{
	return c->i < c->n ? c->w[c->i++] : NULL;
}

bool nl_words_more(const struct nl_words *c)
{
	return c->i < c->n;
}

int nl_words_fail(struct nl_words *c, const char *fmt, ...)
{
	va_list ap;

	if (c->errlen && !c->err[0]) {
		va_start(ap, fmt);
		vsnprintf(c->err, c->errlen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

const char *nl_words_value(struct nl_words *c, const char *kw)
{
	const char *v = nl_words_next(c);

	if (!v)
		nl_words_fail(c, "'%s' needs a value", kw);
	return v;
}

int nl_words_uint(struct nl_words *c, const char *kw, unsigned long min,
		  unsigned long max, unsigned long *out)
{
	const char *v = nl_words_value(c, kw);
	int r;

	if (!v)
		return -EINVAL;
	r = str_to_ulong_base(v, 0, min, max, out);
	if (r == -ERANGE)
		return nl_words_fail(c, "%s '%s' is out of range %lu..%lu",
				     kw, v, min, max);
	if (r < 0)
		return nl_words_fail(c, "%s '%s' is not a number", kw, v);
	return 0;
}

int nl_words_addr(struct nl_words *c, const char *kw, int family,
		  struct ka_addr *out)
{
	const char *v = nl_words_value(c, kw);
	struct ka_addr a;

	if (!v)
		return -EINVAL;
	if (addr_parse(v, &a) < 0)
		return nl_words_fail(c, "%s '%s' is not an IP address", kw, v);
	if (family && a.family != family)
		return nl_words_fail(c, "%s '%s' is not an %s address", kw, v,
				     family == AF_INET ? "IPv4" : "IPv6");
	*out = a;
	return 0;
}

int nl_words_name(struct nl_words *c, const char *kw, size_t max,
		  const char **out)
{
	const char *v = nl_words_value(c, kw);

	if (!v)
		return -EINVAL;
	if (!v[0] || strlen(v) >= max)
		return nl_words_fail(c, "%s '%s' must be 1 to %zu characters",
				     kw, v, max - 1);
	*out = v;
	return 0;
}

int nl_prefix_parse(const char *s, int family, struct ka_prefix *out)
{
	struct ka_prefix p;
	bool host_bits;

	if (!strcmp(s, "default") || !strcmp(s, "all") ||
	    !strcmp(s, "any")) {
		memset(&p, 0, sizeof(p));
		p.addr.family = family ? family : AF_INET;
		*out = p;
		return 0;
	}
	if (prefix_parse(s, &p, &host_bits) < 0 || host_bits)
		return -EINVAL;
	if (family && p.addr.family != family)
		return -EINVAL;
	*out = p;
	return 0;
}

int nl_scope_parse(const char *s, unsigned char *out)
{
	static const struct { const char *name; unsigned char v; } names[] = {
		{ "global", RT_SCOPE_UNIVERSE }, { "site", RT_SCOPE_SITE },
		{ "link", RT_SCOPE_LINK }, { "host", RT_SCOPE_HOST },
		{ "nowhere", RT_SCOPE_NOWHERE },
	};
	unsigned long v;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(s, names[i].name)) {
			*out = names[i].v;
			return 0;
		}
	}
	if (str_to_ulong_base(s, 0, 0, 255, &v) < 0)
		return -EINVAL;
	*out = (unsigned char)v;
	return 0;
}

int nl_value_mask_parse(const char *s, uint32_t max, uint32_t *value,
			uint32_t *mask, bool *has_mask)
{
	char buf[64];
	const char *slash = strchr(s, '/');
	unsigned long v, m = 0;
	size_t len = slash ? (size_t)(slash - s) : strlen(s);

	if (len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (str_to_ulong_base(buf, 0, 0, max, &v) < 0)
		return -EINVAL;
	if (slash && str_to_ulong_base(slash + 1, 0, 0, max, &m) < 0)
		return -EINVAL;
	*value = (uint32_t)v;
	if (slash)
		*mask = (uint32_t)m;
	*has_mask = slash != NULL;
	return 0;
}

void nl_put(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	*len += n > 0 ? (size_t)n : 0;
}
