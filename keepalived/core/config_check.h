/*
 * config_check.h: checks made once the whole configuration is read, each
 * a short function. They look at the system (interfaces, users, CPUs,
 * script files) only through struct config_check_env, so that unit tests
 * can describe a system instead of depending on the machine's.
 */
#ifndef KA_CONFIG_CHECK_H
#define KA_CONFIG_CHECK_H

#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "global_data.h"
#include "parser.h"

struct config_check_env {
	bool (*if_exists)(const char *name, void *ctx);
	/* Returns 0 and the uid, or -ENOENT. */
	int (*user_uid)(const char *name, uid_t *uid, void *ctx);
	bool (*group_exists)(const char *name, void *ctx);
	/* As stat(2) but returning 0 or a negative errno. */
	int (*stat)(const char *path, struct stat *st, void *ctx);
	long cpu_count;		/* CPUs configured on the system */
	void *ctx;
};

/* The running system. */
void config_check_env_system(struct config_check_env *env);

/* Runs every check; problems are reported through p at the place they
 * were configured. Returns the number of checks that failed. */
int config_check(struct cfg_parser *p, const struct global_data *gd,
		 const struct config_check_env *env);

/* Individual checks, for the unit tests. Each returns 0 or -EINVAL. */
int config_check_cpus(struct cfg_parser *p, const struct global_data *gd,
		      const struct config_check_env *env);
int config_check_script_user(struct cfg_parser *p,
			     const struct global_data *gd,
			     const struct config_check_env *env);
int config_check_scripts(struct cfg_parser *p, const struct global_data *gd,
			 const struct config_check_env *env);
/*
 * One script (startup_script, a vrrp_script, a notify script...): "what"
 * names it in the messages. Reports, at the script's place, a script run
 * as root without enable_script_security (CFG_SECURITY), a user it cannot
 * run as, and a root script others could change. Returns 0, or -EINVAL
 * when something was reported.
 */
int config_check_script(struct cfg_parser *p, const char *what,
			const struct gd_script *s, const struct global_data *gd,
			const struct config_check_env *env);
int config_check_linkbeat(struct cfg_parser *p, const struct global_data *gd,
			  const struct config_check_env *env);
int config_check_fifos(struct cfg_parser *p, const struct global_data *gd);

/*
 * Whether the program a script command runs (its first word) could be
 * replaced by someone other than root: the file or a directory above it
 * is owned by another user, or writable by group or others (a directory
 * with the sticky bit, like /tmp, is fine). Returns 1 if secure, 0 if
 * not, or a negative errno if the file cannot be examined.
 */
int config_check_path_secure(const char *command,
			     const struct config_check_env *env);

#endif
