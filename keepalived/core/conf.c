/*
 * conf.c: one configuration read, from parser to validated data.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_parser.h"
#include "conf.h"
#include "global_parser.h"
#include "memory.h"
#include "static_parser.h"
#include "vrrp_parser.h"

static struct cfg_parser *new_parser(const struct conf_load_opts *o,
				     struct global_data *gd,
				     struct static_data *sd)
{
	struct cfg_parser_opts po = {
		.config_id = o->config_id,
		.all_config = o->all_config,
		.diag = o->diag,
		.diag_ctx = o->diag_ctx,
	};
	struct cfg_parser *p = cfg_parser_new(&po);

	if (!p)
		return NULL;
	if (global_parser_register(p, gd) < 0 ||
	    vrrp_parser_register(p, gd) < 0 ||
	    check_parser_register(p, gd) < 0 ||
	    static_parser_register(p, sd) < 0)
		cfg_parser_free(&p);
	return p;
}

typedef int parse_fn(struct cfg_parser *p, const char *a, const char *b);

static int parse_path(struct cfg_parser *p, const char *path,
		      const char *unused)
{
	(void)unused;
	return cfg_parse_file(p, path);
}

static int parse_text(struct cfg_parser *p, const char *name,
		      const char *text)
{
	return cfg_parse_string(p, name, text);
}

static int load(parse_fn *parse, const char *a, const char *b,
		const struct conf_load_opts *o, struct ka_conf **out)
{
	struct global_data *gd = global_data_new();
	struct static_data *sd = static_data_new();
	struct config_check_env sys;
	struct cfg_parser *p = new_parser(o, gd, sd);
	struct ka_conf *c;
	int r;

	if (!p) {
		global_data_free(&gd);
		static_data_free(&sd);
		return -ENOMEM;
	}
	r = parse(p, a, b);
	if (r < 0) {
		cfg_parser_free(&p);
		global_data_free(&gd);
		static_data_free(&sd);
		return r;
	}
	if (!o->env)
		config_check_env_system(&sys);
	config_check(p, gd, o->env ? o->env : &sys);
	c = mem_new(struct ka_conf);
	c->global = gd;
	c->statics = sd;
	c->worst = cfg_parser_worst(p);
	cfg_parser_free(&p);
	*out = c;
	return 0;
}

int conf_load_file(const char *path, const struct conf_load_opts *o,
		   struct ka_conf **out)
{
	return load(parse_path, path, NULL, o, out);
}

int conf_load_string(const char *name, const char *text,
		     const struct conf_load_opts *o, struct ka_conf **out)
{
	return load(parse_text, name, text, o, out);
}

void conf_free(struct ka_conf **c)
{
	if (!c || !*c)
		return;
	global_data_free(&(*c)->global);
	static_data_free(&(*c)->statics);
	mem_free(c);
}
