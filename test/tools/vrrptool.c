/*
 * vrrptool: sends and receives VRRP adverts, gratuitous ARPs and NAs
 * with the daemon's own code, for test/integration/test_vrrp_wire.py.
 *
 *   vrrptool send --if IF --vrid N --prio P --version 2|3 --int CS
 *                 [--auth pass|ah --pass X] [--unicast PEER]... [--src A]
 *                 [--group G] --count N --addr VIP...
 *       Sends N adverts, one every CS centiseconds, to the group (or to
 *       each unicast peer), and prints one line per advert sent.
 *   vrrptool recv --if IF --vrid N --version V [--int CS]
 *                 [--auth pass|ah --pass X] [--unicast PEER]... [--group G]
 *                 [--family 4|6] [--addr VIP...] --for SECONDS [--count N]
 *       Prints each advert received as one line of key=value: "advert"
 *       when vrrp_rx_check() accepts it, "drop" with the reason and the
 *       counter otherwise, "other" for another VRID. Without --addr the
 *       address list is not checked. Stops after --count accepted adverts
 *       or SECONDS.
 *   vrrptool garp --if IF --addr VIP... --repeat N --interval-ms M
 *                 [--delay-ms D]
 *       Announces the addresses (ARP for IPv4, NA for IPv6) N times, M ms
 *       apart, and prints one line per message.
 *
 * Exit status: 0, 1 for a system error, 2 for a usage error.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <ifaddrs.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/ioctl.h>

#include "event.h"
#include "vrrp_announce.h"
#include "vrrp_rx.h"
#include "vrrp_socket.h"
#include "vrrp_tx.h"

#define MAX_ADDRS 64
#define MAX_PEERS 16

struct tool {
	const char *cmd;
	const char *ifname;
	int ifindex;
	int family;
	uint8_t version, vrid, prio, auth;
	uint16_t int_cs;
	const char *pass;
	struct ka_addr addrs[MAX_ADDRS];
	size_t naddr;
	struct ka_addr peers[MAX_PEERS];
	size_t npeers;
	struct ka_addr src, group;
	unsigned count, repeat, interval_ms, delay_ms;
	double for_s;
	/* running */
	struct event_loop *loop;
	int fd;
	struct event *ev_io, *ev_timer;
	unsigned done;
	struct vrrp_tx_state tx;
	struct vrrp_rx_state rx;
	struct vrrp_announce *ann;
};

static int usage(void)
{
	fprintf(stderr,
		"usage: vrrptool send --if IF --vrid N --prio P --version 2|3 "
		"--int CS [--auth pass|ah --pass X] [--unicast PEER]... "
		"[--src A] [--group G] --count N --addr VIP...\n"
		"       vrrptool recv --if IF --vrid N --version V [--int CS] "
		"[--auth pass|ah --pass X] [--unicast PEER]... [--group G] "
		"[--family 4|6] [--addr VIP...] --for SECONDS [--count N]\n"
		"       vrrptool garp --if IF --addr VIP... --repeat N "
		"--interval-ms M [--delay-ms D]\n");
	return 2;
}

static int num(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -EINVAL;
	*out = v;
	return 0;
}

static int add_addr(struct ka_addr *set, size_t *n, size_t max, const char *s)
{
	if (*n >= max || addr_parse(s, &set[*n]) < 0)
		return -EINVAL;
	(*n)++;
	return 0;
}

static int set_auth(struct tool *t, const char *s)
{
	if (!strcmp(s, "pass"))
		t->auth = VRRP_AUTH_PASS;
	else if (!strcmp(s, "ah"))
		t->auth = VRRP_AUTH_AH;
	else if (!strcmp(s, "none"))
		t->auth = VRRP_AUTH_NONE;
	else
		return -EINVAL;
	return 0;
}

enum { O_IF = 256, O_VRID, O_PRIO, O_VERSION, O_INT, O_AUTH, O_PASS,
       O_UNICAST, O_SRC, O_GROUP, O_COUNT, O_ADDR, O_FOR, O_FAMILY,
       O_REPEAT, O_INTERVAL_MS, O_DELAY_MS };

