/*
 * test_vrrp_vroute.c: virtual_routes and virtual_rules of a vrrp_instance:
 * read into the instance, bad lines reported, the printout parsing back
 * to equal instances, and the differences a reload acts on.
 */
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
#include "vrrp_vroute.h"

struct parsed {
	struct global_data *gd;
	struct vrrp_conf *vc;
	struct test_diags diags;
	enum cfg_severity worst;
};

static void parse_text(struct parsed *out, const char *text)
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
	assert_int_equal(cfg_parse_string(p, "t.conf", text), 0);
	out->worst = cfg_parser_worst(p);
	cfg_parser_free(&p);
	vrrp_conf_complete(out->vc, out->gd);
}

static void parsed_clear(struct parsed *p)
{
	global_data_free(&p->gd);
	vrrp_conf_free(&p->vc);
}

static struct vrrp_instance_conf *vi1(struct parsed *p)
{
	struct vrrp_instance_conf *ic = vrrp_conf_find(p->vc, "VI_1");

	assert_non_null(ic);
	return ic;
}

#define HEAD "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 9\n" \
	" virtual_ipaddress {\n  10.0.0.1/24\n }\n"

static const char two_each[] = HEAD
	" virtual_routes {\n"
	"  10.1.0.0/16 via 10.0.0.254 dev eth0\n"
	"  blackhole 10.2.0.0/16 table 100 no_track\n"
	" }\n"
	" virtual_rules {\n"
	"  from 10.3.0.0/16 table 100 priority 100\n"
	"  to 10.4.0.0/16 table main priority 101 no_track\n"
	" }\n}\n";

static size_t count(const struct list_node *head)
{
	const struct list_node *n;
	size_t c = 0;

	for (n = head->next; n != head; n = n->next)
		c++;
	return c;
}

static void test_lines_read(void **state)
{
	struct parsed p;
	const struct vrrp_vroutes *v;
	const struct route *r;
	const struct rule *u;

	(void)state;
	parse_text(&p, two_each);
	assert_true(p.worst < CFG_WARNING);
	v = vi1(&p)->vroutes;
	assert_non_null(v);
	assert_int_equal(count(&v->routes), 2);
	assert_int_equal(count(&v->rules), 2);
	r = list_entry(v->routes.next->next, struct route, node);
	assert_int_equal(r->table, 100);
	assert_true(r->no_track);
	u = list_entry(v->rules.next, struct rule, node);
	assert_int_equal(u->priority, 100);
	assert_false(u->no_track);
	parsed_clear(&p);
}

static void test_no_lines_no_object(void **state)
{
	struct parsed p;

	(void)state;
	parse_text(&p, HEAD "}\n");
	assert_null(vi1(&p)->vroutes);
	assert_true(vrrp_vroutes_equal(NULL, NULL));
	parsed_clear(&p);
}

/* track_group is for static lines only; a bad line is reported at its
 * line and left out, the others kept. */
static void test_bad_lines_reported(void **state)
{
	const struct test_diag *d;
	struct parsed p;

	(void)state;
	parse_text(&p, HEAD
		   " virtual_routes {\n"
		   "  10.1.0.0/16 dev eth0 track_group G\n"
		   "  10.5.0.0/16 dev eth0\n"
		   " }\n"
		   " virtual_rules {\n"
		   "  from 10.3.0.0/16 nat 1.2.3.4\n"
		   " }\n}\n");
	assert_int_equal(p.worst, CFG_ERROR);
	d = test_diag_find(&p.diags, "virtual_routes");
	assert_non_null(d);
	assert_int_equal(d->line, 8);
	d = test_diag_find(&p.diags, "virtual_rules");
	assert_non_null(d);
	assert_int_equal(d->line, 12);
	assert_int_equal(count(&vi1(&p)->vroutes->routes), 1);
	assert_int_equal(count(&vi1(&p)->vroutes->rules), 0);
	parsed_clear(&p);
}

static void test_printout_parses_to_equal(void **state)
{
	struct parsed p, again;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	parse_text(&p, two_each);
	f = open_memstream(&text, &len);
	assert_non_null(f);
	vrrp_conf_dump(p.vc, f);
	fclose(f);
	assert_non_null(strstr(text, "virtual_routes {"));
	assert_non_null(strstr(text, "virtual_rules {"));
	parse_text(&again, text);
	assert_true(again.worst < CFG_WARNING);
	assert_true(vrrp_instance_conf_equal(vi1(&p), vi1(&again)));
	free(text);
	parsed_clear(&p);
	parsed_clear(&again);
}

/* What a reload removes and adds: the lines one side lacks. */
static void test_differences(void **state)
{
	struct parsed a, b;
	const struct vrrp_vroutes *va, *vb;
	const struct route *r;
	const struct rule *u;
	size_t only_a = 0, only_b = 0;

	(void)state;
	parse_text(&a, two_each);
	parse_text(&b, HEAD
		   " virtual_routes {\n"
		   "  10.1.0.0/16 via 10.0.0.254 dev eth0\n"
		   "  10.6.0.0/16 dev eth0\n"
		   " }\n"
		   " virtual_rules {\n"
		   "  to 10.4.0.0/16 table main priority 101 no_track\n"
		   " }\n}\n");
	va = vi1(&a)->vroutes;
	vb = vi1(&b)->vroutes;
	assert_false(vrrp_vroutes_equal(va, vb));
	assert_false(vrrp_instance_conf_equal(vi1(&a), vi1(&b)));
	list_for_each_entry(r, &va->routes, node)
		only_a += !vrrp_vroutes_has_route(vb, r, va->names);
	list_for_each_entry(r, &vb->routes, node)
		only_b += !vrrp_vroutes_has_route(va, r, vb->names);
	assert_int_equal(only_a, 1);	/* the blackhole */
	assert_int_equal(only_b, 1);	/* 10.6.0.0/16 */
	only_a = 0;
	list_for_each_entry(u, &va->rules, node)
		only_a += !vrrp_vroutes_has_rule(vb, u, va->names);
	assert_int_equal(only_a, 1);
	assert_false(vrrp_vroutes_has_rule(NULL, u, va->names));
	parsed_clear(&a);
	parsed_clear(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_read),
		cmocka_unit_test(test_no_lines_no_object),
		cmocka_unit_test(test_bad_lines_reported),
		cmocka_unit_test(test_printout_parses_to_equal),
		cmocka_unit_test(test_differences),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
