/*
 * Unit tests of the configuration-to-IPVS mapping (check_ipvs.c), on
 * check_data.h objects built by hand: services of an address, an fwmark
 * and a group (ranges expanded), persistence, scheduler flags, and the
 * destination of a real server with its method and tunnel settings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check_ipvs.h"
#include "memory.h"

static struct ka_addr A(const char *s)
{
	struct ka_addr a;

	assert_int_equal(addr_parse(s, &a), 0);
	return a;
}

static void vs_init(struct ck_virtual_server_conf *vs)
{
	memset(vs, 0, sizeof(*vs));
	list_init(&vs->real_servers);
	snprintf(vs->sched, sizeof(vs->sched), "wlc");
	vs->protocol = CK_PROTO_TCP;
	vs->method.fwd = CK_FWD_NAT;
	vs->persistence_timeout_s = 360;
}

static void conf_init(struct check_conf *c)
{
	memset(c, 0, sizeof(*c));
	list_init(&c->groups);
	list_init(&c->virtual_servers);
	list_init(&c->track_files);
}

static void test_addr_service(void **state)
{
	struct ck_virtual_server_conf vs;
	struct check_conf c;
	struct ipvs_service *s = NULL;
	size_t n = 0;
	char name[IPVS_SVC_STRLEN];

	(void)state;
	conf_init(&c);
	vs_init(&vs);
	vs.addr = A("10.0.0.1");
	vs.port = 80;
	vs.protocol = CK_PROTO_UDP;
	snprintf(vs.sched, sizeof(vs.sched), "rr");
	vs.flags = CK_SVC_ONEPACKET;
	assert_int_equal(ck_ipvs_services(&vs, &c, &s, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(s[0].family, AF_INET);
	assert_int_equal(s[0].protocol, 17);
	assert_int_equal(s[0].port, 80);
	assert_int_equal(s[0].fwmark, 0);
	assert_string_equal(s[0].sched, "rr");
	assert_int_equal(s[0].flags, CK_SVC_ONEPACKET);
	assert_int_equal(s[0].timeout_s, 0);
	assert_int_equal(s[0].netmask, 0xffffffff);
	assert_string_equal(s[0].pe_name, "");
	ipvs_service_name(&s[0], name, sizeof(name));
	assert_string_equal(name, "UDP  10.0.0.1:80");
	mem_free(&s);
}

static void test_defaults(void **state)
{
	struct ck_virtual_server_conf vs;
	struct check_conf c;
	struct ipvs_service *s = NULL;
	size_t n = 0;

	(void)state;
	conf_init(&c);
	vs_init(&vs);
	vs.sched[0] = '\0';
	vs.protocol = 0;
	vs.addr = A("2001:db8::1");
	vs.port = 443;
	assert_int_equal(ck_ipvs_services(&vs, &c, &s, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(s[0].family, AF_INET6);
	assert_int_equal(s[0].protocol, 6);
	assert_string_equal(s[0].sched, "wlc");
	assert_int_equal(s[0].netmask, 128);
	mem_free(&s);
}

static void test_fwmark_service(void **state)
{
	struct ck_virtual_server_conf vs;
	struct check_conf c;
	struct ipvs_service *s = NULL;
	size_t n = 0;

	(void)state;
	conf_init(&c);
	vs_init(&vs);
	vs.kind = CK_VS_FWMARK;
	vs.fwmark = 5;
	vs.family = AF_INET6;
	vs.flags = CK_SVC_SCHED1 | CK_SVC_SCHED2;
	snprintf(vs.sched, sizeof(vs.sched), "sh");
	assert_int_equal(ck_ipvs_services(&vs, &c, &s, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(s[0].fwmark, 5);
	assert_int_equal(s[0].family, AF_INET6);
	assert_int_equal(s[0].protocol, 0);
	assert_int_equal(s[0].flags, CK_SVC_SCHED1 | CK_SVC_SCHED2);
	mem_free(&s);

	/* Without ip_family: IPv4. */
	vs.family = 0;
	assert_int_equal(ck_ipvs_services(&vs, &c, &s, &n), 0);
	assert_int_equal(s[0].family, AF_INET);
	mem_free(&s);
}

