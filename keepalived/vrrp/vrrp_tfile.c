/*
 * vrrp_tfile.c: track files watched with inotify on the VRRP loop.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "list.h"
#include "log.h"
#include "memory.h"
#include "track_file.h"
#include "vrrp_tfile.h"

/* What in a directory can change a file's number. */
#define DIR_EVENTS (IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | \
		    IN_MOVED_TO | IN_MOVED_FROM | IN_ATTRIB)

struct tfile_user {
	vrrp_tfile_cb *cb;
	void *ctx;
};

struct vrrp_tfile {
	struct list_node node;		/* on vrrp_tfile_set.files */
	char *path;
	const char *base;		/* in path */
	int wd;
	long value;
	struct tfile_user *users;
	size_t nusers;
};

struct vrrp_tfile_set {
	struct event_loop *loop;
	int fd;				/* inotify; -1: not opened */
	struct event *ev_read;
	struct list_node files;
};

static void on_readable(struct event_loop *loop, const struct event_info *i);

struct vrrp_tfile_set *vrrp_tfile_set_new(struct event_loop *loop)
{
	struct vrrp_tfile_set *s = mem_new(struct vrrp_tfile_set);

	s->loop = loop;
	s->fd = -1;
	list_init(&s->files);
	return s;
}

void vrrp_tfile_set_free(struct vrrp_tfile_set **sp)
{
	struct vrrp_tfile_set *s;

	if (!sp || !*sp)
		return;
	s = *sp;
	event_cancel(&s->ev_read);
	if (s->fd >= 0)
		close(s->fd);
	mem_free(sp);
}

long vrrp_tfile_value(const struct vrrp_tfile *f)
{
	return f->value;
}

const char *vrrp_tfile_path(const struct vrrp_tfile *f)
{
	return f->path;
}

/* Reads the file; true if its value changed. */
static bool refresh(struct vrrp_tfile *f)
{
	long v = f->value;
	int ret = track_file_read(f->path, &v);

	if (ret == -ERANGE) {
		log_warnx("Track file %s: number out of range - keeping %ld",
			  f->path, f->value);
		return false;
	}
	if (ret < 0) {
		log_warnx("Track file %s cannot be read (%s) - keeping %ld",
			  f->path, strerror(-ret), f->value);
		return false;
	}
	if (v == f->value)
		return false;
	log_info("Track file %s value changed from %ld to %ld", f->path,
		 f->value, v);
	f->value = v;
	return true;
}

static void tell_users(struct vrrp_tfile *f)
{
	size_t i;

	for (i = 0; i < f->nusers; i++)
		f->users[i].cb(f->users[i].ctx, f);
}

static void handle(struct vrrp_tfile_set *s, const struct inotify_event *ev)
{
	struct vrrp_tfile *f, *tmp;

	if (!ev->len)
		return;
	/* A callback may leave (and free) a file: iterate safely. */
	list_for_each_entry_safe(f, tmp, &s->files, node)
		if (f->wd == ev->wd && !strcmp(f->base, ev->name) &&
		    refresh(f))
			tell_users(f);
}

static void on_readable(struct event_loop *loop, const struct event_info *i)
{
	struct vrrp_tfile_set *s = i->arg;
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n;
	size_t off;

	(void)loop;
	for (;;) {
		n = read(s->fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		for (off = 0; off + sizeof(struct inotify_event) <= (size_t)n;) {
			const struct inotify_event *ev =
				(const struct inotify_event *)(buf + off);

			handle(s, ev);
			off += sizeof(*ev) + ev->len;
		}
	}
	if (event_add_read(s->loop, &s->ev_read, s->fd, 0, on_readable, s) < 0)
		log_warnx("Cannot watch the track files any more");
}

static int open_inotify(struct vrrp_tfile_set *s)
{
	int ret;

	if (s->fd >= 0)
		return 0;
	s->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (s->fd < 0)
		return -errno;
	ret = event_add_read(s->loop, &s->ev_read, s->fd, 0, on_readable, s);
	if (ret < 0) {
		close(s->fd);
		s->fd = -1;
	}
	return ret;
}

/* The directory part of "path" ("." for a bare name). */
static int watch_dir(struct vrrp_tfile_set *s, const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : 1;
	int wd;

	if (len >= sizeof(dir))
		return -ENAMETOOLONG;
	if (!slash)
		memcpy(dir, ".", 2);
	else if (!len)
		memcpy(dir, "/", 2);
	else {
		memcpy(dir, path, len);
		dir[len] = '\0';
	}
	wd = inotify_add_watch(s->fd, dir, DIR_EVENTS);
	return wd < 0 ? -errno : wd;
}

static struct vrrp_tfile *find(struct vrrp_tfile_set *s, const char *path)
{
	struct vrrp_tfile *f;

	list_for_each_entry(f, &s->files, node)
		if (!strcmp(f->path, path))
			return f;
	return NULL;
}

static struct vrrp_tfile *file_new(struct vrrp_tfile_set *s,
				   const char *path)
{
	struct vrrp_tfile *f;
	const char *slash;
	int wd, ret = open_inotify(s);

	if (ret < 0) {
		log_warnx("Track file %s: no inotify (%s) - not watching it",
			  path, strerror(-ret));
		return NULL;
	}
	wd = watch_dir(s, path);
	if (wd < 0) {
		log_warnx("Track file %s: cannot watch its directory (%s) - "
			  "not watching it", path, strerror(-wd));
		return NULL;
	}
	f = mem_new(struct vrrp_tfile);
	f->path = mem_strdup(path);
	slash = strrchr(f->path, '/');
	f->base = slash ? slash + 1 : f->path;
	f->wd = wd;
	list_add_tail(&s->files, &f->node);
	(void)refresh(f);
	return f;
}

struct vrrp_tfile *vrrp_tfile_join(struct vrrp_tfile_set *s,
				   const char *path, vrrp_tfile_cb *cb,
				   void *ctx)
{
	struct vrrp_tfile *f = find(s, path);

	if (!f)
		f = file_new(s, path);
	if (!f)
		return NULL;
	f->users = mem_reallocarray(f->users, f->nusers + 1,
				    sizeof(*f->users));
	f->users[f->nusers++] = (struct tfile_user){ cb, ctx };
	return f;
}

static bool wd_shared(const struct vrrp_tfile_set *s,
		      const struct vrrp_tfile *f)
{
	const struct vrrp_tfile *o;

	list_for_each_entry(o, &s->files, node)
		if (o != f && o->wd == f->wd)
			return true;
	return false;
}

void vrrp_tfile_leave(struct vrrp_tfile_set *s, struct vrrp_tfile **fp,
		      vrrp_tfile_cb *cb, void *ctx)
{
	struct vrrp_tfile *f;
	size_t i;

	if (!fp || !*fp)
		return;
	f = *fp;
	*fp = NULL;
	for (i = 0; i < f->nusers; i++) {
		if (f->users[i].cb != cb || f->users[i].ctx != ctx)
			continue;
		f->users[i] = f->users[--f->nusers];
		break;
	}
	if (f->nusers)
		return;
	if (!wd_shared(s, f))
		inotify_rm_watch(s->fd, f->wd);
	list_del(&f->node);
	mem_free(&f->users);
	mem_free(&f->path);
	mem_free(&f);
}
