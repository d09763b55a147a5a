/*
 * test_vrrp_check.c: the VRRP validation pass, check by check, with the
 * host's interfaces replaced by a table the test describes.
 */
#include <net/if.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <errno.h>

#include "global_parser.h"
#include "test_core_util.h"
#include "vrrp_check.h"
#include "vrrp_data.h"
#include "vrrp_parser.h"

struct fake_if {
	const char *name;
	unsigned flags;
};

static const struct fake_if fake_ifs[] = {
	{ "lo", IFF_UP | IFF_LOOPBACK },
	{ "eth0", IFF_UP | IFF_BROADCAST | IFF_MULTICAST },
	{ "eth1", IFF_BROADCAST | IFF_MULTICAST },
	{ NULL, 0 },
};

static int fake_if_flags(const char *name, unsigned *flags, void *ctx)
{
	const struct fake_if *f;

	(void)ctx;
	for (f = fake_ifs; f->name; f++) {
		if (!strcmp(f->name, name)) {
			*flags = f->flags;
			return 0;
		}
	}
	return -ENOENT;
}

static const struct vrrp_check_env env = { .if_flags = fake_if_flags };

/* One parse: the diagnostics of the parse are dropped, those of the
 * checks the test runs are kept. */
struct run {
	struct global_data *gd;
	struct vrrp_conf *vc;
	struct cfg_parser *p;
	struct test_diags diags;
};

static void ignore(const struct cfg_diag *d, void *ctx)
{
	(void)d;
	(void)ctx;
}

static void collect(const struct cfg_diag *d, void *ctx)
{
	struct run *r = ctx;

	test_diag_collect(d, &r->diags);
}

static struct vrrp_instance_conf *load(struct run *r, const char *text)
{
	struct cfg_parser_opts po = { .diag = ignore };

	memset(r, 0, sizeof(*r));
	r->gd = global_data_new();
	r->vc = vrrp_conf_new();
	r->p = cfg_parser_new(&po);
	assert_non_null(r->p);
	assert_int_equal(global_parser_register(r->p, r->gd), 0);
	assert_int_equal(vrrp_parser_register(r->p, r->vc), 0);
	assert_int_equal(cfg_parse_string(r->p, "c.conf", text), 0);
	cfg_parser_free(&r->p);
	po.diag = collect;
	po.diag_ctx = r;
	r->p = cfg_parser_new(&po);
	vrrp_conf_complete(r->vc, r->gd);
	return list_first_entry(&r->vc->instances, struct vrrp_instance_conf,
				node);
}

static void done(struct run *r)
{
	cfg_parser_free(&r->p);
	global_data_free(&r->gd);
	vrrp_conf_free(&r->vc);
}

/* Exactly one diagnostic, an error at "line" that says "text". */
static void assert_one(const struct run *r, unsigned line, const char *text)
{
	if (r->diags.count != 1)
		fail_msg("%zu diagnostics, first: %s", r->diags.count,
			 r->diags.count ? r->diags.d[0].msg : "-");
	assert_int_equal(r->diags.d[0].sev, CFG_ERROR);
	assert_string_equal(r->diags.d[0].file, "c.conf");
	assert_int_equal(r->diags.d[0].line, line);
	if (!strstr(r->diags.d[0].msg, text))
		fail_msg("'%s' lacks '%s'", r->diags.d[0].msg, text);
}

#define GOOD "vrrp_instance V {\n interface eth0\n virtual_router_id 5\n" \
	" virtual_ipaddress {\n  10.0.0.1/24\n }\n"

static void test_good_instance_passes(void **state)
{
	struct run r;

	(void)state;
	load(&r, GOOD "}\n");
	assert_int_equal(vrrp_check(r.p, r.vc, r.gd, &env), 0);
	assert_int_equal(r.diags.count, 0);
	done(&r);
}

static void test_vrid_must_be_set(void **state)
{
	struct vrrp_instance_conf *ic;
	struct run r;

	(void)state;
	ic = load(&r, "\n\nvrrp_instance V {\n}\n");
	assert_int_equal(vrrp_check_vrid(r.p, ic), -EINVAL);
	assert_one(&r, 3, "(V) the virtual router id must be set");
	done(&r);
}

