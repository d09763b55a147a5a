/*
 * test_check_parser.c: the LVS keyword tree: every keyword read into the
 * objects of check_data.h, the inheritance and defaults of
 * check_conf_complete(), equality, and the printout parsing back to
 * equal data.
 */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "check_alloc.h"
#include "memory.h"
#include "test_check_util.h"

#define S_US INT64_C(1000000)

static const char full_conf[] =
	"global_defs {\n"
	"    enable_script_security\n"
	"    script_user nobody\n"
	"}\n"
	"track_file tf1 {\n"
	"    file /run/tf1\n"
	"    weight -3 reverse\n"
	"    init_file 7 overwrite\n"
	"}\n"
	"SSL {\n"
	"    password secret\n"
	"    ca /etc/ca.pem\n"
	"    certificate /etc/cert.pem\n"
	"    key /etc/key.pem\n"
	"}\n"
	"virtual_server_group web {\n"
	"    10.1.0.1-3 80\n"
	"    10.1.1.8/30 8080\n"
	"    fwmark 9 inet\n"
	"}\n"
	"virtual_server 192.168.1.1 80 {\n"
	"    lvs_sched sh\n"
	"    sh-port\n"
	"    flag-3\n"
	"    lvs_method TUN type gue port 6080 csum\n"
	"    protocol UDP\n"
	"    ops\n"
	"    persistence_timeout 600\n"
	"    persistence_granularity 255.255.255.0\n"
	"    persistence_engine sip\n"
	"    ha_suspend\n"
	"    smtp_alert yes\n"
	"    virtualhost vs.example\n"
	"    snmp_name vs-snmp\n"
	"    alpha\n"
	"    omega\n"
	"    quorum 2\n"
	"    hysteresis 1\n"
	"    quorum_up \"/bin/up arg\" nobody nogroup\n"
	"    quorum_down /bin/down\n"
	"    sorry_server 192.168.1.99 80\n"
	"    sorry_server_inhibit\n"
	"    sorry_server_lvs_method DR\n"
	"    connect_timeout 7\n"
	"    retry 4\n"
	"    delay_before_retry 2.5\n"
	"    warmup 0\n"
	"    delay_loop 10\n"
	"    inhibit_on_failure\n"
	"    real_server 192.168.1.2 81 {\n"
	"        weight 3\n"
	"        lvs_method NAT\n"
	"        notify_up /bin/rs-up\n"
	"        notify_down \"/bin/rs-down x\" root root\n"
	"        uthreshold 100\n"
	"        lthreshold 10\n"
	"        smtp_alert no\n"
	"        virtualhost rs.example\n"
	"        snmp_name rs-snmp\n"
	"        alpha off\n"
	"        connect_timeout 3\n"
	"        delay_loop 4\n"
	"        inhibit_on_failure off\n"
	"        HTTP_GET {\n"
	"            connect_ip 10.9.9.9\n"
	"            connect_port 8081\n"
	"            bindto 192.168.1.200\n"
	"            bind_port 4000\n"
	"            bind_if eth0\n"
	"            fwmark 5\n"
	"            retry 6\n"
	"            log_all_failures on\n"
	"            http_protocol 1.1\n"
	"            fast_recovery\n"
	"            url {\n"
	"                path /health\n"
	"                digest 9B3A0C85A887A256D6939DA88AABD8CD\n"
	"                status_code 200 301-302 404\n"
	"                virtualhost url.example\n"
	"                regex \"ok|good\"\n"
	"                regex_no_match\n"
	"                regex_options caseless multiline\n"
	"                regex_stack 1000 2000\n"
	"                regex_min_offset 3\n"
	"                regex_max_offset 300\n"
	"            }\n"
	"            url {\n"
	"                path /second\n"
	"            }\n"
	"        }\n"
	"        SSL_GET {\n"
	"            enable_sni\n"
	"            url {\n"
	"                path /\n"
	"            }\n"
	"        }\n"
	"        MISC_CHECK {\n"
	"            misc_path /bin/check a b\n"
	"            misc_timeout 9\n"
	"            misc_dynamic\n"
	"            user nobody nogroup\n"
	"        }\n"
	"        SMTP_CHECK {\n"
	"            helo_name \"mail.example\"\n"
	"        }\n"
	"        DNS_CHECK {\n"
	"            type AAAA\n"
	"            name www.example.\n"
	"        }\n"
	"        PING_CHECK {\n"
	"        }\n"
	"        UDP_CHECK {\n"
	"            payload Ab12f 3 456\n"
	"            require_reply 12Xx f\n"
	"            min_reply_length 2\n"
	"            max_reply_length 100\n"
	"        }\n"
	"        FILE_CHECK {\n"
	"            track_file tf1\n"
	"            weight 5 reverse\n"
	"        }\n"
	"        TCP_CHECK {\n"
	"            delay_before_retry 0.25\n"
	"            warmup 1.5\n"
	"            alpha yes\n"
	"        }\n"
	"    }\n"
	"    real_server 192.168.1.3 {\n"
	"    }\n"
	"}\n"
	"virtual_server fwmark 7 {\n"
	"    lvs_sched rr\n"
	"    lvs_method NAT\n"
	"    real_server fd00::2 80 {\n"
	"        TCP_CHECK {\n"
	"        }\n"
	"    }\n"
	"}\n"
	"virtual_server group web {\n"
	"    lvs_sched wrr\n"
	"    lb_kind NAT\n"
	"    protocol SCTP\n"
	"    real_server 10.1.9.1 80 {\n"
	"        DNS_CHECK {\n"
	"        }\n"
	"        MISC_CHECK {\n"
	"            misc_path /bin/true\n"
	"        }\n"
	"        HTTP_GET {\n"
	"            url {\n"
	"                path /\n"
	"            }\n"
	"        }\n"
	"    }\n"
	"}\n";

