/*
 * vrrp_notify.c: notify scripts started and reaped on the loop.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "list.h"
#include "log.h"
#include "memory.h"
#include "spawn.h"
#include "vrrp_notify.h"

/* One script that has not exited yet. */
struct running {
	struct list_node node;
	struct vrrp_notifier *n;
	pid_t pid;
	struct event *ev;
};

struct vrrp_notifier {
	struct event_loop *loop;
	struct list_node running;
	unsigned count;
	struct event *t_drain;
	bool drain_over;
};

struct vrrp_notifier *vrrp_notifier_new(struct event_loop *loop)
{
	struct vrrp_notifier *n = mem_new(struct vrrp_notifier);

	n->loop = loop;
	list_init(&n->running);
	return n;
}

static void running_free(struct running **rp)
{
	struct running *r = *rp;

	event_cancel(&r->ev);
	list_del(&r->node);
	r->n->count--;
	mem_free(rp);
}

void vrrp_notifier_free(struct vrrp_notifier **np)
{
	struct running *r, *tmp;

	if (!np || !*np)
		return;
	list_for_each_entry_safe(r, tmp, &(*np)->running, node)
		running_free(&r);
	event_cancel(&(*np)->t_drain);
	mem_free(np);
}

static void on_script_exit(struct event_loop *loop,
			   const struct event_info *info)
{
	struct running *r = info->arg;

	(void)loop;
	running_free(&r);
}

/* The configured words, then the extra ones. */
static char **build_argv(const char *cmd, const char *const *extra)
{
	char **argv = NULL;
	size_t n, k;

	if (spawn_argv_split(cmd, &argv) < 0 || !argv[0]) {
		spawn_argv_free(&argv);
		return NULL;
	}
	for (n = 0; argv[n]; n++)
		;
	for (k = 0; extra && extra[k]; k++) {
		argv = mem_reallocarray(argv, n + 2, sizeof(*argv));
		argv[n++] = mem_strdup(extra[k]);
		argv[n] = NULL;
	}
	return argv;
}

int vrrp_notify_run(struct vrrp_notifier *n, const char *who,
		    const struct vrrp_notify_cmd *c, const char *const *extra)
{
	char **argv = build_argv(c->cmd, extra);
	struct spawn_opts o;
	struct running *r;
	pid_t pid;
	int ret;

	if (!argv) {
		log_warnx("%s: cannot split '%s' into words", who, c->cmd);
		return -EINVAL;
	}
	spawn_opts_init(&o, argv);
	o.uid = c->uid;
	o.gid = c->gid;
	ret = spawn_process(&o, &pid);
	spawn_argv_free(&argv);
	if (ret < 0) {
		errno = -ret;
		log_warn("%s: cannot run '%s'", who, c->cmd);
		return ret;
	}
	r = mem_new(struct running);
	r->n = n;
	r->pid = pid;
	list_add_tail(&n->running, &r->node);
	n->count++;
	ret = event_add_child(n->loop, &r->ev, pid, 0, on_script_exit, r);
	if (ret < 0)
		running_free(&r);	/* left to the kernel when we exit */
	return 0;
}

unsigned vrrp_notifier_running(const struct vrrp_notifier *n)
{
	return n->count;
}

static void on_drain_over(struct event_loop *loop,
			  const struct event_info *info)
{
	struct vrrp_notifier *n = info->arg;

	(void)loop;
	n->drain_over = true;
}

void vrrp_notifier_drain(struct vrrp_notifier *n, uint64_t max_us)
{
	if (!n || !n->count)
		return;
	n->drain_over = false;
	if (event_add_timer(n->loop, &n->t_drain, max_us, on_drain_over,
			    n) < 0)
		return;
	while (n->count && !n->drain_over)
		if (event_loop_run_once(n->loop, true) < 0)
			break;
	event_cancel(&n->t_drain);
}

void vrrp_notify_instance_args(const char *name, const char *state,
			       unsigned priority, char prio[4],
			       const char *extra[5])
{
	snprintf(prio, 4, "%u", priority > 255 ? 255 : priority);
	extra[0] = "INSTANCE";
	extra[1] = name;
	extra[2] = state;
	extra[3] = prio;
	extra[4] = NULL;
}
