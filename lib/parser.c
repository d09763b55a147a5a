/*
 * parser.c: the public face of the configuration parser: creation,
 * registration of keyword tables, running a parse and diagnostics.
 *
 * The work is split by concern: conf_reader.c (files, includes, lines),
 * conf_expand.c (the order of line processing), conf_cond.c, conf_subst.c
 * and conf_seq.c (its steps), conf_lex.c (words) and conf_dispatch.c
 * (keywords and blocks); conf_get.c has the readers handlers use.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf_cond.h"
#include "conf_limits.h"
#include "conf_parser.h"
#include "conf_reader.h"
#include "conf_subst.h"
#include "memory.h"

struct cfg_parser *cfg_parser_new(const struct cfg_parser_opts *opts)
{
	struct cfg_parser *p = mem_new(struct cfg_parser);
	char id[256];

	if (opts) {
		p->diag = opts->diag;
		p->diag_ctx = opts->diag_ctx;
		p->all_config = opts->all_config;
	}
	if (opts && opts->config_id) {
		p->config_id = mem_strdup(opts->config_id);
	} else {
		conf_cond_default_id(id, sizeof(id));
		p->config_id = mem_strdup(id);
	}
	p->defs = conf_defs_new();
	p->expand_max = CONF_EXPANDED_LINES_MAX;
	p->rng = ((uint64_t)time(NULL) << 20) ^ (uint64_t)getpid() ^
		 (uint64_t)(uintptr_t)p;
	if (!p->rng)
		p->rng = 1;
	return p;
}

void cfg_parser_free(struct cfg_parser **pp)
{
	struct cfg_parser *p;
	size_t i;

	if (!pp || !*pp)
		return;
	p = *pp;
	conf_dispatch_reset(p);
	conf_reader_free(&p->reader);
	conf_defs_free(&p->defs);
	mem_free(&p->frames);
	mem_free(&p->regs);
	for (i = 0; i < p->nnames; i++)
		mem_free(&p->names[i]);
	mem_free(&p->names);
	mem_free(&p->config_id);
	mem_free(pp);
}

const char *conf_intern(struct cfg_parser *p, const char *s)
{
	size_t i;

	for (i = p->nnames; i-- > 0;)
		if (!strcmp(p->names[i], s))
			return p->names[i];
	p->names = mem_reallocarray(p->names, p->nnames + 1, sizeof(char *));
	p->names[p->nnames] = mem_strdup(s);
	return p->names[p->nnames++];
}

int cfg_parser_register(struct cfg_parser *p, const struct cfg_keyword *kw,
			void *root, unsigned flags)
{
	p->regs = mem_reallocarray(p->regs, p->nregs + 1, sizeof(*p->regs));
	p->regs[p->nregs].table = kw;
	p->regs[p->nregs].root = root;
	p->regs[p->nregs].flags = flags;
	p->nregs++;
	return 0;
}

static void report(struct cfg_parser *p, enum cfg_severity sev,
		   const char *file, unsigned line, const char *fmt,
		   va_list ap)
{
	struct cfg_diag d = { .severity = sev, .file = file, .line = line };
	char *msg;
	va_list copy;
	int len;

	if (sev > p->worst && sev != CFG_NOTE)
		p->worst = sev;
	if (sev > p->worst_run && sev != CFG_NOTE && sev != CFG_SECURITY)
		p->worst_run = sev;
	if (!p->diag)
		return;
	va_copy(copy, ap);
	len = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	msg = mem_zalloc(len > 0 ? (size_t)len + 1 : 1);
	if (len > 0)
		vsnprintf(msg, (size_t)len + 1, fmt, ap);
	d.message = msg;
	p->diag(&d, p->diag_ctx);
	mem_free(&msg);
}

void cfg_report(struct cfg_parser *p, enum cfg_severity sev,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(p, sev, p->cur_file, p->cur_line, fmt, ap);
	va_end(ap);
}

void cfg_report_at(struct cfg_parser *p, enum cfg_severity sev,
		   const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(p, sev, file, line, fmt, ap);
	va_end(ap);
}

void cfg_parser_set_random_seed(struct cfg_parser *p, unsigned long seed)
{
	/* xorshift must not start at 0; any other fixed map will do */
	p->rng = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + 1;
	if (!p->rng)
		p->rng = 1;
}

