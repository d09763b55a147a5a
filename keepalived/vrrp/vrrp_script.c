/*
 * vrrp_script.c: vrrp_script runners on the VRRP child's loop, and the
 * status machine they feed.
 *
 * A run is one child process, leader of its own process group. Its exit
 * is watched with the script's time-out; at the time-out the run counts
 * as a failure at once, and the group gets SIGTERM, then SIGKILL if it
 * has not gone after KILL_GRACE_US. While a run (or its killing) is in
 * progress the next interval is skipped, as keepalived does.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "log.h"
#include "memory.h"
#include "spawn.h"
#include "vrrp_script.h"

#define KILL_GRACE_US 1000000ULL

void vrrp_script_state_init(struct vrrp_script_state *st, unsigned rise,
			    unsigned fall, bool init_fail)
{
	st->status = init_fail ? VRRP_TRACK_DOWN : VRRP_TRACK_PENDING;
	st->rise = rise ? rise : 1;
	st->fall = fall ? fall : 1;
	st->count = 0;
}

bool vrrp_script_state_feed(struct vrrp_script_state *st, bool success)
{
	enum vrrp_track_status want = success ? VRRP_TRACK_UP : VRRP_TRACK_DOWN;
	unsigned need = success ? st->rise : st->fall;

	if (st->status == VRRP_TRACK_PENDING) {
		st->status = want;
		st->count = 0;
		return true;
	}
	if (st->status == want) {
		st->count = 0;
		return false;
	}
	if (++st->count < need)
		return false;
	st->status = want;
	st->count = 0;
	return true;
}

struct subscriber {
	vrrp_script_cb *cb;
	void *ctx;
};

struct vrrp_script {
	struct list_node node;		/* on vrrp_script_set.scripts */
	struct event_loop *loop;
	struct vrrp_script_params p;	/* p.cmd: cmd below */
	char *cmd;
	char **argv;
	struct vrrp_script_state st;
	struct subscriber *subs;
	size_t nsubs;
	pid_t pid;			/* run in progress, or 0 */
	bool killing;			/* timed out, being killed */
	int last_status;		/* wait status of the last run */
	struct event *t_next;
	struct event *ev_child;
};

struct vrrp_script_set {
	struct event_loop *loop;
	struct list_node scripts;
};

enum vrrp_track_status vrrp_script_status(const struct vrrp_script *s)
{
	return s->st.status;
}

const char *vrrp_script_name(const struct vrrp_script *s)
{
	return s->p.name;
}

pid_t vrrp_script_pid(const struct vrrp_script *s)
{
	return s->pid;
}

static void notify_subscribers(struct vrrp_script *s)
{
	size_t n = s->nsubs, i;
	struct subscriber *copy = mem_calloc(n ? n : 1, sizeof(*copy));

	/* A subscriber may leave from its callback. */
	memcpy(copy, s->subs, n * sizeof(*copy));
	for (i = 0; i < n; i++)
		copy[i].cb(copy[i].ctx, s);
	mem_free(&copy);
}

static void describe(int wait_status, char *buf, size_t len)
{
	if (WIFEXITED(wait_status))
		snprintf(buf, len, "exited with status %d",
			 WEXITSTATUS(wait_status));
	else if (WIFSIGNALED(wait_status))
		snprintf(buf, len, "killed by signal %d",
			 WTERMSIG(wait_status));
	else
		snprintf(buf, len, "wait status %#x", wait_status);
}

/* One result: "why" says how a failure failed, for the log. */
static void result(struct vrrp_script *s, bool success, const char *why)
{
	if (!vrrp_script_state_feed(&s->st, success))
		return;
	if (success)
		log_info("VRRP_Script(%s) succeeded", s->p.name);
	else
		log_info("VRRP_Script(%s) %s", s->p.name, why);
	notify_subscribers(s);
}

static void on_exit_status(struct vrrp_script *s, int wait_status)
{
	bool ok = WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0;
	char text[64], why[96];

	if (s->last_status != wait_status) {
		if (WIFEXITED(wait_status))
			log_detail("Script `%s` now returning %d", s->p.name,
				   WEXITSTATUS(wait_status));
		s->last_status = wait_status;
	}
	describe(wait_status, text, sizeof(text));
	snprintf(why, sizeof(why), "failed (%s)", text);
	result(s, ok, why);
}

static void on_child(struct event_loop *loop, const struct event_info *info);

/* The group, not only the leader: a shell's own children go too. */
static void kill_group(struct vrrp_script *s, int sig)
{
	if (s->pid > 0 && kill(-s->pid, sig) < 0 && errno != ESRCH)
		log_warn("VRRP_Script(%s): cannot kill process group %d",
			 s->p.name, (int)s->pid);
}

static void watch(struct vrrp_script *s, uint64_t timeout_us)
{
	int r = event_add_child(s->loop, &s->ev_child, s->pid, timeout_us,
				on_child, s);

	if (r < 0) {
		/* Cannot happen for our own child; do not leave it hung. */
		errno = -r;
		log_warn("VRRP_Script(%s): cannot watch pid %d", s->p.name,
			 (int)s->pid);
		kill_group(s, SIGKILL);
		s->pid = 0;
	}
}

static void on_timed_out(struct vrrp_script *s)
{
	if (!s->killing) {
		s->killing = true;
		log_detail("VRRP_Script(%s) pid %d timed out, killing its "
			   "process group", s->p.name, (int)s->pid);
		kill_group(s, SIGTERM);
		watch(s, KILL_GRACE_US);
		result(s, false, "timed_out");
		return;
	}
	kill_group(s, SIGKILL);
	watch(s, 0);
}

