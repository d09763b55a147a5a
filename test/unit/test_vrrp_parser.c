/*
 * test_vrrp_parser.c: the vrrp_instance keyword tree: every keyword read
 * into struct vrrp_instance_conf, bad values reported at their file and
 * line, defaults from global_defs, the printout parsing back to equal
 * instances, and the state machine's configuration.
 */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "global_parser.h"
#include "memory.h"
#include "test_core_util.h"
#include "vrrp_data.h"
#include "vrrp_parser.h"

#define CONF(name) VRRP_TEST_CONF_DIR "/" name

struct parsed {
	struct global_data *gd;
	struct vrrp_conf *vc;
	struct test_diags diags;
	enum cfg_severity worst;
};

/* Parses a file (text NULL) or a text, and completes the instances. */
static void parse_with(struct parsed *out, const char *file, const char *text)
{
	struct cfg_parser_opts po = { .diag = test_diag_collect };
	struct cfg_parser *p;

	memset(out, 0, sizeof(*out));
	po.diag_ctx = &out->diags;
	out->gd = global_data_new();
	out->vc = vrrp_conf_new();
	p = cfg_parser_new(&po);
	assert_non_null(p);
	assert_int_equal(global_parser_register(p, out->gd), 0);
	assert_int_equal(vrrp_parser_register(p, out->vc), 0);
	if (text)
		assert_int_equal(cfg_parse_string(p, file, text), 0);
	else
		assert_int_equal(cfg_parse_file(p, file), 0);
	out->worst = cfg_parser_worst(p);
	cfg_parser_free(&p);
	vrrp_conf_complete(out->vc, out->gd);
}

static void parsed_clear(struct parsed *p)
{
	global_data_free(&p->gd);
	vrrp_conf_free(&p->vc);
	assert_null(p->vc);
}

static struct vrrp_instance_conf *find(struct parsed *p, const char *name)
{
	struct vrrp_instance_conf *ic = vrrp_conf_find(p->vc, name);

	assert_non_null(ic);
	return ic;
}

static void assert_ip(const struct ka_addr *a, const char *text)
{
	char buf[ADDR_STRLEN];

	assert_int_equal(addr_ntop(a, buf, sizeof(buf)), 0);
	assert_string_equal(buf, text);
}

static const char *vip_line(const struct list_node *head, size_t n)
{
	static char line[IPADDR_LINE_MAX];
	const struct vrrp_vip *v;

	list_for_each_entry(v, head, node) {
		if (n-- == 0) {
			assert_int_equal(ipaddr_format(v->ip, line,
						       sizeof(line)), 0);
			return line;
		}
	}
	fail_msg("no address %zu", n);
	return NULL;
}

static void assert_identity(const struct vrrp_instance_conf *ic)
{
	assert_true(ic->want_master);
	assert_string_equal(ic->ifname, "eth0");
	assert_int_equal(ic->if_at.line, 7);
	assert_true(strstr(ic->if_at.file, "all.conf") != NULL);
	assert_int_equal(ic->vrid, 51);
	assert_int_equal(ic->priority, 150);
	assert_int_equal(ic->adver_int_us, 2000000);
	assert_int_equal(ic->adver_int_cs, 200);
	assert_int_equal(ic->version, 2);
	assert_true(ic->nopreempt);
	assert_int_equal(ic->preempt_delay_us, 2500000);
	assert_int_equal(ic->debug, 3);
	assert_true(ic->use_vmac);
	assert_string_equal(ic->vmac_name, "vrrp51");
	assert_true(ic->vmac_xmit_base);
}

static void assert_switches(const struct vrrp_instance_conf *ic)
{
	assert_int_equal(ic->accept, GD_OFF);
	assert_true(ic->dont_track_primary);
	assert_int_equal(ic->skip_check_adv_addr, GD_ON);
	assert_int_equal(ic->check_unicast_src, GD_ON);
	assert_int_equal(ic->check_unicast_src_at.line, 20);
	assert_int_equal(ic->lower_prio_no_advert, GD_ON);
	assert_int_equal(ic->higher_prio_send_advert, GD_OFF);
	assert_int_equal(ic->garp.master_delay_s, 7);
	assert_int_equal(ic->garp.master_repeat, 3);
	assert_int_equal(ic->garp.master_refresh_s, 60);
	assert_int_equal(ic->garp.master_refresh_repeat, 2);
	assert_int_equal(ic->garp.lower_prio_delay_s, 9);
	assert_int_equal(ic->garp.lower_prio_repeat, 4);
	assert_int_equal(ic->auth.type, VRRP_AUTH_AH);
	assert_string_equal(ic->auth.pass, "secret");
	assert_int_equal(ic->auth.pass_at.line, 31);
}