static const struct option long_opts[] = {
	{ "if", required_argument, NULL, O_IF },
	{ "vrid", required_argument, NULL, O_VRID },
	{ "prio", required_argument, NULL, O_PRIO },
	{ "version", required_argument, NULL, O_VERSION },
	{ "int", required_argument, NULL, O_INT },
	{ "auth", required_argument, NULL, O_AUTH },
	{ "pass", required_argument, NULL, O_PASS },
	{ "unicast", required_argument, NULL, O_UNICAST },
	{ "src", required_argument, NULL, O_SRC },
	{ "group", required_argument, NULL, O_GROUP },
	{ "count", required_argument, NULL, O_COUNT },
	{ "addr", required_argument, NULL, O_ADDR },
	{ "for", required_argument, NULL, O_FOR },
	{ "family", required_argument, NULL, O_FAMILY },
	{ "repeat", required_argument, NULL, O_REPEAT },
	{ "interval-ms", required_argument, NULL, O_INTERVAL_MS },
	{ "delay-ms", required_argument, NULL, O_DELAY_MS },
	{ NULL, 0, NULL, 0 },
};

static int opt_num(int c, const char *arg, struct tool *t)
{
	long v = 0;
	int ret;

	switch (c) {
	case O_VRID:
		ret = num(arg, 1, 255, &v), t->vrid = (uint8_t)v;
		break;
	case O_PRIO:
		ret = num(arg, 0, 255, &v), t->prio = (uint8_t)v;
		break;
	case O_VERSION:
		ret = num(arg, 2, 3, &v), t->version = (uint8_t)v;
		break;
	case O_INT:
		ret = num(arg, 1, 25500, &v), t->int_cs = (uint16_t)v;
		break;
	case O_COUNT:
		ret = num(arg, 0, 1000000, &v), t->count = (unsigned)v;
		break;
	case O_FAMILY:
		ret = num(arg, 4, 6, &v);
		t->family = v == 6 ? AF_INET6 : AF_INET;
		break;
	case O_REPEAT:
		ret = num(arg, 0, 1000, &v), t->repeat = (unsigned)v;
		break;
	case O_INTERVAL_MS:
		ret = num(arg, 0, 600000, &v), t->interval_ms = (unsigned)v;
		break;
	case O_DELAY_MS:
		ret = num(arg, 0, 600000, &v), t->delay_ms = (unsigned)v;
		break;
	default:
		ret = -EINVAL;
	}
	return ret;
}

static int opt_one(int c, const char *arg, struct tool *t)
{
	char *end;

	switch (c) {
	case O_IF:
		t->ifname = arg;
		return 0;
	case O_AUTH:
		return set_auth(t, arg);
	case O_PASS:
		t->pass = arg;
		return 0;
	case O_UNICAST:
		return add_addr(t->peers, &t->npeers, MAX_PEERS, arg);
	case O_SRC:
		return addr_parse(arg, &t->src);
	case O_GROUP:
		return addr_parse(arg, &t->group);
	case O_ADDR:
		return add_addr(t->addrs, &t->naddr, MAX_ADDRS, arg);
	case O_FOR:
		t->for_s = strtod(arg, &end);
		return *end || t->for_s <= 0 ? -EINVAL : 0;
	default:
		return opt_num(c, arg, t);
	}
}

/* Options, then any further words as addresses ("--addr A B C"). */
static int parse_args(int argc, char **argv, struct tool *t)
{
	int c;

	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		if (c == '?' || opt_one(c, optarg, t) < 0) {
			if (c != '?')
				fprintf(stderr, "vrrptool: bad value '%s'\n",
					optarg);
			return -EINVAL;
		}
	}
	for (; optind < argc; optind++)
		if (add_addr(t->addrs, &t->naddr, MAX_ADDRS, argv[optind]) < 0) {
			fprintf(stderr, "vrrptool: bad address '%s'\n",
				argv[optind]);
			return -EINVAL;
		}
	return 0;
}

/* The family from the addresses, the peers, or --family. */
static int pick_family(struct tool *t)
{
	if (t->naddr)
		t->family = t->addrs[0].family;
	else if (t->npeers)
		t->family = t->peers[0].family;
	else if (!t->family)
		t->family = AF_INET;
	if (!t->group.family)
		addr_parse(t->family == AF_INET ? VRRP_MCAST_GROUP4 :
			   VRRP_MCAST_GROUP6, &t->group);
	return t->group.family == t->family ? 0 : -EINVAL;
}

