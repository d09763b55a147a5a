/*
 * test_vrrp_track_conf.c: the vrrp_script block, track_script,
 * track_interface and notify keywords: values read, keepalived's
 * corrections and verdicts at the right lines, the check pass's
 * resolution (weights from the script, ignored lines, the address owner,
 * script security on a described system), and the printout parsing back
 * to equal configuration.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
};

/* The system: interfaces eth0, eth1 and tr0; users root and nobody;
 * group nogroup; files under /etc/ka owned by root, /tmp/evil.sh owned
 * by a user. */
static int fake_if(const char *name, unsigned *flags, void *ctx)
{
	(void)ctx;
	*flags = 0;
	return !strcmp(name, "eth0") || !strcmp(name, "eth1") ||
	       !strcmp(name, "tr0") ? 0 : -ENOENT;
}

static int fake_uid(const char *name, uid_t *uid, void *ctx)
{
	(void)ctx;
	if (!strcmp(name, "root"))
		*uid = 0;
	else if (!strcmp(name, "nobody"))
		*uid = 65534;
	else
		return -ENOENT;
	return 0;
}

static bool fake_group(const char *name, void *ctx)
{
	(void)ctx;
	return !strcmp(name, "nogroup");
}

static int fake_stat(const char *path, struct stat *st, void *ctx)
{
	(void)ctx;
	memset(st, 0, sizeof(*st));
	st->st_mode = 0755;
	if (!strcmp(path, "/tmp/evil.sh"))
		st->st_uid = 1000;
	else if (strcmp(path, "/") && strcmp(path, "/etc") &&
		 strcmp(path, "/tmp") && strncmp(path, "/etc/ka", 7))
		return -ENOENT;
	if (!strcmp(path, "/tmp"))
		st->st_mode = 01777;
	return 0;
}

static void parse(struct parsed *out, const char *text)
{
	struct cfg_parser_opts po = { .diag = test_diag_collect };
	struct vrrp_check_env env = { .if_flags = fake_if };
	struct cfg_parser *p;

	env.core = (struct config_check_env){
		.user_uid = fake_uid, .group_exists = fake_group,
		.stat = fake_stat, .cpu_count = 1,
	};
	memset(out, 0, sizeof(*out));
	po.diag_ctx = &out->diags;
	out->gd = global_data_new();
	out->vc = vrrp_conf_new();
	p = cfg_parser_new(&po);
	assert_non_null(p);
	assert_int_equal(global_parser_register(p, out->gd), 0);
	assert_int_equal(vrrp_parser_register(p, out->vc), 0);
	assert_int_equal(cfg_parse_string(p, "t.conf", text), 0);
	vrrp_check(p, out->vc, out->gd, &env);
	cfg_parser_free(&p);
}

static void parsed_clear(struct parsed *p)
{
	global_data_free(&p->gd);
	vrrp_conf_free(&p->vc);
}

