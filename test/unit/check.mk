# Unit tests of the LVS configuration: keywords, completion, equality,
# printout round trip (test_check_parser) and the validation pass with
# keepalived -t's verdicts (test_check_conf).
KA_CHECK_CONF_TEST_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/keepalived/core \
	-I$(top_srcdir)/keepalived/check -I$(top_srcdir)/test/unit
check_PROGRAMS += test/unit/test_check_parser test/unit/test_check_conf
TESTS += test/unit/test_check_parser test/unit/test_check_conf
test_unit_test_check_parser_SOURCES = test/unit/test_check_parser.c \
	test/unit/test_check_util.h test/unit/test_core_util.h
test_unit_test_check_parser_CFLAGS = $(KA_CHECK_CONF_TEST_CFLAGS)
test_unit_test_check_parser_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)
test_unit_test_check_conf_SOURCES = test/unit/test_check_conf.c \
	test/unit/test_check_util.h test/unit/test_core_util.h
test_unit_test_check_conf_CFLAGS = $(KA_CHECK_CONF_TEST_CFLAGS)
test_unit_test_check_conf_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)
