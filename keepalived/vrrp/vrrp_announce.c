/*
 * vrrp_announce.c: gratuitous ARP and unsolicited NA, scheduled.
 *
 * ARPs and NAs are two independent streams, each with its own timer and
 * gap: message i of a stream announces address i % n in round i / n, so
 * every address is announced once before any is announced again.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "memory.h"
#include "vrrp_announce.h"
#include "vrrp_arp.h"
#include "vrrp_ndisc.h"

#define HOPS_MAX 255
#define ALL_NODES "ff02::1"

struct stream {
	struct vrrp_announce *owner;
	struct event *ev;
	bool ipv6;
	struct ka_addr *vips;
	size_t n;
	size_t next, total;	/* messages sent, messages to send */
	uint64_t interval_us;
};

struct vrrp_announce {
	struct event_loop *loop;
	struct vrrp_announce_io io;
	int ifindex;
	uint8_t mac[6];
	struct stream arp, na;
	vrrp_announce_hook *hook;
	void *hook_ctx;
	/* changes on every start and cancel, so that a callback can tell
	 * that the hook it called replaced the announcement */
	unsigned gen;
	struct vrrp_announce_counts counts;
};

static int send_one(struct vrrp_announce *a, struct stream *s,
		    const struct ka_addr *vip)
{
	uint8_t buf[VRRP_ARP_FRAME_LEN > VRRP_NDISC_NA_LEN ?
		    VRRP_ARP_FRAME_LEN : VRRP_NDISC_NA_LEN];
	struct ka_addr dst;
	const char *why;
	ssize_t len;

	if (!s->ipv6) {
		len = vrrp_arp_build(buf, sizeof(buf), a->mac, vip, &why);
		if (len < 0)
			return (int)len;
		return a->io.send_arp(a->io.ctx, a->ifindex, buf, (size_t)len);
	}
	addr_parse(ALL_NODES, &dst);
	len = vrrp_ndisc_na_build(buf, sizeof(buf), a->mac, vip, vip, &dst,
				  &why);
	if (len < 0)
		return (int)len;
	return a->io.send_na(a->io.ctx, a->ifindex, vip, buf, (size_t)len);
}

static void count(struct vrrp_announce *a, const struct stream *s, int err)
{
	if (err)
		a->counts.errors++;
	else if (s->ipv6)
		a->counts.na_sent++;
	else
		a->counts.arp_sent++;
}

static void stream_fire(struct event_loop *loop, const struct event_info *info)
{
	struct stream *s = info->arg;
	struct vrrp_announce *a = s->owner;
	unsigned gen;
	size_t i;
	int err;

	while (s->next < s->total) {
		i = s->next++;
		err = send_one(a, s, &s->vips[i % s->n]);
		count(a, s, err);
		gen = a->gen;
		if (a->hook)
			a->hook(a->hook_ctx, &s->vips[i % s->n],
				(unsigned)(i / s->n), err);
		if (a->gen != gen)
			return;		/* the hook cancelled or restarted */
		if (s->interval_us && s->next < s->total) {
			err = event_add_timer(loop, &s->ev, s->interval_us,
					      stream_fire, s);
			if (err)
				s->next = s->total;	/* cannot go on */
			return;
		}
	}
}

static void stream_clear(struct stream *s)
{
	event_cancel(&s->ev);
	mem_free(&s->vips);
	s->n = s->next = s->total = 0;
}

/* Takes the addresses of the stream's family out of vips[]. */
static void stream_fill(struct stream *s, const struct ka_addr *vips, size_t n,
		       unsigned repeat, uint64_t interval_us)
{
	int family = s->ipv6 ? AF_INET6 : AF_INET;
	size_t i;

	for (i = 0; i < n; i++)
		if (vips[i].family == family)
			s->n++;
	if (!s->n || !repeat) {
		s->n = 0;
		return;
	}
	s->vips = mem_calloc(s->n, sizeof(*s->vips));
	s->n = 0;
	for (i = 0; i < n; i++)
		if (vips[i].family == family)
			s->vips[s->n++] = vips[i];
	s->total = s->n * repeat;
	s->interval_us = interval_us;
}

struct vrrp_announce *vrrp_announce_new(struct event_loop *loop,
					const struct vrrp_announce_io *io,
					int ifindex, const uint8_t mac[6])
{
	struct vrrp_announce *a = mem_new(struct vrrp_announce);

	a->loop = loop;
	a->io = *io;
	a->ifindex = ifindex;
	memcpy(a->mac, mac, sizeof(a->mac));
	a->arp.owner = a->na.owner = a;
	a->na.ipv6 = true;
	return a;
}

void vrrp_announce_cancel(struct vrrp_announce *a)
{
	if (!a)
		return;
	a->gen++;
	stream_clear(&a->arp);
	stream_clear(&a->na);
}

void vrrp_announce_free(struct vrrp_announce **a)
{
	if (!a || !*a)
		return;
	vrrp_announce_cancel(*a);
	mem_free(a);
}

static bool families_ok(const struct ka_addr *vips, size_t n)
{
	size_t i;

	if (n && !vips)
		return false;
	for (i = 0; i < n; i++)
		if (vips[i].family != AF_INET && vips[i].family != AF_INET6)
			return false;
	return true;
}