static void assert_ip(const struct ka_addr *a, const char *text)
{
	char buf[ADDR_STRLEN];

	assert_int_equal(addr_ntop(a, buf, sizeof(buf)), 0);
	assert_string_equal(buf, text);
}

static void load_full(struct tc_parsed *p)
{
	tc_load(p, full_conf);
	if (p->conf->worst > CFG_NOTE)
		tc_show(p);
	assert_true(p->conf->worst <= CFG_NOTE);
}

static void test_top_blocks(void **state)
{
	struct tc_parsed p;
	struct check_conf *c;
	struct ck_track_file *tf;
	struct ck_vsg_conf *g;
	struct ck_vsg_entry *e;

	(void)state;
	load_full(&p);
	c = p.conf->check;
	assert_int_equal(p.conf->global->virtual_servers, 3);
	tf = check_conf_find_track_file(c, "tf1");
	assert_non_null(tf);
	assert_string_equal(tf->path, "/run/tf1");
	assert_int_equal(tf->weight, -3);
	assert_true(tf->reverse && tf->init_file && tf->init_overwrite);
	assert_int_equal(tf->init_value, 7);
	assert_true(c->ssl.set);
	assert_string_equal(c->ssl.password, "secret");
	assert_string_equal(c->ssl.ca, "/etc/ca.pem");
	assert_string_equal(c->ssl.certificate, "/etc/cert.pem");
	assert_string_equal(c->ssl.key, "/etc/key.pem");
	g = check_conf_find_group(c, "web");
	assert_non_null(g);
	assert_null(check_conf_find_group(c, "nope"));
	assert_int_equal(list_count(&g->entries), 3);
	e = list_first_entry(&g->entries, struct ck_vsg_entry, node);
	assert_ip(&e->first, "10.1.0.1");
	assert_ip(&e->last, "10.1.0.3");
	assert_int_equal(e->port, 80);
	assert_int_equal(e->at.line, 17);
	e = list_entry(e->node.next, struct ck_vsg_entry, node);
	assert_ip(&e->first, "10.1.1.8");
	assert_ip(&e->last, "10.1.1.11");
	assert_int_equal(e->port, 8080);
	e = list_entry(e->node.next, struct ck_vsg_entry, node);
	assert_true(e->is_fwmark);
	assert_int_equal(e->fwmark, 9);
	assert_int_equal(e->family, AF_INET);
	tc_clear(&p);
}

