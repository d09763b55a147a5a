# Unit tests of MISC_CHECK, FILE_CHECK, PING_CHECK and UDP_CHECK: their pure
# helpers, and the kinds themselves on a real event loop with a stand-in
# for the framework.
KA_CKMISC_TEST_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/keepalived/core \
	-I$(top_srcdir)/keepalived/check
CKMISC_TESTS = test/unit/test_ckmisc_helpers
check_PROGRAMS += $(CKMISC_TESTS)
TESTS += $(CKMISC_TESTS)

test_unit_test_ckmisc_helpers_SOURCES = test/unit/test_ckmisc_helpers.c
test_unit_test_ckmisc_helpers_CFLAGS = $(KA_CKMISC_TEST_CFLAGS)
test_unit_test_ckmisc_helpers_LDADD = keepalived/check/libcheck_san.a \
	keepalived/core/libcore_san.a lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

CKMISC_KIND_TESTS = test/unit/test_ckmisc_kinds
check_PROGRAMS += $(CKMISC_KIND_TESTS)
TESTS += $(CKMISC_KIND_TESTS)
test_unit_test_ckmisc_kinds_SOURCES = test/unit/test_ckmisc_kinds.c
test_unit_test_ckmisc_kinds_CFLAGS = $(KA_CKMISC_TEST_CFLAGS)
test_unit_test_ckmisc_kinds_LDADD = keepalived/check/libcheck_san.a \
	keepalived/core/libcore_san.a lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)
