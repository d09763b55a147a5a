/*
 * test_vrrp_sync_conf.c: the vrrp_sync_group block: members and notify
 * scripts read, each instance joined to its group, and keepalived
 * 2.2.7's verdicts (observed with "keepalived -t") on unknown members,
 * an instance in two groups, a group of one and an empty group.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "global_parser.h"
#include "test_core_util.h"
#include "vrrp_check.h"
#include "vrrp_data.h"
#include "vrrp_parser.h"

struct parsed {
	struct global_data *gd;
	struct vrrp_conf *vc;
	struct test_diags diags;
	int bad;
};

static int fake_if(const char *name, unsigned *flags, void *ctx)
{
	(void)ctx;
	*flags = 0;
	return !strcmp(name, "eth0") || !strcmp(name, "eth1") ? 0 : -ENOENT;
}

static void parse(struct parsed *out, const char *text)
{
	struct cfg_parser_opts po = { .diag = test_diag_collect };
	struct vrrp_check_env env = { .if_flags = fake_if };
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
	out->bad = vrrp_check(p, out->vc, out->gd, &env);
	cfg_parser_free(&p);
}

static void parsed_clear(struct parsed *p)
{
	global_data_free(&p->gd);
	vrrp_conf_free(&p->vc);
}

static void assert_diag(const struct parsed *p, unsigned line,
			enum cfg_severity sev, const char *text)
{
	size_t i;

	for (i = 0; i < p->diags.count; i++) {
		const struct test_diag *d = &p->diags.d[i];

		if (d->line == line && strstr(d->msg, text)) {
			assert_int_equal(d->sev, sev);
			return;
		}
	}
	for (i = 0; i < p->diags.count; i++)
		print_message("%u: %s\n", p->diags.d[i].line,
			      p->diags.d[i].msg);
	fail_msg("no '%s' at line %u", text, line);
}

#define INSTANCES \
	"vrrp_instance VI_1 {\n" \
	"    interface eth0\n" \
	"    virtual_router_id 51\n" \
	"    virtual_ipaddress {\n        10.0.0.1/24\n    }\n" \
	"}\n" \
	"vrrp_instance VI_2 {\n" \
	"    interface eth1\n" \
	"    virtual_router_id 52\n" \
	"    virtual_ipaddress {\n        10.0.1.1/24\n    }\n" \
	"}\n"

static void test_good_group(void **state)
{
	struct parsed p;
	const struct vrrp_sync_conf *sc;

	(void)state;
	parse(&p, "vrrp_sync_group G1 {\n"
		  "    group {\n"
		  "        VI_1\n"
		  "        VI_2\n"
		  "    }\n"
		  "    notify_master \"/bin/echo master\"\n"
		  "    notify /bin/true root\n"
		  "}\n" INSTANCES);
	assert_int_equal(p.diags.count, 0);
	assert_int_equal(p.bad, 0);
	sc = vrrp_conf_find_sync(p.vc, "G1");
	assert_non_null(sc);
	assert_int_equal(sc->line, 1);
	assert_int_equal(sc->nmembers, 2);
	assert_string_equal(sc->members[1], "VI_2");
	assert_false(sc->removed);
	assert_string_equal(sc->notify.script[VRRP_NOTIFY_MASTER].path,
			    "/bin/echo master");
	assert_string_equal(sc->notify.script[VRRP_NOTIFY_ANY].user, "root");
	assert_ptr_equal(vrrp_conf_find(p.vc, "VI_1")->sync, sc);
	assert_ptr_equal(vrrp_conf_find(p.vc, "VI_2")->sync, sc);
	parsed_clear(&p);
}

/* Several names on one line are all members. */
static void test_names_on_one_line(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "vrrp_sync_group G1 {\n    group {\n        VI_1 VI_2\n"
		  "    }\n}\n" INSTANCES);
	assert_int_equal(p.bad, 0);
	assert_int_equal(vrrp_conf_find_sync(p.vc, "G1")->nmembers, 2);
	assert_non_null(vrrp_conf_find(p.vc, "VI_2")->sync);
	parsed_clear(&p);
}