static void test_virtual_server(void **state)
{
	struct tc_parsed p;
	struct ck_virtual_server_conf *vs;

	(void)state;
	load_full(&p);
	vs = tc_vs(&p, 0);
	assert_int_equal(vs->kind, CK_VS_ADDR);
	assert_ip(&vs->addr, "192.168.1.1");
	assert_int_equal(vs->port, 80);
	assert_int_equal(vs->family, AF_INET);
	assert_string_equal(vs->sched, "sh");
	assert_int_equal(vs->flags, CK_SVC_SCHED2 | CK_SVC_SCHED3 |
			 CK_SVC_ONEPACKET);
	assert_int_equal(vs->method.fwd, CK_FWD_TUN);
	assert_int_equal(vs->method.tun_type, CK_TUN_GUE);
	assert_int_equal(vs->method.tun_port, 6080);
	assert_int_equal(vs->method.tun_csum, CK_TUN_CSUM);
	assert_int_equal(vs->protocol, CK_PROTO_UDP);
	assert_true(vs->persistent);
	assert_int_equal(vs->persistence_timeout_s, 600);
	assert_ip(&vs->persistence_granularity, "255.255.255.0");
	assert_string_equal(vs->persistence_engine, "sip");
	assert_true(vs->ha_suspend && vs->alpha && vs->omega);
	assert_int_equal(vs->smtp_alert, 1);
	assert_string_equal(vs->virtualhost, "vs.example");
	assert_string_equal(vs->snmp_name, "vs-snmp");
	assert_int_equal(vs->quorum, 2);
	assert_int_equal(vs->hysteresis, 1);
	assert_string_equal(vs->quorum_up.cmd, "/bin/up arg");
	assert_string_equal(vs->quorum_up.user, "nobody");
	assert_string_equal(vs->quorum_up.group, "nogroup");
	assert_int_equal(vs->quorum_up.at.line, 39);
	assert_string_equal(vs->quorum_down.cmd, "/bin/down");
	assert_null(vs->quorum_down.user);
	assert_non_null(vs->sorry);
	assert_ip(&vs->sorry->addr, "192.168.1.99");
	assert_int_equal(vs->sorry->port, 80);
	assert_true(vs->sorry_inhibit);
	assert_int_equal(vs->sorry->method.fwd, CK_FWD_DR);
	assert_int_equal(vs->defaults.connect_timeout_us, 7 * S_US);
	assert_int_equal(vs->defaults.retry, 4);
	assert_int_equal(vs->defaults.delay_before_retry_us, 2500000);
	assert_int_equal(vs->defaults.warmup_us, 0);
	assert_int_equal(vs->defaults.delay_loop_us, 10 * S_US);
	assert_true(vs->inhibit_on_failure);
	assert_int_equal(vs->at.line, 21);
	assert_int_equal(list_count(&vs->real_servers), 2);
	tc_clear(&p);
}

static void test_real_server(void **state)
{
	struct tc_parsed p;
	struct ck_virtual_server_conf *vs;
	struct ck_real_server_conf *rs;

	(void)state;
	load_full(&p);
	vs = tc_vs(&p, 0);
	rs = tc_rs(vs, 0);
	assert_ip(&rs->addr, "192.168.1.2");
	assert_int_equal(rs->port, 81);
	assert_int_equal(rs->weight, 3);
	assert_int_equal(rs->method.fwd, CK_FWD_NAT);
	assert_string_equal(rs->notify_up.cmd, "/bin/rs-up");
	assert_string_equal(rs->notify_down.cmd, "/bin/rs-down x");
	assert_string_equal(rs->notify_down.user, "root");
	assert_int_equal(rs->uthreshold, 100);
	assert_int_equal(rs->lthreshold, 10);
	assert_int_equal(rs->smtp_alert, 0);
	assert_string_equal(rs->virtualhost, "rs.example");
	assert_string_equal(rs->snmp_name, "rs-snmp");
	assert_int_equal(rs->inhibit_on_failure, 0);
	assert_int_equal(rs->defaults.alpha, 0);
	assert_int_equal(rs->at.line, 50);
	assert_int_equal(list_count(&rs->checkers), 9);
	/* the second: port, method, inhibit and alerts from the VS */
	rs = tc_rs(vs, 1);
	assert_int_equal(rs->port, 80);
	assert_int_equal(rs->weight, 1);
	assert_int_equal(rs->method.fwd, CK_FWD_TUN);
	assert_int_equal(rs->method.tun_port, 6080);
	assert_int_equal(rs->inhibit_on_failure, 1);
	assert_int_equal(rs->smtp_alert, 1);
	tc_clear(&p);
}

