/*
 * parent_child.c: one supervised child: started by fork and exec of this
 * same program, watched through its pidfd (exit) and its socketpair
 * (hellos and READY), respawned with a back-off when it dies.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core_run.h"
#include "heartbeat.h"
#include "log.h"
#include "memory.h"
#include "parent_internal.h"

static void on_exit_event(struct event_loop *loop,
			  const struct event_info *info);
static void on_child_msg(struct event_loop *loop,
			 const struct event_info *info);

/* In the forked process: becomes the child program, or exits. */
static void __attribute__((noreturn))
exec_child(struct parent_child *pc, int fd, pid_t ppid)
{
	struct child_start s = {
		.role = pc->role, .fd = fd, .ppid = ppid,
		.generation = pc->generation,
	};
	char *env = child_env_format(&s);
	sigset_t none;

	/* The loop blocked the signals it reads through signalfd; the
	 * child program sets up its own. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (fcntl(fd, F_SETFD, 0) < 0 || setenv(CHILD_ENV, env, 1) < 0)
		_exit(127);
	execv("/proc/self/exe", pc->parent->argv);
	_exit(127);
}

static int watch(struct parent_child *pc)
{
	struct event_loop *loop = pc->parent->loop;
	int r = event_add_child(loop, &pc->ev_exit, pc->pid, 0,
				on_exit_event, pc);

	if (r == 0)
		r = event_add_read(loop, &pc->ev_read, pc->fd, 0,
				   on_child_msg, pc);
	return r;
}

static void write_pid_file(struct parent_child *pc)
{
	int r = pidfile_write(pc->pid_file, pc->pid);

	if (r < 0) {
		errno = -r;
		log_warn("Cannot write the %s child's pid file %s", pc->name,
			 pc->pid_file);
	}
}

int parent_child_start(struct parent_child *pc)
{
	int sv[2], r;
	pid_t ppid = getpid(), pid;

	/* Also on failure: the back-off then sees a quick exit. */
	pc->started_us = event_loop_now_us(pc->parent->loop);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK,
		       0, sv) < 0) {
		r = -errno;
		log_warn("Cannot make the %s child's socket", pc->name);
		return r;
	}
	pc->generation++;
	pid = fork();
	if (pid == 0)
		exec_child(pc, sv[1], ppid);
	r = pid < 0 ? -errno : 0;
	close(sv[1]);
	if (r < 0) {
		close(sv[0]);
		log_warn("Cannot fork the %s child", pc->name);
		return r;
	}
	pc->pid = pid;
	pc->fd = sv[0];
	pc->hello_pending = pc->started = pc->ready = false;
	pc->missed = 0;
	log_info("Starting %s child process, pid=%ld", pc->name, (long)pid);
	write_pid_file(pc);
	r = watch(pc);
	if (r < 0) {
		/* Without its exit event we could not reap it: kill it now
		 * and reap it here, the only blocking wait in the parent. */
		errno = -r;
		log_warn("Cannot watch the %s child", pc->name);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		event_cancel(&pc->ev_read);
		close(pc->fd);
		pc->fd = -1;
		pc->pid = 0;
	}
	return r;
}

void parent_child_signal(struct parent_child *pc, int sig)
{
	if (pc->pid > 0 && kill(pc->pid, sig) < 0 && errno != ESRCH)
		log_warn("Cannot signal the %s child (pid %ld)", pc->name,
			 (long)pc->pid);
}

void parent_child_cancel_respawn(struct parent_child *pc)
{
	event_cancel(&pc->ev_restart);
}

static void send_hello(struct parent_child *pc)
{
	struct heartbeat_msg m = {
		.type = HEARTBEAT_HELLO, .seq = ++pc->hello_seq,
	};
	uint8_t buf[HEARTBEAT_MSG_SIZE];
	int n = heartbeat_encode(&m, buf, sizeof(buf));

	/* A full socket counts as a missed hello on the next round. */
	if (n > 0 && send(pc->fd, buf, (size_t)n,
			  MSG_DONTWAIT | MSG_NOSIGNAL) == n)
		pc->hello_pending = true;
	else
		pc->missed++;
}

/* utime + stime of a process, in clock ticks; 0 if it cannot be read. */
static uint64_t cpu_ticks_of(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long ut = 0, st = 0;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* the name in parentheses may hold spaces: fields follow the last ')' */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u "
			 "%llu %llu", &ut, &st) != 2)
		return 0;
	return ut + st;
}

/*
 * Whether the child has missed enough hellos to be killed. A child that
 * used CPU between the last two hellos is busy rather than stuck (a
 * checker programming thousands of real servers on a slow machine, for
 * instance): it gets PARENT_BUSY_FACTOR times the allowance, so that an
 * overloaded child is not killed and restarted into the same load, while
 * a stopped one, or one blocked with no CPU, goes after the usual count.
 */
static bool missed_too_many(const struct parent_child *pc,
			    const struct parent_tuning *t)
{
	if (pc->missed < t->max_missed)
		return false;
	return !pc->busy || pc->missed >= t->max_missed * PARENT_BUSY_FACTOR;
}

void parent_child_hello(struct parent_child *pc)
{
	const struct parent_tuning *t = &pc->parent->tune;
	uint64_t cpu;

	if (pc->pid <= 0 || pc->fd < 0)
		return;
	cpu = cpu_ticks_of(pc->pid);
	pc->busy = cpu != pc->cpu_ticks;
	pc->cpu_ticks = cpu;
	/* A child still reading its configuration is not counted: a big
	 * file may take longer than the watchdog allows. */
	if (pc->hello_pending && pc->started)
		pc->missed++;
	if (missed_too_many(pc, t)) {
		log_warnx("%s child (pid %ld) has not answered %u watchdog "
			  "hellos: killing it", pc->name, (long)pc->pid,
			  pc->missed);
		kill(pc->pid, SIGKILL);
		pc->missed = 0;
		return;
	}
	send_hello(pc);
}

