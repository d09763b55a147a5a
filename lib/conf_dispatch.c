/*
 * conf_dispatch.c: words and braces to handlers.
 *
 * A line is a series of statements separated by unquoted braces. A block
 * keyword's '{' may be on its line or begin the next one, so a statement
 * that may take a block leaves a "pending" note that the next token
 * resolves: a '{' opens (or skips) the block, anything else ends the
 * statement without one. Everything the parser does not understand is
 * skipped with its braces counted, so one mistake gives one message.
 */
#include <string.h>

#include "conf_include.h"
#include "conf_limits.h"
#include "conf_parser.h"
#include "conf_reader.h"
#include "memory.h"

const struct cfg_keyword *conf_find_keyword(const struct cfg_keyword *table,
					    const char *name)
{
	for (; table && table->name; table++)
		if (!strcmp(table->name, name))
			return table;
	return NULL;
}

static void words_copy(struct cfg_words *dst, const struct cfg_words *src)
{
	bool *quoted = mem_calloc(src->count + 1, sizeof(bool));
	size_t i;

	dst->count = src->count;
	dst->words = mem_calloc(src->count + 1, sizeof(char *));
	for (i = 0; i < src->count; i++) {
		dst->words[i] = mem_strdup(src->words[i]);
		quoted[i] = src->quoted[i];
	}
	dst->quoted = quoted;
	dst->file = src->file;
	dst->line = src->line;
}

static void words_free(struct cfg_words *w)
{
	bool *quoted = (bool *)w->quoted;
	size_t i;

	for (i = 0; w->words && i < w->count; i++)
		mem_free(&w->words[i]);
	mem_free(&w->words);
	mem_free(&quoted);
	memset(w, 0, sizeof(*w));
}

static void set_place(struct cfg_parser *p, const char *file, unsigned line)
{
	p->cur_file = file;
	p->cur_line = line;
}

static void push_frame(struct cfg_parser *p, const struct conf_frame *f)
{
	if (p->nframes >= CONF_BLOCK_DEPTH_MAX) {
		cfg_report_at(p, CFG_ERROR, f->file, f->line,
			      "Blocks nested more than %d deep - skipping",
			      CONF_BLOCK_DEPTH_MAX);
		p->overflow++;
		return;
	}
	if (p->nframes == p->frames_cap) {
		p->frames_cap = p->frames_cap ? p->frames_cap * 2 : 16;
		p->frames = mem_reallocarray(p->frames, p->frames_cap,
					     sizeof(*p->frames));
	}
	p->frames[p->nframes++] = *f;
}

static void push_skip(struct cfg_parser *p, const char *file, unsigned line)
{
	struct conf_frame f = {
		.kind = CONF_FRAME_SKIP, .name = "{", .file = file,
		.line = line,
	};

	push_frame(p, &f);
}

static void open_block(struct cfg_parser *p, const struct cfg_keyword *kw,
		       const struct cfg_words *w, void *parent)
{
	const struct cfg_block *b = kw->block;
	struct conf_frame f = {
		.kind = CONF_FRAME_SKIP, .block = b, .name = kw->name,
		.obj = parent, .parent = parent, .file = w->file,
		.line = w->line,
	};

	set_place(p, w->file, w->line);
	if (b->open)
		f.obj = b->open(p, w, parent);
	if (!f.obj) {
		push_skip(p, w->file, w->line);
		return;
	}
	f.close_needed = true;
	if (b->keywords)
		f.kind = CONF_FRAME_KEYWORDS;
	else if (b->line)
		f.kind = CONF_FRAME_VALUES;
	push_frame(p, &f);
}

static void pending_clear(struct cfg_parser *p)
{
	words_free(&p->pending.words);
	memset(&p->pending, 0, sizeof(p->pending));
}

static void block_missing(struct cfg_parser *p, const struct cfg_keyword *kw,
			  const struct cfg_words *w, void *obj)
{
	if (kw->flags & CFG_KW_BLOCK_OPTIONAL) {
		set_place(p, w->file, w->line);
		if (kw->handler)
			kw->handler(p, w, obj);
		return;
	}
	cfg_report_at(p, CFG_ERROR, w->file, w->line,
		      "Missing '{' after block keyword '%s'", kw->name);
}

/* The next token has come: settles the previous statement. "brace" is
 * true when that token is a '{' (at file:line). */