static void assert_addresses(const struct vrrp_instance_conf *ic)
{
	const struct vrrp_peer *pe;

	assert_int_equal(ic->family, AF_INET);
	assert_ip(&ic->unicast_src, "192.0.2.1");
	assert_int_equal(list_count(&ic->peers), 2);
	pe = list_first_entry(&ic->peers, struct vrrp_peer, node);
	assert_ip(&pe->addr, "192.0.2.2");
	assert_int_equal(pe->min_ttl, -1);
	assert_int_equal(pe->max_ttl, -1);
	pe = list_entry(pe->node.next, struct vrrp_peer, node);
	assert_ip(&pe->addr, "192.0.2.3");
	assert_int_equal(pe->min_ttl, 10);
	assert_int_equal(pe->max_ttl, 200);
	assert_int_equal(pe->at.line, 36);
	assert_int_equal(ic->unicast_ttl, 64);
	assert_int_equal(list_count(&ic->vips), 2);
	assert_string_equal(vip_line(&ic->vips, 0), "192.0.2.100/24 brd + "
			    "dev eth0 scope link label eth0:1");
	assert_string_equal(vip_line(&ic->vips, 1), "192.0.2.101/32");
	assert_int_equal(list_count(&ic->evips), 2);
	assert_string_equal(vip_line(&ic->evips, 0), "2001:db8::100/64 dev eth1");
}

static void test_every_keyword_stored(void **state)
{
	struct parsed p;
	struct vrrp_instance_conf *ic;

	(void)state;
	parse_with(&p, CONF("all.conf"), NULL);
	assert_int_equal(p.diags.count, 0);
	assert_int_equal(p.worst, CFG_OK);
	assert_int_equal(vrrp_conf_count(p.vc), 2);
	ic = find(&p, "VI_ALL");
	assert_int_equal(ic->at.line, 5);
	assert_identity(ic);
	assert_switches(ic);
	assert_addresses(ic);
	parsed_clear(&p);
}

static void test_ipv6_instance(void **state)
{
	struct parsed p;
	struct vrrp_instance_conf *ic;

	(void)state;
	parse_with(&p, CONF("all.conf"), NULL);
	ic = find(&p, "VI_V6");
	assert_int_equal(ic->family, AF_INET6);
	/* IPv6 is version 3 whatever global_defs says */
	assert_int_equal(ic->version, 3);
	assert_int_equal(ic->adver_int_cs, 25);
	assert_ip(&ic->mcast_src, "fe80::1");
	assert_int_equal(ic->accept, GD_ON);
	/* defaults: BACKUP at 100 */
	assert_false(ic->want_master);
	assert_int_equal(ic->priority, 100);
	assert_int_equal(list_count(&ic->vips), 2);
	assert_null(vrrp_conf_find(p.vc, "VI_NONE"));
	parsed_clear(&p);
}

struct expect {
	unsigned line;
	enum cfg_severity sev;
	const char *text;
};

static const struct expect bad_lines[] = {
	{ 3, CFG_ERROR, "out of range" },
	{ 4, CFG_ERROR, "out of range" },
	{ 5, CFG_ERROR, "out of range" },
	{ 6, CFG_ERROR, "out of range" },
	{ 7, CFG_ERROR, "unknown state 'FOO'" },
	{ 8, CFG_ERROR, "out of range" },
	{ 9, CFG_ERROR, "out of range" },
	{ 10, CFG_ERROR, "out of range" },
	{ 11, CFG_ERROR, "greater than 0" },
	{ 13, CFG_ERROR, "unknown authentication type 'FOO'" },
	{ 14, CFG_WARNING, "only '12345678' is used" },
	{ 17, CFG_ERROR, "virtual_ipaddress" },
	{ 18, CFG_ERROR, "virtual_ipaddress" },
	{ 21, CFG_ERROR, "out of range" },
	{ 22, CFG_ERROR, "unknown option 'foo'" },
	{ 23, CFG_ERROR, "'224.0.0.18' is not a unicast address" },
	{ 25, CFG_WARNING, "frobnicate" },
	{ 26, CFG_WARNING, "not supported yet" },
	{ 29, CFG_WARNING, "not supported yet" },
	{ 30, CFG_ERROR, "cannot be an interface name" },
	{ 32, CFG_ERROR, "already defined" },
	{ 35, CFG_ERROR, "must have a name" },
};

