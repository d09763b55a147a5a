/*
 * test_parser_include.c: include and its variants, include_check, -e,
 * cycles and depth, on the fixtures in test/unit/conf/.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf_reader.h"
#include "test_parser_tree.h"

#define D CONF_DIR

static int setup(void **state)
{
	(void)state;
	tp_setup("main", false);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tp_teardown();
	return 0;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

/* A formatted string freed at the next call but three. */
static char *fmt(const char *f, ...)
{
	static char *ring[4];
	static unsigned at;
	va_list ap;

	at = (at + 1) % 4;
	free(ring[at]);
	va_start(ap, f);
	if (vasprintf(&ring[at], f, ap) < 0)
		ring[at] = NULL;
	va_end(ap);
	assert_non_null(ring[at]);
	return ring[at];
}

/*
 * The include tests' dangling link is made at run time, in a folder of its
 * own: "make dist" follows links, so a tarball cannot carry one.
 */
static char dangling_dir[] = "/tmp/ka-test-include.XXXXXX";
static char dangling[sizeof(dangling_dir) + sizeof("/dangling.conf")];

static int make_dangling(void **state)
{
	(void)state;
	if (!mkdtemp(dangling_dir))
		return -1;
	snprintf(dangling, sizeof(dangling), "%s/dangling.conf", dangling_dir);
	return symlink("does-not-exist.conf", dangling);
}

static const char *real_dir(void)
{
	static char buf[PATH_MAX];

	assert_non_null(realpath(D, buf));
	return buf;
}

static void test_relative_includes_and_pwd(void **state)
{
	const char *r = real_dir();

	(void)state;
	assert_int_equal(tp_parse_file(D "/main.conf"), 0);
	assert_string_equal(tp_log(),
			    fmt("root: router_id|main\n"
				"root: plain_top|a|%s/inc\n"
				"root: plain_top|b\n"
				"root: plain_top|one\n"
				"root: plain_top|two|%s/sub\n"
				"root: plain_top|one_after|%s/sub\n"
				"root: plain_top|pwd|%s\n", r, r, r, r));
	assert_string_equal(tp_diags(), "");
}

static void test_diagnostics_name_included_file(void **state)
{
	(void)state;
	tp_parse("include " D "/sub/one.conf\nbogus\n");
	tp_parse("include " D "/inc/b.conf\n"
		 "plain_top x {\n"
		 "include " D "/block/body.conf\n");
	assert_string_equal(tp_diags(),
			    "E test.conf:2: Unexpected '{' after 'plain_top', "
			    "which takes no block - skipping the block\n"
			    "E test.conf:2: Missing '}' at end of "
			    "configuration: '{' block opened at test.conf:2 is "
			    "not closed\n");
	tp_parse("include " D "/cycle/self.conf\n");
	assert_string_equal(tp_diags(),
			    "E " D "/cycle/self.conf:2: Include cycle: '"
			    D "/cycle/self.conf' is already being read - "
			    "skipping\n");
}

static void test_block_spans_files(void **state)
{
	(void)state;
	tp_parse_file(D "/block/outer.conf");
	assert_string_equal(tp_log(), "open vi X\npriority = 3\n"
				      "value: 10.0.0.1\nclose vi X\n");
	assert_string_equal(tp_diags(), "");
}

static void test_glob_and_braces(void **state)
{
	(void)state;
	tp_parse("include " D "/inc/?.conf\n"
		 "include " D "/{inc/a,sub/two}.conf\n"
		 "include " D "/sub/{foo/{,x},tw}*.conf\n"
		 "include '" D "/inc/b.conf'\n");
	assert_string_equal(tp_log_lines("root: plain_top|"),
			    fmt("root: plain_top|a|%s/inc\n"
				"root: plain_top|b\n"
				"root: plain_top|a|%s/inc\n"
				"root: plain_top|two|%s/sub\n"
				"root: plain_top|two|%s/sub\n"
				"root: plain_top|b\n", real_dir(), real_dir(),
				real_dir(), real_dir()));
	assert_string_equal(tp_diags(), "");
}