static void resolve_pending(struct cfg_parser *p, bool brace,
			    const char *file, unsigned line)
{
	struct conf_pending *pd = &p->pending;

	switch (pd->kind) {
	case CONF_PEND_NONE:
		if (brace)
			cfg_report_at(p, CFG_ERROR, file, line,
				      "Unexpected '{' - skipping the block");
		break;
	case CONF_PEND_PLAIN:
		if (brace)
			cfg_report_at(p, CFG_ERROR, file, line,
				      "Unexpected '{' after '%s', which takes "
				      "no block - skipping the block",
				      pd->words.words[0]);
		break;
	case CONF_PEND_SKIP:
		break;
	case CONF_PEND_BLOCK:
		if (brace)
			open_block(p, pd->kw, &pd->words, pd->obj);
		else
			block_missing(p, pd->kw, &pd->words, pd->obj);
		break;
	}
	if (brace && pd->kind != CONF_PEND_BLOCK)
		push_skip(p, file, line);
	pending_clear(p);
}

static void set_pending(struct cfg_parser *p, enum conf_pending_kind kind,
			const struct cfg_keyword *kw,
			const struct cfg_words *w, void *obj)
{
	p->pending.kind = kind;
	p->pending.kw = kw;
	p->pending.obj = obj;
	if (kind == CONF_PEND_BLOCK) {
		words_copy(&p->pending.words, w);
	} else if (kind == CONF_PEND_PLAIN) {
		struct cfg_words first = *w;

		first.count = 1;
		words_copy(&p->pending.words, &first);
	}
}

static void handle_keyword(struct cfg_parser *p, const struct cfg_keyword *kw,
			   const struct cfg_words *w, void *obj)
{
	if (kw->flags & CFG_KW_UNSUPPORTED) {
		cfg_report(p, CFG_WARNING,
			   "Keyword '%s' is not supported yet - ignoring",
			   kw->name);
		set_pending(p, CONF_PEND_SKIP, kw, w, obj);
		return;
	}
	if (kw->flags & CFG_KW_DEPRECATED)
		cfg_report(p, CFG_WARNING, "Keyword '%s' is deprecated",
			   kw->name);
	if (kw->block) {
		set_pending(p, CONF_PEND_BLOCK, kw, w, obj);
		return;
	}
	if (kw->handler)
		kw->handler(p, w, obj);
	set_pending(p, CONF_PEND_PLAIN, kw, w, obj);
}

static void unknown(struct cfg_parser *p, const struct cfg_words *w)
{
	cfg_report(p, CFG_WARNING, "Unknown keyword '%s'", w->words[0]);
	set_pending(p, CONF_PEND_SKIP, NULL, w, NULL);
}

/* include_check is acted on by the parser itself, in any block: it
 * changes how the reader treats the following include lines. */
static void include_check(struct cfg_parser *p, const struct cfg_words *w)
{
	unsigned level;
	size_t bad;

	if (conf_include_check_parse(w->words + 1, w->count - 1,
				     conf_reader_checks(p->reader), &level,
				     &bad) < 0)
		cfg_report(p, CFG_ERROR, "include_check: unknown option '%s'",
			   w->words[bad + 1]);
	else
		conf_reader_set_checks(p->reader, level);
	set_pending(p, CONF_PEND_PLAIN, NULL, w, NULL);
}

static void top_statement(struct cfg_parser *p, const struct cfg_words *w)
{
	const struct cfg_keyword *kw = NULL;
	size_t i;

	for (i = 0; i < p->nregs && !kw; i++)
		kw = conf_find_keyword(p->regs[i].table, w->words[0]);
	if (!kw)
		unknown(p, w);
	else if (p->regs[i - 1].flags & CFG_REG_IGNORE)
		set_pending(p, CONF_PEND_SKIP, kw, w, NULL);
	else
		handle_keyword(p, kw, w, p->regs[i - 1].root);
}

static void statement(struct cfg_parser *p, const struct cfg_words *w)
{
	struct conf_frame *f;
	const struct cfg_keyword *kw;

	resolve_pending(p, false, w->file, w->line);
	if (p->overflow)
		return;
	set_place(p, w->file, w->line);
	if (!p->nframes) {
		top_statement(p, w);
		return;
	}
	f = &p->frames[p->nframes - 1];
	if (f->kind == CONF_FRAME_SKIP)
		return;
	if (f->kind == CONF_FRAME_VALUES) {
		f->block->line(p, w, f->obj);
		set_pending(p, CONF_PEND_PLAIN, NULL, w, NULL);
		return;
	}
	if (!strcmp(w->words[0], "include_check")) {
		include_check(p, w);
		return;
	}
	kw = conf_find_keyword(f->block->keywords, w->words[0]);
	if (kw)
		handle_keyword(p, kw, w, f->obj);
	else
		unknown(p, w);
}