static const struct vrrp_track_conf *nth(const struct list_node *head,
					 size_t n)
{
	const struct vrrp_track_conf *t;

	list_for_each_entry(t, head, node)
		if (!n--)
			return t;
	fail_msg("no line %zu", n);
	return NULL;
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

static const char good[] =
	"global_defs {\n"				/* 1 */
	"    enable_script_security\n"
	"    script_user root\n"
	"}\n"
	"vrrp_script chk {\n"				/* 5 */
	"    script \"/etc/ka/chk.sh arg 'two words'\"\n"
	"    interval 2\n"
	"    timeout 0.5\n"
	"    weight 10 reverse\n"
	"    rise 3\n"					/* 10 */
	"    fall 4\n"
	"    user nobody nogroup\n"
	"    init_fail\n"
	"}\n"
	"vrrp_script plain {\n"				/* 15 */
	"    script /etc/ka/plain.sh\n"
	"}\n"
	"vrrp_instance VI_1 {\n"
	"    interface eth0\n"
	"    virtual_router_id 51\n"			/* 20 */
	"    priority 100\n"
	"    track_script {\n"
	"        chk weight 20\n"
	"        plain weight -30 reverse\n"
	"        chk\n"					/* 25 */
	"    }\n"
	"    track_interface {\n"
	"        eth1\n"
	"        tr0 weight -254 noreverse\n"
	"    }\n"					/* 30 */
	"    notify_master \"/etc/ka/n.sh master\"\n"
	"    notify /etc/ka/any.sh nobody nogroup\n"
	"}\n";

static void test_values(void **state)
{
	const struct vrrp_script_conf *sc;
	const struct vrrp_instance_conf *ic;
	const struct vrrp_track_conf *t;
	struct parsed p;

	(void)state;
	parse(&p, good);
	sc = vrrp_conf_find_script(p.vc, "chk");
	assert_non_null(sc);
	assert_string_equal(sc->cmd.path, "/etc/ka/chk.sh arg 'two words'");
	assert_int_equal(sc->interval_us, 2000000);
	assert_int_equal(vrrp_script_conf_timeout_us(sc), 500000);
	assert_int_equal(sc->weight, 10);
	assert_true(sc->reverse);
	assert_int_equal(sc->rise, 3);
	assert_int_equal(sc->fall, 4);
	assert_string_equal(sc->cmd.user, "nobody");
	assert_string_equal(sc->cmd.group, "nogroup");
	assert_true(sc->init_fail);
	assert_false(sc->refused);
	sc = vrrp_conf_find_script(p.vc, "plain");
	assert_int_equal(sc->interval_us, 1000000);	/* defaults */
	assert_int_equal(vrrp_script_conf_timeout_us(sc), 1000000);
	assert_int_equal(sc->rise, 1);
	ic = vrrp_conf_find(p.vc, "VI_1");
	assert_int_equal(list_count(&ic->track_scripts), 2);
	/* the line's weight, the script's reverse (keepalived: 100 -> 80) */
	t = nth(&ic->track_scripts, 0);
	assert_int_equal(t->weight, 20);
	assert_int_equal(t->reverse, GD_ON);
	assert_ptr_equal(t->script, vrrp_conf_find_script(p.vc, "chk"));
	t = nth(&ic->track_scripts, 1);
	assert_int_equal(t->weight, -30);
	assert_int_equal(t->reverse, GD_ON);
	assert_diag(&p, 25, CFG_WARNING, "duplicate track_script chk");
	t = nth(&ic->track_ifs, 0);
	assert_string_equal(t->name, "eth1");
	assert_int_equal(t->weight, 0);
	t = nth(&ic->track_ifs, 1);
	assert_int_equal(t->weight, -253);
	assert_int_equal(t->reverse, GD_OFF);
	assert_diag(&p, 29, CFG_WARNING, "cannot be +/-254");
	assert_string_equal(ic->notify.script[VRRP_NOTIFY_MASTER].path,
			    "/etc/ka/n.sh master");
	assert_string_equal(ic->notify.script[VRRP_NOTIFY_ANY].user,
			    "nobody");
	assert_null(ic->notify.script[VRRP_NOTIFY_FAULT].path);
	parsed_clear(&p);
}

static void test_printout_parses_back(void **state)
{
	struct vrrp_instance_conf *a, *b;
	struct parsed p, q;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	parse(&p, good);
	f = open_memstream(&text, &len);
	assert_non_null(f);
	fprintf(f, "global_defs {\n    enable_script_security\n"
		"    script_user root\n}\n");
	vrrp_conf_dump(p.vc, f);
	fclose(f);
	parse(&q, text);
	a = vrrp_conf_find(p.vc, "VI_1");
	b = vrrp_conf_find(q.vc, "VI_1");
	assert_true(vrrp_instance_conf_equal(a, b));
	assert_true(vrrp_script_conf_equal(vrrp_conf_find_script(p.vc, "chk"),
					   vrrp_conf_find_script(q.vc, "chk")));
	free(text);
	parsed_clear(&p);
	parsed_clear(&q);
}

static const char bad[] =
	"vrrp_script chk {\n"				/* 1 */
	"    script /etc/ka/chk.sh\n"
	"    weight 300\n"
	"    rise 0\n"
	"    interval 0\n"				/* 5 */
	"    user nosuchuser\n"
	"}\n"
	"vrrp_script empty {\n"
	"    interval 2\n"
	"}\n"						/* 10 */
	"vrrp_script w {\n"
	"    script /etc/ka/w.sh\n"
	"    weight 5\n"
	"}\n"
	"vrrp_instance VI_1 {\n"			/* 15 */
	"    interface eth0\n"
	"    virtual_router_id 51\n"
	"    priority 255\n"
	"    track_script {\n"
	"        nosuch\n"				/* 20 */
	"        chk\n"
	"        empty\n"
	"        w\n"
	"        w2 weight x\n"
	"    }\n"					/* 25 */
	"    track_interface {\n"
	"        eth1 weight 10\n"
	"        nosuchif\n"
	"    }\n"
	"}\n";

static void test_bad(void **state)
{
	const struct vrrp_instance_conf *ic;
	struct parsed p;

	(void)state;
	parse(&p, bad);
	assert_diag(&p, 3, CFG_ERROR, "out of range");
	assert_diag(&p, 4, CFG_ERROR, "rise value '0' invalid, defaulting");
	assert_diag(&p, 5, CFG_ERROR, "must be greater than 0, setting to 1");
	assert_int_equal(vrrp_conf_find_script(p.vc, "chk")->rise, 1);
	assert_int_equal(vrrp_conf_find_script(p.vc, "chk")->interval_us,
			 1000000);
	/* the script's own line: no such user; no command */
	assert_diag(&p, 2, CFG_ERROR, "no user 'nosuchuser'");
	assert_true(vrrp_conf_find_script(p.vc, "chk")->refused);
	assert_diag(&p, 8, CFG_ERROR, "No script set for vrrp_script empty");
	assert_diag(&p, 20, CFG_WARNING, "track script nosuch not found");
	assert_diag(&p, 21, CFG_WARNING, "track script chk not found");
	assert_diag(&p, 22, CFG_WARNING, "track script empty not found");
	/* the address owner ignores weights */
	assert_diag(&p, 23, CFG_WARNING, "ignoring tracked script w with "
		    "weights due to address_owner");
	assert_diag(&p, 24, CFG_ERROR, "invalid number 'x'");
	assert_diag(&p, 27, CFG_WARNING, "ignoring eth1 tracked interface due "
		    "to address owner");
	assert_diag(&p, 28, CFG_ERROR, "tracked interface nosuchif doesn't "
		    "exist");
	ic = vrrp_conf_find(p.vc, "VI_1");
	assert_true(nth(&ic->track_scripts, 0)->ignored);
	assert_true(nth(&ic->track_scripts, 3)->ignored);
	assert_true(nth(&ic->track_ifs, 0)->ignored);
	assert_false(nth(&ic->track_ifs, 1)->ignored);
	parsed_clear(&p);
}

/* A root script others could replace is refused with script security,
 * and only reported without it (keepalived runs it then). */
static void test_script_security(void **state)
{
	static const char fmt[] =
		"%s"
		"vrrp_script evil {\n"			/* +1 */
		"    script /tmp/evil.sh\n"
		"}\n"
		"vrrp_instance VI_1 {\n"
		"    interface eth0\n"
		"    virtual_router_id 51\n"
		"    track_script {\n"
		"        evil\n"
		"    }\n"
		"    notify_backup /tmp/evil.sh\n"
		"}\n";
	char text[1024];
	const struct vrrp_instance_conf *ic;
	struct parsed p;

	(void)state;
	snprintf(text, sizeof(text), fmt, "global_defs {\n"
		 "    enable_script_security\n    script_user root\n}\n");
	parse(&p, text);
	assert_diag(&p, 6, CFG_ERROR, "vrrp_script evil '/tmp/evil.sh' can be "
		    "changed by users other than root");
	assert_true(vrrp_conf_find_script(p.vc, "evil")->refused);
	ic = vrrp_conf_find(p.vc, "VI_1");
	assert_true(nth(&ic->track_scripts, 0)->ignored);
	assert_diag(&p, 14, CFG_ERROR, "(VI_1) notify_backup '/tmp/evil.sh'");
	assert_true(ic->notify.refused[VRRP_NOTIFY_BACKUP]);
	parsed_clear(&p);

	snprintf(text, sizeof(text), fmt, "");
	parse(&p, text);
	assert_diag(&p, 2, CFG_SECURITY, "SECURITY VIOLATION - vrrp_script "
		    "evil");
	assert_false(vrrp_conf_find_script(p.vc, "evil")->refused);
	ic = vrrp_conf_find(p.vc, "VI_1");
	assert_false(nth(&ic->track_scripts, 0)->ignored);
	assert_false(ic->notify.refused[VRRP_NOTIFY_BACKUP]);
	parsed_clear(&p);
}

static const char procs[] =
	"vrrp_track_process hap {\n"			/* 1 */
	"    process haproxy -f \"/etc/hap conf\"\n"
	"    param_match initial\n"
	"    quorum 2\n"
	"    quorum_max 4\n"				/* 5 */
	"    delay 1.5\n"
	"    terminate_delay 0.25\n"
	"    weight -20 reverse\n"
	"    full_command\n"
	"}\n"						/* 10 */
	"vrrp_track_process plain {\n"
	"    process sleep\n"
	"}\n"
	"vrrp_track_process none {\n"
	"    process nginx\n"				/* 15 */
	"    param_match\n"
	"}\n"
	"vrrp_track_process empty {\n"
	"    quorum 3\n"
	"}\n"						/* 20 */
	"vrrp_instance VI_1 {\n"
	"    interface eth0\n"
	"    virtual_router_id 51\n"
	"    priority 100\n"
	"    track_process {\n"			/* 25 */
	"        hap\n"
	"        plain weight 254 noreverse\n"
	"        none weight 0 reverse\n"
	"        empty\n"
	"        nosuch\n"				/* 30 */
	"        plain\n"
	"        other weight 255\n"
	"    }\n"
	"    notify_deleted\n"
	"    notify_master_rx_lower_pri /etc/ka/rx.sh\n"	/* 35 */
	"    notify_priority_changes false\n"
	"    smtp_alert\n"
	"    linkbeat_use_polling\n"
	"}\n";

static void test_processes(void **state)
{
	const struct vrrp_proc_conf *pc;
	const struct vrrp_instance_conf *ic;
	const struct vrrp_track_conf *t;
	struct parsed p;

	(void)state;
	parse(&p, procs);
	pc = vrrp_conf_find_proc(p.vc, "hap");
	assert_non_null(pc);
	assert_string_equal(pc->spec.name, "haproxy");
	assert_int_equal(pc->spec.nparams, 2);
	assert_string_equal(pc->spec.params[1], "/etc/hap conf");
	assert_int_equal(pc->spec.match, VRRP_PROC_PARAMS_INITIAL);
	assert_true(pc->spec.full_command);
	assert_int_equal(pc->quorum, 2);
	assert_int_equal(pc->quorum_max, 4);
	assert_int_equal(pc->fork_delay_us, 1500000);
	assert_int_equal(pc->terminate_delay_us, 250000);
	assert_int_equal(pc->weight, -20);
	assert_true(pc->reverse);
	/* no parameters: the name; param_match alone: no parameters */
	assert_int_equal(vrrp_conf_find_proc(p.vc, "plain")->spec.match,
			 VRRP_PROC_PARAMS_NONE);
	assert_int_equal(vrrp_conf_find_proc(p.vc, "plain")->weight, 1);
	assert_int_equal(vrrp_conf_find_proc(p.vc, "none")->spec.match,
			 VRRP_PROC_PARAMS_EXACT);
	assert_true(vrrp_conf_find_proc(p.vc, "empty")->removed);
	assert_diag(&p, 18, CFG_ERROR, "process name not specified");

	ic = vrrp_conf_find(p.vc, "VI_1");
	t = nth(&ic->track_procs, 0);		/* the block's weight */
	assert_int_equal(t->weight, -20);
	assert_int_equal(t->reverse, GD_ON);
	assert_ptr_equal(t->proc, pc);
	t = nth(&ic->track_procs, 1);
	assert_int_equal(t->weight, 254);
	assert_int_equal(t->reverse, GD_OFF);
	t = nth(&ic->track_procs, 2);
	assert_int_equal(t->weight, 0);
	assert_int_equal(t->reverse, GD_ON);
	assert_true(nth(&ic->track_procs, 3)->ignored);
	assert_diag(&p, 29, CFG_WARNING, "(VI_1) track process empty not found");
	assert_true(nth(&ic->track_procs, 4)->ignored);
	assert_diag(&p, 30, CFG_WARNING, "(VI_1) track process nosuch not "
		    "found, ignoring...");
	assert_diag(&p, 31, CFG_WARNING, "duplicate track_process plain");
	assert_diag(&p, 32, CFG_ERROR, "weight for track process other must be "
		    "in [-254..254]");
	assert_int_equal(list_count(&ic->track_procs), 5);

	assert_true(ic->notify.deleted);
	assert_null(ic->notify.script[VRRP_NOTIFY_DELETED].path);
	assert_string_equal(ic->notify.script[VRRP_NOTIFY_RX_LOWER].path,
			    "/etc/ka/rx.sh");
	assert_int_equal(ic->notify.priority_changes, GD_OFF);
	assert_int_equal(ic->notify.smtp_alert, GD_ON);
	assert_true(ic->linkbeat_use_polling);
	assert_diag(&p, 38, CFG_WARNING, "'linkbeat_use_polling' in vrrp "
		    "instance deprecated");
	parsed_clear(&p);
}

/* What the processes and the notify extras print parses back equal. */
static void test_processes_print_back(void **state)
{
	struct parsed p, q;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	parse(&p, procs);
	f = open_memstream(&text, &len);
	assert_non_null(f);
	vrrp_conf_dump(p.vc, f);
	fclose(f);
	parse(&q, text);
	assert_true(vrrp_instance_conf_equal(vrrp_conf_find(p.vc, "VI_1"),
					     vrrp_conf_find(q.vc, "VI_1")));
	assert_int_equal(vrrp_conf_find_proc(q.vc, "hap")->spec.match,
			 VRRP_PROC_PARAMS_INITIAL);
	assert_int_equal(vrrp_conf_find_proc(q.vc, "none")->spec.match,
			 VRRP_PROC_PARAMS_EXACT);
	assert_null(vrrp_conf_find_proc(q.vc, "empty"));
	free(text);
	parsed_clear(&p);
	parsed_clear(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_printout_parses_back),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_script_security),
		cmocka_unit_test(test_processes),
		cmocka_unit_test(test_processes_print_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
