/*
 * test_cmdline.c: every option in its short and long form, bad values,
 * unexpected words, and the optional values that must be attached.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <cmocka.h>

#include "cmdline.h"
#include "memory.h"

#define MAX_ARGS 16

/* Parses a NULL-terminated list of words after "keepalived". */
static int parse_v(struct ka_options *o, char **err, va_list ap)
{
	char *argv[MAX_ARGS + 2];
	int argc = 0;
	const char *w;

	argv[argc++] = "keepalived";
	while ((w = va_arg(ap, const char *)) && argc <= MAX_ARGS)
		argv[argc++] = (char *)w;
	argv[argc] = NULL;
	return cmdline_parse(argc, argv, o, err);
}

/* Parses and expects success. */
static void ok(struct ka_options *o, ...)
{
	char *err = NULL;
	va_list ap;
	int r;

	va_start(ap, o);
	r = parse_v(o, &err, ap);
	va_end(ap);
	if (r != 0)
		fail_msg("unexpected error: %s", err ? err : "?");
	assert_null(err);
}

static void test_defaults(void **state)
{
	struct ka_options o;

	(void)state;
	ok(&o, NULL);
	assert_int_equal(o.action, CMDLINE_RUN);
	assert_string_equal(o.conf_file, CMDLINE_DEFAULT_CONF);
	assert_string_equal(o.pid_file, "/run/keepalived.pid");
	assert_string_equal(o.vrrp_pid_file, "/run/keepalived_vrrp.pid");
	assert_string_equal(o.checkers_pid_file,
			    "/run/keepalived_checkers.pid");
	assert_string_equal(o.bfd_pid_file, "/run/keepalived_bfd.pid");
	assert_int_equal(o.log_facility, LOG_DAEMON);
	assert_false(o.dont_fork);
	assert_null(o.config_id);
	assert_null(o.unexpected);
	ka_options_clear(&o);
	assert_null(o.conf_file);
}

struct flag_case {
	const char *shrt, *lng;
	size_t offset;
};

#define FLAG(s, l, f) { s, l, offsetof(struct ka_options, f) }

static const struct flag_case flags[] = {
	FLAG("-P", "--vrrp", vrrp_only),
	FLAG("-C", "--check", check_only),
	FLAG("-B", "--no_bfd", no_bfd),
	FLAG(NULL, "--all", all_children),
	FLAG("-l", "--log-console", log_console),
	FLAG("-D", "--log-detail", log_detail),
	FLAG(NULL, "--flush-log-file", flush_log_file),
	FLAG("-G", "--no-syslog", no_syslog),
	FLAG("-X", "--release-vips", release_vips),
	FLAG("-V", "--dont-release-vrrp", dont_release_vrrp),
	FLAG("-I", "--dont-release-ipvs", dont_release_ipvs),
	FLAG("-R", "--dont-respawn", dont_respawn),
	FLAG("-n", "--dont-fork", dont_fork),
	FLAG("-d", "--dump-conf", dump_conf),
	FLAG("-a", "--address-monitoring", address_monitoring),
	FLAG("-x", "--snmp", snmp),
	FLAG("-m", "--core-dump", core_dump),
	FLAG("-e", "--all-config", all_config),
	FLAG(NULL, "--no-mem-check", no_mem_check),
	FLAG(NULL, "--ipvs-sockopt", ipvs_sockopt),
};

static void test_flags(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		const char *forms[2] = { flags[i].shrt, flags[i].lng };
		int k;

		for (k = 0; k < 2; k++) {
			struct ka_options o;

			if (!forms[k])
				continue;
			ok(&o, forms[k], NULL);
			if (!*(bool *)((char *)&o + flags[i].offset))
				fail_msg("%s did not set its flag", forms[k]);
			assert_int_equal(o.action, CMDLINE_RUN);
			ka_options_clear(&o);
		}
	}
}

struct value_case {
	const char *shrt, *lng;
	size_t offset;
};

