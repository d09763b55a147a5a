/*
 * nl_reflector.c: the monitor socket, its reading and its resynchronisation.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "log.h"
#include "memory.h"
#include "nl_ifaddr.h"
#include "nl_link.h"
#include "nl_reflector.h"

#define RECV_BUF_BYTES (64 * 1024)
#define READS_PER_PASS 64
#define DUMP_TRIES 3

struct nl_reflector {
	struct event_loop *loop;
	struct nl_cmd *cmd;
	struct iftable *t;
	struct nl_reflector_opts opts;
	struct nl_sock *sk;
	struct event *ev_read;
	bool held;
	struct ratelimit overrun_rl;
	struct nl_reflector_stats stats;
	unsigned char buf[RECV_BUF_BYTES];
};

static int apply_link(struct iftable *t, struct nlmsghdr *h)
{
	struct iftable_link_info l;
	int r = nl_link_parse(h, &l);

	if (r == -EAFNOSUPPORT)
		return -EOPNOTSUPP;
	if (r < 0)
		return r;
	if (h->nlmsg_type == RTM_DELLINK)
		return iftable_link_del(t, l.index);
	return iftable_link_set(t, &l);
}

static int apply_addr(struct iftable *t, struct nlmsghdr *h)
{
	struct iftable_addr_info a;
	int index, r = nl_ifaddr_parse(h, &index, &a);

	if (r == -EAFNOSUPPORT)
		return -EOPNOTSUPP;
	if (r < 0)
		return r;
	if (h->nlmsg_type == RTM_DELADDR)
		return iftable_addr_del(t, index, &a.prefix);
	return iftable_addr_set(t, index, &a);
}

int nl_reflector_apply(struct iftable *t, struct nlmsghdr *h)
{
	switch (h->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
		return apply_link(t, h);
	case RTM_NEWADDR:
	case RTM_DELADDR:
		return apply_addr(t, h);
	}
	return -EOPNOTSUPP;
}

static void close_monitor(struct nl_reflector *r)
{
	event_cancel(&r->ev_read);
	if (r->sk)
		nl_socket_free(r->sk);
	r->sk = NULL;
}

static void set_rcvbuf(int fd, const struct nl_reflector_opts *o)
{
	int v = o->rcvbuf > (unsigned long)INT32_MAX ? INT32_MAX :
		(int)o->rcvbuf;

	if (!o->rcvbuf)
		return;
	if (o->rcvbuf_force && setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &v,
					  sizeof(v)) == 0)
		return;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)) < 0)
		log_warn("Netlink: cannot set the monitor's receive buffer "
			 "to %lu bytes", o->rcvbuf);
}

static int open_monitor(struct nl_reflector *r)
{
	r->sk = nl_socket_alloc();
	if (!r->sk)
		return -ENOMEM;
	nl_socket_disable_seq_check(r->sk);
	if (nl_connect(r->sk, NETLINK_ROUTE) < 0 ||
	    nl_socket_add_memberships(r->sk, RTNLGRP_LINK,
				      RTNLGRP_IPV4_IFADDR,
				      RTNLGRP_IPV6_IFADDR, 0) < 0 ||
	    nl_socket_set_nonblocking(r->sk) < 0) {
		close_monitor(r);
		return -ECONNREFUSED;
	}
	set_rcvbuf(nl_socket_get_fd(r->sk), &r->opts);
	return 0;
}

static int dump_one(struct nlmsghdr *h, void *ctx)
{
	/* A link that came and went between the two dumps is not an error;
	 * the monitor socket brings what happened since. */
	(void)nl_reflector_apply(ctx, h);
	return 0;
}

static int dump_all(struct nl_reflector *r)
{
	int ret = 0, i;

	for (i = 0; i < DUMP_TRIES; i++) {
		iftable_sync_begin(r->t);
		ret = nl_cmd_dump(r->cmd, RTM_GETLINK, AF_UNSPEC, dump_one,
				  r->t);
		if (ret == 0)
			ret = nl_cmd_dump(r->cmd, RTM_GETADDR, AF_UNSPEC,
					  dump_one, r->t);
		/* -EINTR: the kernel's tables changed during the dump. */
		if (ret != -EINTR)
			break;
	}
	if (ret == 0)
		iftable_sync_end(r->t);
	return ret;
}