/* The interface's first IPv4 address, or its IPv6 link-local one. */
static int find_src(struct tool *t)
{
	struct ifaddrs *list, *i;
	struct ka_addr a;

	if (t->src.family)
		return 0;
	if (getifaddrs(&list) < 0)
		return -errno;
	for (i = list; i && !t->src.family; i = i->ifa_next) {
		if (!i->ifa_addr || strcmp(i->ifa_name, t->ifname) ||
		    i->ifa_addr->sa_family != t->family ||
		    addr_from_sockaddr(i->ifa_addr, sizeof(struct sockaddr_in6),
				       &a, NULL) < 0)
			continue;
		if (t->family == AF_INET || addr_is_linklocal(&a))
			t->src = a;
	}
	freeifaddrs(list);
	return t->src.family ? 0 : -EADDRNOTAVAIL;
}

static void print_addr(const char *key, const struct ka_addr *a)
{
	char s[ADDR_STRLEN];

	addr_ntop(a, s, sizeof(s));
	printf(" %s=%s", key, s);
}

/* ---- send --------------------------------------------------------- */

static void send_to(struct tool *t, const struct ka_addr *dst)
{
	struct vrrp_pkt_spec spec = {
		.version = t->version, .vrid = t->vrid, .priority = t->prio,
		.family = t->family, .adver_int_cs = t->int_cs,
		.auth_type = t->version == 2 ? t->auth : VRRP_AUTH_NONE,
		.auth_pass = t->pass, .addrs = t->addrs, .naddr = t->naddr,
	};
	uint8_t pkt[VRRP_TX_MAX_LEN];
	const char *why = NULL;
	ssize_t n;
	int err;

	n = vrrp_tx_build(&spec, &t->src, dst, t->npeers > 0, &t->tx, pkt,
			  sizeof(pkt), &why);
	if (n < 0) {
		fprintf(stderr, "vrrptool: cannot build: %s\n", why);
		exit(2);
	}
	err = vrrp_socket_send(t->fd, &t->src, dst, t->ifindex, pkt,
			       (size_t)n);
	printf("sent");
	print_addr("dst", dst);
	printf(" prio=%u ip_id=%u ah_seq=%u err=%d\n", t->prio, t->tx.ip_id,
	       t->tx.ah_seq, err);
}

static void send_tick(struct event_loop *loop, const struct event_info *info)
{
	struct tool *t = info->arg;
	size_t i;

	if (t->npeers == 0)
		send_to(t, &t->group);
	for (i = 0; i < t->npeers; i++)
		send_to(t, &t->peers[i]);
	if (++t->done < t->count)
		event_add_timer(loop, &t->ev_timer,
				(uint64_t)t->int_cs * 10000, send_tick, t);
	else
		event_loop_stop(loop);
}

static int run_send(struct tool *t)
{
	struct vrrp_socket_opts o = {
		.family = t->family, .ifindex = t->ifindex,
		.ifname = t->ifname, .ah = t->auth == VRRP_AUTH_AH,
	};
	int ret;

	if (!t->version || !t->vrid || !t->int_cs || !t->naddr)
		return usage();
	ret = find_src(t);
	if (ret < 0) {
		fprintf(stderr, "vrrptool: no source address on %s\n",
			t->ifname);
		return 1;
	}
	t->fd = vrrp_socket_open(&o);
	if (t->fd < 0) {
		fprintf(stderr, "vrrptool: socket: %s\n", strerror(-t->fd));
		return 1;
	}
	if (t->count) {
		event_add_timer(t->loop, &t->ev_timer, 0, send_tick, t);
		event_loop_run(t->loop);
	}
	printf("done sent=%u\n", t->done);
	return 0;
}

/* ---- recv --------------------------------------------------------- */

