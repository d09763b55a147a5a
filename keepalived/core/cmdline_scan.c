/*
 * cmdline_scan.c: a pass over argv that mirrors popt's word splitting just
 * far enough to know which optional-value options were given bare.
 */
#include <string.h>

#include "cmdline_scan.h"
#include "memory.h"

/* Short options that take a value, which may be the next word. */
static const char short_required[] = "fSgupr" "cbAsi";
/* Short options whose value, if any, must be attached. */
static const struct {
	char c;
	int val;
} short_optional[] = { { 't', 't' }, { 'M', 'M' } };

static const char *const long_required[] = {
	"use-file", "log-facility", "log-file", "umask", "pid", "vrrp_pid",
	"checkers_pid", "bfd_pid", "snmp-agent-socket", "namespace",
	"config-id", "signum", NULL
};

static const struct {
	const char *name;
	int val;
} long_optional[] = {
	{ "config-test", 't' },
	{ "core-dump-pattern", 'M' },
	{ "debug", CMDLINE_OPT_DEBUG },
	{ "perf", CMDLINE_OPT_PERF },
};

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

static void add(struct cmdline_scan *s, int val, const char *next)
{
	s->opts = mem_reallocarray(s->opts, s->count + 1, sizeof(*s->opts));
	s->opts[s->count].val = val;
	s->opts[s->count].next = next;
	s->opts[s->count].used = false;
	s->count++;
}

/* What popt would steal after a bare option: a word not starting '-'. */
static const char *stealable(int i, int argc, char **argv)
{
	if (i + 1 < argc && argv[i + 1][0] != '-')
		return argv[i + 1];
	return NULL;
}

/* Returns how many following words the option consumes (0 or 1). */
static int scan_long(struct cmdline_scan *s, const char *name, int i,
		     int argc, char **argv)
{
	size_t k;
	bool attached = strchr(name, '=') != NULL;
	size_t len = attached ? (size_t)(strchr(name, '=') - name)
			      : strlen(name);

	for (k = 0; k < N_ELEM(long_optional); k++) {
		if (strlen(long_optional[k].name) == len &&
		    !strncmp(long_optional[k].name, name, len)) {
			add(s, long_optional[k].val,
			    attached ? NULL : stealable(i, argc, argv));
			return 0;
		}
	}
	for (k = 0; long_required[k]; k++)
		if (!attached && !strcmp(long_required[k], name))
			return 1;
	return 0;
}

static int scan_short(struct cmdline_scan *s, const char *cluster, int i,
		      int argc, char **argv)
{
	const char *c;
	size_t k;

	for (c = cluster; *c; c++) {
		if (strchr(short_required, *c))
			return c[1] ? 0 : 1;
		for (k = 0; k < N_ELEM(short_optional); k++) {
			if (short_optional[k].c != *c)
				continue;
			add(s, short_optional[k].val,
			    c[1] ? NULL : stealable(i, argc, argv));
			return 0;
		}
	}
	return 0;
}

void cmdline_scan_init(struct cmdline_scan *s, int argc, char **argv)
{
	int i;

	memset(s, 0, sizeof(*s));
	for (i = 1; i < argc; i++) {
		const char *w = argv[i];

		if (!strcmp(w, "--"))
			break;
		if (!strncmp(w, "--", 2))
			i += scan_long(s, w + 2, i, argc, argv);
		else if (w[0] == '-' && w[1])
			i += scan_short(s, w + 1, i, argc, argv);
	}
}

void cmdline_scan_clear(struct cmdline_scan *s)
{
	mem_free(&s->opts);
	s->count = 0;
}

const char *cmdline_scan_stolen(struct cmdline_scan *s, int val,
				const char *arg)
{
	size_t k;

	for (k = 0; k < s->count; k++) {
		struct cmdline_bare *b = &s->opts[k];

		if (b->used || b->val != val)
			continue;
		b->used = true;
		if (arg && b->next && !strcmp(arg, b->next))
			return b->next;
		return NULL;
	}
	return NULL;
}
