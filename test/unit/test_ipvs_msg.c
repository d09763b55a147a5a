/*
 * Unit tests of the IPVS generic netlink messages (ipvs_msg.c) and of
 * the setsockopt structures (ipvs_so.c): every attribute the kernel
 * reads is checked by its UAPI number, type and byte order; replies are
 * built by hand, as the kernel sends them, and parsed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <linux/ip_vs.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "ipvs_msg.h"
#include "ipvs_so.h"

#define FAMILY_ID 42

static struct ka_addr addr(const char *s)
{
	struct ka_addr a;

	assert_int_equal(addr_parse(s, &a), 0);
	return a;
}

static struct ipvs_service svc4(void)
{
	struct ipvs_service s = {
		.family = AF_INET, .protocol = IPPROTO_TCP, .port = 80,
		.sched = "wlc", .flags = IP_VS_SVC_F_PERSISTENT |
					 IP_VS_SVC_F_SCHED1,
		.timeout_s = 360,
	};

	s.addr = addr("10.0.0.1");
	s.netmask = htonl(0xffffff00);
	return s;
}

static void assert_svc_equal(const struct ipvs_service *a,
			     const struct ipvs_service *b)
{
	assert_int_equal(a->family, b->family);
	assert_int_equal(a->protocol, b->protocol);
	assert_true(addr_equal(&a->addr, &b->addr));
	assert_int_equal(a->port, b->port);
	assert_int_equal(a->fwmark, b->fwmark);
	assert_string_equal(a->sched, b->sched);
	assert_int_equal(a->flags, b->flags);
	assert_int_equal(a->timeout_s, b->timeout_s);
	assert_int_equal(a->netmask, b->netmask);
	assert_string_equal(a->pe_name, b->pe_name);
}

/* The top-level attributes of a request, after checking its headers. */
static void top_attrs(struct nl_msg *m, uint8_t cmd, struct nlattr **tb)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	struct genlmsghdr *g = nlmsg_data(h);

	assert_int_equal(h->nlmsg_type, FAMILY_ID);
	assert_int_equal(g->cmd, cmd);
	assert_int_equal(g->version, IPVS_GENL_VERSION);
	assert_int_equal(genlmsg_parse(h, 0, tb, IPVS_CMD_ATTR_MAX, NULL), 0);
}

static void nested(struct nlattr *a, struct nlattr **tb, int max)
{
	assert_non_null(a);
	assert_int_equal(nla_parse_nested(tb, max, a, NULL), 0);
}

static void assert_attr_bytes(struct nlattr *a, const void *want, int len)
{
	assert_non_null(a);
	assert_int_equal(nla_len(a), len);
	assert_memory_equal(nla_data(a), want, (size_t)len);
}

static void test_service_full(void **state)
{
	struct ipvs_service s = svc4();
	struct nl_msg *m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_NEW_SERVICE, 0);
	struct nlattr *top[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *tb[IPVS_SVC_ATTR_MAX + 1];
	const uint8_t want_addr[16] = { 10, 0, 0, 1 };
	const uint8_t want_port[2] = { 0, 80 };
	struct ip_vs_flags f;

	(void)state;
	assert_non_null(m);
	assert_int_equal(ipvs_msg_put_service(m, &s, true), 0);
	top_attrs(m, IPVS_CMD_NEW_SERVICE, top);
	nested(top[IPVS_CMD_ATTR_SERVICE], tb, IPVS_SVC_ATTR_MAX);
	assert_int_equal(nla_get_u16(tb[IPVS_SVC_ATTR_AF]), AF_INET);
	assert_int_equal(nla_get_u16(tb[IPVS_SVC_ATTR_PROTOCOL]), IPPROTO_TCP);
	assert_attr_bytes(tb[IPVS_SVC_ATTR_ADDR], want_addr, 16);
	assert_attr_bytes(tb[IPVS_SVC_ATTR_PORT], want_port, 2);
	assert_null(tb[IPVS_SVC_ATTR_FWMARK]);
	assert_string_equal(nla_get_string(tb[IPVS_SVC_ATTR_SCHED_NAME]), "wlc");
	assert_int_equal(nla_len(tb[IPVS_SVC_ATTR_FLAGS]), sizeof(f));
	memcpy(&f, nla_data(tb[IPVS_SVC_ATTR_FLAGS]), sizeof(f));
	assert_int_equal(f.flags, IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_SCHED1);
	assert_int_equal(f.mask, 0xffffffffu);
	assert_int_equal(nla_get_u32(tb[IPVS_SVC_ATTR_TIMEOUT]), 360);
	/* An IPv4 netmask is a mask in network order. */
	assert_int_equal(nla_get_u32(tb[IPVS_SVC_ATTR_NETMASK]),
			 htonl(0xffffff00));
	assert_null(tb[IPVS_SVC_ATTR_PE_NAME]);
	nlmsg_free(m);

	snprintf(s.pe_name, sizeof(s.pe_name), "sip");
	s.flags |= IP_VS_SVC_F_HASHED;
	m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_SET_SERVICE, 0);
	assert_int_equal(ipvs_msg_put_service(m, &s, true), 0);
	top_attrs(m, IPVS_CMD_SET_SERVICE, top);
	nested(top[IPVS_CMD_ATTR_SERVICE], tb, IPVS_SVC_ATTR_MAX);
	assert_string_equal(nla_get_string(tb[IPVS_SVC_ATTR_PE_NAME]), "sip");
	/* HASHED is the kernel's own bit, never sent. */
	memcpy(&f, nla_data(tb[IPVS_SVC_ATTR_FLAGS]), sizeof(f));
	assert_int_equal(f.flags & IP_VS_SVC_F_HASHED, 0);
	nlmsg_free(m);
}

