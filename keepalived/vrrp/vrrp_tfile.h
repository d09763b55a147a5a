/*
 * vrrp_tfile.h: the track files VRRP instances watch, each read once at
 * start and again whenever inotify says it changed (no polling). The
 * directory is watched, not the file, so that a file created later, or
 * replaced by a rename (as editors and "mv" do), is seen too; a missing
 * file reads as 0 (track_file.h).
 *
 * One struct vrrp_tfile per path, shared by the instances that join it;
 * each joiner is called back after its value changed.
 */
#ifndef KA_VRRP_TFILE_H
#define KA_VRRP_TFILE_H

#include "event.h"

struct vrrp_tfile_set;
struct vrrp_tfile;

typedef void vrrp_tfile_cb(void *ctx, const struct vrrp_tfile *f);

/* Never NULL; "loop" must outlive it. The inotify descriptor is opened
 * on the first join. */
struct vrrp_tfile_set *vrrp_tfile_set_new(struct event_loop *loop);
/* Frees (every file must have been left), NULLs *s; accepts NULL. */
void vrrp_tfile_set_free(struct vrrp_tfile_set **s);

/* The file at "path" (copied), read now if it is new to the set; cb is
 * called with ctx when its value changes. NULL only if inotify cannot
 * watch its directory (logged): the caller treats it as 0. */
struct vrrp_tfile *vrrp_tfile_join(struct vrrp_tfile_set *s,
				   const char *path, vrrp_tfile_cb *cb,
				   void *ctx);
/* Undoes one join; the last one stops watching. NULLs *f; accepts NULL. */
void vrrp_tfile_leave(struct vrrp_tfile_set *s, struct vrrp_tfile **f,
		      vrrp_tfile_cb *cb, void *ctx);

/* The last value read (a value that could not be read keeps the one
 * before it). */
long vrrp_tfile_value(const struct vrrp_tfile *f);
const char *vrrp_tfile_path(const struct vrrp_tfile *f);

#endif
