/*
 * child.c: the common runtime of the VRRP and checker children.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "child_caps.h"
#include "child_internal.h"
#include "child_sched.h"
#include "core_run.h"
#include "heartbeat.h"
#include "log.h"
#include "memory.h"
#include "parent_policy.h"
#include "proc_stats.h"
#include "signum.h"

static const char *const role_names[] = {
	[CHILD_VRRP] = "vrrp",
	[CHILD_CHECKER] = "checker",
};

int child_env_parse(const char *value, struct child_start *out)
{
	char role[16];
	int fd, n = 0;
	long ppid;
	unsigned gen;
	size_t i;

	if (!value || sscanf(value, "%15s %d %ld %u%n", role, &fd, &ppid,
			     &gen, &n) != 4 || value[n] != '\0')
		return -EINVAL;
	if (fd < 3 || ppid <= 1 || gen == 0)
		return -EINVAL;
	for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++) {
		if (strcmp(role, role_names[i]) != 0)
			continue;
		out->role = (enum child_role)i;
		out->fd = fd;
		out->ppid = (pid_t)ppid;
		out->generation = gen;
		return 0;
	}
	return -EINVAL;
}

char *child_env_format(const struct child_start *s)
{
	return mem_asprintf("%s %d %ld %u", role_names[s->role], s->fd,
			    (long)s->ppid, s->generation);
}

static void send_msg(struct child *c, enum heartbeat_type type,
		     uint32_t seq, uint32_t value)
{
	struct heartbeat_msg m = { .type = type, .seq = seq, .value = value };
	uint8_t buf[HEARTBEAT_MSG_SIZE];
	int n = heartbeat_encode(&m, buf, sizeof(buf));

	/* A full socket means the parent is not reading: it will count a
	 * missed hello, which is the truth. */
	if (n < 0 || send(c->start.fd, buf, (size_t)n,
			  MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
		log_debug("Cannot send %s to the parent",
			  heartbeat_type_name(type));
}

static void on_parent_msg(struct event_loop *loop,
			  const struct event_info *info);

static void parent_gone(struct child *c, const char *why)
{
	log_warnx("The parent process is gone (%s): stopping", why);
	event_loop_stop(c->loop);
}

static void dispatch(struct child *c, const struct heartbeat_msg *m)
{
	switch (m->type) {
	case HEARTBEAT_HELLO:
		c->stats.hellos++;
		send_msg(c, HEARTBEAT_REPLY, m->seq, 0);
		break;
	case HEARTBEAT_REPLY:
	case HEARTBEAT_READY:
		/* heartbeat_decode() refuses these in this direction. */
		break;
	}
}

/* Returns false once the parent is gone. */
static bool read_one(struct child *c)
{
	uint8_t buf[64];
	char reason[64];
	const char *why;
	struct heartbeat_msg m;
	ssize_t n = recv(c->start.fd, buf, sizeof(buf), MSG_DONTWAIT);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return true;
	if (n <= 0) {
		parent_gone(c, n == 0 ? "end of the watchdog socket"
			    : strerror(errno));
		return false;
	}
	if (heartbeat_decode(buf, (size_t)n, HEARTBEAT_TO_CHILD, &m, reason,
			     sizeof(reason), &why) < 0) {
		c->stats.bad_messages++;
		log_warnx_limited(&c->bad_rl, "Message from the parent "
				  "refused: %s", why);
		return true;
	}
	dispatch(c, &m);
	return true;
}

static int watch_parent(struct child *c)
{
	return event_add_read(c->loop, &c->ev_read, c->start.fd, 0,
			      on_parent_msg, c);
}

static void on_parent_msg(struct event_loop *loop,
			  const struct event_info *info)
{
	struct child *c = info->arg;

	(void)loop;
	if (read_one(c) && watch_parent(c) < 0)
		log_warnx("Cannot watch the parent's socket any more");
}

static void reload(struct child *c)
{
	struct ka_conf *n = NULL;

	log_info("Reloading");
	if (core_run_load(c->opts, true, &n) < 0 ||
	    !parent_conf_reloadable(n->worst_run)) {
		c->stats.reloads_rejected++;
		log_warnx("Reload rejected: the new configuration has errors; "
			  "keeping the running one");
		conf_free(&n);
		send_msg(c, HEARTBEAT_READY, 0, HEARTBEAT_READY_REJECTED);
		return;
	}
	if (c->ops->reload)
		c->ops->reload(&c->env, c->conf, n);
	conf_free(&c->conf);
	c->conf = n;
	c->stats.reloads++;
	log_info("Configuration reloaded");
	send_msg(c, HEARTBEAT_READY, 0, HEARTBEAT_READY_RELOADED);
}

static void on_signal(struct event_loop *loop, const struct event_info *info)
{
	struct child *c = info->arg;
	int sig = info->signo;

	if (sig == SIGTERM || sig == SIGINT) {
		log_info("%s child: stopping", c->ops->name);
		event_loop_stop(loop);
	} else if (sig == SIGHUP) {
		reload(c);
	} else if (sig == SIGUSR1) {
		child_dump_data(c);
	} else if (sig == SIGUSR2) {
		child_dump_stats(c, false);
	} else if (sig == signum_lookup("STATS_CLEAR")) {
		child_dump_stats(c, true);
	} else if (sig == signum_lookup("JSON")) {
		child_dump_json(c);
	}
}

static int add_signals(struct child *c)
{
	int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2,
		       signum_lookup("STATS_CLEAR"), signum_lookup("JSON") };
	size_t i;
	int r;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		r = event_add_signal(c->loop, sigs[i], on_signal, c);
		if (r < 0)
			return r;
	}
	return 0;
}