static void test_service_key_only(void **state)
{
	struct ipvs_service s = svc4();
	struct nl_msg *m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_DEL_SERVICE, 0);
	struct nlattr *top[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *tb[IPVS_SVC_ATTR_MAX + 1];

	(void)state;
	assert_int_equal(ipvs_msg_put_service(m, &s, false), 0);
	top_attrs(m, IPVS_CMD_DEL_SERVICE, top);
	nested(top[IPVS_CMD_ATTR_SERVICE], tb, IPVS_SVC_ATTR_MAX);
	assert_non_null(tb[IPVS_SVC_ATTR_AF]);
	assert_non_null(tb[IPVS_SVC_ATTR_ADDR]);
	assert_null(tb[IPVS_SVC_ATTR_SCHED_NAME]);
	assert_null(tb[IPVS_SVC_ATTR_FLAGS]);
	assert_null(tb[IPVS_SVC_ATTR_TIMEOUT]);
	assert_null(tb[IPVS_SVC_ATTR_NETMASK]);
	assert_null(top[IPVS_CMD_ATTR_DEST]);
	nlmsg_free(m);
}

static void test_service_fwmark_ipv6(void **state)
{
	struct ipvs_service s = {
		.family = AF_INET6, .fwmark = 7, .sched = "sh",
		.flags = IP_VS_SVC_F_SCHED_SH_PORT,
	};
	struct nl_msg *m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_NEW_SERVICE, 0);
	struct nlattr *top[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *tb[IPVS_SVC_ATTR_MAX + 1];

	(void)state;
	assert_int_equal(ipvs_msg_put_service(m, &s, true), 0);
	top_attrs(m, IPVS_CMD_NEW_SERVICE, top);
	nested(top[IPVS_CMD_ATTR_SERVICE], tb, IPVS_SVC_ATTR_MAX);
	assert_int_equal(nla_get_u16(tb[IPVS_SVC_ATTR_AF]), AF_INET6);
	assert_int_equal(nla_get_u32(tb[IPVS_SVC_ATTR_FWMARK]), 7);
	assert_null(tb[IPVS_SVC_ATTR_ADDR]);
	assert_null(tb[IPVS_SVC_ATTR_PORT]);
	assert_null(tb[IPVS_SVC_ATTR_PROTOCOL]);
	/* An unset IPv6 netmask is the prefix length of one host. */
	assert_int_equal(nla_get_u32(tb[IPVS_SVC_ATTR_NETMASK]), 128);
	nlmsg_free(m);
}

