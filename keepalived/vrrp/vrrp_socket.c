/*
 * vrrp_socket.c: opening, joining, sending and receiving on VRRP's raw
 * sockets.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "vrrp_ah.h"
#include "vrrp_ip4.h"
#include "vrrp_packet.h"
#include "vrrp_socket.h"

#define TTL_MAX 255
#define CMSG_SPACE_MAX 128

static int setopt(int fd, int level, int name, const void *val,
		  socklen_t len)
{
	return setsockopt(fd, level, name, val, len) < 0 ? -errno : 0;
}

static int setopt_int(int fd, int level, int name, int val)
{
	return setopt(fd, level, name, &val, sizeof(val));
}

static int setup4(int fd, int ifindex)
{
	struct ip_mreqn mif = { .imr_ifindex = ifindex };
	int ret;

	ret = setopt_int(fd, IPPROTO_IP, IP_HDRINCL, 1);
	if (!ret)
		ret = setopt_int(fd, IPPROTO_IP, IP_MULTICAST_LOOP, 0);
	if (!ret)
		ret = setopt_int(fd, IPPROTO_IP, IP_MULTICAST_TTL, TTL_MAX);
	if (!ret)
		ret = setopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mif,
			     sizeof(mif));
	/* the interface a packet came in on */
	if (!ret)
		ret = setopt_int(fd, IPPROTO_IP, IP_PKTINFO, 1);
	return ret;
}

static int setup6(int fd, int ifindex)
{
	int ret;

	ret = setopt_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, TTL_MAX);
	if (!ret)
		ret = setopt_int(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, TTL_MAX);
	if (!ret)
		ret = setopt_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0);
	if (!ret)
		ret = setopt_int(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, ifindex);
	if (!ret)
		ret = setopt_int(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
	if (!ret)
		ret = setopt_int(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
	return ret;
}

int vrrp_socket_open(const struct vrrp_socket_opts *o)
{
	int proto = o->family == AF_INET && o->ah ? VRRP_IP4_PROTO_AH :
						    VRRP_PROTOCOL;
	int fd, ret = 0;

	if ((o->family != AF_INET && o->family != AF_INET6) ||
	    o->ifindex <= 0 || (o->group && o->group->family != o->family))
		return -EINVAL;
	fd = socket(o->family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
	if (fd < 0)
		return -errno;
	if (o->ifname)
		ret = setopt(fd, SOL_SOCKET, SO_BINDTODEVICE, o->ifname,
			     (socklen_t)strlen(o->ifname));
	if (!ret)
		ret = o->family == AF_INET ? setup4(fd, o->ifindex) :
					     setup6(fd, o->ifindex);
	if (!ret && o->group)
		ret = vrrp_socket_join(fd, o->group, o->ifindex);
	if (ret) {
		close(fd);
		return ret;
	}
	return fd;
}

static int membership(int fd, const struct ka_addr *group, int ifindex,
		      bool join)
{
	struct ip_mreqn m4 = { .imr_ifindex = ifindex };
	struct ipv6_mreq m6 = { .ipv6mr_interface = (unsigned)ifindex };

	if (!group || ifindex <= 0)
		return -EINVAL;
	if (group->family == AF_INET) {
		m4.imr_multiaddr = group->u.v4;
		return setopt(fd, IPPROTO_IP, join ? IP_ADD_MEMBERSHIP :
			      IP_DROP_MEMBERSHIP, &m4, sizeof(m4));
	}
	if (group->family == AF_INET6) {
		m6.ipv6mr_multiaddr = group->u.v6;
		return setopt(fd, IPPROTO_IPV6, join ? IPV6_ADD_MEMBERSHIP :
			      IPV6_DROP_MEMBERSHIP, &m6, sizeof(m6));
	}
	return -EINVAL;
}

int vrrp_socket_join(int fd, const struct ka_addr *group, int ifindex)
{
	return membership(fd, group, ifindex, true);
}

int vrrp_socket_leave(int fd, const struct ka_addr *group, int ifindex)
{
	return membership(fd, group, ifindex, false);
}

static int send6(int fd, const struct ka_addr *src, const struct ka_addr *dst,
		 int ifindex, const uint8_t *pkt, size_t len)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
		struct cmsghdr align;
	} ctl = { 0 };
	struct sockaddr_in6 to = {
		.sin6_family = AF_INET6, .sin6_addr = dst->u.v6,
		.sin6_scope_id = (unsigned)ifindex,
	};
	struct iovec iov = { .iov_base = (void *)pkt, .iov_len = len };
	struct msghdr msg = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	struct in6_pktinfo pi = { .ipi6_addr = src->u.v6,
				  .ipi6_ifindex = (unsigned)ifindex };

	/* the checksum covers this source: the kernel must not pick one */
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = IPV6_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(pi));
	memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	return sendmsg(fd, &msg, 0) < 0 ? -errno : 0;
}