static void test_http_checker(void **state)
{
	struct tc_parsed p;
	struct ck_checker_conf *ck;
	struct ck_url *u;

	(void)state;
	load_full(&p);
	ck = tc_ck(tc_rs(tc_vs(&p, 0), 0), 0);
	assert_int_equal(ck->type, CK_HTTP);
	assert_ip(&ck->common.connect_ip, "10.9.9.9");
	assert_int_equal(ck->common.connect_port, 8081);
	assert_ip(&ck->common.bindto, "192.168.1.200");
	assert_int_equal(ck->common.bind_port, 4000);
	assert_string_equal(ck->common.bind_if, "eth0");
	assert_int_equal(ck->common.fwmark, 5);
	assert_int_equal(ck->common.retry, 6);
	assert_int_equal(ck->common.log_all_failures, 1);
	assert_int_equal(ck->u.http.protocol, CK_HTTP_1_1);
	assert_true(ck->u.http.fast_recovery);
	/* inherited: the RS's virtualhost, timers from RS then VS */
	assert_string_equal(ck->u.http.virtualhost, "rs.example");
	assert_int_equal(ck->common.connect_timeout_us, 3 * S_US);
	assert_int_equal(ck->common.delay_loop_us, 4 * S_US);
	assert_int_equal(ck->common.delay_before_retry_us, 2500000);
	assert_int_equal(ck->common.warmup_us, 0);
	assert_int_equal(ck->common.alpha, 0);
	assert_int_equal(list_count(&ck->u.http.urls), 2);
	u = list_first_entry(&ck->u.http.urls, struct ck_url, node);
	assert_string_equal(u->path, "/health");
	assert_string_equal(u->digest, "9b3a0c85a887a256d6939da88aabd8cd");
	assert_true(ck_status_has(&u->status, 200));
	assert_false(ck_status_has(&u->status, 201));
	assert_true(ck_status_has(&u->status, 301));
	assert_true(ck_status_has(&u->status, 302));
	assert_true(ck_status_has(&u->status, 404));
	assert_string_equal(u->virtualhost, "url.example");
	assert_string_equal(u->regex, "ok|good");
	assert_true(u->regex_no_match);
	assert_string_equal(u->regex_options, "caseless multiline");
	assert_int_equal(u->regex_min_offset, 3);
	assert_int_equal(u->regex_max_offset, 300);
	u = list_entry(u->node.next, struct ck_url, node);
	assert_false(u->status.set);
	assert_true(ck_status_has(&u->status, 204));
	assert_false(ck_status_has(&u->status, 301));
	ck = tc_ck(tc_rs(tc_vs(&p, 0), 0), 1);
	assert_int_equal(ck->type, CK_SSL);
	assert_true(ck->u.http.enable_sni);
	assert_false(ck->u.http.tls_compliant);
	assert_int_equal(ck->u.http.protocol, CK_HTTP_1_0);
	tc_clear(&p);
}

static void test_other_checkers(void **state)
{
	static const uint8_t payload[] = { 0xab, 0x12, 0x0f, 0x03, 0x45,
					   0x06 };
	static const uint8_t reply[] = { 0x12, 0x00, 0x0f };
	static const uint8_t mask[] = { 0xff, 0x00, 0xff };
	struct ck_real_server_conf *rs;
	struct ck_checker_conf *ck;
	struct tc_parsed p;

	(void)state;
	load_full(&p);
	rs = tc_rs(tc_vs(&p, 0), 0);
	ck = tc_ck(rs, 2);
	assert_int_equal(ck->type, CK_MISC);
	assert_string_equal(ck->u.misc.script.cmd, "/bin/check a b");
	assert_string_equal(ck->u.misc.script.user, "nobody");
	assert_string_equal(ck->u.misc.script.group, "nogroup");
	assert_int_equal(ck->u.misc.timeout_us, 9 * S_US);
	assert_true(ck->u.misc.dynamic);
	assert_int_equal(ck->common.retry, 4);	/* the VS's */
	ck = tc_ck(rs, 3);
	assert_string_equal(ck->u.smtp.helo_name, "mail.example");
	ck = tc_ck(rs, 4);
	assert_int_equal(ck->u.dns.type, CK_DNS_AAAA);
	assert_string_equal(ck->u.dns.name, "www.example.");
	assert_int_equal(tc_ck(rs, 5)->type, CK_PING);
	ck = tc_ck(rs, 6);
	assert_int_equal(ck->u.udp.payload_len, sizeof(payload));
	assert_memory_equal(ck->u.udp.payload, payload, sizeof(payload));
	assert_true(ck->u.udp.require_reply);
	assert_int_equal(ck->u.udp.reply_len, sizeof(reply));
	assert_memory_equal(ck->u.udp.reply, reply, sizeof(reply));
	assert_memory_equal(ck->u.udp.reply_mask, mask, sizeof(mask));
	assert_int_equal(ck->u.udp.min_reply_length, 2);
	assert_int_equal(ck->u.udp.max_reply_length, 100);
	ck = tc_ck(rs, 7);
	assert_string_equal(ck->u.file.track_file, "tf1");
	assert_int_equal(ck->u.file.weight, 5);
	assert_true(ck->u.file.reverse);
	ck = tc_ck(rs, 8);
	assert_int_equal(ck->common.delay_before_retry_us, 250000);
	assert_int_equal(ck->common.warmup_us, 1500000);
	assert_int_equal(ck->common.alpha, 1);
	assert_int_equal(ck->common.connect_port, 81);
	tc_clear(&p);
}