static void test_dest_masq_and_tunnel(void **state)
{
	struct ipvs_service s = svc4();
	struct ipvs_dest d = {
		.port = 8080, .fwd = IPVS_FWD_MASQ, .weight = 3,
		.u_threshold = 100, .l_threshold = 10,
	};
	struct nl_msg *m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_NEW_DEST, 0);
	struct nlattr *top[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *tb[IPVS_DEST_ATTR_MAX + 1];
	const uint8_t want_addr[16] = { 10, 0, 1, 2 };
	const uint8_t want_port[2] = { 0x1f, 0x90 };

	(void)state;
	d.addr = addr("10.0.1.2");
	assert_int_equal(ipvs_msg_put_service(m, &s, false), 0);
	assert_int_equal(ipvs_msg_put_dest(m, &d, AF_INET, true), 0);
	top_attrs(m, IPVS_CMD_NEW_DEST, top);
	assert_non_null(top[IPVS_CMD_ATTR_SERVICE]);
	nested(top[IPVS_CMD_ATTR_DEST], tb, IPVS_DEST_ATTR_MAX);
	assert_attr_bytes(tb[IPVS_DEST_ATTR_ADDR], want_addr, 16);
	assert_attr_bytes(tb[IPVS_DEST_ATTR_PORT], want_port, 2);
	assert_int_equal(nla_get_u32(tb[IPVS_DEST_ATTR_FWD_METHOD]),
			 IP_VS_CONN_F_MASQ);
	assert_int_equal(nla_get_u32(tb[IPVS_DEST_ATTR_WEIGHT]), 3);
	assert_int_equal(nla_get_u32(tb[IPVS_DEST_ATTR_U_THRESH]), 100);
	assert_int_equal(nla_get_u32(tb[IPVS_DEST_ATTR_L_THRESH]), 10);
	assert_null(tb[IPVS_DEST_ATTR_ADDR_FAMILY]);
	assert_null(tb[IPVS_DEST_ATTR_TUN_TYPE]);
	nlmsg_free(m);

	/* A GUE tunnel to an IPv6 server of an IPv4 service. */
	d.addr = addr("2001:db8::2");
	d.fwd = IPVS_FWD_TUNNEL;
	d.tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GUE;
	d.tun_port = 6080;
	d.tun_flags = 4;	/* remcsum */
	m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_SET_DEST, 0);
	assert_int_equal(ipvs_msg_put_dest(m, &d, AF_INET, true), 0);
	top_attrs(m, IPVS_CMD_SET_DEST, top);
	nested(top[IPVS_CMD_ATTR_DEST], tb, IPVS_DEST_ATTR_MAX);
	assert_int_equal(nla_get_u16(tb[IPVS_DEST_ATTR_ADDR_FAMILY]), AF_INET6);
	assert_attr_bytes(tb[IPVS_DEST_ATTR_ADDR], &d.addr.u.v6, 16);
	assert_int_equal(nla_get_u32(tb[IPVS_DEST_ATTR_FWD_METHOD]),
			 IP_VS_CONN_F_TUNNEL);
	assert_int_equal(nla_get_u8(tb[IPVS_DEST_ATTR_TUN_TYPE]),
			 IP_VS_CONN_F_TUNNEL_TYPE_GUE);
	assert_int_equal(nla_get_u16(tb[IPVS_DEST_ATTR_TUN_PORT]), htons(6080));
	assert_int_equal(nla_get_u16(tb[IPVS_DEST_ATTR_TUN_FLAGS]),
			 IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM);
	nlmsg_free(m);

	/* A delete names the destination only. */
	m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_DEL_DEST, 0);
	assert_int_equal(ipvs_msg_put_dest(m, &d, AF_INET6, false), 0);
	top_attrs(m, IPVS_CMD_DEL_DEST, top);
	nested(top[IPVS_CMD_ATTR_DEST], tb, IPVS_DEST_ATTR_MAX);
	assert_non_null(tb[IPVS_DEST_ATTR_ADDR]);
	assert_null(tb[IPVS_DEST_ATTR_WEIGHT]);
	assert_null(tb[IPVS_DEST_ATTR_FWD_METHOD]);
	nlmsg_free(m);
}

static void test_tun_flags(void **state)
{
	(void)state;
	assert_int_equal(ipvs_msg_tun_flags_to_kernel(0),
			 IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM);
	assert_int_equal(ipvs_msg_tun_flags_to_kernel(1),
			 IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM);
	assert_int_equal(ipvs_msg_tun_flags_to_kernel(2),
			 IP_VS_TUNNEL_ENCAP_FLAG_CSUM);
	assert_int_equal(ipvs_msg_tun_flags_to_kernel(4),
			 IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM);
	assert_int_equal(ipvs_msg_tun_flags_from_kernel(
				 IP_VS_TUNNEL_ENCAP_FLAG_CSUM), 2);
	assert_int_equal(ipvs_msg_tun_flags_from_kernel(
				 IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM), 4);
	assert_int_equal(ipvs_msg_tun_flags_from_kernel(0), 0);
}

