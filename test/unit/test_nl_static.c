/* Unit tests of the static_ipaddress, static_routes and static_rules
 * blocks read through the whole configuration path (conf.c). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "conf.h"
#include "test_core_util.h"

static const char conf_text[] =
	"static_ipaddress {\n"
	"    192.168.1.1/24 dev eth0 brd + scope link label eth0:1\n"
	"    2001:db8::1/64 dev eth0 -nodad\n"
	"}\n"
	"static_routes {\n"
	"    192.168.2.0/24 via 192.168.1.100 dev eth0 table main\n"
	"    blackhole 10.0.0.0/8\n"
	"}\n"
	"static_rules {\n"
	"    from 192.168.2.0/24 table 1 priority 10\n"
	"    from 192.168.3.0/24 bogus 1\n"
	"}\n";

static void test_blocks(void **state)
{
	struct test_diags diags = { 0 };
	struct conf_load_opts o = {
		.diag = test_diag_collect, .diag_ctx = &diags,
	};
	const struct test_diag *d;
	struct ka_conf *c = NULL;
	char out[2048] = "";
	FILE *f;

	(void)state;
	assert_int_equal(conf_load_string("static.conf", conf_text, &o, &c), 0);
	assert_int_equal(list_count(&c->statics->addrs), 2);
	assert_int_equal(list_count(&c->statics->routes), 2);
	assert_int_equal(list_count(&c->statics->rules), 1);
	d = test_diag_find(&diags, "unknown rule option 'bogus'");
	assert_non_null(d);
	assert_int_equal(d->sev, CFG_ERROR);
	assert_int_equal(d->line, 11);
	assert_string_equal(d->msg, "static_rules: unknown rule option "
			    "'bogus', ignoring");
	assert_null(test_diag_find(&diags, "not supported"));
	f = fmemopen(out, sizeof(out) - 1, "w");
	static_data_dump(c->statics, f);
	fclose(f);
	assert_string_equal(out,
		"static_ipaddress {\n"
		"    192.168.1.1/24 brd + dev eth0 scope link label eth0:1\n"
		"    2001:db8::1/64 dev eth0 -nodad\n"
		"}\n"
		"static_routes {\n"
		"    192.168.2.0/24 via 192.168.1.100 dev eth0\n"
		"    blackhole 10.0.0.0/8\n"
		"}\n"
		"static_rules {\n"
		"    from 192.168.2.0/24 table 1 priority 10\n"
		"}\n");
	conf_free(&c);
	assert_null(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
