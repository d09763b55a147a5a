/*
 * parser.h: the keepalived.conf reader and keyword dispatcher.
 *
 * The parser knows the grammar (blocks, comments, quoting, include,
 * conditional lines, $PARAMETER substitution, ~SEQ and ~LST blocks) and
 * nothing about VRRP or IPVS. Each subsystem hands it static tables of
 * keywords with small handlers; handlers write into the object the parser
 * passes them, never into a global "current" object.
 *
 * Diagnostics are never printed here: they are passed, with the file and
 * line they concern, to the callback given at creation, and the parser
 * remembers the worst severity seen so that "keepalived -t" can choose its
 * exit status.
 */
#ifndef KA_PARSER_H
#define KA_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cfg_parser;

/*
 * Ordered: a higher value is worse. CFG_NOTE never affects the verdict.
 * CFG_WARNING and CFG_ERROR both make "keepalived -t" fail (keepalived
 * treats an unknown keyword as a configuration error too); CFG_FATAL means
 * the configuration cannot be run at all; CFG_SECURITY is the script
 * security violation, which keepalived reports with its own exit status.
 */
enum cfg_severity {
	CFG_OK = 0,
	CFG_NOTE,
	CFG_WARNING,
	CFG_ERROR,
	CFG_FATAL,
	CFG_SECURITY,
};

struct cfg_diag {
	enum cfg_severity severity;
	const char *file;	/* NULL when not tied to a file */
	unsigned line;		/* 0 when not tied to a line */
	const char *message;	/* without file or line */
};

typedef void cfg_diag_fn(const struct cfg_diag *diag, void *ctx);

/*
 * One logical line after preprocessing, split into words. words[0] is the
 * keyword. Quotes have been removed and escapes resolved; a word that was
 * quoted is marked in "quoted" so that a quoted "{" is not a brace.
 * Owned by the parser and valid only during the handler call.
 */
struct cfg_words {
	size_t count;
	char **words;
	const bool *quoted;
	const char *file;
	unsigned line;
};

/*
 * A plain keyword's handler, or the per-line handler of a value block (a
 * block such as virtual_ipaddress whose lines are values, not keywords).
 * "obj" is the object of the enclosing block (or the root object given at
 * registration). Returns 0, or a negative errno after reporting why with
 * cfg_report(); a failing handler never stops the parse.
 */
typedef int cfg_handler(struct cfg_parser *p, const struct cfg_words *w,
			void *obj);

/*
 * Called on the line that opens a block ("vrrp_instance VI_1 {"). Returns
 * the object that the block's keywords write into: a new object, or
 * "parent" itself. Returning NULL (after reporting why) skips the block's
 * contents, braces still counted.
 */
typedef void *cfg_block_open(struct cfg_parser *p, const struct cfg_words *w,
			     void *parent);

/*
 * Called at the closing brace, with the object open() returned. This is
 * where a block checks itself is complete; returns 0 or a negative errno.
 */
typedef int cfg_block_close(struct cfg_parser *p, void *obj, void *parent);

enum cfg_keyword_flags {
	CFG_KW_DEPRECATED = 1 << 0,	/* accepted, with a warning */
	CFG_KW_UNSUPPORTED = 1 << 1,	/* a keepalived keyword we do not
					 * implement yet: warned as such, its
					 * block (if any) skipped */
	CFG_KW_BLOCK_OPTIONAL = 1 << 2,	/* may be used with or without a
					 * block */
};

struct cfg_block;

struct cfg_keyword {
	const char *name;
	cfg_handler *handler;		/* plain keyword; NULL for a block */
	const struct cfg_block *block;	/* non-NULL: the keyword opens it */
	unsigned flags;			/* enum cfg_keyword_flags */
};

struct cfg_block {
	const char *name;			/* for messages */
	const struct cfg_keyword *keywords;	/* ends with a NULL name;
						 * NULL for a value block */
	cfg_handler *line;		/* value block: called for each line */
	cfg_block_open *open;		/* NULL: children write into parent */
	cfg_block_close *close;		/* may be NULL */
};

struct cfg_parser_opts {
	/* -i: the config-id matched by "@id" lines; NULL means the node
	 * name up to its first '.' */
	const char *config_id;
	/* -e: every include must find readable files (as "includea") */
	bool all_config;
	cfg_diag_fn *diag;
	void *diag_ctx;
};