static void test_daemon(void **state)
{
	struct ipvs_sync_daemon sd = {
		.master = true, .ifname = "eth1", .syncid = 9, .maxlen = 1400,
		.port = 9000, .ttl = 3,
	};
	struct nl_msg *m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_NEW_DAEMON, 0);
	struct nlattr *top[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *tb[IPVS_DAEMON_ATTR_MAX + 1];
	struct ipvs_sync_daemon back;

	(void)state;
	sd.group = addr("239.1.2.3");
	assert_int_equal(ipvs_msg_put_daemon(m, &sd), 0);
	top_attrs(m, IPVS_CMD_NEW_DAEMON, top);
	nested(top[IPVS_CMD_ATTR_DAEMON], tb, IPVS_DAEMON_ATTR_MAX);
	assert_int_equal(nla_get_u32(tb[IPVS_DAEMON_ATTR_STATE]),
			 IP_VS_STATE_MASTER);
	assert_string_equal(nla_get_string(tb[IPVS_DAEMON_ATTR_MCAST_IFN]),
			    "eth1");
	assert_int_equal(nla_get_u32(tb[IPVS_DAEMON_ATTR_SYNC_ID]), 9);
	assert_int_equal(nla_get_u16(tb[IPVS_DAEMON_ATTR_SYNC_MAXLEN]), 1400);
	assert_int_equal(nla_get_u16(tb[IPVS_DAEMON_ATTR_MCAST_PORT]),
			 htons(9000));
	assert_int_equal(nla_get_u8(tb[IPVS_DAEMON_ATTR_MCAST_TTL]), 3);
	assert_attr_bytes(tb[IPVS_DAEMON_ATTR_MCAST_GROUP], &sd.group.u.v4, 4);
	assert_null(tb[IPVS_DAEMON_ATTR_MCAST_GROUP6]);

	/* What the kernel sends back for GET_DAEMON has the same form. */
	assert_int_equal(ipvs_msg_parse_daemon(nlmsg_hdr(m), &back), 0);
	assert_true(back.master);
	assert_string_equal(back.ifname, "eth1");
	assert_int_equal(back.syncid, 9);
	assert_int_equal(back.maxlen, 1400);
	assert_int_equal(back.port, 9000);
	assert_int_equal(back.ttl, 3);
	assert_true(addr_equal(&back.group, &sd.group));
	nlmsg_free(m);

	/* A stop carries the state alone; the defaults are left out. */
	m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_DEL_DAEMON, 0);
	assert_int_equal(ipvs_msg_put_daemon(m, &(struct ipvs_sync_daemon){
						     .master = false }), 0);
	top_attrs(m, IPVS_CMD_DEL_DAEMON, top);
	nested(top[IPVS_CMD_ATTR_DAEMON], tb, IPVS_DAEMON_ATTR_MAX);
	assert_int_equal(nla_get_u32(tb[IPVS_DAEMON_ATTR_STATE]),
			 IP_VS_STATE_BACKUP);
	assert_null(tb[IPVS_DAEMON_ATTR_MCAST_IFN]);
	assert_null(tb[IPVS_DAEMON_ATTR_MCAST_PORT]);
	nlmsg_free(m);
}

static void test_timeouts(void **state)
{
	struct ipvs_timeouts t = { .tcp = 900, .udp = 300 };
	struct nl_msg *m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_SET_CONFIG, 0);
	struct nlattr *top[IPVS_CMD_ATTR_MAX + 1];
	struct ipvs_timeouts back = { 0 };

	(void)state;
	assert_int_equal(ipvs_msg_put_timeouts(m, &t), 0);
	top_attrs(m, IPVS_CMD_SET_CONFIG, top);
	assert_int_equal(nla_get_u32(top[IPVS_CMD_ATTR_TIMEOUT_TCP]), 900);
	assert_null(top[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]);
	assert_int_equal(nla_get_u32(top[IPVS_CMD_ATTR_TIMEOUT_UDP]), 300);
	/* The GET_CONFIG reply has all three. */
	assert_int_equal(ipvs_msg_parse_timeouts(nlmsg_hdr(m), &back),
			 -EINVAL);
	assert_int_equal(nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, 120), 0);
	assert_int_equal(ipvs_msg_parse_timeouts(nlmsg_hdr(m), &back), 0);
	assert_int_equal(back.tcp, 900);
	assert_int_equal(back.tcp_fin, 120);
	assert_int_equal(back.udp, 300);
	nlmsg_free(m);
}