#define VALUE(s, l, f) { s, l, offsetof(struct ka_options, f) }

static const struct value_case values[] = {
	VALUE("-f", "--use-file", conf_file),
	VALUE("-g", "--log-file", log_file),
	VALUE("-p", "--pid", pid_file),
	VALUE("-r", "--vrrp_pid", vrrp_pid_file),
	VALUE("-c", "--checkers_pid", checkers_pid_file),
	VALUE("-b", "--bfd_pid", bfd_pid_file),
	VALUE("-A", "--snmp-agent-socket", snmp_agent_socket),
	VALUE("-s", "--namespace", namespace),
	VALUE("-i", "--config-id", config_id),
};

static void check_value(const struct value_case *v, const char *a,
			const char *b)
{
	struct ka_options o;
	char *got;

	ok(&o, a, b, NULL);
	got = *(char **)((char *)&o + v->offset);
	if (!got || strcmp(got, "/x/value"))
		fail_msg("%s %s gave '%s'", a, b ? b : "", got ? got : "");
	ka_options_clear(&o);
}

static void test_values(void **state)
{
	size_t i;
	char buf[64];

	(void)state;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		check_value(&values[i], values[i].shrt, "/x/value");
		snprintf(buf, sizeof(buf), "%s/x/value", values[i].shrt);
		check_value(&values[i], buf, NULL);
		check_value(&values[i], values[i].lng, "/x/value");
		snprintf(buf, sizeof(buf), "%s=/x/value", values[i].lng);
		check_value(&values[i], buf, NULL);
	}
}

static void test_facility_and_umask(void **state)
{
	struct ka_options o;

	(void)state;
	ok(&o, "-S", "3", "-u", "027", NULL);
	assert_true(o.facility_set);
	assert_int_equal(o.log_facility, LOG_LOCAL3);
	assert_true(o.umask_set);
	assert_int_equal(o.umask, 027);
	ka_options_clear(&o);
	ok(&o, "--log-facility=local7", "--umask=0x1f", NULL);
	assert_int_equal(o.log_facility, LOG_LOCAL7);
	assert_int_equal(o.umask, 037);
	ka_options_clear(&o);
	ok(&o, "--log-facility", "user", NULL);
	assert_int_equal(o.log_facility, LOG_USER);
	ka_options_clear(&o);
}

static void expect_error(const char *needle, ...)
{
	struct ka_options o;
	char *err = NULL;
	va_list ap;
	int r;

	va_start(ap, needle);
	r = parse_v(&o, &err, ap);
	va_end(ap);
	assert_int_equal(r, -EINVAL);
	assert_non_null(err);
	if (!strstr(err, needle))
		fail_msg("error '%s' lacks '%s'", err, needle);
	mem_free(&err);
	ka_options_clear(&o);
}

static void test_bad_values(void **state)
{
	(void)state;
	expect_error("Invalid log facility '9'", "-S", "9", NULL);
	expect_error("Invalid log facility 'local8'", "-S", "local8", NULL);
	expect_error("Invalid --umask option 'abc'", "-u", "abc", NULL);
	expect_error("Invalid --umask option '999'", "-u", "999", NULL);
	expect_error("Invalid --umask option '-1'", "--umask=-1", NULL);
	expect_error("Unknown option -Z", "-Z", NULL);
	expect_error("Unknown option --bogus", "--bogus", NULL);
	expect_error("Missing parameter for option --signum", "--signum",
		     NULL);
	expect_error("Missing parameter", "-f", NULL);
}

/* --ipvs-record: absolute as given, relative from where we started
 * (the children run in "/"). */
