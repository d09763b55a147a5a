/*
 * vrrp_proc_watch.c: tracked processes on the VRRP loop.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/connector.h>
#include <linux/netlink.h>

#include "list.h"
#include "log.h"
#include "memory.h"
#include "vrrp_proc_watch.h"

#define CMDLINE_MAX 4096
#define RCVBUF_BYTES (1024 * 1024)
#define EVENTS_MAX 64

struct proc_user {
	vrrp_proc_cb *cb;
	void *ctx;
};

struct vrrp_proc {
	struct list_node node;		/* on vrrp_proc_set.procs */
	struct vrrp_proc_set *set;
	char *name;
	struct vrrp_proc_spec spec;	/* owned copy */
	unsigned quorum, quorum_max;
	uint64_t fork_delay_us, terminate_delay_us;
	pid_t *pids;			/* matching processes */
	size_t npids;
	enum vrrp_track_status status;
	struct event *t_delay;		/* a change waiting for its delay */
	struct proc_user *users;
	size_t nusers;
};

struct vrrp_proc_set {
	struct event_loop *loop;
	int fd;				/* -1: none (yet) */
	bool tried;			/* opening was attempted */
	struct event *ev_read;
	struct list_node procs;
};

static void on_readable(struct event_loop *loop, const struct event_info *i);

struct vrrp_proc_set *vrrp_proc_set_new(struct event_loop *loop)
{
	struct vrrp_proc_set *s = mem_new(struct vrrp_proc_set);

	s->loop = loop;
	s->fd = -1;
	list_init(&s->procs);
	return s;
}

void vrrp_proc_set_free(struct vrrp_proc_set **sp)
{
	struct vrrp_proc_set *s;

	if (!sp || !*sp)
		return;
	s = *sp;
	event_cancel(&s->ev_read);
	if (s->fd >= 0)
		close(s->fd);
	mem_free(sp);
}

enum vrrp_track_status vrrp_proc_status(const struct vrrp_proc *p)
{
	return p->status;
}

unsigned vrrp_proc_count(const struct vrrp_proc *p)
{
	return (unsigned)p->npids;
}

static bool spec_equal(const struct vrrp_proc_spec *a,
		       const struct vrrp_proc_spec *b)
{
	size_t i;

	if (strcmp(a->name, b->name) || a->nparams != b->nparams ||
	    a->match != b->match || a->full_command != b->full_command)
		return false;
	for (i = 0; i < a->nparams; i++)
		if (strcmp(a->params[i], b->params[i]))
			return false;
	return true;
}

bool vrrp_proc_params_equal(const struct vrrp_proc_params *a,
			    const struct vrrp_proc_params *b)
{
	return !strcmp(a->name, b->name) && spec_equal(a->spec, b->spec) &&
	       a->quorum == b->quorum && a->quorum_max == b->quorum_max &&
	       a->fork_delay_us == b->fork_delay_us &&
	       a->terminate_delay_us == b->terminate_delay_us;
}

/* --- the connector socket ------------------------------------------ */

static int open_here(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK,
				  .nl_groups = CN_IDX_PROC };
	socklen_t len = sizeof(sa);
	char req[VRRP_PROC_REQ_LEN];
	int fd, bufsz = RCVBUF_BYTES, err;
	size_t n;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    NETLINK_CONNECTOR);
	if (fd < 0)
		return -errno;
	/* not fatal: the default buffer only makes a rescan likelier */
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufsz, sizeof(bufsz));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
		goto fail;
	n = vrrp_proc_request(req, sa.nl_pid, true);
	if (send(fd, req, n, 0) < 0)
		goto fail;
	return fd;
fail:
	err = errno;
	close(fd);
	return -err;
}

/* The parent of "pid" from /proc/PID/stat, or 0. */
static pid_t parent_of(pid_t pid)
{
	char buf[512];
	ssize_t n;
	const char *paren;
	int ppid;
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* the name may hold spaces and parentheses: after the last ')' */
	paren = strrchr(buf, ')');
	if (!paren || sscanf(paren + 1, " %*c %d", &ppid) != 1)
		return 0;
	return (pid_t)ppid;
}