/* A service reply as the kernel writes it: with both stats sets. */
static struct nl_msg *service_reply(bool with_af)
{
	struct nl_msg *m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_NEW_SERVICE, 0);
	struct nlattr *svc, *st;
	struct ip_vs_flags f = {
		.flags = IP_VS_SVC_F_HASHED | IP_VS_SVC_F_ONEPACKET,
		.mask = ~0u,
	};
	uint8_t a[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

	svc = nla_nest_start(m, IPVS_CMD_ATTR_SERVICE);
	if (with_af)
		nla_put_u16(m, IPVS_SVC_ATTR_AF, AF_INET6);
	nla_put_u16(m, IPVS_SVC_ATTR_PROTOCOL, IPPROTO_UDP);
	nla_put(m, IPVS_SVC_ATTR_ADDR, sizeof(a), a);
	nla_put_u16(m, IPVS_SVC_ATTR_PORT, htons(53));
	nla_put_string(m, IPVS_SVC_ATTR_SCHED_NAME, "rr");
	nla_put(m, IPVS_SVC_ATTR_FLAGS, sizeof(f), &f);
	nla_put_u32(m, IPVS_SVC_ATTR_TIMEOUT, 0);
	nla_put_u32(m, IPVS_SVC_ATTR_NETMASK, 64);
	st = nla_nest_start(m, IPVS_SVC_ATTR_STATS);
	nla_put_u32(m, IPVS_STATS_ATTR_CONNS, 1);
	nla_nest_end(m, st);
	st = nla_nest_start(m, IPVS_SVC_ATTR_STATS64);
	nla_put_u64(m, IPVS_STATS_ATTR_CONNS, 5000000000ULL);
	nla_put_u64(m, IPVS_STATS_ATTR_INPKTS, 12);
	nla_put_u64(m, IPVS_STATS_ATTR_OUTBYTES, 3456);
	nla_nest_end(m, st);
	nla_nest_end(m, svc);
	return m;
}

static void test_parse_service(void **state)
{
	struct nl_msg *m = service_reply(true);
	struct ipvs_service s, untouched = { .port = 99 };
	struct ka_addr want = addr("2001:db8::1");
	struct ipvs_stats st;

	(void)state;
	assert_int_equal(ipvs_msg_parse_service(nlmsg_hdr(m), &s, &st), 0);
	assert_int_equal(s.family, AF_INET6);
	assert_int_equal(s.protocol, IPPROTO_UDP);
	assert_true(addr_equal(&s.addr, &want));
	assert_int_equal(s.port, 53);
	assert_string_equal(s.sched, "rr");
	assert_int_equal(s.flags, IP_VS_SVC_F_ONEPACKET);
	assert_int_equal(s.netmask, 64);
	assert_string_equal(s.pe_name, "");
	/* The 64-bit counters win over the 32-bit ones. */
	assert_int_equal(st.conns, 5000000000ULL);
	assert_int_equal(st.inpkts, 12);
	assert_int_equal(st.outbytes, 3456);
	assert_int_equal(st.outpkts, 0);
	nlmsg_free(m);

	m = service_reply(false);
	s = untouched;
	assert_int_equal(ipvs_msg_parse_service(nlmsg_hdr(m), &s, NULL),
			 -EINVAL);
	assert_int_equal(s.port, 99);
	nlmsg_free(m);
}

/* Whatever we build parses back to the same service. */
static void test_service_round_trip(void **state)
{
	struct ipvs_service s = svc4(), back;
	struct nl_msg *m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_NEW_SERVICE, 0);

	(void)state;
	snprintf(s.pe_name, sizeof(s.pe_name), "sip");
	assert_int_equal(ipvs_msg_put_service(m, &s, true), 0);
	assert_int_equal(ipvs_msg_parse_service(nlmsg_hdr(m), &back, NULL), 0);
	assert_svc_equal(&back, &s);
	nlmsg_free(m);
}

