/*
 * test_config_test.c: "-t": the exit status for each severity, the form
 * of each line, and whole runs over sample files, including the VRRP and
 * checker blocks that are reported as not supported yet.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config_test.h"
#include "memory.h"
#include "test_core_util.h"

#define CONF(name) CORE_TEST_CONF_DIR "/" name

static void test_exit_status(void **state)
{
	(void)state;
	assert_int_equal(config_test_exit_status(CFG_OK), 0);
	assert_int_equal(config_test_exit_status(CFG_NOTE), 0);
	assert_int_equal(config_test_exit_status(CFG_WARNING), 5);
	assert_int_equal(config_test_exit_status(CFG_ERROR), 5);
	assert_int_equal(config_test_exit_status(CFG_FATAL), 5);
	assert_int_equal(config_test_exit_status(CFG_SECURITY), 6);
}

static char *print_one(const char *file, unsigned line, const char *msg)
{
	struct cfg_diag d = { CFG_ERROR, file, line, msg };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	config_test_print(f, &d);
	fclose(f);
	return text;
}

static void test_print_form(void **state)
{
	char *t;

	(void)state;
	t = print_one("/etc/k.conf", 12, "Unknown keyword 'x'");
	assert_string_equal(t, "(/etc/k.conf: Line 12) Unknown keyword 'x'\n");
	free(t);
	t = print_one("/etc/k.conf", 0, "cannot open");
	assert_string_equal(t, "(/etc/k.conf) cannot open\n");
	free(t);
	t = print_one(NULL, 0, "plain");
	assert_string_equal(t, "plain\n");
	free(t);
}

static bool no_if(const char *name, void *ctx)
{
	(void)name;
	(void)ctx;
	return false;
}

static int no_user(const char *name, uid_t *uid, void *ctx)
{
	(void)name;
	(void)uid;
	(void)ctx;
	return -ENOENT;
}

static bool no_group(const char *name, void *ctx)
{
	(void)name;
	(void)ctx;
	return false;
}

static int no_file(const char *path, struct stat *st, void *ctx)
{
	(void)path;
	(void)st;
	(void)ctx;
	return -ENOENT;
}

static const struct config_check_env empty_env = {
	no_if, no_user, no_group, no_file, 4, NULL
};

/* Runs -t on "conf" with the log going to a temporary file; returns the
 * status and the log's text (caller frees). */
static int run(const char *conf, char **log)
{
	char path[] = "/tmp/test_config_test.XXXXXX";
	int fd = mkstemp(path);
	struct ka_options o;
	char *err = NULL, *arg = mem_asprintf("--config-test=%s", path);
	char *argv[] = { "keepalived", "-f", (char *)conf, arg, NULL };
	FILE *f;
	long n;
	int status;

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(cmdline_parse(4, argv, &o, &err), 0);
	status = config_test_run(&o, &empty_env);
	ka_options_clear(&o);
	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	*log = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(*log, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	mem_free(&arg);
	return status;
}

static void test_clean(void **state)
{
	char *log;

	(void)state;
	assert_int_equal(run(CONF("clean.conf"), &log), 0);
	assert_string_equal(log, "");
	free(log);
}

static void test_errors(void **state)
{
	char *log, *expect;

	(void)state;
	assert_int_equal(run(CONF("errors.conf"), &log), 5);
	expect = mem_asprintf("(%s: Line 3) ", CONF("errors.conf"));
	assert_non_null(strstr(log, expect));
	mem_free(&expect);
	expect = mem_asprintf("(%s: Line 4) ", CONF("errors.conf"));
	assert_non_null(strstr(log, expect));
	mem_free(&expect);
	assert_non_null(strstr(log, "no_such_keyword"));
	free(log);
}

static void test_unsupported_blocks(void **state)
{
	char *log, *expect;

	(void)state;
	assert_int_equal(run(CONF("unsupported.conf"), &log), 5);
	assert_null(strstr(log, "Unknown keyword"));
	assert_non_null(strstr(log, "interface_up_down_delays"));
	assert_non_null(strstr(log, "garp_group"));
	assert_non_null(strstr(log, "bfd_instance"));
	assert_non_null(strstr(log, "not supported"));
	/* Skipped as blocks: nothing inside them is reported. */
	assert_null(strstr(log, "real_server"));
	assert_null(strstr(log, "VI_1"));
	assert_null(strstr(log, "eth0"));
	expect = mem_asprintf("(%s: Line 7) ", CONF("unsupported.conf"));
	assert_non_null(strstr(log, expect));
	mem_free(&expect);
	free(log);
}

/* Unlike keepalived 2.2.7 (which exits 0), a missing file fails. */
static void test_missing_file(void **state)
{
	char *log;

	(void)state;
	assert_int_equal(run(CONF("no-such-file.conf"), &log), 5);
	assert_non_null(strstr(log, "no-such-file.conf"));
	free(log);
}

static void test_log_file_unwritable(void **state)
{
	struct ka_options o;
	char *err = NULL;
	char *argv[] = { "keepalived", "-f", CONF("clean.conf"),
			 "-t/nonexistent-dir/log", NULL };

	(void)state;
	assert_int_equal(cmdline_parse(4, argv, &o, &err), 0);
	assert_int_equal(config_test_run(&o, &empty_env), 5);
	ka_options_clear(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exit_status),
		cmocka_unit_test(test_print_form),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_unsupported_blocks),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_log_file_unwritable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