static void test_interface(void **state)
{
	struct vrrp_instance_conf *ic;
	struct run r;

	(void)state;
	ic = load(&r, "vrrp_instance V {\n interface nope0\n}\n");
	assert_int_equal(vrrp_check_interface(r.p, ic, &env), -EINVAL);
	assert_one(&r, 2, "interface nope0 doesn't exist");
	done(&r);
	ic = load(&r, "vrrp_instance V {\n\n interface lo\n}\n");
	assert_int_equal(vrrp_check_interface(r.p, ic, &env), -EINVAL);
	assert_one(&r, 3, "cannot use a loopback interface (lo)");
	done(&r);
	ic = load(&r, "vrrp_instance V {\n}\n");
	assert_int_equal(vrrp_check_interface(r.p, ic, &env), -EINVAL);
	assert_one(&r, 1, "no interface");
	done(&r);
	/* down is fine: the instance starts in FAULT */
	ic = load(&r, "vrrp_instance V {\n interface eth1\n}\n");
	assert_int_equal(vrrp_check_interface(r.p, ic, &env), 0);
	done(&r);
}

static void test_family_mismatch(void **state)
{
	struct vrrp_instance_conf *ic;
	struct run r;

	(void)state;
	ic = load(&r, "vrrp_instance V {\n virtual_ipaddress {\n"
		  "  10.0.0.1\n  2001:db8::1\n }\n}\n");
	assert_int_equal(vrrp_check_family(r.p, ic), -EINVAL);
	assert_one(&r, 4, "[2001:db8::1/128] - ignoring");
	assert_int_equal(list_count(&ic->vips), 1);
	done(&r);
	/* the first address decides, wherever it is */
	ic = load(&r, "vrrp_instance V {\n unicast_peer {\n  2001:db8::2\n"
		  " }\n virtual_ipaddress {\n  10.0.0.1\n }\n}\n");
	assert_int_equal(vrrp_check_family(r.p, ic), -EINVAL);
	assert_one(&r, 6, "(IPv6) [10.0.0.1/32]");
	done(&r);
	ic = load(&r, "vrrp_instance V {\n virtual_ipaddress {\n  10.0.0.1\n"
		  " }\n unicast_src_ip 2001:db8::9\n unicast_peer {\n"
		  "  10.0.0.2\n  2001:db8::2\n }\n}\n");
	assert_int_equal(vrrp_check_family(r.p, ic), -EINVAL);
	assert_int_equal(r.diags.count, 2);
	assert_int_equal(r.diags.d[0].line, 8);
	assert_int_equal(r.diags.d[1].line, 5);
	assert_int_equal(ic->unicast_src.family, 0);
	assert_int_equal(list_count(&ic->peers), 1);
	done(&r);
	/* excluded addresses may be of any family */
	ic = load(&r, "vrrp_instance V {\n virtual_ipaddress {\n  10.0.0.1\n"
		  " }\n virtual_ipaddress_excluded {\n  2001:db8::1\n }\n}\n");
	assert_int_equal(vrrp_check_family(r.p, ic), 0);
	assert_int_equal(r.diags.count, 0);
	done(&r);
}

static void test_vips(void **state)
{
	struct vrrp_instance_conf *ic;
	struct run r;

	(void)state;
	ic = load(&r, "vrrp_instance V {\n virtual_ipaddress_excluded {\n"
		  "  10.0.0.1\n }\n}\n");
	assert_int_equal(vrrp_check_vips(r.p, ic, &env), -EINVAL);
	assert_one(&r, 1, "no virtual_ipaddress");
	done(&r);
	ic = load(&r, "vrrp_instance V {\n virtual_ipaddress {\n"
		  "  10.0.0.1 dev eth1\n  10.0.0.2 dev eth9\n }\n}\n");
	assert_int_equal(vrrp_check_vips(r.p, ic, &env), -EINVAL);
	assert_one(&r, 4, "interface eth9 for address 10.0.0.2/32");
	done(&r);
}

