/*
 * conf_parser.h: the parser's state, shared by the files that make up the
 * parser (parser.c, conf_expand.c, conf_dispatch.c). Not for handlers:
 * they see only parser.h.
 */
#ifndef KA_CONF_PARSER_H
#define KA_CONF_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf_buf.h"
#include "conf_lex.h"
#include "parser.h"

struct conf_reader;
struct conf_defs;

struct conf_reg {
	const struct cfg_keyword *table;
	void *root;
	unsigned flags;		/* enum cfg_register_flags */
};

enum conf_frame_kind {
	CONF_FRAME_KEYWORDS,	/* lines are keywords of block->keywords */
	CONF_FRAME_VALUES,	/* lines go to block->line */
	CONF_FRAME_SKIP,	/* contents ignored, braces counted */
};

/* One open '{'. The top level is not a frame. */
struct conf_frame {
	enum conf_frame_kind kind;
	const struct cfg_block *block;
	const char *name;	/* the keyword that opened it */
	void *obj;
	void *parent;
	bool close_needed;	/* open() succeeded: call close() */
	const char *file;	/* where it was opened */
	unsigned line;
};

/* What a '{' at the start of the next token would belong to. */
enum conf_pending_kind {
	CONF_PEND_NONE,		/* a '{' here is unexpected */
	CONF_PEND_PLAIN,	/* after a keyword that takes no block */
	CONF_PEND_SKIP,		/* after an unknown, unsupported or ignored
				 * keyword: its block is skipped quietly */
	CONF_PEND_BLOCK,	/* after a block keyword */
};

struct conf_pending {
	enum conf_pending_kind kind;
	const struct cfg_keyword *kw;
	void *obj;		/* the enclosing object */
	struct cfg_words words;	/* deep copy, for CONF_PEND_BLOCK */
};

struct cfg_parser {
	cfg_diag_fn *diag;
	void *diag_ctx;
	bool all_config;
	char *config_id;
	enum cfg_severity worst;
	enum cfg_severity worst_run;	/* script security aside */

	struct conf_reg *regs;
	size_t nregs;

	/* File names handed to handlers stay valid until the parser is
	 * freed, so that objects can keep them for later messages. */
	char **names;
	size_t nnames;

	/* Where the line being handled comes from, for cfg_report(). */
	const char *cur_file;
	unsigned cur_line;

	/* State of one parse. */
	struct conf_reader *reader;
	struct conf_defs *defs;
	uint64_t rng;
	unsigned long expand_max;	/* CONF_EXPANDED_LINES_MAX; tests
					 * and fuzzers may lower it */
	unsigned long expanded_lines;
	bool budget_reported;
	bool depth_reported;		/* once per logical line */
	struct conf_frame *frames;
	size_t nframes;
	size_t frames_cap;
	unsigned long overflow;	/* '{' beyond CONF_BLOCK_DEPTH_MAX */
	struct conf_pending pending;
};

/* A copy of s that lives as long as the parser. */
const char *conf_intern(struct cfg_parser *p, const char *s);

/* Processes one logical line: conditions, definitions, ~SEQ/~LST,
 * substitution, then dispatch. */
void conf_expand_line(struct cfg_parser *p, const char *text,
		      const char *file, unsigned line, unsigned depth);

/* Splits a final line into words and braces and acts on them. */
void conf_dispatch_line(struct cfg_parser *p, const char *text,
			const char *file, unsigned line);
/* End of input: a pending block keyword, unclosed blocks. */
void conf_dispatch_finish(struct cfg_parser *p);
/* Forgets the state of a parse (frames, pending). */
void conf_dispatch_reset(struct cfg_parser *p);

/* Searches a NULL-terminated keyword table. */
const struct cfg_keyword *conf_find_keyword(const struct cfg_keyword *table,
					    const char *name);

#endif