static const struct test_diag *diag_at(const struct test_diags *t,
				       unsigned line)
{
	size_t i;

	for (i = 0; i < t->count; i++)
		if (t->d[i].line == line)
			return &t->d[i];
	return NULL;
}

static void test_bad_values_at_their_line(void **state)
{
	const struct test_diag *d;
	struct vrrp_instance_conf *ic;
	struct parsed p;
	size_t i;

	(void)state;
	parse_with(&p, CONF("bad.conf"), NULL);
	for (i = 0; i < sizeof(bad_lines) / sizeof(bad_lines[0]); i++) {
		d = diag_at(&p.diags, bad_lines[i].line);
		if (!d)
			fail_msg("nothing reported at line %u",
				 bad_lines[i].line);
		if (!strstr(d->msg, bad_lines[i].text))
			fail_msg("line %u: '%s' lacks '%s'", d->line, d->msg,
				 bad_lines[i].text);
		assert_int_equal(d->sev, bad_lines[i].sev);
		assert_non_null(strstr(d->file, "bad.conf"));
	}
	assert_null(test_diag_find(&p.diags, "nknown keyword 'track_file'"));
	/* Bad values leave the defaults; good ones around them count. */
	assert_int_equal(vrrp_conf_count(p.vc), 1);
	ic = find(&p, "VI_BAD");
	assert_int_equal(ic->vrid, 0);
	assert_int_equal(ic->priority, 100);
	assert_int_equal(ic->adver_int_cs, 100);
	assert_int_equal(ic->garp.master_repeat, 1);
	assert_string_equal(ic->auth.pass, "12345678");
	assert_string_equal(ic->ifname, "eth0");
	assert_int_equal(list_count(&ic->vips), 0);
	assert_int_equal(list_count(&ic->peers), 0);
	parsed_clear(&p);
}

static void test_version_after_ipv6(void **state)
{
	const struct test_diag *d;
	struct parsed p;

	(void)state;
	parse_with(&p, "v.conf", "vrrp_instance A {\n"
		   " version 2\n"
		   " virtual_ipaddress {\n  2001:db8::1\n }\n}\n"
		   "vrrp_instance B {\n"
		   " virtual_ipaddress {\n  2001:db8::1\n }\n"
		   " version 2\n}\n");
	/* before the address: quietly version 3, as keepalived */
	assert_null(diag_at(&p.diags, 2));
	assert_int_equal(find(&p, "A")->version, 3);
	d = diag_at(&p.diags, 11);
	assert_non_null(d);
	assert_non_null(strstr(d->msg, "conflicts"));
	assert_int_equal(find(&p, "B")->version, 3);
	parsed_clear(&p);
}

static void test_defaults_from_global(void **state)
{
	const struct vrrp_instance_conf *ic;
	struct parsed p;

	(void)state;
	parse_with(&p, "g.conf", "global_defs {\n vrrp_version 3\n"
		   " vrrp_garp_master_delay 11\n vrrp_garp_master_repeat 2\n"
		   " vrrp_garp_master_refresh 30\n"
		   " vrrp_lower_prio_no_advert\n vrrp_strict\n"
		   " vrrp_skip_check_adv_addr\n}\n"
		   "vrrp_instance A {\n state MASTER\n advert_int 0.5\n}\n"
		   "vrrp_instance B {\n priority 254\n}\n");
	ic = find(&p, "A");
	assert_int_equal(ic->version, 3);
	assert_int_equal(ic->adver_int_cs, 50);
	/* state MASTER without a priority: the address owner's */
	assert_int_equal(ic->priority, 255);
	assert_int_equal(ic->garp.master_delay_s, 11);
	assert_int_equal(ic->garp.master_repeat, 2);
	assert_int_equal(ic->garp.master_refresh_s, 30);
	/* lower-priority GARP follows the master's when unset */
	assert_int_equal(ic->garp.lower_prio_delay_s, 11);
	assert_int_equal(ic->garp.lower_prio_repeat, 2);
	assert_int_equal(ic->lower_prio_no_advert, GD_ON);
	assert_int_equal(ic->higher_prio_send_advert, GD_OFF);
	assert_int_equal(ic->skip_check_adv_addr, GD_ON);
	/* strict mode: accept mode for the address owner only, unless
	 * asked (keepalived.conf(5), vrrp_strict) */
	assert_int_equal(ic->strict_mode, GD_ON);
	assert_int_equal(ic->accept, GD_ON);
	assert_int_equal(find(&p, "B")->accept, GD_OFF);
	parsed_clear(&p);
}