/* Opens the socket in the network namespace of "pid", if it is another
 * one than ours (same_as: our namespace's inode). */
static int open_in_netns_of(pid_t pid, int self, ino_t same_as)
{
	char path[64];
	struct stat st;
	int ns, fd;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	ns = open(path, O_RDONLY | O_CLOEXEC);
	if (ns < 0)
		return -errno;
	if (fstat(ns, &st) < 0 || st.st_ino == same_as) {
		close(ns);
		return -ENOENT;
	}
	if (setns(ns, CLONE_NEWNET) < 0) {
		fd = -errno;
		close(ns);
		return fd;
	}
	fd = open_here();
	/* we must not stay in the wrong namespace */
	if (setns(self, CLONE_NEWNET) < 0)
		log_fatalx(1, "cannot return to our network namespace: %s",
			   strerror(errno));
	close(ns);
	return fd;
}

/*
 * The connector lives in the initial network namespace only: open the
 * socket there, then come back. That is pid 1's; where pid 1's cannot be
 * opened (a container), the first ancestor of ours in another network
 * namespace, which is where "ip netns exec" was run from.
 */
static int open_in_init_netns(void)
{
	struct stat st;
	pid_t pid = 1;
	int self, fd = -ENOENT, hops;

	self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0)
		return -errno;
	if (fstat(self, &st) < 0) {
		fd = -errno;
		close(self);
		return fd;
	}
	fd = open_in_netns_of(1, self, st.st_ino);
	for (hops = 0, pid = getppid(); fd < 0 && pid > 1 && hops < 64;
	     hops++, pid = parent_of(pid))
		fd = open_in_netns_of(pid, self, st.st_ino);
	close(self);
	return fd;
}

static void open_socket(struct vrrp_proc_set *s)
{
	int fd;

	s->tried = true;
	fd = open_here();
	if (fd == -ECONNREFUSED || fd == -EPROTONOSUPPORT) {
		fd = open_in_init_netns();
		if (fd >= 0)
			log_info("Track process: the process events connector "
				 "exists in the initial network namespace "
				 "only - listening there");
	}
	if (fd < 0) {
		log_warnx("Track process: cannot listen to process events "
			  "(%s) - the status seen at start is kept",
			  strerror(-fd));
		return;
	}
	s->fd = fd;
	if (event_add_read(s->loop, &s->ev_read, fd, 0, on_readable, s) < 0) {
		log_warnx("Track process: cannot watch the process events "
			  "socket");
		close(fd);
		s->fd = -1;
	}
}

/* --- matching processes -------------------------------------------- */

static ssize_t read_small(pid_t pid, const char *what, char *buf,
			  size_t size)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, what);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, size);
	close(fd);
	return n;
}

struct proc_info {
	char comm[VRRP_PROC_COMM_MAX + 2];
	char cmdline[CMDLINE_MAX];
	size_t cmdline_len;
	bool ok;
};

static void read_info(pid_t pid, struct proc_info *pi)
{
	ssize_t n = read_small(pid, "comm", pi->comm, sizeof(pi->comm) - 1);

	pi->ok = n > 0;
	if (!pi->ok)
		return;
	pi->comm[n] = '\0';
	pi->comm[strcspn(pi->comm, "\n")] = '\0';
	n = read_small(pid, "cmdline", pi->cmdline, sizeof(pi->cmdline));
	pi->cmdline_len = n > 0 ? (size_t)n : 0;
}

/* true if the count changed */
static bool set_member(struct vrrp_proc *p, pid_t pid, bool member)
{
	size_t i;

	for (i = 0; i < p->npids; i++)
		if (p->pids[i] == pid)
			break;
	if (member == (i < p->npids))
		return false;
	if (member) {
		p->pids = mem_reallocarray(p->pids, p->npids + 1,
					   sizeof(*p->pids));
		p->pids[p->npids++] = pid;
	} else {
		p->pids[i] = p->pids[--p->npids];
	}
	return true;
}

static void tell_users(struct vrrp_proc *p)
{
	size_t i;

	for (i = 0; i < p->nusers; i++)
		p->users[i].cb(p->users[i].ctx, p);
}

