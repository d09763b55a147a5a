/*
 * test_parser_expand.c: conditional lines, $PARAMETERS, ~SEQ and ~LST
 * through the whole parser, with the examples of keepalived.conf(5).
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf_buf.h"
#include "conf_parser.h"
#include "test_parser_tree.h"

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

static const char conditional[] =
	"global_defs {\n"
	"    @main   router_id main_router\n"
	"    @backup router_id backup_router\n"
	"}\n"
	"vrrp_instance VRRP {\n"
	"    @main    name 1.2.3.4\n"
	"    @backup  name 1.2.3.5\n"
	"    @backup2 name 1.2.3.6\n"
	"    virtual_ipaddress {\n"
	"        @^main    1.2.3.4\n"
	"        @^backup  1.2.3.5\n"
	"        @^backup2 1.2.3.6\n"
	"    }\n"
	"}\n";

static void test_conditional_main(void **state)
{
	(void)state;
	tp_parse(conditional);
	assert_string_equal(tp_log(), "root: router_id|main_router\n"
				      "open vi VRRP\n"
				      "name = [1.2.3.4]\n"
				      "value: 1.2.3.5\n"
				      "value: 1.2.3.6\n"
				      "close vi VRRP\n");
	assert_string_equal(tp_diags(), "");
}

static void test_conditional_other_ids(void **state)
{
	(void)state;
	tp_teardown();
	tp_setup("backup", false);
	tp_parse(conditional);
	assert_string_equal(tp_log(), "root: router_id|backup_router\n"
				      "open vi VRRP\n"
				      "name = [1.2.3.5]\n"
				      "value: 1.2.3.4\n"
				      "value: 1.2.3.6\n"
				      "close vi VRRP\n");
	tp_teardown();
	tp_setup("other", false);
	tp_parse(conditional);
	assert_string_equal(tp_log(), "open vi VRRP\n"
				      "value: 1.2.3.4\n"
				      "value: 1.2.3.5\n"
				      "value: 1.2.3.6\n"
				      "close vi VRRP\n");
}

static void test_conditional_definition(void **state)
{
	static const char text[] =
		"@main $PRIORITY=240\n"
		"@backup $PRIORITY=200\n"
		"vrrp_instance VI_0 {\n"
		"    priority $PRIORITY\n"
		"}\n";

	(void)state;
	tp_parse(text);
	assert_string_equal(tp_log_lines("priority"), "priority = 240\n");
	tp_teardown();
	tp_setup("backup", false);
	tp_parse(text);
	assert_string_equal(tp_log_lines("priority"), "priority = 200\n");
	assert_string_equal(tp_diags(), "");
}

static void test_conditional_after_substitution(void **state)
{
	static const char text[] =
		"$IF_MAIN=@main\n"
		"$IF_MAIN plain_top 240\n"
		"$IF_NOT=@^main\n"
		"$IF_NOT plain_top 241\n";

	(void)state;
	tp_parse(text);
	assert_string_equal(tp_log(), "root: plain_top|240\n");
	tp_teardown();
	tp_setup("backup", false);
	tp_parse(text);
	assert_string_equal(tp_log(), "root: plain_top|241\n");
}

static void test_definitions(void **state)
{
	(void)state;
	tp_parse("$A=one\n"
		 "$EMPTY=\n"
		 "$Q=\"x y\"\n"
		 "plain_top $A ${A}two $A. [$EMPTY] ${EMPTY}z $Q\n"
		 "$A=redefined\n"
		 "plain_top $A \"${UNDEF}\" $UNDEF \"/bin/sh -c 'echo $HOME'\"\n"
		 "  $B=indented\n"
		 "plain_top $B\n");
	assert_string_equal(tp_log(),
			    "root: plain_top|one|onetwo|$A.|[$EMPTY]|z|<x y>\n"
			    "root: plain_top|redefined|<${UNDEF}>|$UNDEF|"
			    "</bin/sh -c 'echo $HOME'>\n"
			    "root: plain_top|indented\n");
	assert_string_equal(tp_diags(), "");
}

static void test_substitution_at_use_time(void **state)
{
	(void)state;
	tp_parse("$ADDRESS_BASE=10.2.${ADDRESS_BASE_SUB}\n"
		 "$ADDRESS_BASE_SUB=0\n"
		 "plain_top ${ADDRESS_BASE}.100/32\n"
		 "$ADDRESS_BASE_SUB=10\n"
		 "plain_top ${ADDRESS_BASE}.100/32\n");
	assert_string_equal(tp_log(), "root: plain_top|10.2.0.100/32\n"
				      "root: plain_top|10.2.10.100/32\n");
}

static void test_multiline_definition(void **state)
{
	(void)state;
	tp_parse("$INSTANCE= \\\n"
		 "vrrp_instance VI_${NUM} { \\\n"
		 "    name eth0.${NUM} \\\n"
		 "\n"
		 "    # a comment line does not end it \\\n"
		 "    @high priority 130 \\\n"
		 "    @main priority 120 \\\n"
		 "    virtual_ipaddress { \\\n"
		 "        10.0.${NUM}.254/24 \\\n"
		 "    } \\\n"
		 "}\n"
		 "\n"
		 "$NUM=0\n"
		 "$INSTANCE\n"
		 "$NUM=1\n"
		 "$INSTANCE\n");
	assert_string_equal(tp_log(), "open vi VI_0\n"
				      "name = [eth0.0]\n"
				      "priority = 120\n"
				      "value: 10.0.0.254/24\n"
				      "close vi VI_0\n"
				      "open vi VI_1\n"
				      "name = [eth0.1]\n"
				      "priority = 120\n"
				      "value: 10.0.1.254/24\n"
				      "close vi VI_1\n");
	assert_string_equal(tp_diags(), "");
}

/* The $VS/$RS example of the man page, on this test's keywords. */
static void test_nested_multiline(void **state)
{
	char cwd[PATH_MAX], *expected;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	tp_parse("$RS= \\\n"
		 "script rs 192.168.${VS_NUM}.${RS_NUM} \\\n"
		 "virtual_ipaddress { \\\n"
		 "    \"${_PWD}/vs.sh ${INST}.${VS_NUM}.${RS_NUM}\" \\\n"
		 "} \\\n"
		 "\n"
		 "name ${ALPHA}\n"
		 "$VS= \\\n"
		 "vrrp_instance 10.0.${VS_NUM}.4 { \\\n"
		 "    $RS_NUM=1 \\\n"
		 "    $RS \\\n"
		 "    $RS_NUM=2 \\\n"
		 "    $RS \\\n"
		 "}\n"
		 "$INST=i\n"
		 "$VS_NUM=0\n"
		 "$ALPHA=alpha\n"
		 "$VS\n"
		 "$VS_NUM=1\n"
		 "$ALPHA=\n"
		 "$VS\n");
	/* an empty parameter leaves "name" without its argument */
	assert_string_equal(tp_diags(), "E test.conf:21: name: missing "
					"argument\n"
					"E test.conf:21: name: missing "
					"argument\n");
	expected = NULL;
	assert_true(asprintf(&expected,
		"open vi 10.0.0.4\n"
		"script = [rs 192.168.0.1]\n"
		"value: <%s/vs.sh i.0.1>\n"
		"name = [alpha]\n"
		"script = [rs 192.168.0.2]\n"
		"value: <%s/vs.sh i.0.2>\n"
		"name = [alpha]\n"
		"close vi 10.0.0.4\n"
		"open vi 10.0.1.4\n"
		"script = [rs 192.168.1.1]\n"
		"value: <%s/vs.sh i.1.1>\n"
		"name = [(null)]\n"
		"script = [rs 192.168.1.2]\n"
		"value: <%s/vs.sh i.1.2>\n"
		"name = [(null)]\n"
		"close vi 10.0.1.4\n", cwd, cwd, cwd, cwd) > 0);
	assert_string_equal(tp_log(), expected);
	free(expected);
}