static void test_persistence(void **state)
{
	struct ck_virtual_server_conf vs;
	struct check_conf c;
	struct ipvs_service *s = NULL;
	size_t n = 0;

	(void)state;
	conf_init(&c);
	vs_init(&vs);
	vs.addr = A("10.0.0.1");
	vs.persistent = true;
	vs.persistence_timeout_s = 50;
	vs.persistence_granularity = A("255.255.255.0");
	vs.persistence_engine = "sip";
	assert_int_equal(ck_ipvs_services(&vs, &c, &s, &n), 0);
	assert_int_equal(s[0].port, 0);
	assert_int_equal(s[0].flags, CK_SVC_PERSISTENT);
	assert_int_equal(s[0].timeout_s, 50);
	assert_int_equal(s[0].netmask, htonl(0xffffff00));
	assert_string_equal(s[0].pe_name, "sip");
	mem_free(&s);

	/* Granularity alone: persistent with the default timeout. */
	vs.persistent = false;
	vs.persistence_timeout_s = 360;
	vs.persistence_engine = NULL;
	vs.addr = A("2001:db8::1");
	vs.persistence_granularity = A("ffff:ffff:ffff:ffff:8000::");
	assert_int_equal(ck_ipvs_services(&vs, &c, &s, &n), 0);
	assert_int_equal(s[0].flags, CK_SVC_PERSISTENT);
	assert_int_equal(s[0].timeout_s, 360);
	assert_int_equal(s[0].netmask, 65);
	mem_free(&s);

	/* Neither: not persistent, whatever flag the parser left. */
	memset(&vs.persistence_granularity, 0, sizeof(struct ka_addr));
	vs.flags = CK_SVC_PERSISTENT | CK_SVC_HASHED;
	assert_int_equal(ck_ipvs_services(&vs, &c, &s, &n), 0);
	assert_int_equal(s[0].flags, 0);
	assert_int_equal(s[0].timeout_s, 0);
	mem_free(&s);
}

static struct ck_vsg_entry *add_entry(struct ck_vsg_conf *g)
{
	struct ck_vsg_entry *e = mem_new(struct ck_vsg_entry);

	list_add_tail(&g->entries, &e->node);
	return e;
}

static void free_group(struct ck_vsg_conf *g)
{
	struct ck_vsg_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &g->entries, node) {
		list_del(&e->node);
		mem_free(&e);
	}
}

static void test_group(void **state)
{
	struct ck_virtual_server_conf vs;
	struct check_conf c;
	struct ck_vsg_conf g = { .name = "web" }, other = { .name = "x" };
	struct ck_vsg_entry *e;
	struct ipvs_service *s = NULL;
	size_t n = 0;
	char name[IPVS_SVC_STRLEN];
	static const char *const want[] = {
		"TCP  10.0.0.250:80", "TCP  10.0.0.251:80",
		"TCP  10.0.0.252:80", "TCP  10.0.0.253:80",
		"TCP  10.0.0.254:80", "TCP  10.0.0.255:80",
		"TCP  10.0.1.0:80", "TCP  10.0.1.1:80",
		"TCP  [2001:db8::fe]:443", "TCP  [2001:db8::ff]:443",
		"FWM  9", "TCP  192.168.0.1:8080",
	};
	size_t i;

	(void)state;
	conf_init(&c);
	list_init(&g.entries);
	list_init(&other.entries);
	list_add_tail(&c.groups, &other.node);
	list_add_tail(&c.groups, &g.node);
	e = add_entry(&other);
	e->first = A("1.1.1.1");
	e = add_entry(&g);
	e->first = A("10.0.0.250");
	e->last = A("10.0.1.1");
	e->port = 80;
	e = add_entry(&g);
	e->first = A("2001:db8::fe");
	e->last = A("2001:db8::ff");
	e->port = 443;
	e = add_entry(&g);
	e->is_fwmark = true;
	e->fwmark = 9;
	e = add_entry(&g);
	e->first = A("192.168.0.1");	/* last unset: one address */
	e->port = 8080;

	vs_init(&vs);
	vs.kind = CK_VS_GROUP;
	vs.group = "web";
	snprintf(vs.sched, sizeof(vs.sched), "rr");
	assert_int_equal(ck_ipvs_services(&vs, &c, &s, &n), 0);
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < n; i++) {
		ipvs_service_name(&s[i], name, sizeof(name));
		assert_string_equal(name, want[i]);
		assert_string_equal(s[i].sched, "rr");
	}
	assert_int_equal(s[10].family, AF_INET);
	mem_free(&s);

	/* An unknown group stands for no service. */
	vs.group = "nosuch";
	assert_int_equal(ck_ipvs_services(&vs, &c, &s, &n), 0);
	assert_int_equal(n, 0);
	mem_free(&s);

	/* A range too large to expand. */
	e = add_entry(&g);
	e->first = A("10.0.0.0");
	e->last = A("10.2.0.0");
	vs.group = "web";
	s = NULL;
	assert_int_equal(ck_ipvs_services(&vs, &c, &s, &n), -E2BIG);
	assert_null(s);
	free_group(&g);
	free_group(&other);
}

static void rs_init(struct ck_real_server_conf *rs, const char *addr,
		    uint16_t port)
{
	memset(rs, 0, sizeof(*rs));
	list_init(&rs->checkers);
	rs->addr = A(addr);
	rs->port = port;
	rs->weight = 1;
}