static const char *counter_name(enum vrrp_rx_counter c)
{
	static const char *const names[] = {
		[VRRP_RX_NONE] = "none",
		[VRRP_RX_PACKET_LEN] = "packet_len_err",
		[VRRP_RX_INTERVAL] = "advert_interval_err",
		[VRRP_RX_TTL] = "ip_ttl_err",
		[VRRP_RX_TYPE] = "invalid_type_rcvd",
		[VRRP_RX_ADDR_LIST] = "addr_list_err",
		[VRRP_RX_AUTH_TYPE_INVALID] = "invalid_authtype",
		[VRRP_RX_AUTH_TYPE_MISMATCH] = "authtype_mismatch",
		[VRRP_RX_AUTH_FAILURE] = "auth_failure",
		[VRRP_RX_VERSION] = "version_err",
		[VRRP_RX_CHECKSUM] = "checksum_err",
	};

	return (size_t)c < sizeof(names) / sizeof(names[0]) ? names[c] : "?";
}

static void print_advert(const struct vrrp_socket_rcvd *r,
			 const struct vrrp_pkt *p)
{
	struct ka_addr a;
	size_t i;

	printf("advert");
	print_addr("src", &r->in.src);
	print_addr("dst", &r->in.dst);
	printf(" ttl=%u ifindex=%d version=%u vrid=%u prio=%u int_cs=%u "
	       "auth=%u naddr=%u addrs=", r->in.ttl, r->ifindex, p->version,
	       p->vrid, p->priority, p->adver_int_cs, p->auth_type, p->naddr);
	for (i = 0; i < p->naddr; i++) {
		char s[ADDR_STRLEN];

		vrrp_pkt_addr(p, i, &a);
		addr_ntop(&a, s, sizeof(s));
		printf("%s%s", i ? "," : "", s);
	}
	if (r->in.has_ah)
		printf(" ah_seq=%u ah_spi=0x%08x", r->in.ah_seq, r->ah_spi);
	printf("\n");
}

static void handle(struct tool *t, const struct vrrp_socket_rcvd *r)
{
	struct vrrp_rx_conf c = {
		.version = t->version, .vrid = t->vrid, .family = t->family,
		.adver_int_cs = t->int_cs, .auth_type = t->auth,
		.auth_pass = t->pass, .unicast = t->npeers > 0,
		.min_ttl = 0, .max_ttl = 255,
		.skip_check_adv_addr = t->naddr == 0,
		.vips = t->addrs, .nvips = t->naddr,
		.peers = t->peers, .npeers = t->npeers,
	};
	enum vrrp_rx_counter counter = VRRP_RX_NONE;
	const char *why = NULL;
	struct vrrp_pkt p;
	int ret = vrrp_rx_check(&c, &t->rx, &r->in, &p, &counter, &why);

	if (ret == 0) {
		print_advert(r, &p);
		if (t->count && ++t->done >= t->count)
			event_loop_stop(t->loop);
		return;
	}
	printf(ret == -ENOENT ? "other" : "drop");
	print_addr("src", &r->in.src);
	if (ret == -ENOENT)
		printf(" vrid=%u\n", r->in.len >= 2 ? r->in.msg[1] : 0);
	else
		printf(" reason=\"%s\" counter=%s\n", why,
		       counter_name(counter));
}

static void recv_ready(struct event_loop *loop, const struct event_info *info)
{
	struct tool *t = info->arg;
	uint8_t buf[VRRP_SOCKET_RCVBUF_LEN];
	struct vrrp_socket_rcvd r;
	const char *why = NULL;
	int ret;

	while ((ret = vrrp_socket_recv(t->fd, t->family, buf, sizeof(buf), &r,
				       &why)) != -EAGAIN) {
		if (ret == -EINVAL)
			printf("bad reason=\"%s\"\n", why);
		else if (ret < 0)
			printf("error errno=%d\n", -ret);
		else if (r.ifindex == t->ifindex)
			handle(t, &r);
	}
	event_add_read(loop, &t->ev_io, t->fd, 0, recv_ready, t);
}

static void recv_over(struct event_loop *loop, const struct event_info *info)
{
	(void)info;
	event_loop_stop(loop);
}

static int run_recv(struct tool *t)
{
	struct vrrp_socket_opts o = {
		.family = t->family, .ifindex = t->ifindex,
		.ifname = t->ifname, .ah = t->auth == VRRP_AUTH_AH,
		.group = t->npeers ? NULL : &t->group,
	};

	if (!t->version || !t->vrid || t->for_s <= 0)
		return usage();
	if (!t->int_cs)
		t->int_cs = 100;
	t->fd = vrrp_socket_open(&o);
	if (t->fd < 0) {
		fprintf(stderr, "vrrptool: socket: %s\n", strerror(-t->fd));
		return 1;
	}
	event_add_read(t->loop, &t->ev_io, t->fd, 0, recv_ready, t);
	event_add_timer(t->loop, &t->ev_timer, (uint64_t)(t->for_s * 1e6),
			recv_over, t);
	printf("listening\n");
	event_loop_run(t->loop);
	event_cancel(&t->ev_io);
	event_cancel(&t->ev_timer);
	printf("done accepted=%u\n", t->done);
	return 0;
}

