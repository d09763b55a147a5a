/*
 * test_conf_lex.c: words, quotes, escapes and braces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "conf_buf.h"
#include "conf_lex.h"

/* Tokens as "word|<quoted>|{|}" and the lexer's flags. */
static char *lex(const char *text, unsigned *flags)
{
	static struct conf_buf b;
	struct conf_toks t = { 0 };
	size_t i;
	unsigned f = conf_lex(text, &t);

	if (flags)
		*flags = f;
	conf_buf_clear(&b);
	conf_buf_adds(&b, "");
	for (i = 0; i < t.n; i++) {
		if (i)
			conf_buf_addc(&b, '|');
		if (t.v[i].quoted)
			conf_buf_addc(&b, '<');
		conf_buf_adds(&b, t.v[i].text);
		if (t.v[i].quoted)
			conf_buf_addc(&b, '>');
		if (t.v[i].kind != CONF_TOK_WORD)
			assert_true(!strcmp(t.v[i].text, "{") ||
				    !strcmp(t.v[i].text, "}"));
	}
	conf_toks_clear(&t);
	return b.s;
}

static void test_words_and_blanks(void **state)
{
	(void)state;
	assert_string_equal(lex("  a \t b\tc  ", NULL), "a|b|c");
	assert_string_equal(lex("", NULL), "");
	assert_string_equal(lex(" \t ", NULL), "");
}

static void test_braces_are_tokens(void **state)
{
	struct conf_toks t = { 0 };

	(void)state;
	assert_string_equal(lex("vip {10.0.0.1}", NULL), "vip|{|10.0.0.1|}");
	assert_string_equal(lex("a{b}c", NULL), "a|{|b|}|c");
	assert_string_equal(lex("\"{\" '}'", NULL), "<{>|<}>");
	conf_lex("x { }", &t);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.v[0].kind, CONF_TOK_WORD);
	assert_int_equal(t.v[1].kind, CONF_TOK_OPEN);
	assert_int_equal(t.v[2].kind, CONF_TOK_CLOSE);
	conf_toks_clear(&t);
}

static void test_quotes_join_parts(void **state)
{
	(void)state;
	assert_string_equal(lex("abcd\" efg h jkl \"mnop", NULL),
			    "<abcd efg h jkl mnop>");
	assert_string_equal(lex("abcd \"efg h jkl\" mnop", NULL),
			    "abcd|<efg h jkl>|mnop");
	assert_string_equal(lex("'a \"b' \"c 'd\"", NULL), "<a \"b>|<c 'd>");
	assert_string_equal(lex("x'' \"\"", NULL), "<x>|<>");
}

static void test_escapes(void **state)
{
	(void)state;
	assert_string_equal(lex("\"\\a\\b\\E\\f\\n\\r\\t\\v\"", NULL),
			    "<\a\b\033\f\n\r\t\v>");
	assert_string_equal(lex("\"\\101\\60\\0101\"", NULL), "<A0\b1>");
	assert_string_equal(lex("\"\\x41\\x4a\\x4142\\xg\"", NULL),
			    "<AJBxg>");
	assert_string_equal(lex("\"\\cA\\ca\\c?\" c", NULL),
			    "<\001\001\177>|c");
	assert_string_equal(lex("\"\\\\ \\\" \\q \\{\"", NULL),
			    "<\\ \" q {>");
	assert_string_equal(lex("'\\t\\x41'", NULL), "<\tA>");
}

static void test_escaped_quote_does_not_end(void **state)
{
	unsigned flags;

	(void)state;
	assert_string_equal(lex("\"a\\\"b c\" d", &flags), "<a\"b c>|d");
	assert_int_equal(flags, 0);
}

static void test_no_escapes_outside_quotes(void **state)
{
	(void)state;
	assert_string_equal(lex("a\\tb c\\", NULL), "a\\tb|c\\");
}

static void test_unterminated_and_nul(void **state)
{
	unsigned flags;

	(void)state;
	assert_string_equal(lex("a \"b c", &flags), "a|<b c>");
	assert_int_equal(flags, CONF_LEX_UNTERMINATED);
	assert_string_equal(lex("\"x\\0y\" \"z\\\"", &flags), "<xy>|<z\">");
	assert_int_equal(flags, CONF_LEX_NUL_DROPPED | CONF_LEX_UNTERMINATED);
	assert_string_equal(lex("\"end\\", &flags), "<end\\>");
}

static void test_escape_function(void **state)
{
	int c = -1;

	(void)state;
	assert_int_equal(conf_lex_escape("", &c), 0);
	assert_int_equal(conf_lex_escape("777", &c), 3);
	assert_int_equal(c, 0xff);
	assert_int_equal(conf_lex_escape("x1234z", &c), 5);
	assert_int_equal(c, 0x34);
	assert_int_equal(conf_lex_escape("cZ", &c), 2);
	assert_int_equal(c, 26);
	assert_int_equal(conf_lex_escape("E", &c), 1);
	assert_int_equal(c, 27);
}

static void test_long_word(void **state)
{
	static char text[300001];

	(void)state;
	memset(text, 'q', sizeof(text) - 1);
	assert_int_equal(strlen(lex(text, NULL)), sizeof(text) - 1);
}

static int cleanup(void **state)
{
	(void)state;
	lex("", NULL);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_blanks),
		cmocka_unit_test(test_braces_are_tokens),
		cmocka_unit_test(test_quotes_join_parts),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_escaped_quote_does_not_end),
		cmocka_unit_test(test_no_escapes_outside_quotes),
		cmocka_unit_test(test_unterminated_and_nul),
		cmocka_unit_test(test_escape_function),
		cmocka_unit_test(test_long_word),
	};

	return cmocka_run_group_tests(tests, NULL, cleanup);
}