static void test_multiline_under_false_condition(void **state)
{
	(void)state;
	tp_parse("@backup $ML= \\\n"
		 "  plain_top a1 \\\n"
		 "  plain_top a2\n"
		 "plain_top after\n"
		 "plain_top [$ML]\n");
	assert_string_equal(tp_log(), "root: plain_top|after\n"
				      "root: plain_top|[$ML]\n");
	assert_string_equal(tp_diags(), "");
}

static void test_multiline_at_end_of_input(void **state)
{
	(void)state;
	tp_parse("$ML= \\\n  plain_top a1 \\\n");
	tp_parse("$ML= \\\n  plain_top a1 \\\n\n\nplain_top a2\n$ML\n");
	assert_string_equal(tp_log(), "root: plain_top|a1\n"
				      "root: plain_top|a2\n");
}

static void test_multiline_line_numbers(void **state)
{
	(void)state;
	tp_parse("$ML= \\\n"
		 "  plain_top ok \\\n"
		 "  bogus_kw\n"
		 "\n"
		 "$ML\n");
	assert_string_equal(tp_diags(),
			    "W test.conf:5: Unknown keyword 'bogus_kw'\n");
}

static void test_recursive_parameter(void **state)
{
	(void)state;
	tp_parse("$A=${A}x\n"
		 "plain_top before\n"
		 "plain_top k$A\n"
		 "plain_top after\n");
	assert_string_equal(tp_log(), "root: plain_top|before\n"
				      "root: plain_top|after\n");
	assert_string_equal(tp_diags(),
			    "E test.conf:3: Too many parameter substitutions "
			    "(more than 1000) - recursive parameter "
			    "definition?\n");
}

