/*
 * conf_cond.c: "@id" and "@^id" line prefixes.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/utsname.h>

#include "conf_cond.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

const char *conf_cond_apply(const char *text, const char *config_id)
{
	const char *id = text + 1;
	bool negate = false;
	size_t len = 0;
	bool match;

	if (*text != '@')
		return text;
	if (*id == '^') {
		negate = true;
		id++;
	}
	while (id[len] && !is_blank(id[len]) && id[len] != '\n')
		len++;
	match = strlen(config_id) == len && !strncmp(id, config_id, len);
	if (match == negate)
		return NULL;
	id += len;
	while (is_blank(*id))
		id++;
	return id;
}

void conf_cond_default_id(char *buf, size_t size)
{
	struct utsname u;
	size_t len;

	if (!size)
		return;
	buf[0] = '\0';
	if (uname(&u) < 0)
		return;
	len = strcspn(u.nodename, ".");
	if (len >= size)
		len = size - 1;
	memcpy(buf, u.nodename, len);
	buf[len] = '\0';
}
