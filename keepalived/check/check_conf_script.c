/*
 * check_conf_script.c: the checker's scripts (notify_up, notify_down,
 * quorum_up, quorum_down, misc_path) against script security, with the
 * test config_check.c makes for the global scripts: a script run as root
 * needs enable_script_security, and then a path only root can change.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_alloc.h"
#include "check_conf_check.h"

/* The user scripts run as when script security is on and none is
 * named (keepalived's). */
#define CK_DEFAULT_SCRIPT_USER "keepalived_script"

#define AT(s) (s)->at.file, (s)->at.line

static const char *script_user(const struct ck_script *s,
			       const struct global_data *gd)
{
	if (s->user)
		return s->user;
	if (gd->script_user)
		return gd->script_user;
	return gd->enable_script_security ? CK_DEFAULT_SCRIPT_USER : "root";
}

/* A script that cannot be run as configured is dropped (and a
 * MISC_CHECK with it, by the caller). A missing named user is not a
 * configuration error for keepalived -t: a note. */
static int drop(struct cfg_parser *p, struct ck_script *s,
		enum cfg_severity sev, const char *what, const char *why)
{
	cfg_report_at(p, sev, AT(s), "%s '%s' %s, it will not be run", what,
		      s->cmd, why);
	ck_script_clear(s);
	return sev > CFG_NOTE;
}

/* misc_path's "user" must exist, found or not (keepalived resolves it
 * as it reads the line). */
static int misc_user(struct cfg_parser *p, struct ck_script *s,
		     const struct config_check_env *env)
{
	uid_t uid;

	if (!s->user || env->user_uid(s->user, &uid, env->ctx) == 0)
		return 0;
	cfg_report_at(p, CFG_ERROR, AT(s), "Failed to set uid/gid for misc "
		      "checker script '%s' (no user '%s') - removing", s->cmd,
		      s->user);
	ck_script_clear(s);
	return 1;
}

int ck_check_script(struct cfg_parser *p, const char *what,
		    struct ck_script *s, const struct global_data *gd,
		    const struct config_check_env *env)
{
	const char *user;
	int secure;
	uid_t uid;

	if (!s->cmd)
		return 0;
	if (!strcmp(what, "misc_path") && misc_user(p, s, env))
		return 1;
	/* A script not there yet is kept: it may be installed later, and
	 * until then running it fails (a MISC_CHECK then fails). */
	secure = config_check_path_secure(s->cmd, env);
	if (secure < 0) {
		cfg_report_at(p, CFG_NOTE, AT(s), "%s '%s' cannot be found",
			      what, s->cmd);
		return 0;
	}
	user = script_user(s, gd);
	if (env->user_uid(user, &uid, env->ctx) < 0)
		return drop(p, s, s->user ? CFG_NOTE : CFG_ERROR, what,
			    s->user ? "has no such user" :
			    "cannot have its default user");
	if (s->group && !env->group_exists(s->group, env->ctx))
		return drop(p, s, CFG_NOTE, what, "has no such group");
	if (uid != 0)
		return 0;
	if (!gd->enable_script_security) {
		cfg_report_at(p, CFG_SECURITY, AT(s), "SECURITY VIOLATION - "
			      "%s '%s' is run as root but "
			      "enable_script_security is not set", what,
			      s->cmd);
		return 1;
	}
	if (!secure)
		return drop(p, s, CFG_ERROR, what, "can be changed by users "
			    "other than root");
	return 0;
}

static int rs_scripts(struct cfg_parser *p, struct ck_real_server_conf *rs,
		      const struct global_data *gd,
		      const struct config_check_env *env)
{
	struct ck_checker_conf *ck, *tmp;
	int bad = 0;

	bad += ck_check_script(p, "notify_up", &rs->notify_up, gd, env);
	bad += ck_check_script(p, "notify_down", &rs->notify_down, gd, env);
	list_for_each_entry_safe(ck, tmp, &rs->checkers, node) {
		if (ck->type != CK_MISC)
			continue;
		bad += ck_check_script(p, "misc_path", &ck->u.misc.script, gd,
				       env);
		if (ck->u.misc.script.cmd)
			continue;
		list_del(&ck->node);
		ck_checker_conf_free(&ck);
	}
	return bad;
}

int ck_check_scripts(struct cfg_parser *p, struct check_conf *c,
		     const struct global_data *gd,
		     const struct config_check_env *env)
{
	struct ck_virtual_server_conf *vs;
	struct ck_real_server_conf *rs;
	int bad = 0;

	list_for_each_entry(vs, &c->virtual_servers, node) {
		bad += ck_check_script(p, "quorum_up", &vs->quorum_up, gd,
				       env);
		bad += ck_check_script(p, "quorum_down", &vs->quorum_down, gd,
				       env);
		list_for_each_entry(rs, &vs->real_servers, node)
			bad += rs_scripts(p, rs, gd, env);
	}
	return bad;
}