/* Prints, parses the printout with empty global_defs, compares. */
static void assert_round_trip(struct parsed *p)
{
	const struct vrrp_instance_conf *a, *b;
	struct parsed again;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	vrrp_conf_dump(p->vc, f);
	fclose(f);
	parse_with(&again, "dump.conf", text);
	if (again.diags.count)
		fail_msg("the printout does not parse: line %u: %s\n%s",
			 again.diags.d[0].line, again.diags.d[0].msg, text);
	assert_int_equal(vrrp_conf_count(again.vc), vrrp_conf_count(p->vc));
	list_for_each_entry(a, &p->vc->instances, node) {
		b = vrrp_conf_find(again.vc, a->name);
		assert_non_null(b);
		if (!vrrp_instance_conf_equal(a, b))
			fail_msg("%s differs after printing:\n%s", a->name,
				 text);
	}
	free(text);
	parsed_clear(&again);
}

static void test_printout_parses_to_equal(void **state)
{
	struct parsed p;

	(void)state;
	parse_with(&p, CONF("all.conf"), NULL);
	assert_round_trip(&p);
	parsed_clear(&p);
	parse_with(&p, "g.conf", "global_defs {\n vrrp_version 3\n"
		   " vrrp_garp_master_delay 11\n vrrp_strict\n}\n"
		   "vrrp_instance A {\n state MASTER\n advert_int 0.37\n"
		   " interface e0\n virtual_router_id 9\n"
		   " authentication {\n  auth_type PASS\n"
		   "  auth_pass \"a b\"\n }\n"
		   " virtual_ipaddress {\n  10.0.0.1/8 brd 10.255.255.255\n"
		   " }\n}\n");
	assert_round_trip(&p);
	parsed_clear(&p);
}

static void test_equal_sees_differences(void **state)
{
	struct vrrp_instance_conf *a, *b;
	struct parsed p;

	(void)state;
	parse_with(&p, "e.conf", "vrrp_instance A {\n priority 10\n"
		   " virtual_ipaddress {\n  10.0.0.1\n }\n}\n"
		   "vrrp_instance B {\n priority 10\n"
		   " virtual_ipaddress {\n  10.0.0.1\n }\n}\n");
	a = find(&p, "A");
	b = find(&p, "B");
	assert_false(vrrp_instance_conf_equal(a, b));	/* names */
	mem_free(&b->name);
	b->name = mem_strdup("A");
	assert_true(vrrp_instance_conf_equal(a, b));
	b->priority = 11;
	assert_false(vrrp_instance_conf_equal(a, b));
	b->priority = 10;
	vrrp_instance_conf_free(&b);
	assert_null(b);
	parsed_clear(&p);
}

static void test_fsm_conf(void **state)
{
	struct vrrp_fsm_conf fc;
	struct vrrp_instance_conf *ic;
	struct parsed p;

	(void)state;
	parse_with(&p, CONF("all.conf"), NULL);
	ic = find(&p, "VI_ALL");
	memset(&fc, 0xa5, sizeof(fc));
	vrrp_instance_fsm_conf(ic, &fc);
	assert_int_equal(fc.version, 2);
	assert_int_equal(fc.priority, 150);
	assert_int_equal(fc.adver_int_cs, 200);
	assert_true(fc.nopreempt);
	/* nopreempt: no delay to wait for */
	assert_int_equal(fc.preempt_delay_us, 0);
	assert_false(fc.higher_prio_send_advert);
	assert_true(fc.lower_prio_no_advert);
	assert_true(fc.garp_lower_prio);
	ic->nopreempt = false;
	vrrp_instance_fsm_conf(ic, &fc);
	assert_int_equal(fc.preempt_delay_us, 2500000);
	ic = find(&p, "VI_V6");
	vrrp_instance_fsm_conf(ic, &fc);
	assert_int_equal(fc.version, 3);
	assert_int_equal(fc.priority, 100);
	assert_int_equal(fc.adver_int_cs, 25);
	parsed_clear(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_keyword_stored),
		cmocka_unit_test(test_ipv6_instance),
		cmocka_unit_test(test_bad_values_at_their_line),
		cmocka_unit_test(test_version_after_ipv6),
		cmocka_unit_test(test_defaults_from_global),
		cmocka_unit_test(test_printout_parses_to_equal),
		cmocka_unit_test(test_equal_sees_differences),
		cmocka_unit_test(test_fsm_conf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