static void test_recursive_multiline_parameter(void **state)
{
	(void)state;
	tp_parse("$M= \\\n"
		 "plain_top m \\\n"
		 "$M\n"
		 "$M\n"
		 "plain_top after\n");
	assert_string_equal(tp_log_lines("root: plain_top|after"),
			    "root: plain_top|after\n");
	assert_string_equal(tp_diags(), "E test.conf:4: Parameters or "
					"~SEQ/~LST nested more than 64 deep - "
					"ignoring\n");
}

static void test_exponential_expansion_bounded(void **state)
{
	(void)state;
	/* the default bound is too slow for a sanitized unit test */
	tp_parser()->expand_max = 100000;
	tp_parse("$M= \\\n"
		 "$Z=1 \\\n"
		 "$M \\\n"
		 "$M\n"
		 "$M\n"
		 "plain_top after\n");
	assert_string_equal(tp_log(), "root: plain_top|after\n");
	assert_string_equal(tp_diags(), "E test.conf:5: Parameters or "
					"~SEQ/~LST nested more than 64 deep - "
					"ignoring\n"
					"E test.conf:5: More than 100000 "
					"lines made by expansion - ignoring "
					"the rest\n");
}

static void test_predefined(void **state)
{
	char cwd[PATH_MAX], *expected = NULL;
	int i;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	tp_parse("plain_top ${_PWD} $_INSTANCE x${_HASH}y ${_BANG}\n");
	assert_true(asprintf(&expected, "root: plain_top|%s|main|x#y|!\n",
			     cwd) > 0);
	assert_string_equal(tp_log(), expected);
	free(expected);
	for (i = 0; i < 50; i++) {
		unsigned long a, b, c;
		const char *log;

		tp_parse("plain_top ${_RANDOM} ${_RANDOM 10} "
			 "${_RANDOM 100 102}\n");
		log = tp_log();
		assert_int_equal(sscanf(log, "root: plain_top|%lu|%lu|%lu",
					&a, &b, &c), 3);
		assert_true(a <= 32767);
		assert_true(b >= 10 && b <= 32767);
		assert_true(c >= 100 && c <= 102);
	}
	assert_string_equal(tp_diags(), "");
}