static void test_unknown_member(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, INSTANCES "vrrp_sync_group G1 {\n"		/* 15 */
		  "    group {\n        VI_1\n        VI_X\n    }\n}\n");
	assert_true(p.bad > 0);
	assert_diag(&p, 15, CFG_ERROR, "Virtual router VI_X specified in "
		    "sync group G1 doesn't exist - ignoring");
	assert_diag(&p, 15, CFG_WARNING, "Sync group G1 has only 1 virtual "
		    "router(s) - this probably isn't what you want");
	assert_non_null(vrrp_conf_find(p.vc, "VI_1")->sync);
	parsed_clear(&p);
}

static void test_instance_in_two_groups(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, INSTANCES
		  "vrrp_sync_group G1 {\n    group {\n"		/* 15 */
		  "        VI_1\n        VI_2\n    }\n}\n"
		  "vrrp_sync_group G2 {\n    group {\n"		/* 21 */
		  "        VI_2\n        VI_1\n    }\n}\n");
	assert_true(p.bad > 0);
	assert_diag(&p, 21, CFG_ERROR, "Virtual router VI_2 cannot exist in "
		    "more than one sync group; ignoring G2");
	assert_diag(&p, 21, CFG_ERROR, "Sync group G2, no matching virtual "
		    "router found in group declaration - removing");
	assert_true(vrrp_conf_find_sync(p.vc, "G2")->removed);
	assert_string_equal(vrrp_conf_find(p.vc, "VI_1")->sync->name, "G1");
	assert_string_equal(vrrp_conf_find(p.vc, "VI_2")->sync->name, "G1");
	parsed_clear(&p);
}

static void test_deprecated_and_later_keywords(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "vrrp_sync_group G1 {\n    group {\n        VI_1 VI_2\n"
		  "    }\n"
		  "    global_tracking\n"				/* 5 */
		  "    sync_group_tracking_weight\n"
		  "    track_bfd {\n        f1\n    }\n"	/* 7 */
		  "}\n" INSTANCES);
	assert_diag(&p, 5, CFG_WARNING, "(G1) global_tracking is deprecated");
	assert_diag(&p, 7, CFG_WARNING, "not supported yet");
	assert_null(test_diag_find(&p.diags, "sync_group_tracking_weight"));
	parsed_clear(&p);
}

#define WEIGHTED(group_extra) \
	"vrrp_script chk {\n    script /bin/true\n    weight 10\n}\n" \
	"vrrp_script plain {\n    script /bin/true\n}\n" \
	"vrrp_sync_group G1 {\n    group {\n        VI_1 VI_2\n    }\n" \
	group_extra "}\n" \
	"vrrp_instance VI_1 {\n    interface eth0\n" \
	"    virtual_router_id 51\n" \
	"    track_interface {\n        eth1 weight -10\n    }\n" \
	"    track_script {\n        chk\n        plain\n    }\n" \
	"    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n" \
	"vrrp_instance VI_2 {\n    interface eth1\n" \
	"    virtual_router_id 52\n" \
	"    virtual_ipaddress {\n        10.0.1.1/24\n    }\n}\n"

static const struct vrrp_track_conf *first(const struct list_node *head)
{
	return container_of(head->next, struct vrrp_track_conf, node);
}

static const struct vrrp_track_conf *second(const struct list_node *head)
{
	return container_of(head->next->next, struct vrrp_track_conf, node);
}

/* keepalived 2.2.7: a member's weighted script is dropped; its weighted
 * interface is reported but (observed) keeps its weight. */
static void test_member_weights(void **state)
{
	const struct vrrp_instance_conf *ic;
	struct parsed p;

	(void)state;
	parse(&p, WEIGHTED(""));
	ic = vrrp_conf_find(p.vc, "VI_1");
	assert_diag(&p, 17, CFG_WARNING, "(VI_1) ignoring eth1 tracked "
		    "interface weight due to SYNC group");
	assert_diag(&p, 20, CFG_WARNING, "(VI_1) ignoring tracked script chk "
		    "with weights due to SYNC group");
	assert_true(first(&ic->track_scripts)->ignored);
	assert_false(second(&ic->track_scripts)->ignored);
	assert_false(first(&ic->track_ifs)->ignored);
	assert_int_equal(first(&ic->track_ifs)->weight, -10);
	parsed_clear(&p);
}

static void test_member_weights_kept(void **state)
{
	const struct vrrp_instance_conf *ic;
	struct parsed p;

	(void)state;
	parse(&p, WEIGHTED("    sync_group_tracking_weight\n"));
	ic = vrrp_conf_find(p.vc, "VI_1");
	assert_null(test_diag_find(&p.diags, "SYNC group"));
	assert_false(first(&ic->track_scripts)->ignored);
	assert_true(vrrp_conf_find_sync(p.vc, "G1")->tracking_weight);
	parsed_clear(&p);
}

