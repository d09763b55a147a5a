/*
 * nl_names.c: iproute2's name files for tables, protocols and realms.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory.h"
#include "nl_names.h"
#include "strutil.h"

#define NAME_MAX_LEN 64
#define FILE_MAX_BYTES (1024 * 1024)

struct nl_name {
	enum nl_names_kind kind;
	uint32_t id;
	char name[NAME_MAX_LEN];
};

struct nl_names {
	struct nl_name *v;
	size_t n;
};

static const struct nl_name builtin[] = {
	{ NL_NAMES_TABLE, 0, "unspec" },
	{ NL_NAMES_TABLE, 253, "default" },
	{ NL_NAMES_TABLE, 254, "main" },
	{ NL_NAMES_TABLE, 255, "local" },
	{ NL_NAMES_PROTO, 0, "unspec" },
	{ NL_NAMES_PROTO, 1, "redirect" },
	{ NL_NAMES_PROTO, 2, "kernel" },
	{ NL_NAMES_PROTO, 3, "boot" },
	{ NL_NAMES_PROTO, 4, "static" },
	{ NL_NAMES_PROTO, 8, "gated" },
	{ NL_NAMES_PROTO, 9, "ra" },
	{ NL_NAMES_PROTO, 10, "mrt" },
	{ NL_NAMES_PROTO, 11, "zebra" },
	{ NL_NAMES_PROTO, 12, "bird" },
	{ NL_NAMES_PROTO, 13, "dnrouted" },
	{ NL_NAMES_PROTO, 14, "xorp" },
	{ NL_NAMES_PROTO, 15, "ntk" },
	{ NL_NAMES_PROTO, 16, "dhcp" },
	{ NL_NAMES_PROTO, 18, "keepalived" },
	{ NL_NAMES_PROTO, 42, "babel" },
	{ NL_NAMES_PROTO, 186, "bgp" },
	{ NL_NAMES_PROTO, 187, "isis" },
	{ NL_NAMES_PROTO, 188, "ospf" },
	{ NL_NAMES_PROTO, 189, "rip" },
	{ NL_NAMES_PROTO, 192, "eigrp" },
	{ NL_NAMES_REALM, 0, "cosmos" },
};

static const uint32_t kind_max[] = {
	[NL_NAMES_TABLE] = UINT32_MAX,
	[NL_NAMES_PROTO] = 255,
	[NL_NAMES_REALM] = 65535,
};

static void add(struct nl_names *n, enum nl_names_kind kind, uint32_t id,
		const char *name, size_t len)
{
	struct nl_name *e;

	n->v = mem_reallocarray(n->v, n->n + 1, sizeof(*n->v));
	e = &n->v[n->n++];
	e->kind = kind;
	e->id = id;
	memcpy(e->name, name, len);
	e->name[len] = '\0';
}

struct nl_names *nl_names_new(void)
{
	struct nl_names *n = mem_new(struct nl_names);
	size_t i;

	for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		add(n, builtin[i].kind, builtin[i].id, builtin[i].name,
		    strlen(builtin[i].name));
	return n;
}

void nl_names_free(struct nl_names **n)
{
	if (!n || !*n)
		return;
	mem_free(&(*n)->v);
	mem_free(n);
}

static int parse_number(const char *s, uint32_t max, uint32_t *out)
{
	unsigned long v;
	int r = str_to_ulong_base(s, 0, 0, max, &v);

	if (r == 0)
		*out = (uint32_t)v;
	return r;
}

/* One "number name" line; returns true if it added an entry. */
static bool add_line(struct nl_names *n, enum nl_names_kind kind,
		     const char *line, size_t len)
{
	char buf[256], *num, *name, *save;
	uint32_t id = 0;

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, line, len);
	buf[len] = '\0';
	num = strtok_r(buf, " \t\r", &save);
	name = num ? strtok_r(NULL, " \t\r", &save) : NULL;
	if (!name || num[0] == '#' || name[0] == '#' ||
	    strlen(name) >= NAME_MAX_LEN)
		return false;
	if (parse_number(num, kind_max[kind], &id) < 0)
		return false;
	add(n, kind, id, name, strlen(name));
	return true;
}