static void test_advert_int(void **state)
{
	struct vrrp_instance_conf *ic;
	struct run r;

	(void)state;
	ic = load(&r, "vrrp_instance V {\n advert_int 1.5\n}\n");
	assert_int_equal(vrrp_check_advert_int(r.p, ic), -EINVAL);
	assert_one(&r, 2, "whole seconds, using 2s");
	assert_int_equal(ic->adver_int_cs, 200);
	done(&r);
	ic = load(&r, "vrrp_instance V {\n advert_int 0.4\n}\n");
	assert_int_equal(vrrp_check_advert_int(r.p, ic), -EINVAL);
	assert_int_equal(ic->adver_int_cs, 100);
	done(&r);
	ic = load(&r, "vrrp_instance V {\n version 3\n advert_int 0.05\n}\n");
	assert_int_equal(vrrp_check_advert_int(r.p, ic), 0);
	assert_int_equal(ic->adver_int_cs, 5);
	done(&r);
	ic = load(&r, "vrrp_instance V {\n version 3\n advert_int 1.234\n}\n");
	assert_int_equal(vrrp_check_advert_int(r.p, ic), -EINVAL);
	assert_one(&r, 3, "units of 10ms, using 1.23s");
	assert_int_equal(ic->adver_int_cs, 123);
	done(&r);
	ic = load(&r, "vrrp_instance V {\n version 3\n advert_int 41\n}\n");
	assert_int_equal(vrrp_check_advert_int(r.p, ic), -EINVAL);
	assert_one(&r, 3, "40.95s");
	assert_int_equal(ic->adver_int_cs, 4095);
	done(&r);
}

static void test_auth(void **state)
{
	struct vrrp_instance_conf *ic;
	struct run r;

	(void)state;
	ic = load(&r, "vrrp_instance V {\n authentication {\n"
		  "  auth_type PASS\n }\n}\n");
	assert_int_equal(vrrp_check_auth(r.p, ic), -EINVAL);
	assert_one(&r, 3, "without auth_pass");
	assert_int_equal(ic->auth.type, VRRP_AUTH_NONE);
	done(&r);
	ic = load(&r, "vrrp_instance V {\n version 3\n authentication {\n"
		  "  auth_type AH\n  auth_pass x\n }\n}\n");
	assert_int_equal(vrrp_check_auth(r.p, ic), -EINVAL);
	assert_one(&r, 4, "version 3 has no authentication");
	done(&r);
	/* IPv6 is version 3 */
	ic = load(&r, "vrrp_instance V {\n authentication {\n"
		  "  auth_type PASS\n  auth_pass x\n }\n"
		  " virtual_ipaddress {\n  2001:db8::1\n }\n}\n");
	assert_int_equal(vrrp_check_auth(r.p, ic), -EINVAL);
	done(&r);
	ic = load(&r, "vrrp_instance V {\n authentication {\n"
		  "  auth_type AH\n  auth_pass x\n }\n}\n");
	assert_int_equal(vrrp_check_auth(r.p, ic), 0);
	assert_int_equal(ic->auth.type, VRRP_AUTH_AH);
	done(&r);
}

static void test_preempt(void **state)
{
	struct vrrp_instance_conf *ic;
	struct run r;

	(void)state;
	ic = load(&r, "vrrp_instance V {\n priority 255\n nopreempt\n}\n");
	assert_int_equal(vrrp_check_preempt(r.p, ic), -EINVAL);
	assert_one(&r, 3, "incompatible with priority 255");
	assert_false(ic->nopreempt);
	done(&r);
	ic = load(&r, "vrrp_instance V {\n state MASTER\n priority 150\n"
		  " nopreempt\n}\n");
	assert_int_equal(vrrp_check_preempt(r.p, ic), -EINVAL);
	assert_one(&r, 4, "initial state MASTER");
	done(&r);
	ic = load(&r, "vrrp_instance V {\n nopreempt\n preempt_delay 3\n}\n");
	assert_int_equal(vrrp_check_preempt(r.p, ic), -EINVAL);
	assert_one(&r, 3, "preempt_delay");
	assert_int_equal(ic->preempt_delay_us, 0);
	done(&r);
	ic = load(&r, "vrrp_instance V {\n state MASTER\n"
		  " preempt_delay 3\n}\n");
	assert_int_equal(vrrp_check_preempt(r.p, ic), -EINVAL);
	assert_one(&r, 3, "initial state MASTER");
	assert_int_equal(ic->preempt_delay_us, 0);
	done(&r);
	ic = load(&r, "vrrp_instance V {\n nopreempt\n}\n");
	assert_int_equal(vrrp_check_preempt(r.p, ic), 0);
	done(&r);
}

