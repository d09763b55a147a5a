# unit tests of the lib/ building blocks
UTIL_TESTS = test/unit/test_log test/unit/test_ratelimit test/unit/test_list \
	test/unit/test_addr test/unit/test_strutil
check_PROGRAMS += $(UTIL_TESTS)
TESTS += $(UTIL_TESTS)

test_unit_test_log_SOURCES = test/unit/test_log.c
test_unit_test_log_CFLAGS = $(TEST_CFLAGS)
test_unit_test_log_LDADD = lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

test_unit_test_ratelimit_SOURCES = test/unit/test_ratelimit.c
test_unit_test_ratelimit_CFLAGS = $(TEST_CFLAGS)
test_unit_test_ratelimit_LDADD = lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

test_unit_test_list_SOURCES = test/unit/test_list.c
test_unit_test_list_CFLAGS = $(TEST_CFLAGS)
test_unit_test_list_LDADD = lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

test_unit_test_addr_SOURCES = test/unit/test_addr.c
test_unit_test_addr_CFLAGS = $(TEST_CFLAGS)
test_unit_test_addr_LDADD = lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

test_unit_test_strutil_SOURCES = test/unit/test_strutil.c
test_unit_test_strutil_CFLAGS = $(TEST_CFLAGS)
test_unit_test_strutil_LDADD = lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)