size_t nl_names_add_text(struct nl_names *n, enum nl_names_kind kind,
			 const char *text)
{
	size_t added = 0;

	while (*text) {
		size_t len = strcspn(text, "\n");

		added += add_line(n, kind, text, len);
		text += len + (text[len] == '\n');
	}
	return added;
}

static size_t load_file(struct nl_names *n, enum nl_names_kind kind,
			const char *path)
{
	FILE *f = fopen(path, "re");
	char *text;
	size_t len, added;

	if (!f)
		return 0;
	text = mem_zalloc(FILE_MAX_BYTES + 1);
	len = fread(text, 1, FILE_MAX_BYTES, f);
	fclose(f);
	text[len] = '\0';
	added = nl_names_add_text(n, kind, text);
	mem_free(&text);
	return added;
}

static int conf_filter(const struct dirent *d)
{
	size_t len = strlen(d->d_name);

	return d->d_name[0] != '.' && len > 5 &&
	       !strcmp(d->d_name + len - 5, ".conf");
}

static size_t load_fragments(struct nl_names *n, enum nl_names_kind kind,
			     const char *dir)
{
	struct dirent **list;
	size_t added = 0;
	int i, count = scandir(dir, &list, conf_filter, alphasort);

	for (i = 0; i < count; i++) {
		char *path = mem_asprintf("%s/%s", dir, list[i]->d_name);

		added += load_file(n, kind, path);
		mem_free(&path);
		free(list[i]);
	}
	if (count >= 0)
		free(list);
	return added;
}

size_t nl_names_load_dirs(struct nl_names *n, const char *const *dirs,
			  size_t ndirs)
{
	static const char *const files[] = {
		[NL_NAMES_TABLE] = "rt_tables",
		[NL_NAMES_PROTO] = "rt_protos",
		[NL_NAMES_REALM] = "rt_realms",
	};
	size_t added = 0, d, k;

	for (d = 0; d < ndirs; d++) {
		for (k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
			char *path = mem_asprintf("%s/%s", dirs[d], files[k]);
			char *frag = mem_asprintf("%s.d", path);

			added += load_file(n, k, path);
			added += load_fragments(n, k, frag);
			mem_free(&path);
			mem_free(&frag);
		}
	}
	return added;
}

size_t nl_names_load_system(struct nl_names *n)
{
	static const char *const dirs[] = {
		"/usr/share/iproute2", "/usr/lib/iproute2", "/etc/iproute2",
	};

	return nl_names_load_dirs(n, dirs, sizeof(dirs) / sizeof(dirs[0]));
}

int nl_names_lookup(const struct nl_names *n, enum nl_names_kind kind,
		    const char *word, uint32_t *out)
{
	size_t i;

	if (isdigit((unsigned char)word[0]))
		return parse_number(word, kind_max[kind], out);
	if (!n)
		return -EINVAL;
	/* Later entries win, as when iproute2 reads its files in turn. */
	for (i = n->n; i-- > 0;) {
		if (n->v[i].kind == kind && !strcmp(n->v[i].name, word)) {
			*out = n->v[i].id;
			return 0;
		}
	}
	return -EINVAL;
}

const char *nl_names_name(const struct nl_names *n, enum nl_names_kind kind,
			  uint32_t id)
{
	size_t i;

	if (!n)
		return NULL;
	for (i = n->n; i-- > 0;)
		if (n->v[i].kind == kind && n->v[i].id == id)
			return n->v[i].name;
	return NULL;
}

int nl_names_realms(const struct nl_names *n, const char *value,
		    uint32_t *out, char *bad, size_t badlen)
{
	const char *slash = strchr(value, '/');
	const char *to_name = slash ? slash + 1 : value;
	uint32_t from = 0, to;
	char part[64];

	if (slash) {
		snprintf(part, sizeof(part), "%.*s", (int)(slash - value),
			 value);
		if (nl_names_lookup(n, NL_NAMES_REALM, part, &from) < 0) {
			snprintf(bad, badlen, "%s", part);
			return -EINVAL;
		}
	}
	if (nl_names_lookup(n, NL_NAMES_REALM, to_name, &to) < 0) {
		snprintf(bad, badlen, "%s", to_name);
		return -EINVAL;
	}
	*out = from << 16 | to;
	return 0;
}