static void test_unicast_without_peers(void **state)
{
	struct vrrp_instance_conf *ic;
	struct run r;

	(void)state;
	ic = load(&r, "vrrp_instance V {\n unicast_src_ip 10.0.0.1\n}\n");
	assert_int_equal(vrrp_check_unicast(r.p, ic), -EINVAL);
	assert_one(&r, 2, "without unicast peers");
	done(&r);
	ic = load(&r, "vrrp_instance V {\n\n check_unicast_src\n}\n");
	assert_int_equal(vrrp_check_unicast(r.p, ic), -EINVAL);
	assert_one(&r, 3, "without unicast peers");
	done(&r);
	ic = load(&r, "vrrp_instance V {\n unicast_ttl 4\n}\n");
	assert_int_equal(vrrp_check_unicast(r.p, ic), -EINVAL);
	assert_one(&r, 2, "unicast_ttl");
	assert_int_equal(ic->unicast_ttl, -1);
	done(&r);
	/* the global switch alone is not a unicast keyword */
	ic = load(&r, "global_defs {\n vrrp_check_unicast_src\n}\n"
		  "vrrp_instance V {\n}\n");
	assert_int_equal(vrrp_check_unicast(r.p, ic), 0);
	done(&r);
}

#define INST(name, vrid, ifname, extra) \
	"vrrp_instance " name " {\n interface " ifname "\n" \
	" virtual_router_id " vrid "\n" extra "}\n"

static void test_vrid_unique(void **state)
{
	struct run r;

	(void)state;
	load(&r, INST("A", "5", "eth0", "") INST("B", "5", "eth0", ""));
	assert_int_equal(vrrp_check_vrid_unique(r.p, r.vc), -EINVAL);
	assert_one(&r, 7, "A and B both use VRID 5 with IPv4 on interface "
		   "eth0");
	done(&r);
	load(&r, INST("A", "5", "eth0", "") INST("B", "5", "eth1", "")
		 INST("C", "6", "eth0", "")
		 INST("D", "5", "eth0", " virtual_ipaddress {\n 2001:db8::1"
		      "\n }\n"));
	assert_int_equal(vrrp_check_vrid_unique(r.p, r.vc), 0);
	done(&r);
	/* unicast: a conflict only with a common peer */
	load(&r, INST("A", "5", "eth0", " unicast_peer {\n 10.0.0.2\n }\n")
		 INST("B", "5", "eth0", " unicast_peer {\n 10.0.0.3\n }\n"));
	assert_int_equal(vrrp_check_vrid_unique(r.p, r.vc), 0);
	done(&r);
	load(&r, INST("A", "5", "eth0", " unicast_peer {\n 10.0.0.2\n }\n")
		 INST("B", "5", "eth0", " unicast_peer {\n 10.0.0.3\n"
		      " 10.0.0.2\n }\n"));
	assert_int_equal(vrrp_check_vrid_unique(r.p, r.vc), -EINVAL);
	done(&r);
}

static void test_whole_pass_counts(void **state)
{
	struct run r;

	(void)state;
	load(&r, "vrrp_instance V {\n interface lo\n advert_int 1.5\n}\n");
	/* loopback, no VRID, no VIP, fractional v2 interval */
	assert_int_equal(vrrp_check(r.p, r.vc, r.gd, &env), 4);
	assert_int_equal(r.diags.count, 4);
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_instance_passes),
		cmocka_unit_test(test_vrid_must_be_set),
		cmocka_unit_test(test_interface),
		cmocka_unit_test(test_family_mismatch),
		cmocka_unit_test(test_vips),
		cmocka_unit_test(test_advert_int),
		cmocka_unit_test(test_auth),
		cmocka_unit_test(test_preempt),
		cmocka_unit_test(test_unicast_without_peers),
		cmocka_unit_test(test_vrid_unique),
		cmocka_unit_test(test_whole_pass_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
