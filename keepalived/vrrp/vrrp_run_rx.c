/*
 * vrrp_run_rx.c: the raw sockets the instances share, and what happens
 * to each packet read from one: every instance on the socket with that
 * VRID checks it (vrrp_rx.h); a refusal is counted and logged, rate-
 * limited, and changes nothing; an accepted advert goes to the state
 * machine.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "memory.h"
#include "vrrp_run_internal.h"
#include "vrrp_socket.h"

/* Packets read per wake-up: a flood cannot starve the loop's timers. */
#define RX_BATCH 64

static bool uses_ah(const struct vrrp_inst *in)
{
	return in->p.family == AF_INET && in->p.fsm.version == 2 &&
	       in->p.auth_type == VRRP_AUTH_AH;
}

static bool sock_fits(const struct vrrp_sock *s, const struct vrrp_inst *in)
{
	struct ka_addr g = vrrp_run_group(in);

	return s->family == in->p.family && s->ifindex == in->ifindex &&
	       s->ah == uses_ah(in) && s->group.family == g.family &&
	       (!g.family || addr_equal(&s->group, &g));
}

static void fill_rx_conf(const struct vrrp_inst *in, struct vrrp_rx_conf *c)
{
	*c = (struct vrrp_rx_conf){
		.version = in->p.fsm.version, .vrid = in->p.vrid,
		.family = in->p.family, .adver_int_cs = in->p.fsm.adver_int_cs,
		.auth_type = in->p.fsm.version == 2 ? in->p.auth_type : 0,
		.auth_pass = in->p.auth_pass, .unicast = in->p.npeers > 0,
		.min_ttl = in->p.min_ttl, .max_ttl = in->p.max_ttl,
		.skip_check_adv_addr = in->p.skip_check_adv_addr,
		.check_unicast_src = in->p.check_unicast_src,
		.vips = in->adv, .nvips = in->nadv,
		.peers = in->p.peers, .npeers = in->p.npeers,
	};
}

/* keepalived's lines for the two common cases, which operators grep. */
static void log_advert(struct vrrp_inst *in, const struct vrrp_pkt *pkt,
		       const struct ka_addr *from)
{
	char src[ADDR_STRLEN];

	addr_ntop(from, src, sizeof(src));
	if (in->fsm.state == VRRP_STATE_MASTER && pkt->priority &&
	    pkt->priority > in->fsm.conf.priority)
		log_info("(%s) Master received advert from %s with higher "
			 "priority %u, ours %u", in->p.name, src,
			 pkt->priority, in->fsm.conf.priority);
	else if (in->fsm.state == VRRP_STATE_MASTER && pkt->priority &&
		 pkt->priority < in->fsm.conf.priority)
		log_warnx_limited(&in->info_rl, "(%s) Received advert from %s "
				  "with lower priority %u, ours %u, forcing "
				  "new election", in->p.name, src,
				  pkt->priority, in->fsm.conf.priority);
	else if (in->fsm.state == VRRP_STATE_BACKUP && pkt->priority &&
		 pkt->priority < in->fsm.conf.priority && !in->p.fsm.nopreempt)
		log_warnx_limited(&in->info_rl, "(%s) received lower priority "
				  "(%u) advert from %s - discarding",
				  in->p.name, pkt->priority, src);
}

/* Returns 0 when the packet was for another VRID, 1 otherwise. */
static int deliver(struct vrrp_inst *in, const struct vrrp_socket_rcvd *r)
{
	struct vrrp_rx_conf conf;
	struct vrrp_pkt pkt;
	struct vrrp_fsm_advert adv;
	enum vrrp_rx_counter counter = VRRP_RX_NONE;
	const char *why = NULL;
	char src[ADDR_STRLEN];

	fill_rx_conf(in, &conf);
	switch (vrrp_rx_check(&conf, &in->rx, &r->in, &pkt, &counter, &why)) {
	case 0:
		break;
	case -ENOENT:
		return 0;
	default:
		vrrp_rx_count(&in->stats, counter);
		addr_ntop(&r->in.src, src, sizeof(src));
		log_warnx_limited(&in->rx_rl, "(%s) advert from %s dropped: %s",
				  in->p.name, src, why);
		vrrp_run_observe_rx_drop(in, &r->in.src, counter);
		return 1;
	}
	vrrp_rx_count_accepted(&in->stats, &pkt);
	in->master = r->in.src;
	in->saw_lower = pkt.priority && pkt.priority < in->fsm.conf.priority;
	log_advert(in, &pkt, &r->in.src);
	if (in->fsm.state == VRRP_STATE_MASTER && pkt.priority &&
	    pkt.priority < in->fsm.conf.priority)
		vrrp_run_notify_rx_lower(in);
	adv = (struct vrrp_fsm_advert){
		.priority = pkt.priority, .adver_int_cs = pkt.adver_int_cs,
		.addr_cmp = addr_cmp(&r->in.src, &in->src),
	};
	vrrp_fsm_event(&in->fsm, VRRP_EV_ADVERT, &adv);
	return 1;
}