static void open_brace(struct cfg_parser *p, const char *file,
		       unsigned line)
{
	const struct conf_frame *f = p->nframes ?
				     &p->frames[p->nframes - 1] : NULL;

	if (p->overflow) {
		pending_clear(p);
		p->overflow++;
	} else if (f && f->kind == CONF_FRAME_SKIP &&
		   p->pending.kind == CONF_PEND_NONE) {
		push_skip(p, file, line);
	} else {
		resolve_pending(p, true, file, line);
	}
}

static void close_frame(struct cfg_parser *p)
{
	struct conf_frame f = p->frames[--p->nframes];

	if (!f.close_needed || !f.block->close)
		return;
	/* a block's own checks are reported where it starts */
	set_place(p, f.file, f.line);
	f.block->close(p, f.obj, f.parent);
}

static void close_brace(struct cfg_parser *p, const char *file,
			unsigned line)
{
	resolve_pending(p, false, file, line);
	if (p->overflow) {
		p->overflow--;
		return;
	}
	if (!p->nframes) {
		cfg_report_at(p, CFG_ERROR, file, line, "Extra '}' found");
		return;
	}
	close_frame(p);
}

static void report_lex(struct cfg_parser *p, unsigned flags,
		       const char *text, const char *file, unsigned line)
{
	if (flags & CONF_LEX_UNTERMINATED)
		cfg_report_at(p, CFG_WARNING, file, line,
			      "Unterminated quote in '%s'", text);
	if (flags & CONF_LEX_NUL_DROPPED)
		cfg_report_at(p, CFG_WARNING, file, line,
			      "Escape making a NUL character ignored in '%s'",
			      text);
}

/* Hands the words gathered so far to statement(), and forgets them. */
static void flush(struct cfg_parser *p, struct cfg_words *w)
{
	if (w->count)
		statement(p, w);
	w->words += w->count;
	w->quoted += w->count;
	w->count = 0;
}

void conf_dispatch_line(struct cfg_parser *p, const char *text,
			const char *file, unsigned line)
{
	struct conf_toks t = { 0 };
	struct cfg_words w = { .file = file, .line = line };
	char **words;
	bool *quoted;
	size_t i, n = 0;

	report_lex(p, conf_lex(text, &t), text, file, line);
	words = mem_calloc(t.n + 1, sizeof(char *));
	quoted = mem_calloc(t.n + 1, sizeof(bool));
	w.words = words;
	w.quoted = quoted;
	for (i = 0; i < t.n; i++) {
		if (t.v[i].kind == CONF_TOK_WORD) {
			words[n] = t.v[i].text;
			quoted[n++] = t.v[i].quoted;
			w.count++;
			continue;
		}
		flush(p, &w);
		if (t.v[i].kind == CONF_TOK_OPEN)
			open_brace(p, file, line);
		else
			close_brace(p, file, line);
	}
	flush(p, &w);
	mem_free(&words);
	mem_free(&quoted);
	conf_toks_clear(&t);
}

void conf_dispatch_finish(struct cfg_parser *p)
{
	const struct conf_frame *f;

	resolve_pending(p, false, NULL, 0);
	if (p->overflow && p->nframes) {
		f = &p->frames[p->nframes - 1];
		cfg_report_at(p, CFG_ERROR, f->file, f->line,
			      "Missing '}' at end of configuration for %lu "
			      "blocks nested too deep", p->overflow);
	}
	p->overflow = 0;
	while (p->nframes) {
		f = &p->frames[p->nframes - 1];
		cfg_report_at(p, CFG_ERROR, f->file, f->line,
			      "Missing '}' at end of configuration: '%s' block "
			      "opened at %s:%u is not closed", f->name,
			      f->file, f->line);
		close_frame(p);
	}
}

void conf_dispatch_reset(struct cfg_parser *p)
{
	pending_clear(p);
	p->nframes = 0;
	p->overflow = 0;
}
