/*
 * config_check.c: the validation pass run after the parse. Each check is
 * short and reports at the line where the value was configured.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "config_check.h"
#include "memory.h"

/* The user scripts run as when script security is on and none is named. */
#define DEFAULT_SCRIPT_USER "keepalived_script"

static void check_proc_cpus(struct cfg_parser *p, const char *what,
			    const struct gd_proc *proc, long ncpu, int *bad)
{
	size_t i;

	for (i = 0; i < proc->cpu_count; i++) {
		if ((long)proc->cpus[i] < ncpu)
			continue;
		cfg_report_at(p, CFG_ERROR, proc->cpus_file, proc->cpus_line,
			      "%s_cpu_affinity: cpu %u does not exist (this "
			      "system has %ld)", what, proc->cpus[i], ncpu);
		(*bad)++;
	}
}

int config_check_cpus(struct cfg_parser *p, const struct global_data *gd,
		      const struct config_check_env *env)
{
	int bad = 0;

	check_proc_cpus(p, "vrrp", &gd->vrrp_proc, env->cpu_count, &bad);
	check_proc_cpus(p, "checker", &gd->checker_proc, env->cpu_count, &bad);
	check_proc_cpus(p, "bfd", &gd->bfd_proc, env->cpu_count, &bad);
	return bad ? -EINVAL : 0;
}

int config_check_script_user(struct cfg_parser *p,
			     const struct global_data *gd,
			     const struct config_check_env *env)
{
	uid_t uid;
	int r = 0;

	if (!gd->script_user)
		return 0;
	if (env->user_uid(gd->script_user, &uid, env->ctx) < 0) {
		cfg_report_at(p, CFG_ERROR, gd->script_user_file,
			      gd->script_user_line,
			      "script_user: no user '%s' on this system",
			      gd->script_user);
		r = -EINVAL;
	}
	if (gd->script_group && !env->group_exists(gd->script_group,
						   env->ctx)) {
		cfg_report_at(p, CFG_ERROR, gd->script_user_file,
			      gd->script_user_line,
			      "script_user: no group '%s' on this system",
			      gd->script_group);
		r = -EINVAL;
	}
	return r;
}

static bool place_secure(const char *path, const struct config_check_env *env,
			 bool is_file)
{
	struct stat st;

	if (env->stat(path, &st, env->ctx) < 0)
		return false;
	if (st.st_uid != 0)
		return false;
	if (!(st.st_mode & (S_IWGRP | S_IWOTH)))
		return true;
	/* A sticky directory only lets owners replace their own files. */
	return !is_file && (st.st_mode & S_ISVTX);
}

int config_check_path_secure(const char *command,
			     const struct config_check_env *env)
{
	size_t len = strcspn(command, " \t");
	char *path, *slash;
	struct stat st;
	int r;

	if (command[0] != '/')
		return -ENOENT;
	path = mem_strndup(command, len);
	r = env->stat(path, &st, env->ctx);
	if (r == 0) {
		r = place_secure(path, env, true);
		while (r == 1 && (slash = strrchr(path, '/'))) {
			slash[slash == path] = '\0';
			r = place_secure(path, env, false);
			if (slash == path)
				break;
		}
	}
	mem_free(&path);
	return r;
}

int config_check_script(struct cfg_parser *p, const char *what,
			const struct gd_script *s, const struct global_data *gd,
			const struct config_check_env *env)
{
	const char *user;
	uid_t uid;
	int secure;

	if (!s->path)
		return 0;
	secure = config_check_path_secure(s->path, env);
	if (secure < 0) {
		cfg_report_at(p, CFG_NOTE, s->file, s->line, "%s '%s' cannot "
			      "be found, it will not be run", what, s->path);
		return 0;
	}
	if (!gd->enable_script_security) {
		cfg_report_at(p, CFG_SECURITY, s->file, s->line,
			      "SECURITY VIOLATION - %s is run as root but "
			      "enable_script_security is not set%s", what,
			      secure ? "" : ", and the script can be changed "
			      "by other users");
		return -EINVAL;
	}
	user = s->user ? s->user : gd->script_user ? gd->script_user
						    : DEFAULT_SCRIPT_USER;
	if (env->user_uid(user, &uid, env->ctx) < 0) {
		cfg_report_at(p, CFG_ERROR, s->file, s->line, "%s '%s': no "
			      "user '%s' to run it as", what, s->path, user);
		return -EINVAL;
	}
	if (uid == 0 && !secure) {
		cfg_report_at(p, CFG_ERROR, s->file, s->line, "%s '%s' can be "
			      "changed by users other than root, it will not "
			      "be run", what, s->path);
		return -EINVAL;
	}
	return 0;
}

int config_check_scripts(struct cfg_parser *p, const struct global_data *gd,
			 const struct config_check_env *env)
{
	int r = 0;

	if (config_check_script(p, "startup_script", &gd->startup_script, gd,
			     env) < 0)
		r = -EINVAL;
	if (config_check_script(p, "shutdown_script", &gd->shutdown_script, gd,
			     env) < 0)
		r = -EINVAL;
	return r;
}

int config_check_linkbeat(struct cfg_parser *p, const struct global_data *gd,
			  const struct config_check_env *env)
{
	size_t i;
	int r = 0;

	if (gd->dynamic_interfaces)
		return 0;	/* they may appear later */
	for (i = 0; i < gd->linkbeat_if_count; i++) {
		const struct gd_linkbeat_if *l = &gd->linkbeat_ifs[i];

		if (env->if_exists(l->name, env->ctx))
			continue;
		cfg_report_at(p, CFG_ERROR, l->file, l->line,
			      "linkbeat_interfaces: no interface '%s'",
			      l->name);
		r = -EINVAL;
	}
	return r;
}

/* keepalived.conf(5): "the FIFO names must all be different". */
int config_check_fifos(struct cfg_parser *p, const struct global_data *gd)
{
	const struct gd_script *f[] = {
		&gd->notify_fifo.fifo, &gd->vrrp_notify_fifo.fifo,
		&gd->lvs_notify_fifo.fifo,
	};
	size_t i, j;
	int r = 0;

	for (i = 0; i < 3; i++) {
		for (j = i + 1; j < 3 && f[i]->path; j++) {
			if (!f[j]->path || strcmp(f[i]->path, f[j]->path))
				continue;
			cfg_report_at(p, CFG_ERROR, f[j]->file, f[j]->line,
				      "notify fifo '%s' is already used on "
				      "line %u; each fifo needs its own name",
				      f[j]->path, f[i]->line);
			r = -EINVAL;
		}
	}
	return r;
}

int config_check(struct cfg_parser *p, const struct global_data *gd,
		 const struct config_check_env *env)
{
	int failed = 0;

	failed += config_check_cpus(p, gd, env) < 0;
	failed += config_check_script_user(p, gd, env) < 0;
	failed += config_check_scripts(p, gd, env) < 0;
	failed += config_check_linkbeat(p, gd, env) < 0;
	failed += config_check_fifos(p, gd) < 0;
	return failed;
}
