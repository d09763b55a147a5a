/*
 * check_run_notify.c: the notify_up/notify_down and quorum_up/quorum_down
 * scripts, and the e-mail alerts (smtp_alert). A script runs as its configured user and group (else
 * global_defs' script_user/script_group, else as we run), never blocks
 * the loop, and is killed with its whole process group if it is still
 * running after the time-out.
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_run_internal.h"
#include "log.h"
#include "memory.h"
#include "spawn.h"

struct ck_script_proc {
	struct list_node node;
	struct check_run *run;
	struct event *ev;
	pid_t pid;
	bool killed;
	char *cmd;
};

static int resolve_ids(const char *user, const char *group, uid_t *uid,
		       gid_t *gid)
{
	struct passwd *pw;
	struct group *gr;

	*uid = SPAWN_UID_UNCHANGED;
	*gid = SPAWN_GID_UNCHANGED;
	if (user) {
		pw = getpwnam(user);
		if (!pw)
			return -ENOENT;
		*uid = pw->pw_uid;
		*gid = pw->pw_gid;
	}
	if (group) {
		gr = getgrnam(group);
		if (!gr)
			return -ENOENT;
		*gid = gr->gr_gid;
	}
	return 0;
}

static void proc_free(struct ck_script_proc **pp)
{
	struct ck_script_proc *p = *pp;

	event_cancel(&p->ev);
	list_del(&p->node);
	mem_free(&p->cmd);
	mem_free(pp);
}

static void on_exit_or_timeout(struct event_loop *loop,
			       const struct event_info *info);

static int watch(struct ck_script_proc *p, uint64_t timeout_us)
{
	return event_add_child(p->run->loop, &p->ev, p->pid, timeout_us,
			       on_exit_or_timeout, p);
}

static void kill_group(struct ck_script_proc *p)
{
	p->killed = true;
	/* spawn_process() made the script a group leader: its own children
	 * go with it. */
	if (kill(-p->pid, SIGKILL) < 0 && errno != ESRCH)
		log_warn("Cannot kill script [%s] (pid %d)", p->cmd,
			 (int)p->pid);
}

static void on_exit_or_timeout(struct event_loop *loop,
			       const struct event_info *info)
{
	struct ck_script_proc *p = info->arg;
	int st = info->wait_status;

	(void)loop;
	if (info->result == EVENT_TIMEDOUT) {
		log_warnx("Script [%s] timed out, killing it", p->cmd);
		kill_group(p);
		if (watch(p, 0) < 0)
			proc_free(&p);
		return;
	}
	if (!p->killed && WIFEXITED(st) && WEXITSTATUS(st))
		log_detail("Script [%s] exited with status %d", p->cmd,
			   WEXITSTATUS(st));
	else if (!p->killed && WIFSIGNALED(st))
		log_detail("Script [%s] killed by signal %d", p->cmd,
			   WTERMSIG(st));
	proc_free(&p);
}

static int spawn(const struct ck_script *s, uid_t uid, gid_t gid,
		 pid_t *pid)
{
	struct spawn_opts o;
	char **argv = NULL;
	int r;

	r = spawn_argv_split(s->cmd, &argv);
	if (r < 0)
		return r;
	if (!argv[0]) {
		spawn_argv_free(&argv);
		return -EINVAL;
	}
	spawn_opts_init(&o, argv);
	o.uid = uid;
	o.gid = gid;
	r = spawn_process(&o, pid);
	spawn_argv_free(&argv);
	return r;
}

void ck_script_run(struct check_run *r, const struct ck_script *s,
		   const char *what)
{
	const struct global_data *gd = r->gd;
	struct ck_script_proc *p;
	uid_t uid;
	gid_t gid;
	pid_t pid;
	int ret;

	if (!s->cmd)
		return;
	log_info("Executing [%s] %s", s->cmd, what);
	ret = resolve_ids(s->user ? s->user : gd ? gd->script_user : NULL,
			  s->user ? s->group : gd ? gd->script_group : NULL,
			  &uid, &gid);
	if (ret == 0)
		ret = spawn(s, uid, gid, &pid);
	if (ret < 0) {
		log_warnx("Cannot run script [%s]: %s", s->cmd,
			  ret == -ENOENT ? "unknown user or group"
					 : strerror(-ret));
		return;
	}
	p = mem_new(struct ck_script_proc);
	p->run = r;
	p->pid = pid;
	p->cmd = mem_strdup(s->cmd);
	list_add_tail(&r->scripts, &p->node);
	if (watch(p, r->opts.script_timeout_us) < 0) {
		/* Cannot watch it: better killed now than left behind. */
		kill_group(p);
		waitpid(pid, NULL, 0);
		proc_free(&p);
	}
}

static void on_deadline(struct event_loop *loop,
			const struct event_info *info)
{
	(void)loop;
	(void)info;
}

void ck_scripts_drain(struct check_run *r, uint64_t max_us)
{
	uint64_t end = event_loop_now_us(r->loop) + max_us;
	struct ck_script_proc *p, *tmp;
	struct event *deadline = NULL;

	/* The deadline's timer bounds each blocking pass. */
	if (!list_empty(&r->scripts))
		event_add_timer(r->loop, &deadline, max_us, on_deadline, NULL);
	while (!list_empty(&r->scripts) &&
	       event_loop_now_us(r->loop) < end)
		if (event_loop_run_once(r->loop, true) < 0)
			break;
	event_cancel(&deadline);
	list_for_each_entry_safe(p, tmp, &r->scripts, node) {
		log_warnx("Script [%s] still running at stop, killing it",
			  p->cmd);
		kill_group(p);
		waitpid(p->pid, NULL, 0);
		proc_free(&p);
	}
}

/* The subject gets "[router_id] " from the alerter. */
void ck_alert_rs(struct check_run *r, const struct ck_rs_run *rs, bool up,
		 enum ck_type t)
{
	char subject[CK_NAME_LEN + CK_VS_STRLEN + 64], body[64];

	if (!r->alerter || rs->conf->smtp_alert != 1)
		return;
	snprintf(subject, sizeof(subject),
		 "Realserver %s of virtual server %s - %s", rs->name,
		 rs->vs->name, up ? "UP" : "DOWN");
	snprintf(body, sizeof(body), "=> %s %s on service <=",
		 ck_type_name(t), up ? "succeeded" : "failed");
	if (smtp_alert_send(r->alerter, subject, body) < 0)
		log_warnx("Too many alerts in flight: the alert for %s is "
			  "dropped", rs->name);
}

void ck_alert_vs(struct check_run *r, const struct ck_vs_run *vs, bool up)
{
	char subject[CK_VS_STRLEN + 64];

	if (!r->alerter || vs->conf->smtp_alert != 1)
		return;
	snprintf(subject, sizeof(subject), "Virtualserver %s - %s", vs->name,
		 up ? "UP" : "DOWN");
	if (smtp_alert_send(r->alerter, subject, up ? "=> Gained quorum <="
				      : "=> Lost quorum <=") < 0)
		log_warnx("Too many alerts in flight: the alert for VS %s is "
			  "dropped", vs->name);
}

void ck_tell_change(struct check_run *r, const struct ck_vs_run *vs,
		    const struct ck_rs_run *rs)
{
	struct check_run_change ch = { .vs = vs, .rs = rs };

	if (r->opts.on_change)
		r->opts.on_change(&ch, r->opts.change_ctx);
}
