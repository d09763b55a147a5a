/*
 * check_conf_check.h: the validation pass over the LVS configuration,
 * run once the whole file is read and before check_conf_complete(). Each
 * check is a short function reporting through the parser at the place
 * the problem was configured, with keepalived -t's verdict (a problem
 * keepalived 2.2.7 lets pass is a CFG_NOTE here). What keepalived drops
 * (a real server of the wrong family, an url without a path...) is
 * removed here too, so the runtime never sees it.
 */
#ifndef KA_CHECK_CONF_CHECK_H
#define KA_CHECK_CONF_CHECK_H

#include "check_data.h"
#include "config_check.h"
#include "global_data.h"
#include "parser.h"

/* Runs every check; returns the number of problems reported. env: the
 * system (users, script files) as config_check.h describes it. */
int check_conf_check(struct cfg_parser *p, struct check_conf *c,
		     const struct global_data *gd,
		     const struct config_check_env *env);

/* The parts, for the unit tests; each returns the number of problems. */
int ck_check_groups(struct cfg_parser *p, struct check_conf *c);
int ck_check_track_files(struct cfg_parser *p, struct check_conf *c);
int ck_check_vs(struct cfg_parser *p, const struct check_conf *c,
		struct ck_virtual_server_conf *vs);
int ck_check_real_servers(struct cfg_parser *p, const struct check_conf *c,
			  struct ck_virtual_server_conf *vs);
/* check_conf_checker.c: the checkers of one real server (regexes are
 * compiled with pcre2 here). */
int ck_check_checkers(struct cfg_parser *p, const struct check_conf *c,
		      struct ck_real_server_conf *rs);
/* Whether a regex_options word is one pcre2 option keepalived knows. */
bool ck_regex_option_known(const char *word);
/* check_conf_script.c: notify_up/down, quorum_up/down, misc_path.
 * A script that will not be run is cleared, and a MISC_CHECK without
 * its script removed. */
int ck_check_script(struct cfg_parser *p, const char *what,
		    struct ck_script *s, const struct global_data *gd,
		    const struct config_check_env *env);
int ck_check_scripts(struct cfg_parser *p, struct check_conf *c,
		     const struct global_data *gd,
		     const struct config_check_env *env);

#endif
