/*
 * pidfile.c: write to a temporary file beside the target, then rename.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memory.h"
#include "pidfile.h"

/* The option's value unless it is the built-in default, else dflt. */
static char *pick(const char *opt, const char *builtin, char *dflt)
{
	if (opt && strcmp(opt, builtin) != 0) {
		mem_free(&dflt);
		return mem_strdup(opt);
	}
	return dflt;
}

static char *in_dir(const char *dir, const char *base, const char *inst)
{
	if (inst)
		return mem_asprintf("%s/%s_%s.pid", dir, base, inst);
	return mem_asprintf("%s/%s.pid", dir, base);
}

void pidfile_paths_get(const struct ka_options *o, const char *netns,
		       const char *instance, bool use_pid_dir,
		       struct pidfile_paths *out)
{
	const char *ns = o->namespace ? o->namespace : netns;

	memset(out, 0, sizeof(*out));
	if (ns)
		out->dir = mem_asprintf("%s/%s", PIDFILE_DIR, ns);
	else if (instance || use_pid_dir)
		out->dir = mem_strdup(PIDFILE_DIR);
	if (out->dir) {
		out->parent = in_dir(out->dir, "keepalived", instance);
		out->vrrp = in_dir(out->dir, "vrrp", instance);
		out->checker = in_dir(out->dir, "checkers", instance);
	} else {
		out->parent = mem_strdup(CMDLINE_DEFAULT_PID);
		out->vrrp = mem_strdup(CMDLINE_DEFAULT_VRRP_PID);
		out->checker = mem_strdup(CMDLINE_DEFAULT_CHECK_PID);
	}
	out->parent = pick(o->pid_file, CMDLINE_DEFAULT_PID, out->parent);
	out->vrrp = pick(o->vrrp_pid_file, CMDLINE_DEFAULT_VRRP_PID, out->vrrp);
	out->checker = pick(o->checkers_pid_file, CMDLINE_DEFAULT_CHECK_PID,
			    out->checker);
}

void pidfile_paths_clear(struct pidfile_paths *p)
{
	mem_free(&p->parent);
	mem_free(&p->vrrp);
	mem_free(&p->checker);
	mem_free(&p->dir);
}

int pidfile_parse(const char *text, pid_t *out)
{
	char *end;
	long v;

	if (!text || *text < '0' || *text > '9')
		return -EINVAL;
	errno = 0;
	v = strtol(text, &end, 10);
	if (errno || v <= 0 || v > 0x3fffffff)
		return -EINVAL;
	if (*end == '\n')
		end++;
	if (*end)
		return -EINVAL;
	*out = (pid_t)v;
	return 0;
}

pid_t pidfile_owner(const char *path)
{
	char buf[32];
	ssize_t n;
	pid_t pid;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (pidfile_parse(buf, &pid) < 0 || pid == getpid())
		return 0;
	if (kill(pid, 0) < 0 && errno == ESRCH)
		return 0;
	return pid;
}

int pidfile_write(const char *path, pid_t pid)
{
	char *tmp = mem_asprintf("%s.XXXXXX", path);
	int fd = mkostemp(tmp, O_CLOEXEC);
	int r = 0;

	if (fd < 0) {
		r = -errno;
		mem_free(&tmp);
		return r;
	}
	if (dprintf(fd, "%ld\n", (long)pid) < 0 || fchmod(fd, 0644) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0 && rename(tmp, path) < 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	mem_free(&tmp);
	return r;
}

int pidfile_remove(const char *path, pid_t pid)
{
	char buf[32];
	FILE *f = fopen(path, "re");
	pid_t found = 0;

	if (!f)
		return -errno;
	if (!fgets(buf, sizeof(buf), f) || pidfile_parse(buf, &found) < 0)
		found = 0;
	fclose(f);
	/* Another instance may have taken the file over since. */
	if (found != pid)
		return -ESRCH;
	return unlink(path) < 0 ? -errno : 0;
}