/* ---- garp --------------------------------------------------------- */

static int if_mac(const char *ifname, uint8_t mac[6])
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int ret;

	if (fd < 0)
		return -errno;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	ret = ioctl(fd, SIOCGIFHWADDR, &ifr) < 0 ? -errno : 0;
	close(fd);
	if (!ret)
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	return ret;
}

static void garp_hook(void *ctx, const struct ka_addr *vip, unsigned round,
		      int err)
{
	struct tool *t = ctx;

	printf("%s", vip->family == AF_INET ? "garp" : "na");
	print_addr("addr", vip);
	printf(" round=%u err=%d\n", round, err);
	if (!vrrp_announce_pending(t->ann))
		event_loop_stop(t->loop);
}

static int run_garp(struct tool *t)
{
	struct vrrp_announce_socks socks;
	struct vrrp_announce_params p = {
		.delay_us = (uint64_t)t->delay_ms * 1000, .repeat = t->repeat,
		.garp_interval_us = (uint64_t)t->interval_ms * 1000,
		.gna_interval_us = (uint64_t)t->interval_ms * 1000,
	};
	struct vrrp_announce_io io;
	struct vrrp_announce_counts c;
	uint8_t mac[6];
	int ret;

	if (!t->naddr || if_mac(t->ifname, mac) < 0)
		return usage();
	ret = vrrp_announce_socks_open(&socks);
	if (ret < 0) {
		fprintf(stderr, "vrrptool: sockets: %s\n", strerror(-ret));
		return 1;
	}
	vrrp_announce_socks_io(&socks, &io);
	t->ann = vrrp_announce_new(t->loop, &io, t->ifindex, mac);
	printf("mac=%02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1], mac[2],
	       mac[3], mac[4], mac[5]);
	ret = vrrp_announce_start(t->ann, t->addrs, t->naddr, &p, garp_hook,
				  t);
	if (!ret && vrrp_announce_pending(t->ann))
		event_loop_run(t->loop);	/* the hook stops it */
	vrrp_announce_get_counts(t->ann, &c);
	printf("done arp=%llu na=%llu errors=%llu\n",
	       (unsigned long long)c.arp_sent, (unsigned long long)c.na_sent,
	       (unsigned long long)c.errors);
	vrrp_announce_free(&t->ann);
	vrrp_announce_socks_close(&socks);
	return ret < 0 || c.errors ? 1 : 0;
}

static void on_term(struct event_loop *loop, const struct event_info *info)
{
	(void)info;
	event_loop_stop(loop);
}

static int dispatch(struct tool *t)
{
	if (!strcmp(t->cmd, "send"))
		return run_send(t);
	if (!strcmp(t->cmd, "recv"))
		return run_recv(t);
	if (!strcmp(t->cmd, "garp"))
		return run_garp(t);
	return usage();
}

int main(int argc, char **argv)
{
	struct tool t = { .fd = -1 };
	int ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		return usage();
	t.cmd = argv[1];
	if (parse_args(argc - 1, argv + 1, &t) < 0 || !t.ifname ||
	    pick_family(&t) < 0)
		return usage();
	t.ifindex = (int)if_nametoindex(t.ifname);
	if (!t.ifindex) {
		fprintf(stderr, "vrrptool: no interface %s\n", t.ifname);
		return 1;
	}
	t.loop = event_loop_new(NULL);
	if (!t.loop)
		return 1;
	event_add_signal(t.loop, SIGTERM, on_term, &t);
	event_add_signal(t.loop, SIGINT, on_term, &t);
	ret = dispatch(&t);
	event_cancel(&t.ev_timer);
	event_cancel(&t.ev_io);
	event_loop_free(&t.loop);
	if (t.fd >= 0)
		close(t.fd);
	return ret;
}
