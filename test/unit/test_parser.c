/*
 * test_parser.c: blocks, keywords and their diagnostics.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "conf_buf.h"
#include "memory.h"
#include "test_parser_tree.h"

static int setup(void **state)
{
	(void)state;
	tp_setup(NULL, false);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tp_teardown();
	return 0;
}

static void test_block_on_same_and_next_line(void **state)
{
	(void)state;
	tp_parse("global_defs {\n"
		 "  router_id a\n"
		 "}\n"
		 "global_defs\n"
		 "{\n"
		 "  router_id b\n"
		 "}\n"
		 "global_defs\n"
		 "\n"
		 "# a comment between\n"
		 "{ router_id c }\n"
		 "global_defs {router_id d}\n");
	assert_string_equal(tp_log(), "root: router_id|a\n"
				      "root: router_id|b\n"
				      "root: router_id|c\n"
				      "root: router_id|d\n");
	assert_string_equal(tp_diags(), "");
	assert_int_equal(cfg_parser_worst(tp_parser()), CFG_OK);
}

static void test_comments(void **state)
{
	(void)state;
	tp_parse("# whole line\n"
		 "! whole line too\n"
		 "global_defs { # after a brace\n"
		 "  router_id a#b\n"
		 "  router_id c!d\n"
		 "  router_id \"x # y ! z\" 'p#q'\n"
		 "  router_id \"esc \\\" # still\" quoted # gone\n"
		 "}\n");
	assert_string_equal(tp_log(),
			    "root: router_id|a\n"
			    "root: router_id|c\n"
			    "root: router_id|<x # y ! z>|<p#q>\n"
			    "root: router_id|<esc \" # still>|quoted\n");
	assert_string_equal(tp_diags(), "");
}

static void test_rest_of_line_after_close(void **state)
{
	(void)state;
	tp_parse("global_defs { router_id a } plain_top x { y\n"
		 "}\n");
	assert_string_equal(tp_log(), "root: router_id|a\n"
				      "root: plain_top|x\n");
	assert_string_equal(tp_diags(),
			    "E test.conf:1: Unexpected '{' after 'plain_top', "
			    "which takes no block - skipping the block\n");
}

static void test_nesting_two_levels(void **state)
{
	(void)state;
	tp_parse("global_defs {\n"
		 " level1 {\n"
		 "  leaf 1\n"
		 "  level2 { leaf 2 }\n"
		 "  level2\n"
		 "  {\n"
		 "   leaf 3\n"
		 "  }\n"
		 "  leaf 4\n"
		 " }\n"
		 " router_id r\n"
		 "}\n");
	assert_string_equal(tp_log(), "root: leaf|1\nroot: leaf|2\n"
				      "root: leaf|3\nroot: leaf|4\n"
				      "root: router_id|r\n");
	assert_string_equal(tp_diags(), "");
}

static void test_value_block_and_object(void **state)
{
	(void)state;
	tp_parse("vrrp_instance VI_1 {\n"
		 "  virtual_ipaddress { 10.0.0.1 }\n"
		 "  virtual_ipaddress {\n"
		 "    10.0.0.2/24 dev eth0\n"
		 "    \"quoted\"\n"
		 "  }\n"
		 "  priority 100\n"
		 "}\n");
	assert_string_equal(tp_log(), "open vi VI_1\n"
				      "value: 10.0.0.1\n"
				      "value: 10.0.0.2/24|dev|eth0\n"
				      "value: <quoted>\n"
				      "priority = 100\n"
				      "close vi VI_1\n");
	assert_string_equal(tp_diags(), "");
}

static void test_unknown_keyword_block_skipped(void **state)
{
	(void)state;
	tp_parse("bogus_top {\n"
		 "  a b\n"
		 "  inner { x }\n"
		 "}\n"
		 "global_defs {\n"
		 "  foo_bar 1\n"
		 "  other\n"
		 "  {\n"
		 "    router_id skipped\n"
		 "  }\n"
		 "  router_id kept\n"
		 "}\n");
	assert_string_equal(tp_log(), "root: router_id|kept\n");
	assert_string_equal(tp_diags(),
			    "W test.conf:1: Unknown keyword 'bogus_top'\n"
			    "W test.conf:6: Unknown keyword 'foo_bar'\n"
			    "W test.conf:7: Unknown keyword 'other'\n");
	assert_int_equal(cfg_parser_worst(tp_parser()), CFG_WARNING);
}

static void test_unsupported_and_deprecated(void **state)
{
	(void)state;
	tp_parse("global_defs {\n"
		 "  unsupported_kw x {\n"
		 "    router_id no\n"
		 "  }\n"
		 "  unsupported_kw y\n"
		 "  deprecated_kw z\n"
		 "}\n");
	assert_string_equal(tp_log(), "root: deprecated_kw|z\n");
	assert_string_equal(tp_diags(),
			    "W test.conf:2: Keyword 'unsupported_kw' is not "
			    "supported yet - ignoring\n"
			    "W test.conf:5: Keyword 'unsupported_kw' is not "
			    "supported yet - ignoring\n"
			    "W test.conf:6: Keyword 'deprecated_kw' is "
			    "deprecated\n");
}

static void test_ignored_table(void **state)
{
	(void)state;
	tp_parse("virtual_server 10.0.0.1 80 {\n"
		 "  real_server 1.2.3.4 80 {\n"
		 "    weight 1 { }\n"
		 "  }\n"
		 "}\n"
		 "plain_top shadow\n");
	assert_string_equal(tp_log(), "root: plain_top|shadow\n");
	assert_string_equal(tp_diags(), "");
	assert_int_equal(cfg_parser_worst(tp_parser()), CFG_OK);
}

static void test_missing_close(void **state)
{
	(void)state;
	tp_parse("global_defs {\n"
		 "  router_id a\n"
		 "}\n"
		 "vrrp_instance VI_9 {\n"
		 "  priority 5\n"
		 "  virtual_ipaddress {\n"
		 "    1.1.1.1\n");
	assert_string_equal(tp_log(), "root: router_id|a\n"
				      "open vi VI_9\npriority = 5\n"
				      "value: 1.1.1.1\nclose vi VI_9\n");
	assert_string_equal(tp_diags(),
			    "E test.conf:6: Missing '}' at end of "
			    "configuration: 'virtual_ipaddress' block opened "
			    "at test.conf:6 is not closed\n"
			    "E test.conf:4: Missing '}' at end of "
			    "configuration: 'vrrp_instance' block opened at "
			    "test.conf:4 is not closed\n");
	assert_int_equal(cfg_parser_worst(tp_parser()), CFG_ERROR);
}

static void test_extra_close(void **state)
{
	(void)state;
	tp_parse("global_defs {\n"
		 "}\n"
		 "}\n"
		 "plain_top after\n");
	assert_string_equal(tp_log(), "root: plain_top|after\n");
	assert_string_equal(tp_diags(), "E test.conf:3: Extra '}' found\n");
}

static void test_block_keyword_without_brace(void **state)
{
	(void)state;
	tp_parse("global_defs\n"
		 "plain_top x\n"
		 "global_defs {\n"
		 "  level1\n"
		 "  router_id y\n"
		 "}\n");
	assert_string_equal(tp_log(), "root: plain_top|x\n"
				      "root: router_id|y\n");
	assert_string_equal(tp_diags(),
			    "E test.conf:1: Missing '{' after block keyword "
			    "'global_defs'\n"
			    "E test.conf:4: Missing '{' after block keyword "
			    "'level1'\n");
}

static void test_block_keyword_at_end_of_input(void **state)
{
	(void)state;
	tp_parse("global_defs {\n level1\n}\nvrrp_instance X");
	assert_string_equal(tp_diags(),
			    "E test.conf:2: Missing '{' after block keyword "
			    "'level1'\n"
			    "E test.conf:4: Missing '{' after block keyword "
			    "'vrrp_instance'\n");
}

static void test_optional_block(void **state)
{
	(void)state;
	tp_parse("global_defs {\n"
		 "  optional a\n"
		 "  optional b {\n"
		 "    leaf in\n"
		 "  }\n"
		 "  optional c\n"
		 "}\n");
	assert_string_equal(tp_log(), "root: optional|a\n"
				      "root: leaf|in\n"
				      "root: optional|c\n");
	assert_string_equal(tp_diags(), "");
}

static void test_brace_after_plain_keyword(void **state)
{
	(void)state;
	tp_parse("global_defs {\n"
		 "  router_id a\n"
		 "  {\n"
		 "    router_id skipped\n"
		 "  }\n"
		 "  router_id b { router_id c }\n"
		 "  { }\n"
		 "}\n");
	assert_string_equal(tp_log(), "root: router_id|a\nroot: router_id|b\n");
	assert_string_equal(tp_diags(),
			    "E test.conf:3: Unexpected '{' after 'router_id', "
			    "which takes no block - skipping the block\n"
			    "E test.conf:6: Unexpected '{' after 'router_id', "
			    "which takes no block - skipping the block\n"
			    "E test.conf:7: Unexpected '{' - skipping the "
			    "block\n");
}

static void test_open_refuses_block(void **state)
{
	(void)state;
	tp_parse("vrrp_instance {\n"
		 "  priority 1\n"
		 "}\n"
		 "vrrp_instance V {\n"
		 "  track { eth0 { x } }\n"
		 "  priority 2\n"
		 "}\n");
	assert_string_equal(tp_log(), "open vi V\n"
				      "refused: track\n"
				      "priority = 2\n"
				      "close vi V\n");
	assert_string_equal(tp_diags(),
			    "E test.conf:1: vrrp_instance: missing name\n");
}

static void test_quoted_brace_is_a_word(void **state)
{
	(void)state;
	tp_parse("global_defs { router_id \"{\" '}' }\n");
	assert_string_equal(tp_log(), "root: router_id|<{>|<}>\n");
	assert_string_equal(tp_diags(), "");
}

static void test_quoting(void **state)
{
	(void)state;
	tp_parse("plain_top abcd\" efg h jkl \"mnop\n"
		 "plain_top abcd \"efg h jkl\" mnop\n"
		 "plain_top '' \"\" 'a\"b' \"c'd\"\n");
	assert_string_equal(tp_log(),
			    "root: plain_top|<abcd efg h jkl mnop>\n"
			    "root: plain_top|abcd|<efg h jkl>|mnop\n"
			    "root: plain_top|<>|<>|<a\"b>|<c'd>\n");
}

static void test_deep_nesting_bounded(void **state)
{
	struct conf_buf b = { 0 };
	int i;

	(void)state;
	conf_buf_adds(&b, "global_defs {\nbogus {\n");
	for (i = 0; i < 300; i++)
		conf_buf_adds(&b, "x {\n");
	for (i = 0; i < 301; i++)
		conf_buf_adds(&b, "}\n");
	conf_buf_adds(&b, "router_id end\n}\nplain_top ok\n");
	tp_parse(b.s);
	conf_buf_clear(&b);
	assert_string_equal(tp_log(), "root: router_id|end\n"
				      "root: plain_top|ok\n");
	assert_string_equal(tp_diags(), "W test.conf:2: Unknown keyword "
					"'bogus'\n"
					"E test.conf:257: Blocks nested more "
					"than 256 deep - skipping\n");
}

static void test_deep_nesting_unclosed(void **state)
{
	struct conf_buf b = { 0 };
	int i;

	(void)state;
	for (i = 0; i < 1000; i++)
		conf_buf_adds(&b, "{");
	tp_parse(b.s);
	conf_buf_clear(&b);
	assert_non_null(strstr(tp_diags(), "E test.conf:1: Unexpected '{'"));
	assert_non_null(strstr(tp_diags(), "blocks nested too deep"));
	assert_int_equal(cfg_parser_worst(tp_parser()), CFG_ERROR);
}

static void test_long_word_and_line(void **state)
{
	size_t n = 2 * 1024 * 1024;
	char *text = mem_zalloc(n + 64);
	const char *log;

	(void)state;
	strcpy(text, "plain_top ");
	memset(text + 10, 'w', 200000);
	strcpy(text + 200010, "\nplain_top ");
	memset(text + strlen(text), 'x', n - 300000);
	strcat(text, "\nplain_top short\n");
	tp_parse(text);
	mem_free(&text);
	log = tp_log();
	assert_int_equal(strlen(log), 6 + 10 + 200000 + 1 + 22);
	assert_non_null(strstr(log, "root: plain_top|short\n"));
	assert_string_equal(tp_diags(), "E test.conf:2: Line longer than "
					"1048576 bytes - ignoring\n");
}

static void test_main_file_missing(void **state)
{
	(void)state;
	assert_int_equal(tp_parse_file("/nonexistent/keepalived.conf"),
			 -ENOENT);
	assert_string_equal(tp_diags(), "F /nonexistent/keepalived.conf:0: "
					"Could not open configuration file "
					"'/nonexistent/keepalived.conf': No "
					"such file or directory\n");
	assert_int_equal(cfg_parser_worst(tp_parser()), CFG_FATAL);
	assert_int_equal(tp_parse_file("/"), -EISDIR);
}

static void add_path(const char *path, const struct cfg_keyword *kw,
		     void *ctx)
{
	(void)kw;
	conf_buf_adds(ctx, path);
	conf_buf_addc(ctx, '\n');
}

static void test_each_keyword(void **state)
{
	struct conf_buf b = { 0 };

	(void)state;
	cfg_parser_each_keyword(tp_parser(), add_path, &b);
	assert_string_equal(b.s,
			    "global_defs\n"
			    "global_defs.router_id\n"
			    "global_defs.deprecated_kw\n"
			    "global_defs.unsupported_kw\n"
			    "global_defs.notification_email\n"
			    "global_defs.level1\n"
			    "global_defs.level1.leaf\n"
			    "global_defs.level1.level2\n"
			    "global_defs.level1.level2.leaf\n"
			    "global_defs.optional\n"
			    "global_defs.optional.leaf\n"
			    "vrrp_instance\n"
			    "vrrp_instance.priority\n"
			    "vrrp_instance.advert_int\n"
			    "vrrp_instance.nopreempt\n"
			    "vrrp_instance.weight\n"
			    "vrrp_instance.script\n"
			    "vrrp_instance.name\n"
			    "vrrp_instance.args\n"
			    "vrrp_instance.virtual_ipaddress\n"
			    "vrrp_instance.track\n"
			    "plain_top\n"
			    "virtual_server\n");
	conf_buf_clear(&b);
}

static void test_report_at_and_worst(void **state)
{
	(void)state;
	cfg_report_at(tp_parser(), CFG_NOTE, "x.conf", 3, "a %s", "note");
	assert_int_equal(cfg_parser_worst(tp_parser()), CFG_OK);
	cfg_report_at(tp_parser(), CFG_SECURITY, NULL, 0, "bad %d", 1);
	assert_int_equal(cfg_parser_worst(tp_parser()), CFG_SECURITY);
	assert_string_equal(tp_diags(), "N x.conf:3: a note\nS -:0: bad 1\n");
}

static void test_reparse_starts_clean(void **state)
{
	(void)state;
	tp_parse("global_defs {\n$X=1\n");
	tp_parse("plain_top $X\n");
	assert_string_equal(tp_log(), "root: plain_top|$X\n");
	assert_string_equal(tp_diags(), "");
}

static void test_no_leak(void **state)
{
	long before = mem_live_count();
	struct cfg_parser *p;
	struct cfg_parser_opts o = { .config_id = "x" };

	(void)state;
	p = cfg_parser_new(&o);
	cfg_parse_file(p, CONF_DIR "/main.conf");
	cfg_parse_string(p, "s", "a { b { c\n$A=${A}x\n~SEQ(i,3) $A\n"
			 "include " CONF_DIR "/inc/*.conf\n");
	cfg_parser_free(&p);
	assert_null(p);
	cfg_parser_free(&p);
	cfg_parser_free(NULL);
	assert_int_equal(mem_live_count(), before);
}

static void test_no_leak_with_tree(void **state)
{
	long before;

	(void)state;
	tp_teardown();
	before = mem_live_count();
	tp_setup(NULL, false);
	tp_parse_file(CONF_DIR "/main.conf");
	tp_parse("vrrp_instance A {\n vrrp_instance B {\n optional {\n");
	tp_teardown();
	assert_int_equal(mem_live_count(), before);
	tp_setup(NULL, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_block_on_same_and_next_line),
		T(test_comments),
		T(test_rest_of_line_after_close),
		T(test_nesting_two_levels),
		T(test_value_block_and_object),
		T(test_unknown_keyword_block_skipped),
		T(test_unsupported_and_deprecated),
		T(test_ignored_table),
		T(test_missing_close),
		T(test_extra_close),
		T(test_block_keyword_without_brace),
		T(test_block_keyword_at_end_of_input),
		T(test_optional_block),
		T(test_brace_after_plain_keyword),
		T(test_open_refuses_block),
		T(test_quoted_brace_is_a_word),
		T(test_quoting),
		T(test_deep_nesting_bounded),
		T(test_deep_nesting_unclosed),
		T(test_long_word_and_line),
		T(test_main_file_missing),
		T(test_each_keyword),
		T(test_report_at_and_worst),
		T(test_reparse_starts_clean),
		T(test_no_leak),
		T(test_no_leak_with_tree),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
