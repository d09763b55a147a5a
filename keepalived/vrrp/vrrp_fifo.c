/*
 * vrrp_fifo.c: the notify FIFOs (see vrrp_fifo.h for why the FIFO is
 * opened read-write and non-blocking).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "memory.h"
#include "spawn.h"
#include "vrrp_fifo.h"

struct vrrp_fifo {
	char *path;
	int fd;
	pid_t script_pid;		/* 0: none running */
	struct event *ev_script;
	bool full_logged;
	bool created;			/* by us: removed on close */
};

int vrrp_fifo_line(char *buf, size_t size, bool group, const char *name,
		   const char *state, unsigned priority)
{
	int n = snprintf(buf, size, "%s \"%s\" %s %u\n",
			 group ? "GROUP" : "INSTANCE", name, state, priority);

	if (n < 0 || (size_t)n >= size)
		return -ENOSPC;
	return n;
}

/* An existing FIFO is used as it is; anything else by that name is
 * left alone and refused. */
static int make_fifo(const struct vrrp_fifo_params *fp, bool *created)
{
	struct stat st;

	if (stat(fp->path, &st) == 0)
		return S_ISFIFO(st.st_mode) ? 0 : -EEXIST;
	if (errno != ENOENT)
		return -errno;
	if (mkfifo(fp->path, 0600) < 0)
		return -errno;
	*created = true;
	if ((fp->uid != (uid_t)-1 || fp->gid != (gid_t)-1) &&
	    chown(fp->path, fp->uid, fp->gid) < 0)
		log_warn("cannot give notify fifo %s to its user", fp->path);
	return 0;
}

/*
 * The FIFO is opened without following a symbolic link and checked once
 * open, so that nothing swapped in after make_fifo() looked (a link to a
 * file, a regular file) is written to; and state changes are not told to
 * a FIFO that a user other than us or the configured one made.
 */
static int open_fifo(const struct vrrp_fifo_params *fp)
{
	int fd = open(fp->path, O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;
	int err;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		err = -errno;
	else if (!S_ISFIFO(st.st_mode))
		err = -EEXIST;
	else if (st.st_uid != geteuid() && st.st_uid != fp->uid)
		err = -EPERM;
	else
		return fd;
	close(fd);
	return err;
}

static void on_script_exit(struct event_loop *loop,
			   const struct event_info *info)
{
	struct vrrp_fifo *f = info->arg;

	(void)loop;
	f->script_pid = 0;
}

static void start_script(struct event_loop *loop, struct vrrp_fifo *f,
			 const struct vrrp_fifo_params *fp)
{
	char **argv = NULL;
	struct spawn_opts o;
	size_t n;
	int ret;

	if (spawn_argv_split(fp->script, &argv) < 0 || !argv[0]) {
		log_warnx("notify fifo script '%s': cannot split it into "
			  "words", fp->script);
		spawn_argv_free(&argv);
		return;
	}
	for (n = 0; argv[n]; n++)
		;
	argv = mem_reallocarray(argv, n + 2, sizeof(*argv));
	argv[n] = mem_strdup(fp->path);
	argv[n + 1] = NULL;
	spawn_opts_init(&o, argv);
	o.uid = fp->script_uid;
	o.gid = fp->script_gid;
	ret = spawn_process(&o, &f->script_pid);
	spawn_argv_free(&argv);
	if (ret < 0) {
		errno = -ret;
		log_warn("cannot run notify fifo script '%s'", fp->script);
		f->script_pid = 0;
		return;
	}
	if (event_add_child(loop, &f->ev_script, f->script_pid, 0,
			    on_script_exit, f) < 0)
		log_warnx("notify fifo script '%s' will not be reaped",
			  fp->script);
}

struct vrrp_fifo *vrrp_fifo_open(struct event_loop *loop,
				 const struct vrrp_fifo_params *fp)
{
	struct vrrp_fifo *f;
	bool created = false;
	int ret = make_fifo(fp, &created), fd;

	if (ret < 0) {
		log_warnx("cannot create notify fifo %s: %s", fp->path,
			  ret == -EEXIST ? "it exists and is not a fifo" :
			  strerror(-ret));
		return NULL;
	}
	fd = open_fifo(fp);
	if (fd < 0) {
		log_warnx("cannot open notify fifo %s: %s", fp->path,
			  fd == -EPERM ? "another user owns it" :
			  fd == -ELOOP ? "it is a symbolic link" :
			  fd == -EEXIST ? "it is not a fifo" : strerror(-fd));
		if (created)
			unlink(fp->path);
		return NULL;
	}
	f = mem_new(struct vrrp_fifo);
	f->path = mem_strdup(fp->path);
	f->fd = fd;
	f->created = created;
	if (fp->script)
		start_script(loop, f, fp);
	return f;
}

void vrrp_fifo_send(struct vrrp_fifo *f, const char *line, size_t len)
{
	ssize_t n;

	if (!f)
		return;
	n = write(f->fd, line, len);
	if (n == (ssize_t)len) {
		f->full_logged = false;
		return;
	}
	/* A partial line cannot happen below PIPE_BUF; a full pipe means
	 * nobody reads: say so once, not on every change. */
	if (!f->full_logged)
		log_warnx("notify fifo %s: %s - dropping lines", f->path,
			  n < 0 ? strerror(errno) : "short write");
	f->full_logged = true;
}

void vrrp_fifo_close(struct vrrp_fifo **fp)
{
	struct vrrp_fifo *f = fp ? *fp : NULL;

	if (!f)
		return;
	if (f->script_pid > 0)
		kill(-f->script_pid, SIGTERM);
	event_cancel(&f->ev_script);
	close(f->fd);
	if (f->created)
		unlink(f->path);
	mem_free(&f->path);
	mem_free(fp);
}
