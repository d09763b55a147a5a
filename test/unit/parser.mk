# Unit tests of the keepalived.conf parser. Fixtures live in
# test/unit/conf/; the tests find them through CONF_DIR.
PARSER_TEST_CFLAGS = $(TEST_CFLAGS) \
	-DCONF_DIR=\"$(abs_top_srcdir)/test/unit/conf\"
PARSER_TEST_LDADD = lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)
PARSER_TREE = test/unit/test_parser_tree.c test/unit/test_parser_tree.h

check_PROGRAMS += test/unit/test_parser test/unit/test_parser_include \
	test/unit/test_parser_expand test/unit/test_parser_get \
	test/unit/test_conf_lex test/unit/test_conf_units
TESTS += test/unit/test_parser test/unit/test_parser_include \
	test/unit/test_parser_expand test/unit/test_parser_get \
	test/unit/test_conf_lex test/unit/test_conf_units

test_unit_test_parser_SOURCES = test/unit/test_parser.c $(PARSER_TREE)
test_unit_test_parser_CFLAGS = $(PARSER_TEST_CFLAGS)
test_unit_test_parser_LDADD = $(PARSER_TEST_LDADD)

test_unit_test_parser_include_SOURCES = test/unit/test_parser_include.c \
	$(PARSER_TREE)
test_unit_test_parser_include_CFLAGS = $(PARSER_TEST_CFLAGS)
test_unit_test_parser_include_LDADD = $(PARSER_TEST_LDADD)

test_unit_test_parser_expand_SOURCES = test/unit/test_parser_expand.c \
	$(PARSER_TREE)
test_unit_test_parser_expand_CFLAGS = $(PARSER_TEST_CFLAGS)
test_unit_test_parser_expand_LDADD = $(PARSER_TEST_LDADD)

test_unit_test_parser_get_SOURCES = test/unit/test_parser_get.c \
	$(PARSER_TREE)
test_unit_test_parser_get_CFLAGS = $(PARSER_TEST_CFLAGS)
test_unit_test_parser_get_LDADD = $(PARSER_TEST_LDADD)

test_unit_test_conf_lex_SOURCES = test/unit/test_conf_lex.c
test_unit_test_conf_lex_CFLAGS = $(PARSER_TEST_CFLAGS)
test_unit_test_conf_lex_LDADD = $(PARSER_TEST_LDADD)

test_unit_test_conf_units_SOURCES = test/unit/test_conf_units.c
test_unit_test_conf_units_CFLAGS = $(PARSER_TEST_CFLAGS)
test_unit_test_conf_units_LDADD = $(PARSER_TEST_LDADD)

EXTRA_DIST += test/unit/conf