/* The group's lines act in every member; a member's own line for the
 * same object wins, reported; the group's weights are not dropped. */
static void test_group_tracking(void **state)
{
	const struct vrrp_instance_conf *v1, *v2;
	const struct vrrp_track_conf *t;
	struct parsed p;

	(void)state;
	parse(&p, "vrrp_script chk {\n    script /bin/true\n    weight 5\n}\n"
		  "vrrp_sync_group G1 {\n    group {\n        VI_1 VI_2\n"
		  "    }\n"
		  "    track_interface {\n"
		  "        eth1 weight -20\n"			/* 10 */
		  "        eth0\n    }\n"
		  "    track_script {\n        chk\n    }\n"	/* 14 */
		  "}\n"
		  "vrrp_instance VI_1 {\n    interface eth0\n"
		  "    virtual_router_id 51\n"
		  "    track_interface {\n        eth0\n    }\n"
		  "    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n"
		  "vrrp_instance VI_2 {\n    interface eth1\n"
		  "    virtual_router_id 52\n"
		  "    virtual_ipaddress {\n        10.0.1.1/24\n    }\n}\n");
	v1 = vrrp_conf_find(p.vc, "VI_1");
	v2 = vrrp_conf_find(p.vc, "VI_2");
	assert_diag(&p, 11, CFG_ERROR, "(VI_1) track_interface eth0 is "
		    "configured on VRRP instance and sync group. Remove vrrp "
		    "instance or sync group config");
	assert_null(test_diag_find(&p.diags, "due to SYNC group"));
	assert_int_equal(list_count(&v1->track_ifs), 2);	/* own eth0, eth1 */
	assert_int_equal(list_count(&v2->track_ifs), 2);	/* eth1, eth0 */
	t = container_of(v2->track_ifs.next, struct vrrp_track_conf, node);
	assert_string_equal(t->name, "eth1");
	assert_int_equal(t->weight, -20);
	assert_true(t->from_group);
	assert_int_equal(t->at.line, 10);
	t = container_of(v2->track_scripts.next, struct vrrp_track_conf, node);
	assert_string_equal(t->name, "chk");
	assert_false(t->ignored);
	assert_int_equal(t->weight, 5);
	parsed_clear(&p);
}

/* The printout parses back to the same group, without the member the
 * checks dropped. */
static void test_printout(void **state)
{
	struct parsed p, q;
	const struct vrrp_sync_conf *sc;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	parse(&p, "vrrp_sync_group G1 {\n    group {\n        VI_1 VI_X VI_2\n"
		  "    }\n    sync_group_tracking_weight\n"
		  "    track_interface {\n        eth1 weight -3\n    }\n"
		  "    notify_backup \"/bin/echo two words\" root\n}\n"
		  INSTANCES);
	f = open_memstream(&text, &len);
	assert_non_null(f);
	vrrp_conf_dump(p.vc, f);
	fclose(f);
	parse(&q, text);
	assert_int_equal(q.bad, 0);
	sc = vrrp_conf_find_sync(q.vc, "G1");
	assert_non_null(sc);
	assert_int_equal(sc->nmembers, 2);
	assert_string_equal(sc->members[0], "VI_1");
	assert_string_equal(sc->members[1], "VI_2");
	assert_true(sc->tracking_weight);
	assert_int_equal(list_count(&sc->tracking->track_ifs), 1);
	/* in the members once: the copy is not printed with them */
	assert_int_equal(list_count(&vrrp_conf_find(q.vc, "VI_1")->track_ifs),
			 1);
	assert_string_equal(sc->notify.script[VRRP_NOTIFY_BACKUP].path,
			    "/bin/echo two words");
	assert_string_equal(sc->notify.script[VRRP_NOTIFY_BACKUP].user,
			    "root");
	free(text);
	parsed_clear(&p);
	parsed_clear(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_group),
		cmocka_unit_test(test_names_on_one_line),
		cmocka_unit_test(test_unknown_member),
		cmocka_unit_test(test_instance_in_two_groups),
		cmocka_unit_test(test_deprecated_and_later_keywords),
		cmocka_unit_test(test_member_weights),
		cmocka_unit_test(test_member_weights_kept),
		cmocka_unit_test(test_group_tracking),
		cmocka_unit_test(test_printout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
