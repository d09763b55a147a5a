/*
 * conf.c: one configuration read, from parser to validated data.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_conf_check.h"
#include "check_data.h"
#include "check_parser.h"
#include "conf.h"
#include "global_parser.h"
#include "memory.h"
#include "static_parser.h"
#include "vrrp_check.h"
#include "vrrp_data.h"
#include "vrrp_parser.h"

/* The checker's tables come before VRRP's: the first registration of a
 * shared keyword (track_file) is the one that reads it. */
static struct cfg_parser *new_parser(const struct conf_load_opts *o,
				     struct ka_conf *c,
				     struct check_parse_root *root)
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
	if (global_parser_register(p, c->global) < 0 ||
	    check_parser_register(p, root) < 0 ||
	    vrrp_parser_register(p, c->vrrp) < 0 ||
	    static_parser_register(p, c->statics) < 0)
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

/* The checks of every part, on the system or the one the caller gave. */
static void check(struct cfg_parser *p, struct ka_conf *c,
		  const struct conf_load_opts *o)
{
	struct config_check_env sys;
	struct vrrp_check_env vsys;

	if (!o->env)
		config_check_env_system(&sys);
	config_check(p, c->global, o->env ? o->env : &sys);
	if (!o->vrrp_env)
		vrrp_check_env_system(&vsys);
	vrrp_check(p, c->vrrp, c->global, o->vrrp_env ? o->vrrp_env : &vsys);
	/* The parent starts the VRRP child when there are instances. */
	c->global->vrrp_instances = (unsigned)vrrp_conf_count(c->vrrp);
	check_conf_check(p, c->check, c->global, o->env ? o->env : &sys);
	/* The track_file blocks the checker kept, for VRRP's lines. */
	vrrp_check_track_files(p, c->vrrp, &c->check->track_files);
	check_conf_complete(c->check, c->global);
	/* ... and the checker child when there are virtual servers. */
	c->global->virtual_servers = (unsigned)check_conf_count_vs(c->check);
}

/* Empty data for the parser to fill; "root" is the checker's view of it. */
static struct ka_conf *new_conf(struct check_parse_root *root)
{
	struct ka_conf *c = mem_new(struct ka_conf);

	c->global = global_data_new();
	c->statics = static_data_new();
	c->vrrp = vrrp_conf_new();
	c->check = check_conf_new();
	root->conf = c->check;
	root->gd = c->global;
	return c;
}

static int load(parse_fn *parse, const char *a, const char *b,
		const struct conf_load_opts *o, struct ka_conf **out)
{
	struct check_parse_root root;
	struct ka_conf *c = new_conf(&root);
	struct cfg_parser *p;
	int r = -ENOMEM;

	p = new_parser(o, c, &root);
	if (p)
		r = parse(p, a, b);
	if (r < 0) {
		cfg_parser_free(&p);
		conf_free(&c);
		return r;
	}
	check(p, c, o);
	c->worst = cfg_parser_worst(p);
	c->worst_run = cfg_parser_worst_run(p);
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
	vrrp_conf_free(&(*c)->vrrp);
	check_conf_free(&(*c)->check);
	mem_free(c);
}

int conf_each_keyword(void (*fn)(const char *path,
				 const struct cfg_keyword *kw, void *ctx),
		      void *ctx)
{
	struct conf_load_opts o = { 0 };
	struct check_parse_root root;
	struct ka_conf *c = new_conf(&root);
	struct cfg_parser *p = new_parser(&o, c, &root);
	int r = p ? 0 : -ENOMEM;

	if (p)
		cfg_parser_each_keyword(p, fn, ctx);
	cfg_parser_free(&p);
	conf_free(&c);
	return r;
}
