/*
 * check_misc.c: MISC_CHECK, a script whose exit status is the verdict.
 *
 * The script runs in its own process group with its output sent to
 * /dev/null, and the loop waits for it with a child event whose time-out
 * is misc_timeout (default: delay_loop). A script still running then gets
 * SIGTERM, and SIGKILL if it outlives MISC_KILL_GRACE_US; either way the
 * attempt failed. Nothing here waits outside the loop.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "check_checker.h"
#include "log.h"
#include "memory.h"
#include "misc_status.h"
#include "spawn.h"

/* The user scripts run as when neither the script nor script_user names
 * one, if it exists; else root. */
#define MISC_DEFAULT_USER "keepalived_script"
/* How long a timed-out script has to go after SIGTERM. */
#define MISC_KILL_GRACE_US (2 * 1000 * 1000)
/* When the configuration has neither misc_timeout nor delay_loop. */
#define MISC_FALLBACK_TIMEOUT_US (60LL * 1000 * 1000)

struct misc_attempt {
	pid_t pid;
	struct event *child_ev;
	bool timed_out;		/* SIGTERM sent: the attempt failed */
};

static void ignore_exit(struct event_loop *loop, const struct event_info *info)
{
	/* The loop has reaped it; nothing else to do. */
	(void)loop;
	(void)info;
}

/* Kills what is left of a script's group and lets the loop reap the
 * leader whenever it goes, outside any attempt. */
static void misc_kill_detached(struct event_loop *loop, pid_t pid)
{
	kill(-pid, SIGKILL);
	if (event_add_child(loop, NULL, pid, 0, ignore_exit, NULL) < 0)
		log_warnx("MISC_CHECK: cannot watch killed script %d, it "
			  "may stay a zombie", (int)pid);
}

/*
 * The ids to run as: the script's user, else script_user, else
 * keepalived_script if it exists, else our own; the group named with the
 * user, else the user's own. -ENOENT for a user or group that does not
 * exist.
 */
static int misc_ids(const struct ck_script *s, const struct global_data *gd,
		    uid_t *uid, gid_t *gid)
{
	const char *user = s->user, *group = s->group;
	struct passwd *pw;
	struct group *gr;

	if (!user && gd && gd->script_user) {
		user = gd->script_user;
		group = gd->script_group;
	}
	pw = getpwnam(user ? user : MISC_DEFAULT_USER);
	if (!pw) {
		if (user)
			return -ENOENT;
		*uid = SPAWN_UID_UNCHANGED;
		*gid = SPAWN_GID_UNCHANGED;
		return 0;
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	if (group) {
		gr = getgrnam(group);
		if (!gr)
			return -ENOENT;
		*gid = gr->gr_gid;
	}
	/* Keep our own ids untouched: no privilege needed to "change" to
	 * them, and root keeps its supplementary groups as keepalived's
	 * scripts do. */
	if (*uid == geteuid() && *gid == getegid()) {
		*uid = SPAWN_UID_UNCHANGED;
		*gid = SPAWN_GID_UNCHANGED;
	}
	return 0;
}

static uint64_t misc_timeout_us(const struct checker *ck)
{
	int64_t t = ck->conf->u.misc.timeout_us;

	if (t <= 0)
		t = ck->conf->common.delay_loop_us;
	return t > 0 ? (uint64_t)t : (uint64_t)MISC_FALLBACK_TIMEOUT_US;
}

static void misc_finish(struct checker *ck, const struct misc_outcome *out,
			const char *why)
{
	struct misc_attempt *a = ck->priv;

	mem_free(&a);
	ck->priv = NULL;
	if (out->has_delta)
		ck_checker_set_weight_delta(ck, out->delta);
	ck_checker_done(ck, out->ok, "%s", why);
}

static void misc_fail(struct checker *ck, const char *why)
{
	const struct misc_outcome failed = { .ok = false };

	misc_finish(ck, &failed, why);
}

static void misc_child_cb(struct event_loop *loop,
			  const struct event_info *info);

/* The time-out passed with the script still running. */
static void misc_timed_out(struct event_loop *loop, struct checker *ck)
{
	struct misc_attempt *a = ck->priv;

	if (a->timed_out) {
		misc_kill_detached(loop, a->pid);
		misc_fail(ck, "timed out, and killed after ignoring SIGTERM");
		return;
	}
	a->timed_out = true;
	kill(-a->pid, SIGTERM);
	if (event_add_child(loop, &a->child_ev, a->pid, MISC_KILL_GRACE_US,
			    misc_child_cb, ck) < 0) {
		misc_kill_detached(loop, a->pid);
		misc_fail(ck, "timed out");
	}
}

static void misc_child_cb(struct event_loop *loop,
			  const struct event_info *info)
{
	struct checker *ck = info->arg;
	struct misc_attempt *a = ck->priv;
	struct misc_outcome out;
	char why[64];

	if (info->result == EVENT_TIMEDOUT) {
		misc_timed_out(loop, ck);
		return;
	}
	if (a->timed_out) {
		misc_fail(ck, "timed out");
		return;
	}
	if (info->error) {
		misc_fail(ck, "cannot be waited for");
		return;
	}
	misc_status_outcome(info->wait_status, ck->conf->u.misc.dynamic,
			    ck->rs_weight, &out, why, sizeof(why));
	misc_finish(ck, &out, why);
}

static int misc_spawn(const struct checker *ck, pid_t *pid)
{
	const struct ck_script *s = &ck->conf->u.misc.script;
	struct spawn_opts opts;
	char **argv = NULL;
	uid_t uid = SPAWN_UID_UNCHANGED;
	gid_t gid = SPAWN_GID_UNCHANGED;
	int r;

	if (!s->cmd)
		return -EINVAL;
	r = spawn_argv_split(s->cmd, &argv);
	if (r < 0)
		return r;
	if (!argv[0])
		r = -EINVAL;
	/* A missing script would otherwise "exit" 127, which misc_dynamic
	 * reads as a weight of 125. */
	else if (strchr(argv[0], '/') && access(argv[0], X_OK) < 0)
		r = -errno;
	else
		r = misc_ids(s, ck->env->gd, &uid, &gid);
	if (r == 0) {
		spawn_opts_init(&opts, argv);
		opts.uid = uid;
		opts.gid = gid;
		r = spawn_process(&opts, pid);
	}
	spawn_argv_free(&argv);
	return r;
}

static int misc_start(struct checker *ck)
{
	struct misc_attempt *a;
	pid_t pid;
	int r;

	r = misc_spawn(ck, &pid);
	if (r < 0)
		return r;
	a = mem_new(struct misc_attempt);
	a->pid = pid;
	r = event_add_child(ck->env->loop, &a->child_ev, pid,
			    misc_timeout_us(ck), misc_child_cb, ck);
	if (r < 0) {
		misc_kill_detached(ck->env->loop, pid);
		mem_free(&a);
		return r;
	}
	ck->priv = a;
	return 0;
}

static void misc_abort(struct checker *ck)
{
	struct misc_attempt *a = ck->priv;

	if (!a)
		return;
	event_cancel(&a->child_ev);
	misc_kill_detached(ck->env->loop, a->pid);
	mem_free(&a);
	ck->priv = NULL;
}

const struct ck_checker_ops ck_misc_ops = {
	.type = CK_MISC,
	.start = misc_start,
	.abort = misc_abort,
};
