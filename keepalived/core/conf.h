/*
 * conf.h: reading a whole configuration: a parser with every subsystem's
 * keyword table, the parse, then the validation pass (config_check.h).
 * Used by -t and by the daemon at start and on reload.
 */
#ifndef KA_CONF_H
#define KA_CONF_H

#include <stdbool.h>

#include "config_check.h"
#include "global_data.h"
#include "parser.h"
#include "static_data.h"

struct vrrp_conf;		/* vrrp_data.h */
struct check_conf;		/* check_data.h */
struct vrrp_check_env;		/* vrrp_check.h */

struct ka_conf {
	struct global_data *global;
	struct static_data *statics;	/* static_ipaddress/routes/rules */
	struct vrrp_conf *vrrp;		/* vrrp_instance blocks */
	struct check_conf *check;	/* virtual servers, completed */
	enum cfg_severity worst;	/* of the parse and the checks */
	enum cfg_severity worst_run;	/* the same, script security aside:
					 * what decides whether it may run */
};

struct conf_load_opts {
	const char *config_id;		/* -i; NULL: node name */
	bool all_config;		/* -e */
	cfg_diag_fn *diag;		/* every diagnostic goes here */
	void *diag_ctx;
	const struct config_check_env *env;	/* NULL: this system */
	const struct vrrp_check_env *vrrp_env;	/* NULL: this system */
};

/*
 * Reads the configuration in "path". Returns 0 and sets *out (the caller
 * frees it with conf_free()) whatever the diagnostics; (*out)->worst says
 * whether it may be used. Returns a negative errno, *out untouched, if
 * the main file could not be read (also reported through diag).
 */
int conf_load_file(const char *path, const struct conf_load_opts *o,
		   struct ka_conf **out);
/* Same from memory; "name" stands for the file name. For tests. */
int conf_load_string(const char *name, const char *text,
		     const struct conf_load_opts *o, struct ka_conf **out);

/* Frees and NULLs *c; accepts NULL. */
void conf_free(struct ka_conf **c);

/*
 * Calls fn for every keyword of the parser that conf_load_file() builds,
 * as cfg_parser_each_keyword() does. For the documentation cross-check.
 * Returns 0 or -ENOMEM.
 */
int conf_each_keyword(void (*fn)(const char *path,
				 const struct cfg_keyword *kw, void *ctx),
		      void *ctx);

#endif