static void test_parse_dest(void **state)
{
	struct nl_msg *m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_NEW_DEST, 0);
	struct nlattr *d, *st;
	uint8_t a[16] = { 192, 168, 7, 9 };
	struct ipvs_dest_info info;
	struct ipvs_dest dest;
	struct ka_addr want = addr("192.168.7.9");

	(void)state;
	d = nla_nest_start(m, IPVS_CMD_ATTR_DEST);
	nla_put(m, IPVS_DEST_ATTR_ADDR, sizeof(a), a);
	nla_put_u16(m, IPVS_DEST_ATTR_PORT, htons(443));
	/* The kernel adds flags of its own above the method. */
	nla_put_u32(m, IPVS_DEST_ATTR_FWD_METHOD,
		    IP_VS_CONN_F_DROUTE | IP_VS_CONN_F_ONE_PACKET);
	nla_put_u32(m, IPVS_DEST_ATTR_WEIGHT, 7);
	nla_put_u32(m, IPVS_DEST_ATTR_U_THRESH, 0);
	nla_put_u32(m, IPVS_DEST_ATTR_L_THRESH, 0);
	nla_put_u32(m, IPVS_DEST_ATTR_ACTIVE_CONNS, 4);
	nla_put_u32(m, IPVS_DEST_ATTR_INACT_CONNS, 2);
	nla_put_u32(m, IPVS_DEST_ATTR_PERSIST_CONNS, 1);
	nla_put_u16(m, IPVS_DEST_ATTR_ADDR_FAMILY, AF_INET);
	/* An old kernel: 32-bit counters only. */
	st = nla_nest_start(m, IPVS_DEST_ATTR_STATS);
	nla_put_u32(m, IPVS_STATS_ATTR_CONNS, 17);
	nla_put_u32(m, IPVS_STATS_ATTR_INPKTS, 170);
	nla_put_u64(m, IPVS_STATS_ATTR_INBYTES, 17000);
	nla_nest_end(m, st);
	nla_nest_end(m, d);

	/* An IPv4 server of an IPv6 service: the attribute decides. */
	assert_int_equal(ipvs_msg_parse_dest(nlmsg_hdr(m), AF_INET6, &info,
					     &dest), 0);
	assert_true(addr_equal(&dest.addr, &want));
	assert_int_equal(dest.port, 443);
	assert_int_equal(dest.fwd, IPVS_FWD_ROUTE);
	assert_int_equal(dest.weight, 7);
	assert_int_equal(info.active_conns, 4);
	assert_int_equal(info.inact_conns, 2);
	assert_int_equal(info.persist_conns, 1);
	assert_int_equal(info.stats.conns, 17);
	assert_int_equal(info.stats.inpkts, 170);
	assert_int_equal(info.stats.inbytes, 17000);
	nlmsg_free(m);

	/* No port: not a destination. */
	m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_NEW_DEST, 0);
	d = nla_nest_start(m, IPVS_CMD_ATTR_DEST);
	nla_put(m, IPVS_DEST_ATTR_ADDR, sizeof(a), a);
	nla_nest_end(m, d);
	assert_int_equal(ipvs_msg_parse_dest(nlmsg_hdr(m), AF_INET, NULL,
					     &dest), -EINVAL);
	nlmsg_free(m);
}

static void test_dest_round_trip(void **state)
{
	struct ipvs_dest d = {
		.port = 80, .fwd = IPVS_FWD_TUNNEL, .weight = 2,
		.u_threshold = 5, .l_threshold = 1, .tun_type = 2,
		.tun_flags = 2,
	}, back;
	struct nl_msg *m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_NEW_DEST, 0);

	(void)state;
	d.addr = addr("fd00::5");
	assert_int_equal(ipvs_msg_put_dest(m, &d, AF_INET6, true), 0);
	assert_int_equal(ipvs_msg_parse_dest(nlmsg_hdr(m), AF_INET6, NULL,
					     &back), 0);
	assert_true(addr_equal(&back.addr, &d.addr));
	assert_int_equal(back.port, d.port);
	assert_int_equal(back.fwd, d.fwd);
	assert_int_equal(back.weight, d.weight);
	assert_int_equal(back.u_threshold, d.u_threshold);
	assert_int_equal(back.l_threshold, d.l_threshold);
	assert_int_equal(back.tun_type, d.tun_type);
	assert_int_equal(back.tun_port, d.tun_port);
	assert_int_equal(back.tun_flags, d.tun_flags);
	nlmsg_free(m);
}