static void test_default_config_id(void **state)
{
	char id[256], *text = NULL, *expected = NULL;

	(void)state;
	tp_teardown();
	tp_setup("", false);
	tp_parse("@ plain_top empty_id\n");
	assert_string_equal(tp_log(), "root: plain_top|empty_id\n");
	tp_teardown();
	/* no -i: the node name before its first '.' */
	tp_setup(NULL, false);
	assert_int_equal(gethostname(id, sizeof(id)), 0);
	id[strcspn(id, ".")] = '\0';
	assert_true(asprintf(&text, "@%s plain_top yes ${_INSTANCE}\n"
			     "@^%s plain_top no\n", id, id) > 0);
	assert_true(asprintf(&expected, "root: plain_top|yes|%s\n", id) > 0);
	tp_parse(text);
	assert_string_equal(tp_log(), expected);
	free(text);
	free(expected);
}

static void test_include_not_seen_after_substitution(void **state)
{
	(void)state;
	tp_parse("$INC=include x.conf\n"
		 "$INC\n"
		 "@main include y.conf\n");
	assert_string_equal(tp_diags(),
			    "W test.conf:2: Unknown keyword 'include'\n"
			    "W test.conf:3: Unknown keyword 'include'\n");
}

static void test_seq_man_examples(void **state)
{
	(void)state;
	tp_parse("~SEQ(SUBNET, 0, 3) plain_top ip_address 10.0.${SUBNET}.1\n"
		 "~SEQx(SUBNETA, 144, 16, 192) plain_top fe80::20:${SUBNETA}:1\n"
		 "~SEQx(SUBNETB, 0x90, 0x10, 0xc0) plain_top "
		 "fe80::20:${SUBNETB}:1\n");
	assert_string_equal(tp_log(),
			    "root: plain_top|ip_address|10.0.0.1\n"
			    "root: plain_top|ip_address|10.0.1.1\n"
			    "root: plain_top|ip_address|10.0.2.1\n"
			    "root: plain_top|ip_address|10.0.3.1\n"
			    "root: plain_top|fe80::20:90:1\n"
			    "root: plain_top|fe80::20:a0:1\n"
			    "root: plain_top|fe80::20:b0:1\n"
			    "root: plain_top|fe80::20:c0:1\n"
			    "root: plain_top|fe80::20:90:1\n"
			    "root: plain_top|fe80::20:a0:1\n"
			    "root: plain_top|fe80::20:b0:1\n"
			    "root: plain_top|fe80::20:c0:1\n");
	assert_string_equal(tp_diags(), "");
}

static void test_seq_omitted_and_negative(void **state)
{
	(void)state;
	tp_parse("~SEQ(i, 3) plain_top a${i}\n"
		 "~SEQ(j, -2) plain_top b${j}\n"
		 "~SEQ(k, 0) plain_top c${k}\n"
		 "~SEQ(l, 3, 1) plain_top d${l}\n"
		 "~SEQ(m, 4, -2, -1) plain_top e${m}\n");
	assert_string_equal(tp_log(),
			    "root: plain_top|a1\nroot: plain_top|a2\n"
			    "root: plain_top|a3\n"
			    "root: plain_top|b-1\nroot: plain_top|b-2\n"
			    "root: plain_top|c1\nroot: plain_top|c0\n"
			    "root: plain_top|d3\nroot: plain_top|d2\n"
			    "root: plain_top|d1\n"
			    "root: plain_top|e4\nroot: plain_top|e2\n"
			    "root: plain_top|e0\n");
}