static void test_ipvs_record(void **state)
{
	struct ka_options o;
	char *cwd = getcwd(NULL, 0), *want;

	(void)state;
	assert_non_null(cwd);
	ok(&o, NULL);
	assert_null(o.ipvs_record);
	ka_options_clear(&o);
	ok(&o, "--ipvs-record=/run/ipvs.txt", NULL);
	assert_string_equal(o.ipvs_record, "/run/ipvs.txt");
	ka_options_clear(&o);
	ok(&o, "--ipvs-record", "table.txt", NULL);
	want = mem_asprintf("%s%stable.txt", cwd, cwd[1] ? "/" : "");
	assert_string_equal(o.ipvs_record, want);
	assert_null(o.unexpected);
	mem_free(&want);
	ka_options_clear(&o);
	assert_null(o.ipvs_record);
	free(cwd);
	expect_error("Missing file name for --ipvs-record",
		     "--ipvs-record=", NULL);
	expect_error("Missing parameter", "--ipvs-record", NULL);
}

static void test_actions(void **state)
{
	struct ka_options o;

	(void)state;
	ok(&o, "-v", NULL);
	assert_int_equal(o.action, CMDLINE_VERSION);
	ka_options_clear(&o);
	ok(&o, "--version", "-t", NULL);
	assert_int_equal(o.action, CMDLINE_VERSION);
	ka_options_clear(&o);
	ok(&o, "-t", "-h", "-v", NULL);
	assert_int_equal(o.action, CMDLINE_HELP);
	ka_options_clear(&o);
	ok(&o, "--help", NULL);
	assert_int_equal(o.action, CMDLINE_HELP);
	ka_options_clear(&o);
	ok(&o, "--signum=RELOAD", NULL);
	assert_int_equal(o.action, CMDLINE_SIGNUM);
	assert_string_equal(o.signum, "RELOAD");
	ka_options_clear(&o);
	ok(&o, "--signum", "STOP", NULL);
	assert_string_equal(o.signum, "STOP");
	ka_options_clear(&o);
}

static void test_config_test_value(void **state)
{
	struct ka_options o;

	(void)state;
	ok(&o, "-t", NULL);
	assert_int_equal(o.action, CMDLINE_CONFIG_TEST);
	assert_null(o.config_test_log);
	ka_options_clear(&o);
	ok(&o, "-t/tmp/log", NULL);
	assert_string_equal(o.config_test_log, "/tmp/log");
	ka_options_clear(&o);
	ok(&o, "--config-test=/tmp/log2", NULL);
	assert_string_equal(o.config_test_log, "/tmp/log2");
	ka_options_clear(&o);
	ok(&o, "-nt", NULL);
	assert_true(o.dont_fork);
	assert_int_equal(o.action, CMDLINE_CONFIG_TEST);
	ka_options_clear(&o);
}

/* A bare -t must not take the next word: "keepalived -t file.conf" would
 * otherwise overwrite file.conf with the test's messages. */
static void test_optional_value_not_stolen(void **state)
{
	struct ka_options o;

	(void)state;
	ok(&o, "-t", "/etc/keepalived/keepalived.conf", NULL);
	assert_null(o.config_test_log);
	assert_string_equal(o.unexpected, "/etc/keepalived/keepalived.conf");
	ka_options_clear(&o);
	ok(&o, "--config-test", "x.conf", "-n", NULL);
	assert_null(o.config_test_log);
	assert_string_equal(o.unexpected, "x.conf");
	assert_true(o.dont_fork);
	ka_options_clear(&o);
	ok(&o, "-M", "pat", NULL);
	assert_string_equal(o.core_dump_pattern, "core");
	assert_true(o.core_dump);
	assert_string_equal(o.unexpected, "pat");
	ka_options_clear(&o);
	ok(&o, "-f", "-t", "-t", NULL);	/* "-t" as -f's file name */
	assert_string_equal(o.conf_file, "-t");
	assert_int_equal(o.action, CMDLINE_CONFIG_TEST);
	ka_options_clear(&o);
}