static void test_parse_info(void **state)
{
	struct nl_msg *m = ipvs_msg_new(FAMILY_ID, IPVS_CMD_SET_INFO, 0);
	uint32_t version = 0, size = 0;

	(void)state;
	nla_put_u32(m, IPVS_INFO_ATTR_VERSION, IP_VS_VERSION_CODE);
	assert_int_equal(ipvs_msg_parse_info(nlmsg_hdr(m), &version, &size),
			 -EINVAL);
	nla_put_u32(m, IPVS_INFO_ATTR_CONN_TAB_SIZE, 4096);
	assert_int_equal(ipvs_msg_parse_info(nlmsg_hdr(m), &version, &size),
			 0);
	assert_int_equal(version, 0x010201);
	assert_int_equal(size, 4096);
	nlmsg_free(m);
}

static void test_so_structures(void **state)
{
	struct ipvs_service s = svc4(), back;
	struct ip_vs_service_user u;
	struct ip_vs_service_entry e;
	struct ipvs_dest d = { .port = 8080, .fwd = IPVS_FWD_ROUTE,
			       .weight = 4, .u_threshold = 9 };
	struct ip_vs_dest_user du;
	struct ipvs_sync_daemon sd = { .master = false, .ifname = "eth0",
				       .syncid = 3 };
	struct ip_vs_daemon_user dmu;

	(void)state;
	assert_int_equal(ipvs_so_service(&s, &u), 0);
	assert_int_equal(u.protocol, IPPROTO_TCP);
	assert_int_equal(u.addr, s.addr.u.v4.s_addr);
	assert_int_equal(u.port, htons(80));
	assert_string_equal(u.sched_name, "wlc");
	assert_int_equal(u.flags, s.flags);
	assert_int_equal(u.timeout, 360);
	assert_int_equal(u.netmask, htonl(0xffffff00));

	memset(&e, 0, sizeof(e));
	e.protocol = u.protocol;
	e.addr = u.addr;
	e.port = u.port;
	memcpy(e.sched_name, u.sched_name, sizeof(e.sched_name));
	e.flags = u.flags | IP_VS_SVC_F_HASHED;
	e.timeout = u.timeout;
	e.netmask = u.netmask;
	ipvs_so_service_from(&e, &back, NULL);
	assert_svc_equal(&back, &s);

	s.family = AF_INET6;
	assert_int_equal(ipvs_so_service(&s, &u), -EAFNOSUPPORT);
	s = svc4();
	snprintf(s.pe_name, sizeof(s.pe_name), "sip");
	assert_int_equal(ipvs_so_service(&s, &u), -EAFNOSUPPORT);

	d.addr = addr("10.1.1.1");
	assert_int_equal(ipvs_so_dest(&d, &du), 0);
	assert_int_equal(du.addr, d.addr.u.v4.s_addr);
	assert_int_equal(du.port, htons(8080));
	assert_int_equal(du.conn_flags, IP_VS_CONN_F_DROUTE);
	assert_int_equal(du.weight, 4);
	assert_int_equal(du.u_threshold, 9);
	d.fwd = IPVS_FWD_TUNNEL;
	d.tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GRE;
	assert_int_equal(ipvs_so_dest(&d, &du), -EAFNOSUPPORT);

	assert_int_equal(ipvs_so_daemon(&sd, &dmu), 0);
	assert_int_equal(dmu.state, IP_VS_STATE_BACKUP);
	assert_string_equal(dmu.mcast_ifn, "eth0");
	assert_int_equal(dmu.syncid, 3);
	sd.port = 9000;
	assert_int_equal(ipvs_so_daemon(&sd, &dmu), -EAFNOSUPPORT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_service_full),
		cmocka_unit_test(test_service_key_only),
		cmocka_unit_test(test_service_fwmark_ipv6),
		cmocka_unit_test(test_dest_masq_and_tunnel),
		cmocka_unit_test(test_tun_flags),
		cmocka_unit_test(test_daemon),
		cmocka_unit_test(test_timeouts),
		cmocka_unit_test(test_parse_service),
		cmocka_unit_test(test_service_round_trip),
		cmocka_unit_test(test_parse_dest),
		cmocka_unit_test(test_dest_round_trip),
		cmocka_unit_test(test_parse_info),
		cmocka_unit_test(test_so_structures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
