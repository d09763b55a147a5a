/*
 * conf_reader.c: files, the include stack and logical lines.
 *
 * An include line's files are pushed in reverse order and opened only
 * when they reach the top, so the files opened at any time are exactly
 * the chain of includers, which is what cycle detection compares with.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf_buf.h"
#include "conf_include.h"
#include "conf_limits.h"
#include "conf_parser.h"
#include "conf_reader.h"
#include "conf_subst.h"
#include "memory.h"
#include "parser.h"

struct source {
	const char *name;	/* interned by the parser */
	char *dir;		/* for relative includes */
	char *pwd;		/* absolute dir, for ${_PWD} */
	FILE *fp;
	const char *text;	/* a string source: what is left */
	bool opened;
	unsigned checks;	/* include_check level while reading it */
	unsigned open_checks;	/* checks of the include that named it */
	const char *from_file;	/* the include line, for messages */
	unsigned from_line;
	dev_t dev;
	ino_t ino;
	unsigned line;
};

struct conf_reader {
	struct cfg_parser *p;
	bool all_config;
	struct source *v;
	size_t n;
	size_t cap;
	unsigned files_opened;
	char *phys;		/* getline buffer */
	size_t phys_cap;
	struct conf_buf cur;	/* the physical line being looked at */
	struct conf_buf logical;
};

struct conf_reader *conf_reader_new(struct cfg_parser *p, bool all_config)
{
	struct conf_reader *r = mem_new(struct conf_reader);

	r->p = p;
	r->all_config = all_config;
	return r;
}

static void source_close(struct source *s)
{
	if (s->fp)
		fclose(s->fp);
	mem_free(&s->dir);
	mem_free(&s->pwd);
	memset(s, 0, sizeof(*s));
}

static void pop(struct conf_reader *r)
{
	source_close(&r->v[--r->n]);
}

void conf_reader_free(struct conf_reader **r)
{
	if (!r || !*r)
		return;
	while ((*r)->n)
		pop(*r);
	mem_free(&(*r)->v);
	/* getline's buffer comes from malloc, not from memory.c */
	free((*r)->phys);
	conf_buf_clear(&(*r)->cur);
	conf_buf_clear(&(*r)->logical);
	mem_free(r);
}

static struct source *push(struct conf_reader *r, const char *name)
{
	struct source *s;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->v = mem_reallocarray(r->v, r->cap, sizeof(*r->v));
	}
	s = &r->v[r->n++];
	memset(s, 0, sizeof(*s));
	s->name = conf_intern(r->p, name);
	return s;
}

static struct source *top(const struct conf_reader *r)
{
	return r->n ? &r->v[r->n - 1] : NULL;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return mem_strdup(".");
	if (slash == path)
		return mem_strdup("/");
	return mem_strndup(path, (size_t)(slash - path));
}

static char *absolute(const char *dir)
{
	char buf[PATH_MAX];

	if (realpath(dir, buf))
		return mem_strdup(buf);
	return mem_strdup(dir);
}

/*
 * A device or a socket is never configuration: /dev/zero would feed an
 * endless line, a terminal or a socket would block the parse. A FIFO is
 * allowed (-f <(generator)), opened without blocking so that one with no
 * writer reads as empty instead of hanging the open.
 */