/* Returns NULL only if memory is exhausted. The caller frees. */
struct cfg_parser *cfg_parser_new(const struct cfg_parser_opts *opts);
/* Frees the parser and sets *p to NULL; accepts NULL and *p == NULL. */
void cfg_parser_free(struct cfg_parser **p);

enum cfg_register_flags {
	/* Keywords known but not acted on in this process (the VRRP child
	 * skips virtual_server blocks): skipped silently. */
	CFG_REG_IGNORE = 1 << 0,
};

/*
 * Adds a table of top-level keywords, ending with a NULL name, whose
 * handlers receive "root". The table must outlive the parser. A name
 * already registered keeps its first registration.
 * Returns 0 or -ENOMEM.
 */
int cfg_parser_register(struct cfg_parser *p, const struct cfg_keyword *kw,
			void *root, unsigned flags);

/*
 * Parses a whole configuration. Returns 0 when the file could be read
 * (whatever its diagnostics say), or a negative errno if the main file
 * could not be opened, which has also been reported as CFG_FATAL.
 */
int cfg_parse_file(struct cfg_parser *p, const char *path);

/* Same, from memory; "name" stands for the file name in diagnostics and
 * includes are relative to the current directory. For tests and fuzzing. */
int cfg_parse_string(struct cfg_parser *p, const char *name,
		     const char *text);

/*
 * Seeds the generator behind ${_RANDOM} (global_defs random_seed): the
 * values it gives from then on are the same on every run with the same
 * seed. Without it the seed comes from the time and the pid.
 */
void cfg_parser_set_random_seed(struct cfg_parser *p, unsigned long seed);

/* The worst severity reported so far by the parser or the handlers. */
enum cfg_severity cfg_parser_worst(const struct cfg_parser *p);
/* The same leaving out CFG_SECURITY: keepalived logs a script security
 * violation and runs anyway, so only "-t" fails on one. */
enum cfg_severity cfg_parser_worst_run(const struct cfg_parser *p);

/*
 * Reports a diagnostic at the line being handled (file and line are
 * filled in by the parser). Handlers use this rather than logging.
 */
void cfg_report(struct cfg_parser *p, enum cfg_severity sev,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Same, at an explicit place (used for checks made after the parse). */
void cfg_report_at(struct cfg_parser *p, enum cfg_severity sev,
		   const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/*
 * Bounded readers for handlers. Each reads word "i" of "w", reports a
 * diagnostic naming the keyword and the bad value if it is missing or out
 * of range, and returns 0 or -EINVAL; "*out" is left untouched on failure.
 *
 * cfg_want_args() counts the words after the keyword: fewer than "min" is
 * an error; more than "max" is only a note ("ignoring extra argument"),
 * since keepalived ignores them and "-t" must give the same verdict.
 */
int cfg_want_args(struct cfg_parser *p, const struct cfg_words *w,
		  size_t min, size_t max);
int cfg_get_uint(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		 unsigned long min, unsigned long max, unsigned long *out);
int cfg_get_int(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		long min, long max, long *out);
/* on|off|true|false|yes|no; a missing word means true, as keepalived. */
int cfg_get_bool(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		 bool *out);
/* <TIMER>: seconds with an optional fraction, stored in microseconds. */
int cfg_get_timer_us(struct cfg_parser *p, const struct cfg_words *w,
		     size_t i, uint64_t min_us, uint64_t max_us,
		     uint64_t *out);
/* Duplicates the word into *out, freeing what *out held. */
int cfg_get_string(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		   char **out);
/* Joins words i..count-1 with single spaces (a script and its args). */
int cfg_get_rest(struct cfg_parser *p, const struct cfg_words *w, size_t i,
		 char **out);

/*
 * Calls fn for every registered keyword with its path, e.g.
 * "global_defs.router_id", top-level tables first, depth first. For the
 * documentation cross-check and "--debug=K".
 */
void cfg_parser_each_keyword(const struct cfg_parser *p,
			     void (*fn)(const char *path,
					const struct cfg_keyword *kw,
					void *ctx),
			     void *ctx);

#endif