int vrrp_socket_send(int fd, const struct ka_addr *src,
		     const struct ka_addr *dst, int ifindex,
		     const uint8_t *pkt, size_t len)
{
	struct sockaddr_in to = { .sin_family = AF_INET };

	if (!dst || !pkt || (dst->family == AF_INET6 && !src))
		return -EINVAL;
	if (dst->family == AF_INET6)
		return send6(fd, src, dst, ifindex, pkt, len);
	if (dst->family != AF_INET)
		return -EINVAL;
	to.sin_addr = dst->u.v4;
	if (sendto(fd, pkt, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		return -errno;
	return 0;
}

int vrrp_socket_unwrap4(const uint8_t *ip, size_t len, struct vrrp_rx_in *out,
			uint32_t *ah_spi, const char **why)
{
	struct vrrp_rx_in in = { 0 };
	struct vrrp_ip4 h;
	struct vrrp_ah ah = { 0 };

	if (vrrp_ip4_parse(ip, len, &h, why) < 0)
		return -EINVAL;
	in.msg = h.payload;
	in.len = h.payload_len;
	if (h.protocol == VRRP_IP4_PROTO_AH) {
		if (vrrp_ah_parse(h.payload, h.payload_len, &ah, why) < 0)
			return -EINVAL;
		in.msg += VRRP_AH_LEN;
		in.len -= VRRP_AH_LEN;
		in.has_ah = true;
		in.ah_seq = ah.seq;
	} else if (h.protocol != VRRP_PROTOCOL) {
		*why = "neither VRRP nor AH";
		return -EINVAL;
	}
	in.src = h.src;
	in.dst = h.dst;
	in.ttl = h.ttl;
	in.ip4 = ip;
	in.ip4_len = h.hdr_len + h.payload_len;
	*out = in;
	if (ah_spi)
		*ah_spi = ah.spi;
	return 0;
}

/* What the control messages say: interface, and for IPv6 more. */
static void read_cmsgs(struct msghdr *msg, struct vrrp_socket_rcvd *r)
{
	struct cmsghdr *c;
	struct in_pktinfo pi4;
	struct in6_pktinfo pi6;
	int hops;

	for (c = CMSG_FIRSTHDR(msg); c; c = CMSG_NXTHDR(msg, c)) {
		if (c->cmsg_level == IPPROTO_IP &&
		    c->cmsg_type == IP_PKTINFO) {
			memcpy(&pi4, CMSG_DATA(c), sizeof(pi4));
			r->ifindex = pi4.ipi_ifindex;
		} else if (c->cmsg_level == IPPROTO_IPV6 &&
			   c->cmsg_type == IPV6_PKTINFO) {
			memcpy(&pi6, CMSG_DATA(c), sizeof(pi6));
			r->ifindex = (int)pi6.ipi6_ifindex;
			r->in.dst.family = AF_INET6;
			r->in.dst.u.v6 = pi6.ipi6_addr;
		} else if (c->cmsg_level == IPPROTO_IPV6 &&
			   c->cmsg_type == IPV6_HOPLIMIT) {
			memcpy(&hops, CMSG_DATA(c), sizeof(hops));
			r->in.ttl = (uint8_t)hops;
		}
	}
}

static int finish6(const struct sockaddr_in6 *from, socklen_t fromlen,
		   const uint8_t *buf, size_t n, struct vrrp_socket_rcvd *r,
		   const char **why)
{
	if (fromlen < sizeof(*from) || from->sin6_family != AF_INET6 ||
	    r->in.dst.family != AF_INET6) {
		*why = "no IPv6 source or destination";
		return -EINVAL;
	}
	r->in.src.family = AF_INET6;
	r->in.src.u.v6 = from->sin6_addr;
	r->in.msg = buf;
	r->in.len = n;
	return 0;
}

int vrrp_socket_recv(int fd, int family, uint8_t *buf, size_t size,
		     struct vrrp_socket_rcvd *out, const char **why)
{
	union {
		char buf[CMSG_SPACE_MAX];
		struct cmsghdr align;
	} ctl;
	struct sockaddr_in6 from = { 0 };
	struct iovec iov = { .iov_base = buf, .iov_len = size };
	struct msghdr msg = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct vrrp_socket_rcvd r = { 0 };
	ssize_t n = recvmsg(fd, &msg, 0);
	int ret;

	if (n < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	*why = NULL;
	if (msg.msg_flags & MSG_TRUNC) {
		*why = "packet longer than the buffer";
		return -EINVAL;
	}
	read_cmsgs(&msg, &r);
	if (family == AF_INET)
		ret = vrrp_socket_unwrap4(buf, (size_t)n, &r.in, &r.ah_spi,
					  why);
	else
		ret = finish6(&from, msg.msg_namelen, buf, (size_t)n, &r, why);
	if (ret == 0)
		*out = r;
	return ret;
}