/* keepalived's defaults where nothing is said. */
static void test_defaults(void **state)
{
	struct ck_virtual_server_conf *vs;
	struct ck_real_server_conf *rs;
	struct ck_checker_conf *ck;
	struct tc_parsed p;

	(void)state;
	load_full(&p);
	vs = tc_vs(&p, 1);
	assert_int_equal(vs->kind, CK_VS_FWMARK);
	assert_int_equal(vs->fwmark, 7);
	assert_int_equal(vs->family, AF_INET6);	/* from its real server */
	assert_int_equal(vs->protocol, CK_PROTO_TCP);
	assert_int_equal(vs->quorum, 1);
	assert_int_equal(vs->hysteresis, 0);
	assert_false(vs->persistent);
	assert_int_equal(vs->smtp_alert, 0);
	rs = tc_rs(vs, 0);
	assert_int_equal(rs->smtp_alert, 1);
	assert_int_equal(rs->method.fwd, CK_FWD_NAT);
	ck = tc_ck(rs, 0);
	assert_int_equal(ck->common.connect_timeout_us, 5 * S_US);
	assert_int_equal(ck->common.delay_loop_us, 60 * S_US);
	assert_int_equal(ck->common.warmup_us, 60 * S_US);
	assert_int_equal(ck->common.retry, 1);
	assert_int_equal(ck->common.delay_before_retry_us, S_US);
	assert_int_equal(ck->common.alpha, 0);
	assert_int_equal(ck->common.log_all_failures, 0);
	assert_int_equal(ck->common.connect_port, 80);
	vs = tc_vs(&p, 2);
	assert_int_equal(vs->kind, CK_VS_GROUP);
	assert_string_equal(vs->group, "web");
	assert_int_equal(vs->family, AF_INET);
	assert_int_equal(vs->protocol, CK_PROTO_SCTP);
	assert_string_equal(vs->sched, "wrr");
	rs = tc_rs(vs, 0);
	ck = tc_ck(rs, 0);
	assert_int_equal(ck->common.retry, 3);
	assert_int_equal(ck->common.delay_before_retry_us, 60 * S_US);
	assert_string_equal(ck->u.dns.name, ".");
	assert_int_equal(ck->u.dns.type, CK_DNS_SOA);
	ck = tc_ck(rs, 1);
	assert_int_equal(ck->common.retry, 0);
	assert_int_equal(ck->u.misc.timeout_us, CK_UNSET);
	ck = tc_ck(rs, 2);
	assert_int_equal(ck->common.delay_before_retry_us, 3 * S_US);
	assert_int_equal(ck->u.http.protocol, CK_HTTP_1_0);
	assert_null(ck->u.http.virtualhost);
	tc_clear(&p);
}

static void test_global_defaults(void **state)
{
	struct ck_checker_conf *ck;
	struct tc_parsed p;

	(void)state;
	tc_load(&p, "global_defs {\n checker_log_all_failures\n"
		" smtp_alert_checker off\n}\n"
		"virtual_server 10.0.0.1 80 {\n protocol TCP\n lvs_sched rr\n"
		" lvs_method NAT\n real_server 10.0.0.2 80 {\n"
		"  TCP_CHECK {\n  }\n }\n}\n");
	assert_int_equal(p.conf->worst, CFG_OK);
	assert_int_equal(tc_vs(&p, 0)->smtp_alert, 0);
	assert_int_equal(tc_rs(tc_vs(&p, 0), 0)->smtp_alert, 0);
	ck = tc_ck(tc_rs(tc_vs(&p, 0), 0), 0);
	assert_int_equal(ck->common.log_all_failures, 1);
	tc_clear(&p);
}