enum cfg_severity cfg_parser_worst(const struct cfg_parser *p)
{
	return p->worst;
}

enum cfg_severity cfg_parser_worst_run(const struct cfg_parser *p)
{
	return p->worst_run;
}

/* A parse starts from nothing: no definitions, no open blocks. */
static void parse_begin(struct cfg_parser *p)
{
	conf_dispatch_reset(p);
	conf_defs_clear(p->defs);
	conf_reader_free(&p->reader);
	p->reader = conf_reader_new(p, p->all_config);
	p->expanded_lines = 0;
	p->budget_reported = false;
}

static void parse_run(struct cfg_parser *p)
{
	struct conf_line l;

	while (conf_reader_next(p->reader, &l))
		conf_expand_line(p, l.text, l.file, l.line, 0);
	conf_dispatch_finish(p);
	p->cur_file = NULL;
	p->cur_line = 0;
	conf_reader_free(&p->reader);
}

int cfg_parse_file(struct cfg_parser *p, const char *path)
{
	int err;

	parse_begin(p);
	err = conf_reader_open_file(p->reader, path);
	if (err) {
		cfg_report_at(p, CFG_FATAL, conf_intern(p, path), 0,
			      "Could not open configuration file '%s': %s",
			      path, conf_reader_strerror(err));
		conf_reader_free(&p->reader);
		return err;
	}
	parse_run(p);
	return 0;
}

int cfg_parse_string(struct cfg_parser *p, const char *name,
		     const char *text)
{
	parse_begin(p);
	conf_reader_open_string(p->reader, name, text);
	parse_run(p);
	return 0;
}

/* Tables may refer to themselves (a block inside the same block); the
 * walk stops at a depth no real configuration reaches. */
#define WALK_DEPTH_MAX 16

struct walk {
	void (*fn)(const char *path, const struct cfg_keyword *kw, void *ctx);
	void *ctx;
};

static void walk_table(const struct walk *wk, const struct cfg_keyword *kw,
		       const char *prefix, unsigned depth)
{
	char *path;

	for (; kw && kw->name; kw++) {
		path = mem_asprintf("%s%s%s", prefix, *prefix ? "." : "",
				    kw->name);
		wk->fn(path, kw, wk->ctx);
		if (kw->block && kw->block->keywords && depth < WALK_DEPTH_MAX)
			walk_table(wk, kw->block->keywords, path, depth + 1);
		mem_free(&path);
	}
}

/* True when a top-level name was registered by an earlier table, which
 * is the one the parser uses. */
static bool shadowed(const struct cfg_parser *p, size_t reg,
		     const char *name)
{
	size_t i;

	for (i = 0; i < reg; i++)
		if (conf_find_keyword(p->regs[i].table, name))
			return true;
	return false;
}

void cfg_parser_each_keyword(const struct cfg_parser *p,
			     void (*fn)(const char *path,
					const struct cfg_keyword *kw,
					void *ctx),
			     void *ctx)
{
	const struct walk wk = { .fn = fn, .ctx = ctx };
	struct cfg_keyword one[2];
	const struct cfg_keyword *kw;
	size_t i;

	memset(one, 0, sizeof(one));
	for (i = 0; i < p->nregs; i++) {
		for (kw = p->regs[i].table; kw && kw->name; kw++) {
			if (shadowed(p, i, kw->name))
				continue;
			one[0] = *kw;
			walk_table(&wk, one, "", 0);
		}
	}
}