static void test_optional_values(void **state)
{
	struct ka_options o;

	(void)state;
	ok(&o, "-Mmy.%p", "--debug=DvE", "--perf=all", NULL);
	assert_true(o.core_dump);
	assert_string_equal(o.core_dump_pattern, "my.%p");
	assert_true(o.debug_set);
	assert_string_equal(o.debug, "DvE");
	assert_true(o.perf_set);
	assert_string_equal(o.perf, "all");
	ka_options_clear(&o);
	ok(&o, "--core-dump-pattern", "--debug", "--perf", NULL);
	assert_string_equal(o.core_dump_pattern, "core");
	assert_true(o.debug_set);
	assert_null(o.debug);
	assert_string_equal(o.perf, "run");
	ka_options_clear(&o);
}

static void test_unexpected(void **state)
{
	struct ka_options o;

	(void)state;
	ok(&o, "foo", "-n", "bar", NULL);
	assert_string_equal(o.unexpected, "foo bar");
	assert_true(o.dont_fork);
	ka_options_clear(&o);
}

static void test_genhash(void **state)
{
	struct ka_options o;

	(void)state;
	ok(&o, "-T", "-s", "1.2.3.4", "-p", "80", NULL);
	assert_int_equal(o.action, CMDLINE_GENHASH);
	assert_int_equal(o.genhash_argc, 4);
	assert_string_equal(o.genhash_argv[0], "-s");
	assert_string_equal(o.genhash_argv[3], "80");
	assert_string_equal(o.pid_file, CMDLINE_DEFAULT_PID);
	ka_options_clear(&o);
	ok(&o, "--genhash", NULL);
	assert_int_equal(o.action, CMDLINE_GENHASH);
	ka_options_clear(&o);
	/* Not first: an ordinary flag, still genhash mode. */
	ok(&o, "-n", "-T", NULL);
	assert_int_equal(o.action, CMDLINE_GENHASH);
	ka_options_clear(&o);
}

static void test_usage_lists_every_option(void **state)
{
	static const char *const opts[] = {
		"--use-file", "--vrrp", "--check", "--no_bfd", "--all",
		"--log-console", "--log-detail", "--log-facility",
		"--log-file", "--flush-log-file", "--no-syslog", "--umask",
		"--release-vips", "--dont-release-vrrp", "--dont-release-ipvs",
		"--dont-respawn", "--dont-fork", "--dump-conf", "--pid",
		"--vrrp_pid", "--genhash", "--checkers_pid",
		"--address-monitoring", "--bfd_pid", "--snmp",
		"--snmp-agent-socket", "--namespace", "--core-dump",
		"--core-dump-pattern", "--all-config", "--config-id",
		"--signum", "--config-test", "--debug", "--perf",
		"--no-mem-check", "--ipvs-record", "--ipvs-sockopt",
		"--version", "--help",
		NULL
	};
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_non_null(f);
	cmdline_usage(f, "keepalived");
	fclose(f);
	assert_true(!strncmp(text, "Usage: keepalived [OPTION...]\n", 30));
	for (i = 0; opts[i]; i++)
		if (!strstr(text, opts[i]))
			fail_msg("--help lacks %s", opts[i]);
	free(text);
}

static void test_unavailable(void **state)
{
	struct ka_options o;
	char *list;

	(void)state;
	ok(&o, "-n", NULL);
	assert_null(cmdline_unavailable(&o));
	ka_options_clear(&o);
	ok(&o, "-x", "-s", "ns1", "-g", "/tmp/l", "--perf", NULL);
	list = cmdline_unavailable(&o);
	assert_non_null(list);
	/* SNMP is there unless configure was given --disable-snmp. */
	assert_true(!strstr(list, "SNMP") == !!KA_WITH_SNMP);
	/* -s and -a work: they are not in the list. */
	assert_null(strstr(list, "namespace"));
	assert_null(strstr(list, "log-file"));
	mem_free(&list);
	ka_options_clear(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_facility_and_umask),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_ipvs_record),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_config_test_value),
		cmocka_unit_test(test_optional_value_not_stolen),
		cmocka_unit_test(test_optional_values),
		cmocka_unit_test(test_unexpected),
		cmocka_unit_test(test_genhash),
		cmocka_unit_test(test_usage_lists_every_option),
		cmocka_unit_test(test_unavailable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