static void test_seq_in_value_block_nested(void **state)
{
	(void)state;
	tp_parse("vrrp_instance V {\n"
		 "  virtual_ipaddress {\n"
		 "    ~SEQx(AD2, 0x90, 0x10, 0xa0) ~SEQx(AD1, 0x12, -1, 0x10) "
		 "fe81::10:${AD2}:${AD1}\n"
		 "  }\n"
		 "}\n");
	assert_string_equal(tp_log_lines("value"),
			    "value: fe81::10:90:12\n"
			    "value: fe81::10:90:11\n"
			    "value: fe81::10:90:10\n"
			    "value: fe81::10:a0:12\n"
			    "value: fe81::10:a0:11\n"
			    "value: fe81::10:a0:10\n");
}

static void test_seq_with_multiline_parameter(void **state)
{
	(void)state;
	tp_parse("$VI4= \\\n"
		 "vrrp_instance vrrp4.${IF}.${NUM}.${ID} { \\\n"
		 "    virtual_ipaddress { \\\n"
		 "        10.${IF}.${NUM}.${ID}/24 \\\n"
		 "    } \\\n"
		 "}\n"
		 "~SEQ(IF,0,1) ~SEQ(NUM,0,1) ~SEQ(ID,1,2) $VI4\n");
	assert_string_equal(tp_log_lines("value"),
			    "value: 10.0.0.1/24\nvalue: 10.0.0.2/24\n"
			    "value: 10.0.1.1/24\nvalue: 10.0.1.2/24\n"
			    "value: 10.1.0.1/24\nvalue: 10.1.0.2/24\n"
			    "value: 10.1.1.1/24\nvalue: 10.1.1.2/24\n");
	assert_string_equal(tp_log_lines("open"),
			    "open vi vrrp4.0.0.1\nopen vi vrrp4.0.0.2\n"
			    "open vi vrrp4.0.1.1\nopen vi vrrp4.0.1.2\n"
			    "open vi vrrp4.1.0.1\nopen vi vrrp4.1.0.2\n"
			    "open vi vrrp4.1.1.1\nopen vi vrrp4.1.1.2\n");
	assert_string_equal(tp_diags(), "");
}

static void test_seq_man_scale(void **state)
{
	(void)state;
	/* the 65024 instances of the man page, through a definition */
	tp_parse("~SEQ(IF,0,7) ~SEQ(NUM,0,31) ~SEQ(ID,1,254) "
		 "$LAST=${IF}.${NUM}.${ID}\n"
		 "plain_top $LAST\n");
	assert_string_equal(tp_log(), "root: plain_top|7.31.254\n");
	assert_string_equal(tp_diags(), "");
}

static void test_seq_with_definition(void **state)
{
	(void)state;
	tp_parse("~SEQ(s, 2) $D${s}=v${s}\n"
		 "~SEQ(s2, 2) $E=${s2}x\n"
		 "plain_top $D1 $D2 $E\n");
	assert_string_equal(tp_log(), "root: plain_top|$D1|$D2|2x\n");
}

static void test_lst(void **state)
{
	(void)state;
	tp_parse("~LST({IP, IP1}, {10,1},{20,4},{5,6},{12,8}) "
		 "plain_top 192.168.${IP}.${IP1}\n"
		 "~LST(v, a , b) ~LST(w,,c) plain_top ${v}${w}\n");
	assert_string_equal(tp_log(),
			    "root: plain_top|192.168.10.1\n"
			    "root: plain_top|192.168.20.4\n"
			    "root: plain_top|192.168.5.6\n"
			    "root: plain_top|192.168.12.8\n"
			    "root: plain_top|a\nroot: plain_top|ac\n"
			    "root: plain_top|b\nroot: plain_top|bc\n");
}