static void on_child(struct event_loop *loop, const struct event_info *info)
{
	struct vrrp_script *s = info->arg;

	(void)loop;
	if (info->result == EVENT_TIMEDOUT) {
		on_timed_out(s);
		return;
	}
	if (s->killing)
		kill_group(s, SIGKILL);	/* what the leader left behind */
	s->pid = 0;
	if (s->killing) {
		s->killing = false;
		return;			/* already counted as a failure */
	}
	if (info->error)
		result(s, false, "failed (cannot be waited for)");
	else
		on_exit_status(s, info->wait_status);
}

static int run_once(struct vrrp_script *s)
{
	struct spawn_opts o;
	pid_t pid;
	int r;

	spawn_opts_init(&o, s->argv);
	o.uid = s->p.uid;
	o.gid = s->p.gid;
	r = spawn_process(&o, &pid);
	if (r < 0)
		return r;
	s->pid = pid;
	watch(s, s->p.timeout_us);
	return 0;
}

static void on_interval(struct event_loop *loop,
			const struct event_info *info)
{
	struct vrrp_script *s = info->arg;
	int r;

	event_add_timer(loop, &s->t_next, s->p.interval_us, on_interval, s);
	if (s->pid) {
		log_detail("Track script %s is already running, expect idle - "
			   "skipping run", s->p.name);
		return;
	}
	r = run_once(s);
	if (r < 0) {
		errno = -r;
		log_warn("VRRP_Script(%s): cannot start it", s->p.name);
		result(s, false, "failed (cannot be started)");
	}
}

static struct vrrp_script *script_new(struct event_loop *loop,
				      const struct vrrp_script_params *p)
{
	struct vrrp_script *s;
	char **argv = NULL;

	if (spawn_argv_split(p->cmd, &argv) < 0 || !argv[0]) {
		log_warnx("VRRP_Script(%s): cannot split '%s' into words",
			  p->name, p->cmd);
		spawn_argv_free(&argv);
		return NULL;
	}
	s = mem_new(struct vrrp_script);
	list_node_init(&s->node);
	s->loop = loop;
	s->p = *p;
	s->cmd = mem_strdup(p->cmd);
	s->p.cmd = s->cmd;
	s->argv = argv;
	s->last_status = 0;	/* "now returning" only on a change */
	vrrp_script_state_init(&s->st, p->rise, p->fall, p->init_fail);
	return s;
}

static void script_free(struct vrrp_script **sp)
{
	struct vrrp_script *s = *sp;

	event_cancel(&s->t_next);
	event_cancel(&s->ev_child);
	kill_group(s, SIGKILL);
	list_del(&s->node);
	spawn_argv_free(&s->argv);
	mem_free(&s->cmd);
	mem_free(&s->subs);
	mem_free(sp);
}

struct vrrp_script_set *vrrp_script_set_new(struct event_loop *loop)
{
	struct vrrp_script_set *set = mem_new(struct vrrp_script_set);

	set->loop = loop;
	list_init(&set->scripts);
	return set;
}

void vrrp_script_set_free(struct vrrp_script_set **setp)
{
	struct vrrp_script *s, *tmp;

	if (!setp || !*setp)
		return;
	list_for_each_entry_safe(s, tmp, &(*setp)->scripts, node)
		script_free(&s);
	mem_free(setp);
}

static bool same_params(const struct vrrp_script_params *a,
			const struct vrrp_script_params *b)
{
	return !strcmp(a->name, b->name) && !strcmp(a->cmd, b->cmd) &&
	       a->uid == b->uid && a->gid == b->gid &&
	       a->interval_us == b->interval_us &&
	       a->timeout_us == b->timeout_us && a->rise == b->rise &&
	       a->fall == b->fall && a->init_fail == b->init_fail;
}

static struct vrrp_script *find_or_start(struct vrrp_script_set *set,
					 const struct vrrp_script_params *p)
{
	struct vrrp_script *s;

	list_for_each_entry(s, &set->scripts, node)
		if (same_params(&s->p, p))
			return s;
	s = script_new(set->loop, p);
	if (!s)
		return NULL;
	list_add_tail(&set->scripts, &s->node);
	/* The first run on the next pass: never from inside the caller. */
	event_add_timer(set->loop, &s->t_next, 0, on_interval, s);
	return s;
}

struct vrrp_script *vrrp_script_set_join(struct vrrp_script_set *set,
					 const struct vrrp_script_params *p,
					 vrrp_script_cb *cb, void *ctx)
{
	struct vrrp_script *s = find_or_start(set, p);

	if (!s)
		return NULL;
	s->subs = mem_reallocarray(s->subs, s->nsubs + 1, sizeof(*s->subs));
	s->subs[s->nsubs++] = (struct subscriber){ .cb = cb, .ctx = ctx };
	return s;
}

void vrrp_script_set_leave(struct vrrp_script_set *set,
			   struct vrrp_script **sp, vrrp_script_cb *cb,
			   void *ctx)
{
	struct vrrp_script *s = sp ? *sp : NULL;
	size_t i;

	(void)set;
	if (!s)
		return;
	for (i = 0; i < s->nsubs; i++) {
		if (s->subs[i].cb != cb || s->subs[i].ctx != ctx)
			continue;
		s->subs[i] = s->subs[--s->nsubs];
		break;
	}
	if (!s->nsubs)
		script_free(&s);
	*sp = NULL;
}