static void test_plain_include_missing_is_a_note(void **state)
{
	(void)state;
	tp_parse(fmt("include nothere.conf\n"
		     "include nothere*.conf\n"
		     "include {qa,qb}.conf\n"
		     "include " D "/{inc/a,nothere}.conf\n"
		     "include " D "/inc\n"
		     "include %s\n"
		     "include\n", dangling));
	assert_string_equal(tp_diags(), fmt(
			    "N test.conf:1: Config files missing "
			    "'nothere.conf'\n"
			    "N test.conf:3: Config files missing "
			    "'{qa,qb}.conf'\n"
			    "N test.conf:4: Some config files missing: \""
			    D "/{inc/a,nothere}.conf\"\n"
			    "N test.conf:5: Configuration file '" D "/inc/' "
			    "is a directory - skipping\n"
			    "N test.conf:6: Could not open configuration file "
			    "'%s': No such file or directory\n"
			    "E test.conf:7: include: missing file name\n",
			    dangling));
	assert_int_equal(cfg_parser_worst(tp_parser()), CFG_ERROR);
	assert_string_equal(tp_log(), fmt("root: plain_top|a|%s/inc\n",
					  real_dir()));
}

static void test_include_variants(void **state)
{
	(void)state;
	tp_parse(fmt("includer nothere.conf\n"
		     "includer " D "/inc\n"
		     "includer %s\n"
		     "includem nothere.conf\n"
		     "includem nothere*.conf\n"
		     "includem {qa,qb}.conf\n"
		     "includew nothere*.conf\n"
		     "includeb " D "/{inc/a,nothere}.conf\n"
		     "includeb {qa,qb}.conf\n"
		     "includeb x{a,b}*.conf\n"
		     "includea nothere*.conf\n"
		     "includea " D "/inc/b.conf\n", dangling));
	assert_string_equal(tp_diags(), fmt(
			    "N test.conf:1: Config files missing "
			    "'nothere.conf'\n"
			    "E test.conf:2: Configuration file '" D "/inc/' "
			    "is a directory - skipping\n"
			    "E test.conf:3: Could not open configuration file "
			    "'%s': No such file or directory\n"
			    "E test.conf:4: Config files missing "
			    "'nothere.conf'\n"
			    "N test.conf:6: Config files missing "
			    "'{qa,qb}.conf'\n"
			    "E test.conf:7: No config files matched "
			    "'nothere*.conf'\n"
			    "E test.conf:8: Some config files missing: \""
			    D "/{inc/a,nothere}.conf\"\n"
			    "E test.conf:9: Config files missing "
			    "'{qa,qb}.conf'\n"
			    "E test.conf:11: No config files matched "
			    "'nothere*.conf'\n", dangling));
	assert_string_equal(tp_log_lines("root: plain_top|b"),
			    "root: plain_top|b\n");
}

static void test_include_check_levels(void **state)
{
	(void)state;
	tp_parse_file(D "/check/main.conf");
	assert_string_equal(tp_diags(),
			    "E " D "/check/main.conf:4: Config files missing "
			    "'missing1.conf'\n"
			    "E " D "/check/child.conf:1: Config files missing "
			    "'missing2.conf'\n"
			    "N " D "/check/child.conf:5: Config files missing "
			    "'missing2b.conf'\n"
			    "E " D "/check/main.conf:6: Config files missing "
			    "'missing3.conf'\n"
			    "N " D "/check/main.conf:10: Config files missing "
			    "'missing4.conf'\n"
			    "E " D "/check/main.conf:11: Some config files "
			    "missing: \"{missing5,child}.conf\"\n"
			    /* child.conf now starts without "match" */
			    "N " D "/check/child.conf:1: Config files missing "
			    "'missing2.conf'\n"
			    "N " D "/check/child.conf:5: Config files missing "
			    "'missing2b.conf'\n");
}

static void test_include_check_bad_option(void **state)
{
	(void)state;
	tp_parse("global_defs {\n include_check match nonsense\n}\n"
		 "include_check\n");
	assert_string_equal(tp_diags(),
			    "E test.conf:2: include_check: unknown option "
			    "'nonsense'\n"
			    "W test.conf:4: Unknown keyword 'include_check'\n");
}

