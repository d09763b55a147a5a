/*
 * config_check_sys.c: the real system behind struct config_check_env.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <net/if.h>
#include <pwd.h>
#include <unistd.h>

#include "config_check.h"

static bool sys_if_exists(const char *name, void *ctx)
{
	(void)ctx;
	return if_nametoindex(name) != 0;
}

static int sys_user_uid(const char *name, uid_t *uid, void *ctx)
{
	struct passwd *pw = getpwnam(name);

	(void)ctx;
	if (!pw)
		return -ENOENT;
	*uid = pw->pw_uid;
	return 0;
}

static bool sys_group_exists(const char *name, void *ctx)
{
	(void)ctx;
	return getgrnam(name) != NULL;
}

static int sys_stat(const char *path, struct stat *st, void *ctx)
{
	(void)ctx;
	return stat(path, st) < 0 ? -errno : 0;
}

void config_check_env_system(struct config_check_env *env)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);

	env->if_exists = sys_if_exists;
	env->user_uid = sys_user_uid;
	env->group_exists = sys_group_exists;
	env->stat = sys_stat;
	env->cpu_count = n > 0 ? n : 1;
	env->ctx = NULL;
}
