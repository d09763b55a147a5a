/*
 * parent.c: the watchdog parent: start, signals, reload, stop.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core_run.h"
#include "daemon.h"
#include "dump_file.h"
#include "core_dump.h"
#include "log.h"
#include "memory.h"
#include "parent.h"
#include "parent_internal.h"
#include "proc_stats.h"
#include "signum.h"
#include "static_data.h"

void parent_notify(struct parent *p, const char *text)
{
	int r = sd_notify_send(p->notify, text);

	if (r < 0) {
		errno = -r;
		log_warn("Cannot notify systemd");
	}
}

/* Which children the configuration (and -P, -C, --all) asks for. */
void parent_choose_children(struct parent *p)
{
	const struct ka_options *o = p->opts;
	const struct global_data *gd = p->conf->global;
	bool only = o->vrrp_only || o->check_only;
	struct parent_child *v = &p->children[CHILD_VRRP];
	struct parent_child *c = &p->children[CHILD_CHECKER];

	v->wanted = only ? o->vrrp_only : true;
	c->wanted = only ? o->check_only : true;
	if (!o->all_children) {
		/* static_* blocks are the VRRP child's to set up, as in
		 * keepalived */
		v->wanted = v->wanted && (gd->vrrp_instances > 0 ||
					  !static_data_empty(p->conf->statics));
		c->wanted = c->wanted && gd->virtual_servers > 0;
	}
}

void parent_check_ready(struct parent *p)
{
	char *text;
	size_t i;

	if (!p->announce_ready || p->stopping)
		return;
	for (i = 0; i < PARENT_N_CHILDREN; i++)
		if (p->children[i].wanted && !p->children[i].ready)
			return;
	p->announce_ready = false;
	log_info("Running, with %s%s%s", p->children[0].wanted ? "VRRP " : "",
		 p->children[1].wanted ? "checker " : "",
		 p->children[0].wanted || p->children[1].wanted ?
		 "child processes" : "no child process");
	text = mem_asprintf("READY=1\nMAINPID=%ld\nSTATUS=Running",
			    (long)getpid());
	parent_notify(p, text);
	mem_free(&text);
}

/* Starts or stops children so that they match what is wanted. */
static void apply_children(struct parent *p)
{
	size_t i;

	for (i = 0; i < PARENT_N_CHILDREN; i++) {
		struct parent_child *pc = &p->children[i];

		pc->ready = false;
		if (pc->wanted && pc->pid > 0) {
			parent_child_signal(pc, SIGHUP);
		} else if (pc->wanted && !pc->ev_restart) {
			parent_child_start(pc);
		} else if (!pc->wanted) {
			parent_child_cancel_respawn(pc);
			if (pc->pid > 0) {
				log_info("No %s configuration any more: "
					 "stopping its child", pc->name);
				parent_child_signal(pc, SIGTERM);
			}
		}
	}
}

static void reload(struct parent *p)
{
	struct ka_conf *n = NULL;

	log_info("Reloading");
	parent_notify(p, "RELOADING=1\nSTATUS=Reloading");
	if (core_run_load(p->opts, false, &n) < 0 ||
	    !parent_conf_reloadable(n->worst_run)) {
		log_warnx("Reload rejected: the new configuration has errors; "
			  "keeping the running one");
		conf_free(&n);
		parent_notify(p, "READY=1\nSTATUS=Reload rejected: the "
			      "configuration has errors");
		return;
	}
	conf_free(&p->conf);
	p->conf = n;
	p->reloads++;
	parent_choose_children(p);
	p->announce_ready = true;
	apply_children(p);
	parent_check_ready(p);
}

static void fill_data(FILE *f, const struct parent *p)
{
	size_t i;

	fprintf(f, "------< %s (pid %ld) >------\n", p->ident, (long)getpid());
	fprintf(f, " Version = %s\n Reloads = %u\n", PACKAGE_VERSION,
		p->reloads);
	for (i = 0; i < PARENT_N_CHILDREN; i++) {
		const struct parent_child *pc = &p->children[i];

		fprintf(f, " %s child: %s, pid %ld, started %u times\n",
			pc->name, pc->wanted ? "wanted" : "not configured",
			(long)pc->pid, pc->generation);
	}
	fprintf(f, "------< Global definitions >------\n");
	global_data_dump(p->conf->global, f);
}

static void dump_data(const struct parent *p)
{
	const char *base = p->conf->global->state_dump_file;
	char *path = dump_file_name(base ? base : DUMP_FILE_DATA, "_parent");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int r = -ENOMEM;

	if (f) {
		fill_data(f, p);
		r = fclose(f) == 0 ? dump_file_write(path, buf, len) : -errno;
	}
	if (r < 0) {
		errno = -r;
		log_warn("Cannot write the state dump %s", path);
	}
	free(buf);
	mem_free(&path);
}

static void relay(struct parent *p, int sig)
{
	size_t i;

	for (i = 0; i < PARENT_N_CHILDREN; i++)
		parent_child_signal(&p->children[i], sig);
}

static void on_signal(struct event_loop *loop, const struct event_info *info)
{
	struct parent *p = info->arg;
	int sig = info->signo;

	(void)loop;
	if (p->stopping)
		return;
	if (sig == SIGTERM || sig == SIGINT) {
		log_info("Stopping");
		parent_stop(p, 0);
		return;
	}
	if (sig == SIGHUP) {
		reload(p);
		return;
	}
	if (sig == SIGUSR1)
		dump_data(p);
	relay(p, sig);
}

