/*
 * vrrp_proc.h: the pure parts of vrrp_track_process: which process a
 * block describes (keepalived.conf(5), "VRRP track processes"), whether
 * a count of them is a quorum, and the kernel's process-events connector
 * messages (linux/cn_proc.h) decoded from a received buffer. No system
 * calls: vrrp_proc_watch.c reads /proc and the socket.
 */
#ifndef KA_VRRP_PROC_H
#define KA_VRRP_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum vrrp_proc_param_match {
	VRRP_PROC_PARAMS_NONE,		/* no parameters: the name only */
	VRRP_PROC_PARAMS_EXACT,		/* exactly these parameters */
	VRRP_PROC_PARAMS_PARTIAL,	/* these first, maybe more */
	VRRP_PROC_PARAMS_INITIAL,	/* the same, the last one a prefix */
};

/* What to look for. name and params owned by whoever fills it. */
struct vrrp_proc_spec {
	char *name;
	char **params;
	size_t nparams;
	enum vrrp_proc_param_match match;
	bool full_command;
};

/* The kernel keeps 15 characters of a process name (TASK_COMM_LEN). */
#define VRRP_PROC_COMM_MAX 15

/*
 * Whether a process matches. comm: its name (/proc/PID/comm, without the
 * newline); cmdline, len: /proc/PID/cmdline, NUL-separated words.
 * Without parameters (and without full_command), the name is compared
 * with comm (the first 15 characters of a longer name, as the kernel
 * truncates); otherwise with the first word of the command line, and the
 * parameters with the following words as "match" says.
 */
bool vrrp_proc_matches(const struct vrrp_proc_spec *s, const char *comm,
		       const char *cmdline, size_t len);

/* Whether the spec's verdict depends on comm (a COMM event matters). */
bool vrrp_proc_uses_comm(const struct vrrp_proc_spec *s);

/* quorum <= n <= quorum_max */
bool vrrp_proc_quorum(unsigned n, unsigned quorum, unsigned quorum_max);

enum vrrp_proc_event_kind {
	VRRP_PROC_EV_OTHER,		/* nothing to do */
	VRRP_PROC_EV_FORK,		/* pid: the new process */
	VRRP_PROC_EV_EXEC,
	VRRP_PROC_EV_COMM,
	VRRP_PROC_EV_EXIT,		/* a whole process (not a thread) */
	VRRP_PROC_EV_LOST,		/* the kernel dropped events: rescan */
};

struct vrrp_proc_event {
	enum vrrp_proc_event_kind kind;
	pid_t pid;			/* the process (thread group) */
};

/*
 * Decodes the netlink messages in buf (one datagram) into at most max
 * events; returns how many, or -EBADMSG for a truncated or foreign
 * message (the rest is not looked at). Threads' fork/exit are OTHER.
 */
int vrrp_proc_parse(const void *buf, size_t len, struct vrrp_proc_event *ev,
		    size_t max);

/* The LISTEN (or IGNORE) request to send to the connector; fills buf
 * (at least VRRP_PROC_REQ_LEN bytes) and returns its length. */
#define VRRP_PROC_REQ_LEN 64
size_t vrrp_proc_request(void *buf, uint32_t portid, bool listen);

#endif
