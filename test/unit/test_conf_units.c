/*
 * test_conf_units.c: the parser's pure pieces on their own: conditions,
 * definitions and substitution, ~SEQ/~LST parsing, brace expansion and
 * the include_check level.
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
#include "conf_cond.h"
#include "conf_include.h"
#include "conf_seq.h"
#include "conf_subst.h"
#include "memory.h"
#include "parser.h"

static void test_cond(void **state)
{
	(void)state;
	assert_string_equal(conf_cond_apply("plain", "main"), "plain");
	assert_string_equal(conf_cond_apply("@main  router_id a", "main"),
			    "router_id a");
	assert_null(conf_cond_apply("@backup router_id a", "main"));
	assert_null(conf_cond_apply("@mai x", "main"));
	assert_null(conf_cond_apply("@mainx x", "main"));
	assert_null(conf_cond_apply("@^main x", "main"));
	assert_string_equal(conf_cond_apply("@^backup\t1.2.3.5", "main"),
			    "1.2.3.5");
	assert_string_equal(conf_cond_apply("@main", "main"), "");
	assert_null(conf_cond_apply("@ x", "main"));
	assert_string_equal(conf_cond_apply("@ x", ""), "x");
}

static void test_cond_default_id(void **state)
{
	char id[256], small[3];

	(void)state;
	conf_cond_default_id(id, sizeof(id));
	assert_null(strchr(id, '.'));
	assert_true(strlen(id) > 0);
	conf_cond_default_id(small, sizeof(small));
	assert_true(strlen(small) <= 2);
	assert_memory_equal(small, id, strlen(small));
}

static void test_parse_def(void **state)
{
	const char *name, *value;
	size_t len;

	(void)state;
	assert_true(conf_subst_parse_def("$A_1=x y", &name, &len, &value));
	assert_int_equal(len, 3);
	assert_memory_equal(name, "A_1", 3);
	assert_string_equal(value, "x y");
	assert_true(conf_subst_parse_def("$E=", &name, &len, &value));
	assert_string_equal(value, "");
	assert_true(conf_subst_parse_def("$M= \n a\n b", &name, &len, &value));
	assert_string_equal(value, "a\n b");
	assert_false(conf_subst_parse_def("$1A=x", &name, &len, &value));
	assert_false(conf_subst_parse_def("$A =x", &name, &len, &value));
	assert_false(conf_subst_parse_def("A=x", &name, &len, &value));
	assert_false(conf_subst_parse_def("$A", &name, &len, &value));
}

static void test_defs_table(void **state)
{
	struct conf_defs *d = conf_defs_new();

	(void)state;
	assert_null(conf_defs_get(d, "A", 1));
	conf_defs_set(d, "AB", 1, "one");
	assert_string_equal(conf_defs_get(d, "A", 1), "one");
	assert_null(conf_defs_get(d, "AB", 2));
	conf_defs_set(d, "A", 1, "two");
	assert_string_equal(conf_defs_get(d, "A", 1), "two");
	/* a value taken from the old value itself */
	conf_defs_set(d, "A", 1, conf_defs_get(d, "A", 1) + 1);
	assert_string_equal(conf_defs_get(d, "A", 1), "wo");
	conf_defs_clear(d);
	assert_null(conf_defs_get(d, "A", 1));
	conf_defs_free(&d);
	assert_null(d);
	conf_defs_free(&d);
}

static struct conf_buf diags;

static void diag(const struct cfg_diag *d, void *ctx)
{
	(void)ctx;
	conf_buf_adds(&diags, d->message);
	conf_buf_addc(&diags, '\n');
}

struct subst_fixture {
	struct cfg_parser *p;
	struct conf_defs *defs;
	uint64_t rng;
	struct conf_buf out;
};

static struct subst_fixture sf;

static int subst_setup(void **state)
{
	struct cfg_parser_opts o = { .config_id = "id", .diag = diag };

	(void)state;
	sf.p = cfg_parser_new(&o);
	sf.defs = conf_defs_new();
	sf.rng = 12345;
	conf_buf_reset(&diags);
	return 0;
}

static int subst_teardown(void **state)
{
	(void)state;
	cfg_parser_free(&sf.p);
	conf_defs_free(&sf.defs);
	conf_buf_clear(&sf.out);
	conf_buf_clear(&diags);
	return 0;
}

static int subst(const char *in)
{
	struct conf_subst_env env = {
		.defs = sf.defs, .pwd = "/etc/ka", .instance = "inst",
		.rng = &sf.rng, .p = sf.p, .file = "f", .line = 1,
	};

	return conf_subst(&env, in, &sf.out);
}

static void def(const char *name, const char *value)
{
	conf_defs_set(sf.defs, name, strlen(name), value);
}