static void set_status(struct vrrp_proc *p, enum vrrp_track_status st)
{
	if (p->status == st)
		return;
	p->status = st;
	log_info("Track process %s is now %s (%zu running)", p->name,
		 st == VRRP_TRACK_UP ? "up" : "down", p->npids);
	tell_users(p);
}

static void on_delay(struct event_loop *loop, const struct event_info *i)
{
	struct vrrp_proc *p = i->arg;

	(void)loop;
	set_status(p, vrrp_proc_quorum((unsigned)p->npids, p->quorum,
				       p->quorum_max) ?
		      VRRP_TRACK_UP : VRRP_TRACK_DOWN);
}

/* The count changed: the new status now, or after its delay. */
static void count_changed(struct vrrp_proc *p)
{
	enum vrrp_track_status want =
		vrrp_proc_quorum((unsigned)p->npids, p->quorum,
				 p->quorum_max) ? VRRP_TRACK_UP :
						  VRRP_TRACK_DOWN;
	uint64_t delay = want == VRRP_TRACK_UP ? p->fork_delay_us :
						 p->terminate_delay_us;

	if (want == p->status) {
		event_cancel(&p->t_delay);	/* a bounce: nothing happened */
		return;
	}
	if (!delay || p->status == VRRP_TRACK_PENDING) {
		event_cancel(&p->t_delay);
		set_status(p, want);
		return;
	}
	if (!p->t_delay)
		event_add_timer(p->set->loop, &p->t_delay, delay, on_delay, p);
}

/* A process appeared or changed (fork, exec, comm). */
static void recheck(struct vrrp_proc_set *s, pid_t pid, bool comm_only)
{
	struct proc_info pi;
	struct vrrp_proc *p;

	read_info(pid, &pi);
	list_for_each_entry(p, &s->procs, node) {
		bool m;

		if (comm_only && !vrrp_proc_uses_comm(&p->spec))
			continue;
		m = pi.ok && vrrp_proc_matches(&p->spec, pi.comm, pi.cmdline,
					       pi.cmdline_len);
		if (set_member(p, pid, m))
			count_changed(p);
	}
}

static void gone(struct vrrp_proc_set *s, pid_t pid)
{
	struct vrrp_proc *p;

	list_for_each_entry(p, &s->procs, node)
		if (set_member(p, pid, false))
			count_changed(p);
}

/* Every process in /proc for one block (at its start) or all blocks
 * (after lost events: what left meanwhile is dropped too). */
static void scan(struct vrrp_proc_set *s, struct vrrp_proc *only)
{
	struct proc_info pi;
	struct vrrp_proc *p;
	struct dirent *de;
	DIR *d = opendir("/proc");
	size_t i;

	if (!d) {
		log_warn("Track process: cannot read /proc");
		return;
	}
	while ((de = readdir(d))) {
		pid_t pid;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = (pid_t)atoi(de->d_name);
		read_info(pid, &pi);
		if (!pi.ok)
			continue;
		list_for_each_entry(p, &s->procs, node)
			if ((!only || p == only) &&
			    vrrp_proc_matches(&p->spec, pi.comm, pi.cmdline,
					      pi.cmdline_len))
				set_member(p, pid, true);
	}
	closedir(d);
	/* processes that left while events were lost */
	list_for_each_entry(p, &s->procs, node) {
		if (only && p != only)
			continue;
		for (i = 0; i < p->npids;) {
			read_info(p->pids[i], &pi);
			if (!pi.ok)
				p->pids[i] = p->pids[--p->npids];
			else
				i++;
		}
		count_changed(p);
	}
}

static void handle(struct vrrp_proc_set *s, const struct vrrp_proc_event *ev)
{
	switch (ev->kind) {
	case VRRP_PROC_EV_FORK:
	case VRRP_PROC_EV_EXEC:
		recheck(s, ev->pid, false);
		break;
	case VRRP_PROC_EV_COMM:
		recheck(s, ev->pid, true);
		break;
	case VRRP_PROC_EV_EXIT:
		gone(s, ev->pid);
		break;
	case VRRP_PROC_EV_LOST:
		log_warnx("Track process: process events lost - rescanning "
			  "/proc");
		scan(s, NULL);
		break;
	case VRRP_PROC_EV_OTHER:
		break;
	}
}

