/*
 * test_parser_tree.c: see test_parser_tree.h.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conf_buf.h"
#include "memory.h"
#include "test_parser_tree.h"

struct obj {
	char *name;
};

static struct cfg_parser *parser;
static struct conf_buf log_buf, diag_buf, filtered;
static struct obj root = { .name = "root" };

static void log_words(const char *who, const struct cfg_words *w)
{
	size_t i;

	conf_buf_adds(&log_buf, who);
	conf_buf_adds(&log_buf, ":");
	for (i = 0; i < w->count; i++) {
		conf_buf_adds(&log_buf, i ? "|" : " ");
		if (w->quoted[i])
			conf_buf_addc(&log_buf, '<');
		conf_buf_adds(&log_buf, w->words[i]);
		if (w->quoted[i])
			conf_buf_addc(&log_buf, '>');
	}
	conf_buf_addc(&log_buf, '\n');
}

static int rec(struct cfg_parser *p, const struct cfg_words *w, void *obj)
{
	(void)p;
	log_words(((struct obj *)obj)->name, w);
	return 0;
}

static int vip(struct cfg_parser *p, const struct cfg_words *w, void *obj)
{
	(void)p;
	(void)obj;
	log_words("value", w);
	return 0;
}

static void __attribute__((format(printf, 1, 2)))
logf_line(const char *fmt, ...)
{
	char *line;
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	line = mem_zalloc((size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(line, (size_t)len + 1, fmt, ap);
	va_end(ap);
	conf_buf_adds(&log_buf, line);
	mem_free(&line);
}

static int priority(struct cfg_parser *p, const struct cfg_words *w,
		    void *obj)
{
	unsigned long v = 7;
	int rc = cfg_get_uint(p, w, 1, 1, 255, &v);

	(void)obj;
	logf_line("%s = %lu\n", w->words[0], v);
	return rc;
}

static int weight(struct cfg_parser *p, const struct cfg_words *w, void *obj)
{
	long v = 7;
	int rc = cfg_get_int(p, w, 1, -254, 254, &v);

	(void)obj;
	logf_line("%s = %ld\n", w->words[0], v);
	return rc;
}

static int advert(struct cfg_parser *p, const struct cfg_words *w, void *obj)
{
	uint64_t v = 7;
	int rc = cfg_get_timer_us(p, w, 1, 1000, 255000000, &v);

	(void)obj;
	logf_line("%s = %" PRIu64 " us\n", w->words[0], v);
	return rc;
}

static int boolean(struct cfg_parser *p, const struct cfg_words *w,
		   void *obj)
{
	bool v = false;
	int rc = cfg_get_bool(p, w, 1, &v);

	(void)obj;
	logf_line("%s = %d\n", w->words[0], rc ? 7 : (int)v);
	return rc;
}

static int rest(struct cfg_parser *p, const struct cfg_words *w, void *obj)
{
	char *s = mem_strdup("old");
	int rc = cfg_get_rest(p, w, 1, &s);

	(void)obj;
	logf_line("%s = [%s]\n", w->words[0], s);
	mem_free(&s);
	return rc;
}

static int string(struct cfg_parser *p, const struct cfg_words *w, void *obj)
{
	char *s = NULL;
	int rc = cfg_get_string(p, w, 1, &s);

	(void)obj;
	logf_line("%s = [%s]\n", w->words[0], s ? s : "(null)");
	mem_free(&s);
	return rc;
}

static int args(struct cfg_parser *p, const struct cfg_words *w, void *obj)
{
	int rc = cfg_want_args(p, w, 1, 2);

	(void)obj;
	logf_line("%s ok = %d\n", w->words[0], rc == 0);
	return rc;
}

static void *vi_open(struct cfg_parser *p, const struct cfg_words *w,
		     void *parent)
{
	struct obj *o;

	(void)parent;
	if (w->count < 2) {
		cfg_report(p, CFG_ERROR, "vrrp_instance: missing name");
		return NULL;
	}
	o = mem_new(struct obj);
	o->name = mem_asprintf("vi %s", w->words[1]);
	logf_line("open %s\n", o->name);
	return o;
}

static int vi_close(struct cfg_parser *p, void *obj, void *parent)
{
	struct obj *o = obj;

	(void)p;
	(void)parent;
	logf_line("close %s\n", o->name);
	mem_free(&o->name);
	mem_free(&o);
	return 0;
}

static void *refuse(struct cfg_parser *p, const struct cfg_words *w,
		    void *parent)
{
	(void)p;
	(void)parent;
	log_words("refused", w);
	return NULL;
}

static const struct cfg_block values = { .name = "values", .line = vip };

static const struct cfg_keyword level2_kw[] = {
	{ "leaf", rec, NULL, 0 },
	{ NULL, NULL, NULL, 0 },
};
static const struct cfg_block level2 = { "level2", level2_kw, NULL, NULL,
					 NULL };
static const struct cfg_keyword level1_kw[] = {
	{ "leaf", rec, NULL, 0 },
	{ "level2", NULL, &level2, 0 },
	{ NULL, NULL, NULL, 0 },
};
static const struct cfg_block level1 = { "level1", level1_kw, NULL, NULL,
					 NULL };
static const struct cfg_block unsupported_block = { "u", NULL, NULL, NULL,
						    NULL };

static const struct cfg_keyword global_kw[] = {
	{ "router_id", rec, NULL, 0 },
	{ "deprecated_kw", rec, NULL, CFG_KW_DEPRECATED },
	{ "unsupported_kw", rec, &unsupported_block,
	  CFG_KW_UNSUPPORTED | CFG_KW_BLOCK_OPTIONAL },
	{ "notification_email", NULL, &values, 0 },
	{ "level1", NULL, &level1, 0 },
	{ "optional", rec, &level2, CFG_KW_BLOCK_OPTIONAL },
	{ NULL, NULL, NULL, 0 },
};
static const struct cfg_block global = { "global_defs", global_kw, NULL,
					 NULL, NULL };

static const struct cfg_block track = { "track", NULL, vip, refuse, NULL };

static const struct cfg_keyword vi_kw[] = {
	{ "priority", priority, NULL, 0 },
	{ "advert_int", advert, NULL, 0 },
	{ "nopreempt", boolean, NULL, 0 },
	{ "weight", weight, NULL, 0 },
	{ "script", rest, NULL, 0 },
	{ "name", string, NULL, 0 },
	{ "args", args, NULL, 0 },
	{ "virtual_ipaddress", NULL, &values, 0 },
	{ "track", NULL, &track, 0 },
	{ NULL, NULL, NULL, 0 },
};
static const struct cfg_block vi = { "vrrp_instance", vi_kw, NULL, vi_open,
				     vi_close };

static const struct cfg_keyword top_kw[] = {
	{ "global_defs", NULL, &global, 0 },
	{ "vrrp_instance", NULL, &vi, 0 },
	{ "plain_top", rec, NULL, 0 },
	{ NULL, NULL, NULL, 0 },
};

static const struct cfg_block vs = { "virtual_server", NULL, vip, NULL,
				     NULL };
static const struct cfg_keyword ignored_kw[] = {
	{ "virtual_server", NULL, &vs, 0 },
	{ "plain_top", NULL, NULL, 0 },	/* shadowed by top_kw */
	{ NULL, NULL, NULL, 0 },
};