/* Dies with the parent; false if the parent is already gone. */
static bool tie_to_parent(const struct child_start *s)
{
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0)
		return false;
	/* The parent may have died before prctl(): then we were adopted. */
	return getppid() == s->ppid;
}

/* Before anything else runs: what the child does not need, it cannot
 * misuse (child_caps.h). Failing to lower them is no reason to stop. */
static void drop_caps(enum child_role role, const char *name)
{
	char names[512];
	uint64_t keep = child_caps_needed(role);
	int r = child_caps_restrict(keep);

	if (r < 0) {
		errno = -r;
		log_warn("%s child: cannot lower its capabilities", name);
		return;
	}
	child_caps_names(keep, names, sizeof(names));
	log_detail("%s child: capabilities lowered to %s", name, names);
}

static void set_names(struct child *c)
{
	const char *comm = c->ops->process_name ?
		c->ops->process_name(c->conf) : NULL;
	const struct global_data *gd = c->conf->global;

	mem_free(&c->ident);
	c->ident = core_run_ident(c->ops->ident,
				  c->opts->namespace ? c->opts->namespace
				  : gd->net_namespace, gd->instance_name);
	log_set_ident(c->ident);
	prctl(PR_SET_NAME, comm ? comm : c->ops->comm, 0, 0, 0);
}

static int start(struct child *c)
{
	int r;

	if (core_run_load(c->opts, true, &c->conf) < 0 ||
	    !parent_conf_startable(c->conf->worst_run)) {
		log_warnx("The configuration cannot be used: %s child stops",
			  c->ops->name);
		return CHILD_EXIT_CONFIG;
	}
	set_names(c);
	child_sched_apply(c->start.role == CHILD_VRRP ?
				  &c->conf->global->vrrp_proc :
				  &c->conf->global->checker_proc,
			  c->ops->name);
	c->loop = event_loop_new(NULL);
	if (!c->loop) {
		log_warn("Cannot create the event loop");
		return CORE_RUN_EXIT_FATAL;
	}
	r = add_signals(c);
	if (r == 0)
		r = watch_parent(c);
	if (r < 0) {
		errno = -r;
		log_warn("Cannot set up the event loop");
		return CORE_RUN_EXIT_FATAL;
	}
	c->env = (struct child_env){ .loop = c->loop, .opts = c->opts };
	return c->ops->start ? c->ops->start(&c->env, c->conf) : 0;
}

int child_run(const struct ka_options *o, const struct child_start *s,
	      const struct child_ops *ops)
{
	struct child c = {
		.opts = o, .ops = ops, .start = *s,
		.bad_rl = RATELIMIT_INIT(10000000, 5),
	};
	int status;

	log_set_ident(ops->ident);
	if (!tie_to_parent(s)) {
		log_warnx("The parent process is gone: not starting");
		return 0;
	}
	drop_caps(s->role, ops->name);
	c.started_us = clock_monotonic_us();
	c.started_at = time(NULL);
	log_info("%s child: starting, generation %u", ops->name,
		 s->generation);
	status = start(&c);
	if (status == 0) {
		send_msg(&c, HEARTBEAT_READY, 0, HEARTBEAT_READY_STARTED);
		if (event_loop_run(c.loop) < 0) {
			log_warn("Event loop failed");
			status = CORE_RUN_EXIT_FATAL;
		}
	}
	/* After a failed start() too: it may have half-started. */
	if (c.env.loop && c.ops->stop)
		c.ops->stop(&c.env, c.conf);
	event_loop_free(&c.loop);
	close(s->fd);
	conf_free(&c.conf);
	proc_stats_log_child_stop();
	mem_free(&c.ident);
	return status;
}