static void test_all_config(void **state)
{
	(void)state;
	tp_teardown();
	tp_setup("main", true);
	tp_parse("include nothere*.conf\n"
		 "include nothere.conf\n"
		 "include " D "/inc/a.conf\n");
	assert_string_equal(tp_diags(),
			    "E test.conf:1: No config files matched "
			    "'nothere*.conf'\n"
			    "E test.conf:2: Config files missing "
			    "'nothere.conf'\n");
	assert_string_equal(tp_log(), fmt("root: plain_top|a|%s/inc\n",
					  real_dir()));
}

static void test_cycle(void **state)
{
	(void)state;
	tp_parse_file(D "/cycle/c1.conf");
	assert_string_equal(tp_log(), "root: plain_top|c1\n"
				      "root: plain_top|c2\n"
				      "root: plain_top|c2_end\n"
				      "root: plain_top|c1_end\n");
	assert_string_equal(tp_diags(),
			    "E " D "/cycle/c2.conf:2: Include cycle: '" D
			    "/cycle/c1.conf' is already being read - "
			    "skipping\n");
}

static void test_parameters_cross_files(void **state)
{
	(void)state;
	tp_parse_file(D "/uses_defs.conf");
	assert_string_equal(tp_log(), fmt("root: plain_top|from_defs\n"
					  "root: plain_top|ml1|%s\n"
					  "root: plain_top|ml2\n",
					  real_dir()));
}

/* 40 files, each including the next: the chain stops at 32 open. */
static void test_depth_limit(void **state)
{
	char dir[] = "/tmp/test_parser_depthXXXXXX", *path;
	FILE *f;
	int i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 40; i++) {
		path = fmt("%s/f%d.conf", dir, i);
		f = fopen(path, "w");
		assert_non_null(f);
		fprintf(f, "plain_top %d\ninclude f%d.conf\n", i, i + 1);
		fclose(f);
	}
	tp_parse_file(fmt("%s/f0.conf", dir));
	assert_string_equal(tp_log_lines("root: plain_top|31\n"),
			    "root: plain_top|31\n");
	assert_string_equal(tp_log_lines("root: plain_top|32"), "");
	assert_string_equal(tp_diags(),
			    fmt("E %s/f31.conf:2: Includes nested more than "
				"32 deep - not reading '%s/f32.conf'\n", dir,
				dir));
	for (i = 0; i < 40; i++)
		unlink(fmt("%s/f%d.conf", dir, i));
	assert_int_equal(rmdir(dir), 0);
}

static void test_main_file_is_read_as_given(void **state)
{
	char cwd[PATH_MAX];

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(D), 0);
	tp_parse_file("sub/one.conf");
	assert_int_equal(chdir(cwd), 0);
	assert_string_equal(tp_log(),
			    fmt("root: plain_top|one\n"
				"root: plain_top|two|%s/sub\n"
				"root: plain_top|one_after|%s/sub\n",
				real_dir(), real_dir()));
}

/* A device is refused with the place named, and a FIFO nobody writes to
 * reads as empty: neither may hang the parse. */
static void test_devices_and_fifos(void **state)
{
	char dir[] = "/tmp/ka-fifo-XXXXXX";
	char *fifo;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fifo = fmt("%s/f.conf", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	tp_parse(fmt("includer /dev/zero\n"
		     "includer %s\n"
		     "plain_top after\n", fifo));
	assert_string_equal(tp_diags(),
			    "E test.conf:1: Could not open configuration "
			    "file '/dev/zero': not a regular file\n");
	assert_string_equal(tp_log(), "root: plain_top|after\n");
	assert_int_equal(tp_parse_file("/dev/null"), -CONF_ENOTFILE);
	assert_int_equal(unlink(fifo), 0);
	assert_int_equal(rmdir(dir), 0);
}

static int cleanup(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 4; i++)
		fmt("%s", "");
	if (dangling[0]) {
		unlink(dangling);
		rmdir(dangling_dir);
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_relative_includes_and_pwd),
		T(test_diagnostics_name_included_file),
		T(test_block_spans_files),
		T(test_glob_and_braces),
		T(test_plain_include_missing_is_a_note),
		T(test_include_variants),
		T(test_include_check_levels),
		T(test_include_check_bad_option),
		T(test_all_config),
		T(test_cycle),
		T(test_parameters_cross_files),
		T(test_depth_limit),
		T(test_main_file_is_read_as_given),
		T(test_devices_and_fifos),
#undef T
	};

	return cmocka_run_group_tests(tests, make_dangling, cleanup);
}