static int open_config(const char *path, FILE **out, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	int err;

	if (fd < 0)
		return -errno;
	if (fstat(fd, st) < 0)
		goto fail;
	if (S_ISDIR(st->st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (!S_ISREG(st->st_mode) && !S_ISFIFO(st->st_mode)) {
		errno = CONF_ENOTFILE;
		goto fail;
	}
	if (fcntl(fd, F_SETFL, 0) < 0)
		goto fail;
	*out = fdopen(fd, "r");
	if (*out)
		return 0;
fail:
	err = errno;
	close(fd);
	return -err;
}

const char *conf_reader_strerror(int err)
{
	if (err == -CONF_ENOTFILE)
		return "not a regular file";
	return strerror(-err);
}

/* Opens s->name; returns 0 or a negative errno. */
static int source_open(struct conf_reader *r, struct source *s)
{
	struct stat st;
	size_t i;
	int err;

	s->opened = true;
	err = open_config(s->name, &s->fp, &st);
	if (err)
		return err;
	for (i = 0; i + 1 < r->n; i++)
		if (r->v[i].opened && r->v[i].dev == st.st_dev &&
		    r->v[i].ino == st.st_ino)
			return -ELOOP;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	s->dir = dir_of(s->name);
	s->pwd = absolute(s->dir);
	r->files_opened++;
	return 0;
}

int conf_reader_open_file(struct conf_reader *r, const char *path)
{
	struct source *s = push(r, path);
	int err = source_open(r, s);

	if (err)
		pop(r);
	return err;
}

void conf_reader_open_string(struct conf_reader *r, const char *name,
			     const char *text)
{
	struct source *s = push(r, name);
	char buf[PATH_MAX];

	s->opened = true;
	s->text = text;
	s->dir = mem_strdup(".");
	s->pwd = mem_strdup(getcwd(buf, sizeof(buf)) ? buf : ".");
}

unsigned conf_reader_checks(const struct conf_reader *r)
{
	return r->n ? top(r)->checks : 0;
}

void conf_reader_set_checks(struct conf_reader *r, unsigned checks)
{
	if (r->n)
		top(r)->checks = checks;
}

const char *conf_reader_pwd(const struct conf_reader *r)
{
	return r->n ? top(r)->pwd : ".";
}

/* Reads one raw line of a string source into r->cur; false at its end. */
static bool raw_string_line(struct conf_reader *r, struct source *s,
			    size_t *len)
{
	const char *nl;

	if (!*s->text)
		return false;
	nl = strchr(s->text, '\n');
	*len = nl ? (size_t)(nl - s->text) : strlen(s->text);
	conf_buf_reset(&r->cur);
	conf_buf_add(&r->cur, s->text, *len < CONF_LINE_MAX ? *len :
		     CONF_LINE_MAX);
	s->text += *len + (nl != NULL);
	return true;
}

/* Same for a file, keeping at most CONF_LINE_MAX bytes of it. */
static bool raw_file_line(struct conf_reader *r, struct source *s,
			  size_t *len)
{
	int c;

	conf_buf_reset(&r->cur);
	*len = 0;
	while ((c = getc_unlocked(s->fp)) != EOF && c != '\n') {
		if (*len < CONF_LINE_MAX)
			conf_buf_addc(&r->cur, (char)c);
		(*len)++;
	}
	return c != EOF || *len;
}

/* Removes a comment ('#' or '!' outside quotes) and surrounding blanks. */
static void strip_line(struct conf_buf *b)
{
	const char *s = conf_buf_str(b);
	size_t i, start = 0, end;
	char q = 0;

	if (!b->s)
		return;
	for (i = 0; i < b->len; i++) {
		if (q && s[i] == '\\' && i + 1 < b->len)
			i++;
		else if (q && s[i] == q)
			q = 0;
		else if (!q && (s[i] == '#' || s[i] == '!'))
			break;
		else if (!q && (s[i] == '"' || s[i] == '\''))
			q = s[i];
	}
	end = i;
	while (end > 0 && strchr(" \t\r\n\v\f", s[end - 1]))
		end--;
	while (start < end && (s[start] == ' ' || s[start] == '\t'))
		start++;
	memmove(b->s, s + start, end - start);
	b->len = end - start;
	b->s[b->len] = '\0';
}

/* The next physical line of s into r->cur, stripped; false at its end. */
static bool read_physical(struct conf_reader *r, struct source *s)
{
	size_t len;
	bool got = s->fp ? raw_file_line(r, s, &len) :
			   raw_string_line(r, s, &len);

	if (!got)
		return false;
	s->line++;
	if (len > CONF_LINE_MAX) {
		cfg_report_at(r->p, CFG_ERROR, s->name, s->line,
			      "Line longer than %d bytes - ignoring",
			      CONF_LINE_MAX);
		conf_buf_reset(&r->cur);
		return true;
	}
	if (r->cur.len && strlen(r->cur.s) != r->cur.len) {
		cfg_report_at(r->p, CFG_WARNING, s->name, s->line,
			      "NUL character in line - ignoring the rest of "
			      "the line");
		r->cur.len = strlen(r->cur.s);
	}
	strip_line(&r->cur);
	return true;
}

/* "include..." lines: the checks the keyword adds and its argument. */
static bool is_include(const char *text, int *checks, const char **arg)
{
	size_t len = strcspn(text, " \t");

	*checks = conf_include_keyword(text, len);
	if (*checks < 0)
		return false;
	text += len;
	while (*text == ' ' || *text == '\t')
		text++;
	*arg = text;
	return true;
}

/* The pattern without the quotes around it, if any. */
static char *unquote(const char *arg)
{
	size_t len = strlen(arg);

	if (len >= 2 && (*arg == '"' || *arg == '\'') && arg[len - 1] == *arg)
		return mem_strndup(arg + 1, len - 2);
	return mem_strdup(arg);
}

static void do_include(struct conf_reader *r, int variant, const char *arg)
{
	struct source *s = top(r);
	const char *from = s->name;
	unsigned line = s->line, inherit = s->checks, checks;
	char *pattern = unquote(arg), *dir = mem_strdup(s->dir);
	char **paths;
	size_t n, i;

	if (!*pattern) {
		cfg_report_at(r->p, CFG_ERROR, from, line,
			      "include: missing file name");
		mem_free(&pattern);
		mem_free(&dir);
		return;
	}
	checks = inherit | (unsigned)variant;
	if (r->all_config)
		checks = CONF_INC_ALL;
	checks = conf_include_effective(checks);
	conf_include_expand(r->p, dir, pattern, checks, from, line, &paths, &n);
	for (i = n; i-- > 0;) {
		s = push(r, paths[i]);
		s->checks = inherit;
		s->open_checks = checks;
		s->from_file = from;
		s->from_line = line;
		mem_free(&paths[i]);
	}
	mem_free(&paths);
	mem_free(&pattern);
	mem_free(&dir);
}

static unsigned open_depth(const struct conf_reader *r)
{
	unsigned d = 0;
	size_t i;

	for (i = 0; i < r->n; i++)
		d += r->v[i].opened;
	return d;
}

/* Opens an included file that reached the top; false if it cannot be. */
static bool open_included(struct conf_reader *r, struct source *s)
{
	enum cfg_severity sev = s->open_checks & CONF_INC_READABLE ?
				CFG_ERROR : CFG_NOTE;
	int err;

	if (open_depth(r) >= CONF_INCLUDE_DEPTH_MAX) {
		cfg_report_at(r->p, CFG_ERROR, s->from_file, s->from_line,
			      "Includes nested more than %d deep - not "
			      "reading '%s'", CONF_INCLUDE_DEPTH_MAX, s->name);
		return false;
	}
	if (r->files_opened >= CONF_INCLUDE_FILES_MAX) {
		cfg_report_at(r->p, CFG_ERROR, s->from_file, s->from_line,
			      "More than %d included files - not reading "
			      "'%s'", CONF_INCLUDE_FILES_MAX, s->name);
		return false;
	}
	err = source_open(r, s);
	if (err == -ELOOP)
		cfg_report_at(r->p, CFG_ERROR, s->from_file, s->from_line,
			      "Include cycle: '%s' is already being read - "
			      "skipping", s->name);
	else if (err)
		cfg_report_at(r->p, sev, s->from_file, s->from_line,
			      "Could not open configuration file '%s': %s",
			      s->name, conf_reader_strerror(err));
	return !err;
}

/* A "[@id ]$NAME= \" line, which starts a multi-line definition. */
static bool starts_multi_def(const char *text)
{
	const char *name, *value;
	size_t len;

	if (*text == '@') {
		text += strcspn(text, " \t");
		text += strspn(text, " \t");
	}
	return conf_subst_parse_def(text, &name, &len, &value) &&
	       !strcmp(value, "\\");
}

/* Drops the trailing '\' (and the blanks before it); true if there was. */
static bool drop_continuation(struct conf_buf *b)
{
	if (!b->len || b->s[b->len - 1] != '\\')
		return false;
	b->len--;
	while (b->len && (b->s[b->len - 1] == ' ' || b->s[b->len - 1] == '\t'))
		b->len--;
	b->s[b->len] = '\0';
	return true;
}

/*
 * Joins the following lines of a multi-line definition to r->logical.
 * Blank and comment lines do not end it (the man page's examples have
 * blank lines inside definitions); a line without a trailing '\' does.
 */
static void join_definition(struct conf_reader *r, struct source *s,
			    unsigned first)
{
	bool too_long = false, more = true;

	drop_continuation(&r->logical);
	while (more && read_physical(r, s)) {
		if (!r->cur.len)
			continue;
		more = drop_continuation(&r->cur);
		if (r->logical.len + r->cur.len + 1 > CONF_LINE_MAX)
			too_long = true;
		if (too_long)
			continue;
		conf_buf_addc(&r->logical, '\n');
		conf_buf_add(&r->logical, r->cur.s, r->cur.len);
	}
	if (!too_long)
		return;
	cfg_report_at(r->p, CFG_ERROR, s->name, first,
		      "Definition longer than %d bytes - ignoring",
		      CONF_LINE_MAX);
	conf_buf_reset(&r->logical);
}

int conf_reader_next(struct conf_reader *r, struct conf_line *out)
{
	struct source *s;
	const char *arg;
	int variant;

	while ((s = top(r))) {
		if (!s->opened && !open_included(r, s)) {
			pop(r);
			continue;
		}
		if (!read_physical(r, s)) {
			pop(r);
			continue;
		}
		if (!r->cur.len)
			continue;
		if (is_include(r->cur.s, &variant, &arg)) {
			do_include(r, variant, arg);
			continue;
		}
		conf_buf_reset(&r->logical);
		conf_buf_add(&r->logical, r->cur.s, r->cur.len);
		out->line = s->line;
		out->file = s->name;
		if (starts_multi_def(r->logical.s))
			join_definition(r, s, out->line);
		if (!r->logical.len)
			continue;
		out->text = r->logical.s;
		return 1;
	}
	return 0;
}