static void test_subst_forms(void **state)
{
	(void)state;
	def("X", "abc");
	assert_int_equal(subst("a $X b ${X}c $X"), CONF_SUBST_CHANGED);
	assert_string_equal(sf.out.s, "a abc b abcc abc");
	assert_int_equal(subst("$Xd $X. $X\tz"), CONF_SUBST_CHANGED);
	assert_string_equal(sf.out.s, "$Xd $X. abc\tz");
	assert_int_equal(subst("${UNDEF} $UNDEF ${X"), CONF_SUBST_SAME);
	assert_string_equal(sf.out.s, "${UNDEF} $UNDEF ${X");
	assert_int_equal(subst("$ $$ ${} ${1X} cost $5"), CONF_SUBST_SAME);
	assert_string_equal(sf.out.s, "$ $$ ${} ${1X} cost $5");
}

static void test_subst_at_use_time(void **state)
{
	(void)state;
	def("ADDRESS_BASE", "10.2.${ADDRESS_BASE_SUB}");
	def("ADDRESS_BASE_SUB", "0");
	subst("${ADDRESS_BASE}.100/32");
	assert_string_equal(sf.out.s, "10.2.0.100/32");
	def("ADDRESS_BASE_SUB", "10");
	subst("${ADDRESS_BASE}.100/32");
	assert_string_equal(sf.out.s, "10.2.10.100/32");
	/* $NAME at the end of a value is followed by what follows it */
	def("V", "$X");
	def("X", "x");
	subst("${V}.y ${V} ");
	assert_string_equal(sf.out.s, "$X.y x ");
	/* a '$' before the replacement can combine with it */
	def("B", "{X}");
	subst("$${B}");
	assert_string_equal(sf.out.s, "x");
}

static void test_subst_predefined(void **state)
{
	int i;

	(void)state;
	subst("${_PWD}/s $_INSTANCE ${_HASH}${_BANG}");
	assert_string_equal(sf.out.s, "/etc/ka/s inst #!");
	for (i = 0; i < 200; i++) {
		long v;

		subst("${_RANDOM 5 7}");
		v = strtol(sf.out.s, NULL, 10);
		assert_true(v >= 5 && v <= 7);
		subst("${_RANDOM}");
		v = strtol(sf.out.s, NULL, 10);
		assert_true(v >= 0 && v <= 32767);
		subst("${_RANDOM 32760}");
		v = strtol(sf.out.s, NULL, 10);
		assert_true(v >= 32760 && v <= 32767);
	}
	subst("${_RANDOM 4 4}");
	assert_string_equal(sf.out.s, "4");
	assert_string_equal(diags.s ? diags.s : "", "");
	assert_int_equal(subst("${_RANDOM 9 3} ${_RANDOM x} ${_PWD 1}"),
			 CONF_SUBST_SAME);
	assert_string_equal(diags.s,
			    "Invalid ${_RANDOM MIN MAX} '${_RANDOM 9 3}'\n"
			    "Invalid ${_RANDOM MIN MAX} '${_RANDOM x}'\n");
}

static void test_subst_multi(void **state)
{
	(void)state;
	def("ML", "l1 ${N}\nl2");
	def("N", "n");
	assert_int_equal(subst("a ${N} $ML ${N}"), CONF_SUBST_MULTI);
	/* scanning stops after the multi-line value */
	assert_string_equal(sf.out.s, "a n l1 ${N}\nl2 ${N}");
}

static void test_subst_recursive(void **state)
{
	(void)state;
	def("A", "${A}x");
	assert_int_equal(subst("k$A"), -ELOOP);
	assert_non_null(strstr(diags.s, "Too many parameter substitutions"));
	conf_buf_reset(&diags);
	def("B", "${B}${B}${B}${B}${B}${B}${B}${B}${B}${B}${B}${B}");
	assert_true(subst("$B") < 0);
	assert_non_null(diags.s);
}

static void test_subst_too_long(void **state)
{
	char *big = mem_zalloc(600 * 1024);

	(void)state;
	memset(big, 'b', 600 * 1024 - 1);
	def("BIG", big);
	mem_free(&big);
	assert_int_equal(subst("$BIG ${BIG}"), -E2BIG);
	assert_non_null(strstr(diags.s, "Line longer than 1048576 bytes"));
}

/* "~SEQ..." into "var=v,v,v|" for each variable, or the error. */
static const char *seq(const char *text)
{
	static struct conf_buf b;
	struct conf_seq *q = NULL;
	const char *rest = NULL, *why = NULL;
	char tmp[32];
	size_t r, v;
	int rc = conf_seq_parse(text, &q, &rest, &why);

	conf_buf_reset(&b);
	if (rc <= 0) {
		conf_buf_adds(&b, rc ? why : "not a seq");
		return conf_buf_str(&b);
	}
	for (v = 0; v < conf_seq_vars(q); v++) {
		conf_buf_adds(&b, conf_seq_var(q, v));
		conf_buf_addc(&b, '=');
		for (r = 0; r < conf_seq_count(q); r++) {
			if (r)
				conf_buf_addc(&b, ',');
			conf_buf_adds(&b, conf_seq_value(q, r, v, tmp,
							 sizeof(tmp)));
		}
		conf_buf_addc(&b, '|');
	}
	conf_buf_adds(&b, "rest=");
	conf_buf_adds(&b, rest);
	conf_seq_free(&q);
	assert_null(q);
	return conf_buf_str(&b);
}

