/*
 * vrrp_proc.c: process matching, quorum and connector messages.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>

#include "vrrp_proc.h"

bool vrrp_proc_uses_comm(const struct vrrp_proc_spec *s)
{
	return s->match == VRRP_PROC_PARAMS_NONE && !s->full_command;
}

/* The next NUL-terminated word of cmdline at *off, or NULL at the end. */
static const char *next_word(const char *cmdline, size_t len, size_t *off)
{
	const char *w;
	const char *nul;

	if (*off >= len)
		return NULL;
	w = cmdline + *off;
	nul = memchr(w, '\0', len - *off);
	*off = nul ? (size_t)(nul - cmdline) + 1 : len;
	return w;
}

static bool word_equal(const char *w, size_t wlen, const char *want)
{
	return strlen(want) == wlen && !memcmp(w, want, wlen);
}

static size_t word_len(const char *cmdline, size_t len, const char *w)
{
	const char *nul = memchr(w, '\0', len - (size_t)(w - cmdline));

	return nul ? (size_t)(nul - w) : len - (size_t)(w - cmdline);
}

static bool params_match(const struct vrrp_proc_spec *s, const char *cmdline,
			 size_t len, size_t off)
{
	const char *w;
	size_t i, wl;

	for (i = 0; i < s->nparams; i++) {
		w = next_word(cmdline, len, &off);
		if (!w)
			return false;
		wl = word_len(cmdline, len, w);
		if (s->match == VRRP_PROC_PARAMS_INITIAL &&
		    i + 1 == s->nparams) {
			if (wl < strlen(s->params[i]) ||
			    memcmp(w, s->params[i], strlen(s->params[i])))
				return false;
		} else if (!word_equal(w, wl, s->params[i])) {
			return false;
		}
	}
	/* exact (and no parameters with param_match): nothing more */
	if (s->match == VRRP_PROC_PARAMS_EXACT)
		return next_word(cmdline, len, &off) == NULL;
	return true;
}

bool vrrp_proc_matches(const struct vrrp_proc_spec *s, const char *comm,
		       const char *cmdline, size_t len)
{
	const char *argv0;
	size_t off = 0;

	if (vrrp_proc_uses_comm(s))
		return !strncmp(comm, s->name, VRRP_PROC_COMM_MAX) &&
		       (strlen(s->name) >= VRRP_PROC_COMM_MAX ||
			!strcmp(comm, s->name));
	argv0 = next_word(cmdline, len, &off);
	if (!argv0 || !word_equal(argv0, word_len(cmdline, len, argv0),
				  s->name))
		return false;
	if (s->match == VRRP_PROC_PARAMS_NONE)
		return true;		/* full_command, name only */
	return params_match(s, cmdline, len, off);
}

bool vrrp_proc_quorum(unsigned n, unsigned quorum, unsigned quorum_max)
{
	return n >= quorum && n <= quorum_max;
}

/* Whether the event's data reaches "need" bytes past event_data. */
static bool has(size_t cn_len, size_t need)
{
	return cn_len >= offsetof(struct proc_event, event_data) + need;
}

/* One connector message: its proc_event, if it is one. The event sits
 * 36 bytes into the datagram, not aligned for its 64-bit timestamp: it
 * is copied out before being read. */
static int one_event(const struct nlmsghdr *nh, struct vrrp_proc_event *ev)
{
	const struct cn_msg *cn = NLMSG_DATA(nh);
	size_t payload = nh->nlmsg_len - NLMSG_HDRLEN;
	struct proc_event pe;
	struct cn_msg hdr;

	ev->kind = VRRP_PROC_EV_OTHER;
	ev->pid = 0;
	if (nh->nlmsg_type == NLMSG_ERROR || nh->nlmsg_type == NLMSG_OVERRUN) {
		ev->kind = VRRP_PROC_EV_LOST;
		return 0;
	}
	if (payload < sizeof(hdr))
		return -EBADMSG;
	memcpy(&hdr, cn, sizeof(hdr));
	if (hdr.id.idx != CN_IDX_PROC || hdr.id.val != CN_VAL_PROC ||
	    hdr.len > payload - sizeof(hdr) || !has(hdr.len, 0))
		return -EBADMSG;
	memset(&pe, 0, sizeof(pe));
	memcpy(&pe, (const char *)cn + sizeof(hdr),
	       hdr.len < sizeof(pe) ? hdr.len : sizeof(pe));
	switch (pe.what) {
	case PROC_EVENT_FORK:
		if (!has(hdr.len, sizeof(pe.event_data.fork)))
			return -EBADMSG;
		/* a new thread is not a new process */
		if (pe.event_data.fork.child_pid !=
		    pe.event_data.fork.child_tgid)
			return 0;
		ev->kind = VRRP_PROC_EV_FORK;
		ev->pid = pe.event_data.fork.child_tgid;
		return 0;
	case PROC_EVENT_EXEC:
		if (!has(hdr.len, sizeof(pe.event_data.exec)))
			return -EBADMSG;
		ev->kind = VRRP_PROC_EV_EXEC;
		ev->pid = pe.event_data.exec.process_tgid;
		return 0;
	case PROC_EVENT_COMM:
		if (!has(hdr.len, sizeof(pe.event_data.comm)))
			return -EBADMSG;
		ev->kind = VRRP_PROC_EV_COMM;
		ev->pid = pe.event_data.comm.process_tgid;
		return 0;
	case PROC_EVENT_EXIT:
		if (!has(hdr.len, sizeof(pe.event_data.exit)))
			return -EBADMSG;
		if (pe.event_data.exit.process_pid !=
		    pe.event_data.exit.process_tgid)
			return 0;
		ev->kind = VRRP_PROC_EV_EXIT;
		ev->pid = pe.event_data.exit.process_tgid;
		return 0;
	default:
		return 0;
	}
}

int vrrp_proc_parse(const void *buf, size_t len, struct vrrp_proc_event *ev,
		    size_t max)
{
	const struct nlmsghdr *nh = buf;
	size_t n = 0;
	int left = (int)len, ret;

	if (len > INT32_MAX)
		return -EBADMSG;
	for (; n < max && NLMSG_OK(nh, left); nh = NLMSG_NEXT(nh, left)) {
		ret = one_event(nh, &ev[n]);
		if (ret < 0)
			return ret;
		if (ev[n].kind != VRRP_PROC_EV_OTHER)
			n++;
	}
	if (left > 0 && n < max && !NLMSG_OK(nh, left))
		return -EBADMSG;
	return (int)n;
}

size_t vrrp_proc_request(void *buf, uint32_t portid, bool listen)
{
	struct nlmsghdr *nh = buf;
	struct cn_msg *cn;
	uint32_t op = listen ? PROC_CN_MCAST_LISTEN : PROC_CN_MCAST_IGNORE;
	size_t len = NLMSG_LENGTH(sizeof(*cn) + sizeof(op));

	memset(buf, 0, VRRP_PROC_REQ_LEN);
	nh->nlmsg_len = (uint32_t)len;
	nh->nlmsg_type = NLMSG_DONE;
	nh->nlmsg_pid = portid;
	cn = NLMSG_DATA(nh);
	cn->id.idx = CN_IDX_PROC;
	cn->id.val = CN_VAL_PROC;
	cn->len = sizeof(op);
	memcpy(cn->data, &op, sizeof(op));
	return len;
}