static void dispatch(struct parent_child *pc, const struct heartbeat_msg *m)
{
	switch (m->type) {
	case HEARTBEAT_REPLY:
		if (m->seq == pc->hello_seq) {
			pc->hello_pending = false;
			pc->missed = 0;
		}
		break;
	case HEARTBEAT_READY:
		pc->started = pc->ready = true;
		if (m->value == HEARTBEAT_READY_STARTED)
			log_info("%s child (pid %ld) is running", pc->name,
				 (long)pc->pid);
		parent_check_ready(pc->parent);
		break;
	case HEARTBEAT_HELLO:
		/* heartbeat_decode() refuses it in this direction. */
		break;
	}
}

static void on_child_msg(struct event_loop *loop,
			 const struct event_info *info)
{
	struct parent_child *pc = info->arg;
	uint8_t buf[64];
	char reason[64];
	const char *why;
	struct heartbeat_msg m;
	ssize_t n = recv(pc->fd, buf, sizeof(buf), MSG_DONTWAIT);

	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
		return;	/* it is exiting: its exit event follows */
	if (n > 0 && heartbeat_decode(buf, (size_t)n, HEARTBEAT_TO_PARENT, &m,
				      reason, sizeof(reason), &why) < 0)
		log_warnx_limited(&pc->bad_rl, "Message from the %s child "
				  "refused: %s", pc->name, why);
	else if (n > 0)
		dispatch(pc, &m);
	if (event_add_read(loop, &pc->ev_read, pc->fd, 0, on_child_msg,
			   pc) < 0)
		log_warnx("Cannot watch the %s child's socket", pc->name);
}

static void respawn(struct parent_child *pc);

static void on_restart(struct event_loop *loop, const struct event_info *info)
{
	struct parent_child *pc = info->arg;

	(void)loop;
	if (!pc->parent->stopping && pc->wanted && pc->pid == 0 &&
	    parent_child_start(pc) < 0)
		respawn(pc);
}

static void describe(int status, char *buf, size_t size)
{
	if (WIFEXITED(status))
		snprintf(buf, size, "exited with status %d",
			 WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "was killed by signal %d",
			 WTERMSIG(status));
	else
		snprintf(buf, size, "ended (wait status %d)", status);
}

static void respawn(struct parent_child *pc)
{
	struct parent *p = pc->parent;
	uint64_t delay = 0;
	enum parent_respawn what = parent_respawn_decide(&p->tune,
		&pc->quick_exits, pc->started_us,
		event_loop_now_us(p->loop), &delay);

	switch (what) {
	case PARENT_RESPAWN_GIVE_UP:
		log_warnx("%s child exited %u times in a row within %llu ms "
			  "of its start: permanent error, stopping",
			  pc->name, pc->quick_exits,
			  (unsigned long long)(p->tune.quick_exit_us / 1000));
		parent_stop(p, CORE_RUN_EXIT_CHILD);
		return;
	case PARENT_RESPAWN_LATER:
		log_info("Restarting the %s child in %llu ms", pc->name,
			 (unsigned long long)(delay / 1000));
		if (event_add_timer(p->loop, &pc->ev_restart, delay,
				    on_restart, pc) < 0)
			parent_stop(p, CORE_RUN_EXIT_CHILD);
		return;
	case PARENT_RESPAWN_NOW:
		log_info("Restarting the %s child", pc->name);
		if (parent_child_start(pc) < 0)
			respawn(pc);
		return;
	}
}

/* A child that will never run here is dropped; the daemon goes on with
 * the other one, or stops if there is none. A reload that still wants it
 * starts it once more. */
static void drop_for_good(struct parent_child *pc)
{
	struct parent *p = pc->parent;
	size_t i;

	log_warnx("The %s child cannot run on this system: not restarting "
		  "it", pc->name);
	pc->wanted = false;
	for (i = 0; i < PARENT_N_CHILDREN; i++) {
		const struct parent_child *o = &p->children[i];

		if (o->wanted && (o->pid > 0 || o->ev_restart)) {
			parent_check_ready(p);
			return;
		}
	}
	log_warnx("No child process left: stopping");
	parent_stop(p, CORE_RUN_EXIT_CHILD);
}

static void on_exit_event(struct event_loop *loop,
			  const struct event_info *info)
{
	struct parent_child *pc = info->arg;
	struct parent *p = pc->parent;
	char how[64];

	(void)loop;
	describe(info->wait_status, how, sizeof(how));
	event_cancel(&pc->ev_read);
	close(pc->fd);
	pc->fd = -1;
	pidfile_remove(pc->pid_file, pc->pid);
	if (p->stopping || !pc->wanted) {
		log_info("%s child (pid %ld) %s", pc->name, (long)pc->pid, how);
		pc->pid = 0;
		parent_child_gone(p);
		return;
	}
	log_warnx("%s child (pid %ld) %s", pc->name, (long)pc->pid, how);
	pc->pid = 0;
	if (parent_exit_is_final(info->wait_status)) {
		drop_for_good(pc);
		return;
	}
	if (p->opts->dont_respawn) {
		log_warnx("Not respawning the %s child (-R): stopping",
			  pc->name);
		parent_stop(p, 0);
		return;
	}
	respawn(pc);
}