static void on_kill_timeout(struct event_loop *loop,
			    const struct event_info *info)
{
	struct parent *p = info->arg;

	(void)loop;
	log_warnx("Children still running %u s after TERM: killing them",
		  p->conf->global->child_wait_time_s);
	relay(p, SIGKILL);
}

void parent_child_gone(struct parent *p)
{
	size_t i;

	if (!p->stopping)
		return;
	for (i = 0; i < PARENT_N_CHILDREN; i++)
		if (p->children[i].pid > 0)
			return;
	event_loop_stop(p->loop);
}

void parent_stop(struct parent *p, int status)
{
	size_t i;

	if (p->stopping)
		return;
	p->stopping = true;
	p->exit_status = status;
	parent_notify(p, "STOPPING=1\nSTATUS=Stopping");
	event_cancel(&p->ev_hello);
	for (i = 0; i < PARENT_N_CHILDREN; i++)
		parent_child_cancel_respawn(&p->children[i]);
	relay(p, SIGTERM);
	event_add_timer(p->loop, &p->ev_kill,
			(uint64_t)p->conf->global->child_wait_time_s * 1000000,
			on_kill_timeout, p);
	parent_child_gone(p);
}

static void on_hello(struct event_loop *loop, const struct event_info *info)
{
	struct parent *p = info->arg;
	size_t i;

	for (i = 0; i < PARENT_N_CHILDREN; i++)
		parent_child_hello(&p->children[i]);
	event_add_timer(loop, &p->ev_hello, p->tune.hello_interval_us,
			on_hello, p);
}

static int add_signals(struct parent *p)
{
	int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2,
		       signum_lookup("STATS_CLEAR"), signum_lookup("JSON") };
	size_t i;
	int r;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		r = event_add_signal(p->loop, sigs[i], on_signal, p);
		if (r < 0)
			return r;
	}
	return event_add_timer(p->loop, &p->ev_hello,
			       p->tune.hello_interval_us, on_hello, p);
}

/* Runs the loop with the children; returns the exit status. */
static int supervise(struct parent *p)
{
	static const char *const names[] = { "VRRP", "checker" };
	const char *pids[] = { p->paths.vrrp, p->paths.checker };
	size_t i;
	int r;

	p->loop = event_loop_new(NULL);
	if (!p->loop || (r = add_signals(p)) < 0) {
		log_warn("Cannot set up the event loop");
		return CORE_RUN_EXIT_FATAL;
	}
	for (i = 0; i < PARENT_N_CHILDREN; i++) {
		struct parent_child *pc = &p->children[i];

		pc->parent = p;
		pc->role = (enum child_role)i;
		pc->name = names[i];
		pc->pid_file = pids[i];
		pc->fd = -1;
		pc->bad_rl = (struct ratelimit)RATELIMIT_INIT(10000000, 5);
		if (pc->wanted)
			parent_child_start(pc);
	}
	p->announce_ready = true;
	parent_check_ready(p);
	r = event_loop_run(p->loop);
	event_loop_free(&p->loop);
	if (r < 0) {
		errno = -r;
		log_warn("Event loop failed");
		return CORE_RUN_EXIT_FATAL;
	}
	return p->exit_status;
}

/* -m / -M, before the children start: they inherit the limit. */
static void core_dump_setup(struct parent *p)
{
	const struct ka_options *o = p->opts;
	int r;

	if (!o->core_dump && !o->core_dump_pattern)
		return;
	r = core_dump_enable();
	if (r < 0)
		log_warnx("Cannot lift the core size limit: %s", strerror(-r));
	if (!o->core_dump_pattern)
		return;
	r = core_pattern_swap(CORE_PATTERN_FILE, o->core_dump_pattern,
			      &p->old_core_pattern);
	if (r < 0)
		log_warnx("Cannot set %s to '%s': %s", CORE_PATTERN_FILE,
			  o->core_dump_pattern, strerror(-r));
}

static void core_dump_restore(struct parent *p)
{
	char *ours = NULL;
	int r;

	if (!p->old_core_pattern)
		return;
	r = core_pattern_swap(CORE_PATTERN_FILE, p->old_core_pattern, &ours);
	if (r < 0)
		log_warnx("Cannot restore %s to '%s': %s", CORE_PATTERN_FILE,
			  p->old_core_pattern, strerror(-r));
	mem_free(&ours);
	mem_free(&p->old_core_pattern);
}

int parent_run(const struct ka_options *o, int argc, char **argv)
{
	struct parent p = { .opts = o, .argc = argc, .argv = argv };
	int status;

	proc_stats_log_start(argc, argv);
	status = parent_setup(&p);
	if (status == 0) {
		int err;

		p.notify = sd_notify_open(&err);
		if (err < 0) {
			errno = -err;
			log_warn("NOTIFY_SOCKET cannot be used");
		}
		core_dump_setup(&p);
		parent_choose_children(&p);
		status = supervise(&p);
	}
	parent_teardown(&p);
	core_dump_restore(&p);
	sd_notify_free(&p.notify);
	conf_free(&p.conf);
	proc_stats_log_parent_stop();
	mem_free(&p.ident);
	return status;
}
