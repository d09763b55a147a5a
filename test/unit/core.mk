# Unit tests of keepalived/core (and the VRRP/checker keyword stubs).
KA_CORE_TEST_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/keepalived/core \
	-DCORE_TEST_CONF_DIR='"$(abs_top_srcdir)/test/unit/conf-core"'

check_PROGRAMS += test/unit/test_cmdline test/unit/test_signum \
	test/unit/test_global_parser test/unit/test_config_test \
	test/unit/test_core_check
TESTS += test/unit/test_cmdline test/unit/test_signum \
	test/unit/test_global_parser test/unit/test_config_test \
	test/unit/test_core_check

test_unit_test_cmdline_SOURCES = test/unit/test_cmdline.c
test_unit_test_cmdline_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_cmdline_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_signum_SOURCES = test/unit/test_signum.c
test_unit_test_signum_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_signum_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_global_parser_SOURCES = test/unit/test_global_parser.c \
	test/unit/test_core_util.h
test_unit_test_global_parser_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_global_parser_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_config_test_SOURCES = test/unit/test_config_test.c \
	test/unit/test_core_util.h
test_unit_test_config_test_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_config_test_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_core_check_SOURCES = test/unit/test_core_check.c \
	test/unit/test_core_util.h
test_unit_test_core_check_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_core_check_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

EXTRA_DIST += test/unit/conf-core
