/*
 * parent_setup.c: what the parent does once before its loop, in order:
 * the configuration, the network namespace, the umask, refusing to run
 * beside a live daemon, detaching, and the pid files.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core_run.h"
#include "daemon.h"
#include "log.h"
#include "memory.h"
#include "parent_internal.h"

static const char *getenv_cb(const char *name, void *ctx)
{
	(void)ctx;
	return getenv(name);
}

static void read_tuning(struct parent *p)
{
	const char *bad = NULL;

	parent_tuning_defaults(&p->tune);
	if (parent_tuning_from_env(&p->tune, getenv_cb, NULL, &bad) > 0)
		log_warnx("%s is not a number in range, ignoring", bad);
}

/* -s NAME or net_namespace NAME: the whole daemon runs in the namespace
 * that "ip netns add NAME" made. */
static int enter_netns(const char *name)
{
	char *path;
	int fd, r = 0;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..")) {
		log_warnx("Invalid network namespace name '%s'", name);
		return -EINVAL;
	}
	path = mem_asprintf("/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET) < 0) {
		r = -errno;
		log_warn("Cannot enter network namespace %s", path);
	}
	if (fd >= 0)
		close(fd);
	mem_free(&path);
	return r;
}

static void set_umask(const struct ka_options *o, const struct global_data *gd)
{
	if (o->umask_set)
		umask(o->umask);
	else if (gd->umask_set)
		umask(gd->umask);
	else
		umask(S_IWGRP | S_IWOTH);
}

static int make_pid_dir(const char *dir)
{
	if (mkdir(PIDFILE_DIR, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (strcmp(dir, PIDFILE_DIR) != 0 && mkdir(dir, 0755) < 0 &&
	    errno != EEXIST)
		return -errno;
	return 0;
}

static int load(struct parent *p)
{
	const struct global_data *gd;
	const char *ns;

	if (core_run_load(p->opts, false, &p->conf) < 0 ||
	    !parent_conf_startable(p->conf->worst_run)) {
		log_warnx("The configuration cannot be used");
		return CORE_RUN_EXIT_CONFIG;
	}
	gd = p->conf->global;
	ns = p->opts->namespace ? p->opts->namespace : gd->net_namespace;
	p->ident = core_run_ident("Keepalived", ns, gd->instance_name);
	log_set_ident(p->ident);
	if (ns && enter_netns(ns) < 0)
		return CORE_RUN_EXIT_FATAL;
	set_umask(p->opts, gd);
	if (p->opts->dump_conf)
		global_data_dump(gd, stderr);
	pidfile_paths_get(p->opts, ns, gd->instance_name, gd->use_pid_dir,
			  &p->paths);
	return 0;
}

int parent_setup(struct parent *p)
{
	pid_t other;
	int r, status;

	read_tuning(p);
	status = load(p);
	if (status)
		return status;
	other = pidfile_owner(p->paths.parent);
	if (other > 0) {
		log_warnx("Another keepalived (pid %ld) owns %s: not starting",
			  (long)other, p->paths.parent);
		pidfile_paths_clear(&p->paths);
		return CMDLINE_EXIT_USAGE;
	}
	if (!p->opts->dont_fork && daemon_detach() < 0) {
		log_warn("Cannot detach from the terminal");
		return CORE_RUN_EXIT_FATAL;
	}
	if (p->paths.dir && (r = make_pid_dir(p->paths.dir)) < 0) {
		errno = -r;
		log_warn("Cannot make %s", p->paths.dir);
	}
	r = pidfile_write(p->paths.parent, getpid());
	if (r < 0) {
		errno = -r;
		log_warn("Cannot write the pid file %s", p->paths.parent);
	}
	return 0;
}

void parent_teardown(struct parent *p)
{
	if (!p->paths.parent)
		return;
	pidfile_remove(p->paths.parent, getpid());
	/* Only empty directories go; another instance may share them. */
	if (p->paths.dir) {
		rmdir(p->paths.dir);
		if (strcmp(p->paths.dir, PIDFILE_DIR) != 0)
			rmdir(PIDFILE_DIR);
	}
	pidfile_paths_clear(&p->paths);
}
