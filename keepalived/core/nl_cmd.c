/*
 * nl_cmd.c: request/ACK on an rtnetlink socket, through libnl.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/attr.h>

#include "memory.h"
#include "nl_cmd.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define CMD_TIMEOUT_S 5

struct nl_cmd {
	struct nl_sock *sk;
	struct nl_cb *cb;
};

/* The state of one request while its answer is read. */
struct answer {
	bool done;
	int error;
	char *err;
	size_t errlen;
};

static void set_rcvbuf(int fd, unsigned long bytes, bool force)
{
	int v = bytes > (unsigned long)INT32_MAX ? INT32_MAX : (int)bytes;

	if (!bytes)
		return;
	/* Not fatal: the kernel's default still works, only less well. */
	if (force && setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &v,
				sizeof(v)) == 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
}

static int setup(struct nl_cmd *c, unsigned long rcvbuf, bool force)
{
	struct timeval tv = { .tv_sec = CMD_TIMEOUT_S };
	int one = 1, fd, r;

	r = nl_connect(c->sk, NETLINK_ROUTE);
	if (r < 0)
		return -ECONNREFUSED;
	fd = nl_socket_get_fd(c->sk);
	set_rcvbuf(fd, rcvbuf, force);
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0)
		return -errno;
	/* Old kernels lack extended acks: errors then carry no text. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	nl_socket_enable_msg_peek(c->sk);
	/* Requests ask for their ACK themselves; a dump must not. */
	nl_socket_disable_auto_ack(c->sk);
	return 0;
}

int nl_cmd_open(unsigned long rcvbuf, bool force, struct nl_cmd **out)
{
	struct nl_cmd *c = mem_new(struct nl_cmd);
	int r;

	c->sk = nl_socket_alloc();
	c->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!c->sk || !c->cb) {
		nl_cmd_close(&c);
		return -ENOMEM;
	}
	r = setup(c, rcvbuf, force);
	if (r < 0) {
		nl_cmd_close(&c);
		return r;
	}
	*out = c;
	return 0;
}

void nl_cmd_close(struct nl_cmd **c)
{
	if (!c || !*c)
		return;
	if ((*c)->sk)
		nl_socket_free((*c)->sk);
	if ((*c)->cb)
		nl_cb_put((*c)->cb);
	mem_free(c);
}

/*
 * The extended ack's attributes follow the struct nlmsgerr and, unless
 * the kernel capped it, the request it echoes.
 */
static void ext_ack_text(struct nlmsgerr *e, char *buf, size_t size)
{
	struct nlmsghdr *h = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*e);
	int len;

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	len = (int)h->nlmsg_len - NLMSG_HDRLEN - (int)off;
	if (len <= 0 || nla_parse(tb, NLMSGERR_ATTR_MAX,
				  (struct nlattr *)((char *)e + off), len,
				  NULL) < 0 || !tb[NLMSGERR_ATTR_MSG])
		return;
	nla_strlcpy(buf, tb[NLMSGERR_ATTR_MSG], size);
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct answer *a = arg;

	(void)nla;
	a->done = true;
	a->error = e->error;
	if (e->error && a->errlen)
		ext_ack_text(e, a->err, a->errlen);
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct answer *a = arg;

	(void)msg;
	a->done = true;
	return NL_STOP;
}

int nl_cmd_request(struct nl_cmd *c, struct nl_msg *msg, char *err,
		   size_t errlen)
{
	struct answer a = { .err = err, .errlen = errlen };
	struct nl_cb *cb = nl_cb_clone(c->cb);
	int r;

	if (errlen)
		err[0] = '\0';
	if (!cb)
		return -ENOMEM;
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &a);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &a);
	nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK;
	r = nl_send_auto(c->sk, msg);
	while (r >= 0 && !a.done) {
		r = nl_recvmsgs_report(c->sk, cb);
		if (r == 0 && !a.done)
			r = -NLE_AGAIN;
	}
	nl_cb_put(cb);
	if (a.done)
		return a.error;
	if (errlen)
		snprintf(err, errlen, "%s", r == -NLE_AGAIN ?
			 "no answer from the kernel" : nl_geterror(r));
	return r == -NLE_AGAIN ? -ETIMEDOUT : -EIO;
}

struct dump {
	nl_cmd_dump_fn *fn;
	void *ctx;
	int error;
};

static int on_dump(struct nl_msg *msg, void *arg)
{
	struct dump *d = arg;

	if (!d->error)
		d->error = d->fn(nlmsg_hdr(msg), d->ctx);
	return NL_OK;
}

int nl_cmd_dump(struct nl_cmd *c, int type, int family, nl_cmd_dump_fn *fn,
		void *ctx)
{
	struct ifaddrmsg ifa = { .ifa_family = (unsigned char)family };
	struct ifinfomsg ifi = { .ifi_family = (unsigned char)family };
	bool link = type == RTM_GETLINK;
	struct dump d = { .fn = fn, .ctx = ctx };
	struct nl_cb *cb = nl_cb_clone(c->cb);
	int r;

	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_dump, &d);
	r = nl_send_simple(c->sk, type, NLM_F_DUMP, link ? (void *)&ifi :
			   (void *)&ifa, link ? sizeof(ifi) : sizeof(ifa));
	if (r >= 0)
		r = nl_recvmsgs(c->sk, cb);
	nl_cb_put(cb);
	if (r < 0)
		return r == -NLE_DUMP_INTR ? -EINTR : -EIO;
	return d.error;
}