int vrrp_announce_start(struct vrrp_announce *a, const struct ka_addr *vips,
			size_t n, const struct vrrp_announce_params *p,
			vrrp_announce_hook *hook, void *ctx)
{
	int ret = 0;

	if (!a || !p || !families_ok(vips, n))
		return -EINVAL;
	vrrp_announce_cancel(a);
	a->hook = hook;
	a->hook_ctx = ctx;
	stream_fill(&a->arp, vips, n, p->repeat, p->garp_interval_us);
	stream_fill(&a->na, vips, n, p->repeat, p->gna_interval_us);
	if (a->arp.total)
		ret = event_add_timer(a->loop, &a->arp.ev, p->delay_us,
				      stream_fire, &a->arp);
	if (!ret && a->na.total)
		ret = event_add_timer(a->loop, &a->na.ev, p->delay_us,
				      stream_fire, &a->na);
	if (ret)
		vrrp_announce_cancel(a);
	return ret;
}

bool vrrp_announce_pending(const struct vrrp_announce *a)
{
	return a && (a->arp.next < a->arp.total || a->na.next < a->na.total);
}

void vrrp_announce_get_counts(const struct vrrp_announce *a,
			      struct vrrp_announce_counts *c)
{
	*c = a->counts;
}

/* ---- the real senders --------------------------------------------- */

int vrrp_announce_open_arp(void)
{
	/* protocol 0: this socket sends only and never queues a frame */
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	return fd < 0 ? -errno : fd;
}

static int setopt_int(int fd, int level, int name, int val)
{
	return setsockopt(fd, level, name, &val, sizeof(val)) < 0 ? -errno : 0;
}

int vrrp_announce_open_na(void)
{
	struct icmp6_filter none;
	int fd, ret;

	fd = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    IPPROTO_ICMPV6);
	if (fd < 0)
		return -errno;
	ICMP6_FILTER_SETBLOCKALL(&none);
	ret = setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &none,
			 sizeof(none)) < 0 ? -errno : 0;
	if (!ret)
		ret = setopt_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS,
				 HOPS_MAX);
	if (!ret)
		ret = setopt_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0);
	/*
	 * A virtual address still in duplicate address detection is not a
	 * source the kernel accepts; freebind lets the NA out anyway. Not
	 * fatal: kernels before 4.15 lack it.
	 */
	if (!ret)
		setopt_int(fd, IPPROTO_IPV6, IPV6_FREEBIND, 1);
	if (ret) {
		close(fd);
		return ret;
	}
	return fd;
}

void vrrp_announce_socks_close(struct vrrp_announce_socks *s)
{
	if (s->arp_fd >= 0)
		close(s->arp_fd);
	if (s->na_fd >= 0)
		close(s->na_fd);
	s->arp_fd = s->na_fd = -1;
}

int vrrp_announce_socks_open(struct vrrp_announce_socks *s)
{
	s->na_fd = -1;
	s->arp_fd = vrrp_announce_open_arp();
	if (s->arp_fd < 0)
		return s->arp_fd;
	s->na_fd = vrrp_announce_open_na();
	if (s->na_fd < 0) {
		int ret = s->na_fd;

		vrrp_announce_socks_close(s);
		return ret;
	}
	return 0;
}

static int sock_send_arp(void *ctx, int ifindex, const uint8_t *frame,
			 size_t len)
{
	struct vrrp_announce_socks *s = ctx;
	struct sockaddr_ll to = {
		.sll_family = AF_PACKET, .sll_ifindex = ifindex,
		.sll_protocol = htons(ETH_P_ARP), .sll_halen = ETH_ALEN,
	};

	if (s->arp_fd < 0)
		return -EBADF;
	memcpy(to.sll_addr, frame, ETH_ALEN);
	if (sendto(s->arp_fd, frame, len, 0, (struct sockaddr *)&to,
		   sizeof(to)) < 0)
		return -errno;
	return 0;
}

static int sock_send_na(void *ctx, int ifindex, const struct ka_addr *vip,
			const uint8_t *msg, size_t len)
{
	struct vrrp_announce_socks *s = ctx;
	union {
		char buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
		struct cmsghdr align;
	} ctl = { 0 };
	struct sockaddr_in6 to = { .sin6_family = AF_INET6,
				   .sin6_scope_id = (unsigned)ifindex };
	struct iovec iov = { .iov_base = (void *)msg, .iov_len = len };
	struct msghdr m = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	struct in6_pktinfo pi = { .ipi6_addr = vip->u.v6,
				  .ipi6_ifindex = (unsigned)ifindex };

	if (s->na_fd < 0)
		return -EBADF;
	inet_pton(AF_INET6, ALL_NODES, &to.sin6_addr);
	/* RFC 4861 7.2.6: from the address being announced */
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = IPV6_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(pi));
	memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	return sendmsg(s->na_fd, &m, 0) < 0 ? -errno : 0;
}

void vrrp_announce_socks_io(struct vrrp_announce_socks *s,
			    struct vrrp_announce_io *io)
{
	io->send_arp = sock_send_arp;
	io->send_na = sock_send_na;
	io->ctx = s;
}