static void test_seq_forms(void **state)
{
	(void)state;
	assert_string_equal(seq("~SEQ(S, 0, 3) ip ${S}"),
			    "S=0,1,2,3|rest=ip ${S}");
	assert_string_equal(seq("~SEQ(S,0,2,7)x"), "S=0,2,4,6|rest=x");
	assert_string_equal(seq("~SEQ(i, 3)"), "i=1,2,3|rest=");
	assert_string_equal(seq("~SEQ(i, -3)"), "i=-1,-2,-3|rest=");
	assert_string_equal(seq("~SEQ(i, 0)"), "i=1,0|rest=");
	assert_string_equal(seq("~SEQ(r, 3, 1)"), "r=3,2,1|rest=");
	assert_string_equal(seq("~SEQ(r, 5, -2, -1)"), "r=5,3,1,-1|rest=");
	assert_string_equal(seq("~SEQ(o, 010, 012)"), "o=8,9,10|rest=");
	assert_string_equal(seq("~SEQx(S, 144, 16, 192) a"),
			    "S=90,a0,b0,c0|rest=a");
	assert_string_equal(seq("~SEQx(S, 0x90, 0x10, 0xc0)"),
			    "S=90,a0,b0,c0|rest=");
	assert_string_equal(seq("~SEQx(A, 0x12, -1, 0x0c)"),
			    "A=12,11,10,f,e,d,c|rest=");
	assert_string_equal(seq("~SEQx(N, -2, 1, 1)"), "N=-2,-1,0,1|rest=");
	assert_string_equal(seq("~SEQ(X, 9, 9)"), "X=9|rest=");
}

static void test_seq_errors(void **state)
{
	(void)state;
	assert_string_equal(seq("SEQ(a,1)"), "not a seq");
	assert_string_equal(seq("~SEQ a"), "not a seq");
	assert_string_equal(seq("~SEQ(a, 1"), "missing ')'");
	assert_string_equal(seq("~SEQ(a, 1, 0, 3)"),
			    "~SEQ step is zero or goes away from the end");
	assert_string_equal(seq("~SEQ(j, 5, 1, 3)"),
			    "~SEQ step is zero or goes away from the end");
	assert_string_equal(seq("~SEQ(q, 1, -1, 3)"),
			    "~SEQ step is zero or goes away from the end");
	assert_string_equal(seq("~SEQ(a)"),
			    "~SEQ needs a variable and one to three numbers");
	assert_string_equal(seq("~SEQ(1a, 3)"),
			    "~SEQ needs a variable and one to three numbers");
	assert_string_equal(seq("~SEQ(a, 1, 2, 3, 4)"),
			    "~SEQ needs a variable and one to three numbers");
	assert_string_equal(seq("~SEQ(a, x)"), "~SEQ values must be integers");
	assert_string_equal(seq("~SEQ(a, 99999999999999999999)"),
			    "~SEQ values must be integers");
	assert_string_equal(seq("~SEQ(a, 0, 1000000000)"),
			    "~SEQ has too many values");
	assert_string_equal(seq("~SEQ(a, -9223372036854775807, "
				"9223372036854775807)"),
			    "~SEQ has too many values");
	assert_string_equal(seq("~SEQ(a, 1, 9223372036854775807, "
				"9223372036854775807)"), "a=1|rest=");
}

static void test_lst_forms(void **state)
{
	(void)state;
	assert_string_equal(seq("~LST(v, a , b,c) l${v}"),
			    "v=a,b,c|rest=l${v}");
	assert_string_equal(seq("~LST(w,,a)"), "w=,a|rest=");
	assert_string_equal(seq("~LST({IP, IP1}, {10,1},{20,4},{5,6}) x"),
			    "IP=10,20,5|IP1=1,4,6|rest=x");
	assert_string_equal(seq("~LST({x,y},{1,2},{3})"),
			    "x=1,3|y=2,|rest=");
	assert_string_equal(seq("~LST({x2},{1},{3})"), "x2=1,3|rest=");
	assert_string_equal(seq("~LST(v, one value)"), "v=one value|rest=");
}