static void diag(const struct cfg_diag *d, void *ctx)
{
	static const char sev[] = "-NWEFS";
	char head[600];

	(void)ctx;
	snprintf(head, sizeof(head), "%c %s:%u: ", sev[d->severity],
		 d->file ? d->file : "-", d->line);
	conf_buf_adds(&diag_buf, head);
	conf_buf_adds(&diag_buf, d->message);
	conf_buf_addc(&diag_buf, '\n');
}

void tp_setup(const char *config_id, bool all_config)
{
	struct cfg_parser_opts o = {
		.config_id = config_id,
		.all_config = all_config,
		.diag = diag,
	};

	parser = cfg_parser_new(&o);
	cfg_parser_register(parser, top_kw, &root, 0);
	cfg_parser_register(parser, ignored_kw, NULL, CFG_REG_IGNORE);
}

void tp_teardown(void)
{
	cfg_parser_free(&parser);
	conf_buf_clear(&log_buf);
	conf_buf_clear(&diag_buf);
	conf_buf_clear(&filtered);
}

struct cfg_parser *tp_parser(void)
{
	return parser;
}

int tp_parse(const char *text)
{
	conf_buf_reset(&log_buf);
	conf_buf_reset(&diag_buf);
	return cfg_parse_string(parser, "test.conf", text);
}

int tp_parse_file(const char *path)
{
	conf_buf_reset(&log_buf);
	conf_buf_reset(&diag_buf);
	return cfg_parse_file(parser, path);
}

const char *tp_log(void)
{
	return conf_buf_str(&log_buf);
}

const char *tp_diags(void)
{
	return conf_buf_str(&diag_buf);
}

const char *tp_log_lines(const char *prefix)
{
	const char *s = conf_buf_str(&log_buf), *nl;
	size_t n = strlen(prefix);

	conf_buf_reset(&filtered);
	for (; *s; s = nl + 1) {
		nl = strchr(s, '\n');
		if (!strncmp(s, prefix, n))
			conf_buf_add(&filtered, s, (size_t)(nl - s) + 1);
	}
	return conf_buf_str(&filtered);
}