static void on_read(struct event_loop *loop, const struct event_info *info);

static void arm(struct nl_reflector *r)
{
	int ret;

	if (r->held || !r->sk || r->ev_read)
		return;
	ret = event_add_read(r->loop, &r->ev_read, nl_socket_get_fd(r->sk), 0,
			     on_read, r);
	if (ret < 0)
		log_warnx("Netlink: cannot watch the monitor socket: %s",
			  strerror(-ret));
}

int nl_reflector_resync(struct nl_reflector *r)
{
	int ret;

	/* Subscribe first: whatever changes after the dump's snapshot is
	 * then queued, and replaying it over the snapshot converges. */
	close_monitor(r);
	ret = open_monitor(r);
	if (ret == 0)
		ret = dump_all(r);
	r->stats.resyncs++;
	arm(r);
	return ret;
}

static void overrun(struct nl_reflector *r)
{
	int ret;

	r->stats.overruns++;
	log_warnx_limited(&r->overrun_rl, "Netlink reflector: receive buffer "
			  "overrun (ENOBUFS), resynchronising the interface "
			  "table");
	ret = nl_reflector_resync(r);
	if (ret < 0)
		log_warnx("Netlink reflector: resynchronisation failed: %s",
			  strerror(-ret));
}

static void process(struct nl_reflector *r, size_t len)
{
	struct nlmsghdr *h = (struct nlmsghdr *)r->buf;
	int rem = (int)len;

	for (; nlmsg_ok(h, rem); h = nlmsg_next(h, &rem)) {
		if (nl_reflector_apply(r->t, h) == 0)
			r->stats.messages++;
	}
}

/* Returns false when reading should stop for this pass. */
static bool read_once(struct nl_reflector *r)
{
	struct sockaddr_nl from;
	socklen_t flen = sizeof(from);
	ssize_t len;

	len = recvfrom(nl_socket_get_fd(r->sk), r->buf, sizeof(r->buf),
		       MSG_DONTWAIT, (struct sockaddr *)&from, &flen);
	if (len < 0) {
		if (errno == EINTR)
			return true;
		if (errno == ENOBUFS)
			overrun(r);
		else if (errno != EAGAIN)
			log_warn("Netlink reflector: recv");
		return false;
	}
	/* Only the kernel speaks on these groups. */
	if (len > 0 && from.nl_pid == 0)
		process(r, (size_t)len);
	return len > 0;
}

static void on_read(struct event_loop *loop, const struct event_info *info)
{
	struct nl_reflector *r = info->arg;
	int i;

	(void)loop;
	for (i = 0; i < READS_PER_PASS && r->sk && !r->held; i++)
		if (!read_once(r))
			break;
	arm(r);
}

int nl_reflector_start(struct event_loop *loop, struct nl_cmd *cmd,
		       struct iftable *t, const struct nl_reflector_opts *o,
		       struct nl_reflector **out)
{
	struct nl_reflector *r = mem_new(struct nl_reflector);
	struct ratelimit rl = RATELIMIT_INIT(60 * 1000000ull, 1);
	int ret;

	r->loop = loop;
	r->cmd = cmd;
	r->t = t;
	r->overrun_rl = rl;
	if (o)
		r->opts = *o;
	ret = nl_reflector_resync(r);
	if (ret < 0) {
		nl_reflector_stop(&r);
		return ret;
	}
	*out = r;
	return 0;
}

void nl_reflector_stop(struct nl_reflector **r)
{
	if (!r || !*r)
		return;
	close_monitor(*r);
	mem_free(r);
}

void nl_reflector_hold(struct nl_reflector *r, bool hold)
{
	r->held = hold;
	if (hold)
		event_cancel(&r->ev_read);
	else
		arm(r);
}

void nl_reflector_get_stats(const struct nl_reflector *r,
			    struct nl_reflector_stats *s)
{
	*s = r->stats;
}
