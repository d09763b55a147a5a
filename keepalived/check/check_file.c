/*
 * check_file.c: FILE_CHECK, the number in a track_file as the verdict.
 *
 * Each attempt reads the file once (track_file_read.h says how, and what
 * the number means). The file is read on the loop from a queued event, as
 * the contract wants the verdict from a callback; the read itself cannot
 * block (a regular file, or O_NONBLOCK for anything else).
 *
 * The file is read at each attempt, every delay_loop, and not watched
 * with inotify between attempts: a kind only lives from start() to
 * ck_checker_done() (check_checker.h), with no hook to release a watch
 * kept between attempts nor to ask the framework for an attempt now, so a
 * watch would either leak or have nobody to tell. A short delay_loop
 * gives the same promptness.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_checker.h"
#include "memory.h"
#include "track_file_read.h"

struct file_attempt {
	struct event *read_ev;
};

static void file_finish(struct checker *ck)
{
	struct file_attempt *a = ck->priv;

	mem_free(&a);
	ck->priv = NULL;
}

static void file_read_cb(struct event_loop *loop,
			 const struct event_info *info)
{
	struct checker *ck = info->arg;
	const struct ck_file *f = &ck->conf->u.file;
	const struct ck_track_file *tf;
	struct track_file_outcome out;
	long value;
	int r;

	(void)loop;
	file_finish(ck);
	tf = check_conf_find_track_file(ck->env->conf, f->track_file);
	if (!tf || !tf->path) {
		ck_checker_done(ck, false, "track_file %s is not configured",
				f->track_file ? f->track_file : "(none)");
		return;
	}
	r = track_file_read(tf->path, &value);
	if (r == -ERANGE) {
		ck_checker_done(ck, false, "invalid number read from %s",
				tf->path);
		return;
	}
	if (r < 0) {
		ck_checker_done(ck, false, "cannot read %s: %s", tf->path,
				strerror(-r));
		return;
	}
	track_file_outcome(f, value, &out);
	if (out.has_delta)
		ck_checker_set_weight_delta(ck, out.delta);
	ck_checker_done(ck, out.ok, "%s holds %ld", tf->path, value);
}

static int file_start(struct checker *ck)
{
	struct file_attempt *a = mem_new(struct file_attempt);
	int r;

	r = event_add_queued(ck->env->loop, &a->read_ev, file_read_cb, ck, 0);
	if (r < 0) {
		mem_free(&a);
		return r;
	}
	ck->priv = a;
	return 0;
}

static void file_abort(struct checker *ck)
{
	struct file_attempt *a = ck->priv;

	if (!a)
		return;
	event_cancel(&a->read_ev);
	file_finish(ck);
}

const struct ck_checker_ops ck_file_ops = {
	.type = CK_FILE,
	.start = file_start,
	.abort = file_abort,
};