/* Returns 1 if one of them took the packet as its VRID's. */
static int deliver_all(struct list_node *head,
		       const struct vrrp_socket_rcvd *r)
{
	struct vrrp_inst *in, *tmp;
	int ours = 0;

	/* An instance may go to FAULT, never away, while handling it. */
	list_for_each_entry_safe(in, tmp, head, sock_node)
		if (!in->faulted)
			ours |= deliver(in, r);
	return ours;
}

static void dispatch(struct vrrp_sock *s, const struct vrrp_socket_rcvd *r)
{
	int ours = 0;
	size_t v;

	if (r->in.len >= 2) {
		ours = deliver_all(&s->by_vrid[r->in.msg[1]], r);
	} else {
		/* Too short to name a VRID: every instance refuses it and
		 * counts it, as each would have seen it on its own socket. */
		for (v = 0; v < VRRP_SOCK_VRIDS; v++)
			ours |= deliver_all(&s->by_vrid[v], r);
	}
	/* RFC 2787's vrrpRouterVrIdErrors: a VRID none of ours has */
	if (!ours && s->users)
		s->run->vrid_errors++;
}

static int watch(struct vrrp_sock *s);

static void on_readable(struct event_loop *loop,
			const struct event_info *info)
{
	struct vrrp_sock *s = info->arg;
	uint8_t buf[VRRP_SOCKET_RCVBUF_LEN];
	struct vrrp_socket_rcvd r;
	const char *why;
	int i, ret;

	(void)loop;
	for (i = 0; i < RX_BATCH; i++) {
		why = NULL;
		ret = vrrp_socket_recv(s->fd, s->family, buf, sizeof(buf), &r,
				       &why);
		if (ret == -EAGAIN)
			break;
		if (ret == 0)
			dispatch(s, &r);
		else
			log_debug("VRRP socket on index %d: %s", s->ifindex,
				  why ? why : strerror(-ret));
	}
	if (watch(s) < 0)
		log_warnx("Cannot watch a VRRP socket any more");
}

static int watch(struct vrrp_sock *s)
{
	return event_add_read(s->run->loop, &s->ev_read, s->fd, 0, on_readable,
			      s);
}

static struct vrrp_sock *sock_open(struct vrrp_inst *in)
{
	struct vrrp_sock *s = mem_new(struct vrrp_sock);
	size_t v;
	struct vrrp_socket_opts o = {
		.family = in->p.family, .ifindex = in->ifindex,
		.ifname = vrrp_run_xmit_ifname(in), .ah = uses_ah(in),
	};

	s->group = vrrp_run_group(in);
	if (s->group.family)
		o.group = &s->group;
	s->fd = vrrp_socket_open(&o);
	if (s->fd < 0) {
		errno = -s->fd;
		log_warn("(%s) cannot open a VRRP socket on %s", in->p.name,
			 in->p.ifname);
		mem_free(&s);
		return NULL;
	}
	s->run = in->run;
	s->family = o.family;
	s->ifindex = o.ifindex;
	s->ah = o.ah;
	for (v = 0; v < VRRP_SOCK_VRIDS; v++)
		list_init(&s->by_vrid[v]);
	list_add_tail(&in->run->socks, &s->node);
	if (watch(s) < 0)
		log_warnx("(%s) cannot watch its VRRP socket", in->p.name);
	return s;
}

int vrrp_run_sock_attach(struct vrrp_inst *in)
{
	struct vrrp_sock *s;

	if (in->sock && in->sock->ifindex == in->ifindex)
		return 0;
	vrrp_run_sock_detach(in);
	list_for_each_entry(s, &in->run->socks, node)
		if (sock_fits(s, in))
			goto found;
	s = sock_open(in);
	if (!s)
		return -EIO;
found:
	s->users++;
	in->sock = s;
	list_add_tail(&s->by_vrid[in->p.vrid], &in->sock_node);
	return 0;
}

static void sock_close(struct vrrp_sock **sp)
{
	struct vrrp_sock *s = *sp;

	event_cancel(&s->ev_read);
	close(s->fd);
	list_del(&s->node);
	mem_free(sp);
}

void vrrp_run_sock_detach(struct vrrp_inst *in)
{
	struct vrrp_sock *s = in->sock;

	if (!s)
		return;
	list_del(&in->sock_node);
	in->sock = NULL;
	if (--s->users == 0)
		sock_close(&s);
}

void vrrp_run_sock_close_all(struct vrrp_run *r)
{
	struct vrrp_sock *s, *tmp;

	list_for_each_entry_safe(s, tmp, &r->socks, node)
		sock_close(&s);
}