static void on_readable(struct event_loop *loop, const struct event_info *i)
{
	struct vrrp_proc_set *s = i->arg;
	struct vrrp_proc_event ev[EVENTS_MAX];
	char buf[8192] __attribute__((aligned(8)));
	ssize_t n;
	int k, count;

	(void)loop;
	for (;;) {
		n = recv(s->fd, buf, sizeof(buf), 0);
		if (n < 0 && errno == ENOBUFS) {
			handle(s, &(struct vrrp_proc_event){
				.kind = VRRP_PROC_EV_LOST });
			continue;
		}
		if (n <= 0)
			break;
		count = vrrp_proc_parse(buf, (size_t)n, ev, EVENTS_MAX);
		for (k = 0; k < count; k++)
			handle(s, &ev[k]);
	}
	if (event_add_read(s->loop, &s->ev_read, s->fd, 0, on_readable, s) < 0)
		log_warnx("Track process: cannot watch process events any "
			  "more");
}

/* --- joining ----------------------------------------------------------- */

static void copy_spec(struct vrrp_proc_spec *to,
		      const struct vrrp_proc_spec *from)
{
	size_t i;

	*to = *from;
	to->name = mem_strdup(from->name);
	to->params = NULL;
	if (from->nparams)
		to->params = mem_reallocarray(NULL, from->nparams,
					      sizeof(*to->params));
	for (i = 0; i < from->nparams; i++)
		to->params[i] = mem_strdup(from->params[i]);
}

static struct vrrp_proc *find(struct vrrp_proc_set *s, const char *name)
{
	struct vrrp_proc *p;

	list_for_each_entry(p, &s->procs, node)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

static struct vrrp_proc *proc_new(struct vrrp_proc_set *s,
				  const struct vrrp_proc_params *pp)
{
	struct vrrp_proc *p = mem_new(struct vrrp_proc);

	p->set = s;
	p->name = mem_strdup(pp->name);
	copy_spec(&p->spec, pp->spec);
	p->quorum = pp->quorum;
	p->quorum_max = pp->quorum_max;
	p->fork_delay_us = pp->fork_delay_us;
	p->terminate_delay_us = pp->terminate_delay_us;
	p->status = VRRP_TRACK_PENDING;
	list_add_tail(&s->procs, &p->node);
	/* listening first: a process starting during the scan is seen */
	if (!s->tried)
		open_socket(s);
	scan(s, p);
	return p;
}

struct vrrp_proc *vrrp_proc_join(struct vrrp_proc_set *s,
				 const struct vrrp_proc_params *pp,
				 vrrp_proc_cb *cb, void *ctx)
{
	struct vrrp_proc *p = find(s, pp->name);

	if (!p)
		p = proc_new(s, pp);
	p->users = mem_reallocarray(p->users, p->nusers + 1,
				    sizeof(*p->users));
	p->users[p->nusers++] = (struct proc_user){ cb, ctx };
	return p;
}

void vrrp_proc_leave(struct vrrp_proc_set *s, struct vrrp_proc **pp,
		     vrrp_proc_cb *cb, void *ctx)
{
	struct vrrp_proc *p;
	size_t i;

	(void)s;
	if (!pp || !*pp)
		return;
	p = *pp;
	*pp = NULL;
	for (i = 0; i < p->nusers; i++) {
		if (p->users[i].cb != cb || p->users[i].ctx != ctx)
			continue;
		p->users[i] = p->users[--p->nusers];
		break;
	}
	if (p->nusers)
		return;
	event_cancel(&p->t_delay);
	list_del(&p->node);
	for (i = 0; i < p->spec.nparams; i++)
		mem_free(&p->spec.params[i]);
	mem_free(&p->spec.params);
	mem_free(&p->spec.name);
	mem_free(&p->pids);
	mem_free(&p->users);
	mem_free(&p->name);
	mem_free(&p);
}