static void test_lst_nested_man(void **state)
{
	struct conf_buf want = { 0 };
	char line[64];
	int ip, ip1;

	(void)state;
	tp_parse("~LST(IP, 1, 2, 3, 4) ~LST(IP1, 5,6,7) "
		 "plain_top 192.169.${IP}.${IP1}\n");
	for (ip = 1; ip <= 4; ip++)
		for (ip1 = 5; ip1 <= 7; ip1++) {
			snprintf(line, sizeof(line),
				 "root: plain_top|192.169.%d.%d\n", ip, ip1);
			conf_buf_adds(&want, line);
		}
	assert_string_equal(tp_log(), want.s);
	conf_buf_clear(&want);
}

static void test_lst_seq_combined_man(void **state)
{
	(void)state;
	tp_parse("~LST({IP, IP1}, {10,1},{20,4},{5,6},{12,8}) "
		 "~SEQ(IP2,168,2,172) plain_top 192.${IP2}.${IP}.${IP1}\n");
	assert_string_equal(tp_log(),
			    "root: plain_top|192.168.10.1\n"
			    "root: plain_top|192.170.10.1\n"
			    "root: plain_top|192.172.10.1\n"
			    "root: plain_top|192.168.20.4\n"
			    "root: plain_top|192.170.20.4\n"
			    "root: plain_top|192.172.20.4\n"
			    "root: plain_top|192.168.5.6\n"
			    "root: plain_top|192.170.5.6\n"
			    "root: plain_top|192.172.5.6\n"
			    "root: plain_top|192.168.12.8\n"
			    "root: plain_top|192.170.12.8\n"
			    "root: plain_top|192.172.12.8\n");
}

static void test_seq_errors_reported(void **state)
{
	(void)state;
	tp_parse("plain_top a\n"
		 "~SEQ(j, 5, 1, 3) plain_top m${j}\n"
		 "~LST(v3) p\n"
		 "@main ~SEQ(x, 1, 0, 3) p\n");
	assert_string_equal(tp_log(), "root: plain_top|a\n");
	assert_string_equal(tp_diags(),
			    "E test.conf:2: Invalid ~SEQ/~LST specification "
			    "'~SEQ(j, 5, 1, 3) plain_top m${j}': ~SEQ step is "
			    "zero or goes away from the end\n"
			    "E test.conf:3: Invalid ~SEQ/~LST specification "
			    "'~LST(v3) p': ~LST needs variables and at least "
			    "one value\n"
			    "E test.conf:4: Invalid ~SEQ/~LST specification "
			    "'~SEQ(x, 1, 0, 3) p': ~SEQ step is zero or goes "
			    "away from the end\n");
}

static void test_conditional_seq(void **state)
{
	(void)state;
	tp_parse("@main ~SEQ(i, 2) plain_top m${i}\n"
		 "@backup ~SEQ(i, 2) plain_top b${i}\n"
		 "~SEQ(i, 2) @main plain_top n${i}\n");
	assert_string_equal(tp_log(), "root: plain_top|m1\n"
				      "root: plain_top|m2\n"
				      "root: plain_top|n1\n"
				      "root: plain_top|n2\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_conditional_main),
		T(test_conditional_other_ids),
		T(test_conditional_definition),
		T(test_conditional_after_substitution),
		T(test_definitions),
		T(test_substitution_at_use_time),
		T(test_multiline_definition),
		T(test_nested_multiline),
		T(test_multiline_under_false_condition),
		T(test_multiline_at_end_of_input),
		T(test_multiline_line_numbers),
		T(test_recursive_parameter),
		T(test_recursive_multiline_parameter),
		T(test_exponential_expansion_bounded),
		T(test_predefined),
		T(test_default_config_id),
		T(test_include_not_seen_after_substitution),
		T(test_seq_man_examples),
		T(test_seq_omitted_and_negative),
		T(test_seq_in_value_block_nested),
		T(test_seq_with_multiline_parameter),
		T(test_seq_man_scale),
		T(test_seq_with_definition),
		T(test_lst),
		T(test_lst_nested_man),
		T(test_lst_seq_combined_man),
		T(test_seq_errors_reported),
		T(test_conditional_seq),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