static void test_dest(void **state)
{
	struct ck_virtual_server_conf vs;
	struct ck_real_server_conf rs;
	struct ipvs_dest d;
	char buf[ADDR_PORT_STRLEN];

	(void)state;
	vs_init(&vs);
	vs.addr = A("10.0.0.1");
	vs.port = 80;
	rs_init(&rs, "10.0.0.2", 0);
	rs.uthreshold = 100;
	rs.lthreshold = 10;
	ck_ipvs_dest(&vs, &rs, 3, &d);
	addr_port_ntop(&d.addr, d.port, buf, sizeof(buf));
	assert_string_equal(buf, "10.0.0.2:80");	/* the VS's port */
	assert_int_equal(d.fwd, IPVS_FWD_MASQ);
	assert_int_equal(d.weight, 3);
	assert_int_equal(d.u_threshold, 100);
	assert_int_equal(d.l_threshold, 10);
	assert_int_equal(d.tun_type, 0);
	assert_int_equal(d.tun_flags, 0);

	/* The VS's method, then the RS's own. */
	vs.method.fwd = CK_FWD_DR;
	rs.port = 8080;
	ck_ipvs_dest(&vs, &rs, 0, &d);
	assert_int_equal(d.fwd, IPVS_FWD_ROUTE);
	assert_int_equal(d.port, 8080);
	assert_int_equal(d.weight, 0);
	rs.method.fwd = CK_FWD_NAT;
	ck_ipvs_dest(&vs, &rs, 1, &d);
	assert_int_equal(d.fwd, IPVS_FWD_MASQ);
	/* No method anywhere: NAT. */
	rs.method.fwd = CK_FWD_UNSET;
	vs.method.fwd = CK_FWD_UNSET;
	ck_ipvs_dest(&vs, &rs, 1, &d);
	assert_int_equal(d.fwd, IPVS_FWD_MASQ);
}

static void test_dest_tunnel(void **state)
{
	struct ck_virtual_server_conf vs;
	struct ck_real_server_conf rs;
	struct ipvs_dest d;

	(void)state;
	vs_init(&vs);
	vs.addr = A("10.0.0.1");
	vs.port = 80;
	vs.method = (struct ck_method){ .fwd = CK_FWD_TUN,
		.tun_type = CK_TUN_GUE, .tun_port = 6080,
		.tun_csum = CK_TUN_REMCSUM };
	rs_init(&rs, "2001:db8::2", 80);
	ck_ipvs_dest(&vs, &rs, 1, &d);
	assert_int_equal(d.fwd, IPVS_FWD_TUNNEL);
	assert_int_equal(d.addr.family, AF_INET6);
	assert_int_equal(d.tun_type, 1);
	assert_int_equal(d.tun_port, 6080);
	assert_int_equal(d.tun_flags, 4);

	rs.method = (struct ck_method){ .fwd = CK_FWD_TUN,
		.tun_type = CK_TUN_GRE, .tun_port = 9,
		.tun_csum = CK_TUN_NOCSUM };
	ck_ipvs_dest(&vs, &rs, 1, &d);
	assert_int_equal(d.tun_type, 2);
	assert_int_equal(d.tun_port, 0);	/* GUE only */
	assert_int_equal(d.tun_flags, 1);
	rs.method.tun_type = CK_TUN_IPIP;
	rs.method.tun_csum = CK_TUN_CSUM;
	ck_ipvs_dest(&vs, &rs, 1, &d);
	assert_int_equal(d.tun_type, 0);
	assert_int_equal(d.tun_flags, 2);

	/* Tunnel settings mean nothing to another method. */
	rs.method.fwd = CK_FWD_DR;
	ck_ipvs_dest(&vs, &rs, 1, &d);
	assert_int_equal(d.fwd, IPVS_FWD_ROUTE);
	assert_int_equal(d.tun_type, 0);
	assert_int_equal(d.tun_port, 0);
	assert_int_equal(d.tun_flags, 0);
}

static void test_dest_sorry(void **state)
{
	struct ck_virtual_server_conf vs;
	struct ck_real_server_conf sorry;
	struct ipvs_dest d;

	(void)state;
	vs_init(&vs);
	vs.addr = A("10.0.0.1");
	vs.port = 80;
	vs.method.fwd = CK_FWD_DR;
	rs_init(&sorry, "10.0.0.9", 0);
	vs.sorry = &sorry;
	ck_ipvs_dest(&vs, &sorry, 1, &d);
	assert_int_equal(d.fwd, IPVS_FWD_ROUTE);
	vs.sorry_method.fwd = CK_FWD_NAT;
	ck_ipvs_dest(&vs, &sorry, 1, &d);
	assert_int_equal(d.fwd, IPVS_FWD_MASQ);
	assert_int_equal(d.port, 80);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addr_service),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_fwmark_service),
		cmocka_unit_test(test_persistence),
		cmocka_unit_test(test_group),
		cmocka_unit_test(test_dest),
		cmocka_unit_test(test_dest_tunnel),
		cmocka_unit_test(test_dest_sorry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