static void test_lst_errors(void **state)
{
	(void)state;
	assert_string_equal(seq("~LST(v3) p"),
			    "~LST needs variables and at least one value");
	assert_string_equal(seq("~LST({a,1b},{1,2})"),
			    "~LST needs variables and at least one value");
	assert_string_equal(seq("~LST({a},{1,2})"),
			    "~LST has a value group larger than its variable "
			    "group");
	assert_string_equal(seq("~LST({a,{b}},{1,2})"),
			    "unbalanced '{' '}'");
	assert_string_equal(seq("~LST({a,b,{1,2})"), "unbalanced '{' '}'");
	assert_string_equal(seq("~LST(a},1)"), "unbalanced '{' '}'");
}

static char *braces(const char *pattern, size_t max)
{
	static struct conf_buf b;
	char **alts;
	int n = conf_include_braces(pattern, max, &alts), i;

	conf_buf_reset(&b);
	if (n < 0) {
		conf_buf_adds(&b, "E2BIG");
		return b.s;
	}
	for (i = 0; i < n; i++) {
		conf_buf_adds(&b, i ? " " : "");
		conf_buf_adds(&b, alts[i]);
		mem_free(&alts[i]);
	}
	mem_free(&alts);
	return b.s ? b.s : (char *)"";
}

static void test_brace_expansion(void **state)
{
	(void)state;
	assert_string_equal(braces("a.conf", 10), "a.conf");
	assert_string_equal(braces("x{a,b}y", 10), "xay xby");
	assert_string_equal(braces("{foo/{,cat,dog},bar}", 10),
			    "foo/ foo/cat foo/dog bar");
	assert_string_equal(braces("{a,b}{1,2}", 10), "a1 a2 b1 b2");
	assert_string_equal(braces("{a}b{}c", 10), "{a}b{}c");
	assert_string_equal(braces("\\{a,b}", 10), "\\{a,b}");
	assert_string_equal(braces("{a,b\\,c}", 10), "a b\\,c");
	assert_string_equal(braces("{a,b", 10), "{a,b");
	assert_string_equal(braces("{a,b}{1,2}", 3), "E2BIG");
	assert_string_equal(braces("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}"
				   "{o,p}{q,r}{s,t}{u,v}", 1024), "E2BIG");
}

static int check(const char *words, unsigned cur)
{
	char *copy = mem_strdup(words), *v[8], *save = NULL, *t;
	size_t n = 0, bad = 99;
	unsigned out = 0xdead;
	int rc;

	for (t = strtok_r(copy, " ", &save); t && n < 8;
	     t = strtok_r(NULL, " ", &save))
		v[n++] = t;
	rc = conf_include_check_parse(v, n, cur, &out, &bad);
	mem_free(&copy);
	if (rc < 0)
		return -(int)bad - 1;
	return (int)out;
}

static void test_include_check_levels(void **state)
{
	(void)state;
	assert_int_equal(check("", 0), CONF_INC_ALL);
	assert_int_equal(check("match", CONF_INC_BRACE), CONF_INC_MATCH);
	assert_int_equal(check("readable brace_match", 0),
			 CONF_INC_READABLE | CONF_INC_BRACE);
	assert_int_equal(check("+match -wildcard_match", CONF_INC_WILDCARD),
			 CONF_INC_MATCH);
	assert_int_equal(check("-readable", CONF_INC_ALL),
			 CONF_INC_ALL & ~CONF_INC_READABLE);
	assert_int_equal(check("match bogus", 0), -2);
	assert_int_equal(check("+", 0), -1);
	assert_int_equal(conf_include_effective(CONF_INC_BRACE),
			 CONF_INC_BRACE | CONF_INC_READABLE);
	assert_int_equal(conf_include_effective(0), 0);
	assert_int_equal(conf_include_keyword("includea", 8), CONF_INC_ALL);
	assert_int_equal(conf_include_keyword("include", 7), 0);
	assert_int_equal(conf_include_keyword("include_check", 13), -1);
	assert_int_equal(conf_include_keyword("includex", 8), -1);
}

static int cleanup(void **state)
{
	(void)state;
	seq("x");
	braces("", 1);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cond),
		cmocka_unit_test(test_cond_default_id),
		cmocka_unit_test(test_parse_def),
		cmocka_unit_test(test_defs_table),
#define S(f) cmocka_unit_test_setup_teardown(f, subst_setup, subst_teardown)
		S(test_subst_forms),
		S(test_subst_at_use_time),
		S(test_subst_predefined),
		S(test_subst_multi),
		S(test_subst_recursive),
		S(test_subst_too_long),
#undef S
		cmocka_unit_test(test_seq_forms),
		cmocka_unit_test(test_seq_errors),
		cmocka_unit_test(test_lst_forms),
		cmocka_unit_test(test_lst_errors),
		cmocka_unit_test(test_brace_expansion),
		cmocka_unit_test(test_include_check_levels),
	};

	return cmocka_run_group_tests(tests, NULL, cleanup);
}