static char *dump(const struct check_conf *c)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	check_conf_dump(c, f);
	fclose(f);
	return text;
}

/* The printout parses to equal data, and prints the same again. */
static void test_round_trip(void **state)
{
	struct tc_parsed p, again;
	char *text, *text2, *with_globals;

	(void)state;
	load_full(&p);
	text = dump(p.conf->check);
	with_globals = mem_asprintf("global_defs {\n enable_script_security\n"
				    " script_user nobody\n}\n%s", text);
	tc_load(&again, with_globals);
	if (again.conf->worst > CFG_NOTE) {
		fprintf(stderr, "%s", with_globals);
		tc_show(&again);
	}
	assert_true(again.conf->worst <= CFG_NOTE);
	assert_true(check_conf_equal(p.conf->check, again.conf->check));
	text2 = dump(again.conf->check);
	assert_string_equal(text, text2);
	free(text);
	free(text2);
	mem_free(&with_globals);
	tc_clear(&p);
	tc_clear(&again);
}

/* Completing twice changes nothing. */
static void test_complete_idempotent(void **state)
{
	struct tc_parsed p;
	char *before, *after;

	(void)state;
	load_full(&p);
	before = dump(p.conf->check);
	check_conf_complete(p.conf->check, p.conf->global);
	after = dump(p.conf->check);
	assert_string_equal(before, after);
	free(before);
	free(after);
	tc_clear(&p);
}

static void test_equal(void **state)
{
	struct ck_virtual_server_conf *a, *b;
	struct ck_real_server_conf *ra, *rb;
	struct ck_checker_conf *ca;
	struct tc_parsed p, q;

	(void)state;
	load_full(&p);
	load_full(&q);
	a = tc_vs(&p, 0);
	b = tc_vs(&q, 0);
	assert_true(ck_virtual_server_conf_equal(a, b));
	ra = tc_rs(a, 0);
	rb = tc_rs(b, 0);
	assert_true(ck_real_server_conf_equal(ra, rb));
	/* a real server's change leaves its virtual server equal */
	rb->weight = 9;
	assert_false(ck_real_server_conf_equal(ra, rb));
	assert_true(ck_virtual_server_conf_equal(a, b));
	assert_false(check_conf_equal(p.conf->check, q.conf->check));
	rb->weight = ra->weight;
	assert_true(check_conf_equal(p.conf->check, q.conf->check));
	/* places do not count */
	ra->at.line = 1;
	assert_true(ck_real_server_conf_equal(ra, rb));
	/* a checker's setting does */
	ca = tc_ck(ra, 0);
	list_first_entry(&ca->u.http.urls, struct ck_url, node)->regex_min_offset++;
	assert_false(ck_real_server_conf_equal(ra, rb));
	b->quorum = 3;
	assert_false(ck_virtual_server_conf_equal(a, b));
	b->quorum = a->quorum;
	ck_rs_conf_free(&b->sorry);
	assert_false(ck_virtual_server_conf_equal(a, b));
	tc_clear(&p);
	tc_clear(&q);
}

static void test_status_set(void **state)
{
	struct ck_status_set s = { { 0 }, false };

	(void)state;
	assert_true(ck_status_has(&s, 200));
	assert_true(ck_status_has(&s, 299));
	assert_false(ck_status_has(&s, 300));
	ck_status_add(&s, 500, 599);
	assert_false(ck_status_has(&s, 200));
	assert_true(ck_status_has(&s, 500));
	assert_true(ck_status_has(&s, 599));
	assert_false(ck_status_has(&s, 600));
	assert_false(ck_status_has(&s, 99));
	ck_status_add(&s, 100, 100);
	assert_true(ck_status_has(&s, 100));
	assert_false(ck_status_has(&s, 101));
}

