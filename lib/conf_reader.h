/*
 * conf_reader.h: the configuration as a stream of logical lines.
 *
 * The reader owns the stack of open files (the main file or string and
 * the files it includes), counts their lines, removes comments ('#' or
 * '!' outside quotes) and surrounding blanks, skips blank lines, joins a
 * multi-line "$NAME= \" definition into one logical line (its lines
 * separated by '\n'), and acts on include lines itself: include is seen
 * before conditional lines and parameter substitution, as keepalived.conf(5)
 * says.
 */
#ifndef KA_CONF_READER_H
#define KA_CONF_READER_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

struct cfg_parser;
struct conf_reader;

struct conf_line {
	const char *text;	/* valid until the next call */
	const char *file;	/* valid until the reader is freed */
	unsigned line;		/* of the first physical line */
};

/* all_config: -e, every include is checked as "includea". */
struct conf_reader *conf_reader_new(struct cfg_parser *p, bool all_config);
/* Closes every file still open. */
void conf_reader_free(struct conf_reader **r);

/* What conf_reader_open_file() returns for a device or a socket: only
 * regular files and FIFOs are read. */
#define CONF_ENOTFILE ENODEV

/* The reason for an error of conf_reader_open_file(), for a message. */
const char *conf_reader_strerror(int err);

/* The main file; returns 0 or a negative errno (not reported). */
int conf_reader_open_file(struct conf_reader *r, const char *path);
/* Text in memory, named "name"; includes relative to the current
 * directory. "text" must outlive the reading. */
void conf_reader_open_string(struct conf_reader *r, const char *name,
			     const char *text);

/* Stores the next logical line in *out: 1, or 0 at the end of input. */
int conf_reader_next(struct conf_reader *r, struct conf_line *out);

/* The include_check level of the file being read, and changing it (the
 * change lasts until that file ends; included files start with it). */
unsigned conf_reader_checks(const struct conf_reader *r);
void conf_reader_set_checks(struct conf_reader *r, unsigned checks);
/* Absolute directory of the file being read, for ${_PWD}. */
const char *conf_reader_pwd(const struct conf_reader *r);

#endif