static void test_names(void **state)
{
	struct tc_parsed p;
	char buf[CK_VS_STRLEN];

	(void)state;
	load_full(&p);
	ck_vs_name(tc_vs(&p, 0), buf, sizeof(buf));
	assert_string_equal(buf, "[192.168.1.1]:udp:80");
	ck_vs_name(tc_vs(&p, 1), buf, sizeof(buf));
	assert_string_equal(buf, "FWM 7");
	ck_vs_name(tc_vs(&p, 2), buf, sizeof(buf));
	assert_string_equal(buf, "[web]:0");
	ck_rs_name(tc_rs(tc_vs(&p, 0), 0), buf, sizeof(buf));
	assert_string_equal(buf, "[192.168.1.2]:81");
	ck_rs_name(tc_rs(tc_vs(&p, 1), 0), buf, sizeof(buf));
	assert_string_equal(buf, "[fd00::2]:80");
	ck_rs_name_full(tc_vs(&p, 0), tc_rs(tc_vs(&p, 0), 0), buf,
			sizeof(buf));
	assert_string_equal(buf, "[192.168.1.2]:udp:81");
	assert_string_equal(ck_type_name(CK_UDP), "UDP_CHECK");
	assert_string_equal(ck_type_name(CK_TYPE_COUNT), "?");
	tc_clear(&p);
}

/* The old names keepalived still reads, and the SMTP host block. */
static void test_old_names(void **state)
{
	struct ck_virtual_server_conf *vs;
	struct ck_real_server_conf *rs;
	struct tc_parsed p;

	(void)state;
	tc_load(&p, "virtual_server 10.0.0.1 80 {\n"
		" protocol tcp\n lb_algo lc\n lb_kind DR\n"
		" real_server 10.0.0.2 80 {\n"
		"  HTTP_GET {\n   nb_get_retry 5\n   url {\n    path /\n"
		"   }\n  }\n"
		"  SMTP_CHECK {\n   connect_timeout 2\n   host {\n"
		"    connect_ip 10.0.0.3\n    connect_port 2525\n   }\n"
		"  }\n }\n}\n");
	tc_expect(&p, CFG_WARNING, 7, "nb_get_retry is deprecated");
	tc_expect(&p, CFG_NOTE, 14, "host block is deprecated");
	vs = tc_vs(&p, 0);
	assert_string_equal(vs->sched, "lc");
	assert_int_equal(vs->method.fwd, CK_FWD_DR);
	rs = tc_rs(vs, 0);
	assert_int_equal(tc_ck(rs, 0)->common.retry, 5);
	assert_int_equal(list_count(&rs->checkers), 3);
	assert_int_equal(tc_ck(rs, 1)->common.connect_port, 80);
	assert_int_equal(tc_ck(rs, 2)->type, CK_SMTP);
	assert_ip(&tc_ck(rs, 2)->common.connect_ip, "10.0.0.3");
	assert_int_equal(tc_ck(rs, 2)->common.connect_port, 2525);
	assert_int_equal(tc_ck(rs, 2)->common.connect_timeout_us, 2 * S_US);
	tc_clear(&p);
}

/* No leaks when the objects are built and freed by hand. */
static void test_alloc_free(void **state)
{
	struct check_conf *c = check_conf_new();
	struct ck_virtual_server_conf *vs = ck_vs_conf_new();
	struct ck_real_server_conf *rs = ck_rs_conf_new();
	struct ck_checker_conf *ck;
	enum ck_type t;

	(void)state;
	for (t = CK_TCP; t < CK_TYPE_COUNT; t++) {
		ck = ck_checker_conf_new(t);
		list_add_tail(&rs->checkers, &ck->node);
	}
	list_add_tail(&vs->real_servers, &rs->node);
	vs->sorry = ck_rs_conf_new();
	list_add_tail(&c->virtual_servers, &vs->node);
	assert_string_equal(check_conf_file(c, "a"), "a");
	assert_ptr_equal(check_conf_file(c, "a"), check_conf_file(c, "a"));
	assert_int_equal(check_conf_count_vs(c), 1);
	check_conf_complete(c, NULL);
	check_conf_free(&c);
	assert_null(c);
	check_conf_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_top_blocks),
		cmocka_unit_test(test_virtual_server),
		cmocka_unit_test(test_real_server),
		cmocka_unit_test(test_http_checker),
		cmocka_unit_test(test_other_checkers),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_global_defaults),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_complete_idempotent),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_status_set),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_old_names),
		cmocka_unit_test(test_alloc_free),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
