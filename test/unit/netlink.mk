# Unit tests of the netlink reflector's pure parts: the interface table,
# the address/route/rule parsers and printers, iproute2 names, and the
# building and reading of netlink messages (no sockets).
NL_TESTS = test/unit/test_iftable test/unit/test_ipaddr \
	test/unit/test_route test/unit/test_rule test/unit/test_nl_msg \
	test/unit/test_nl_static
check_PROGRAMS += $(NL_TESTS)
TESTS += $(NL_TESTS)
NL_TEST_CFLAGS = $(KA_CORE_TEST_CFLAGS) $(LIBNL_CFLAGS)
NL_TEST_LIBS = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) $(SAN_LDFLAGS)

test_unit_test_iftable_SOURCES = test/unit/test_iftable.c
test_unit_test_iftable_CFLAGS = $(NL_TEST_CFLAGS)
test_unit_test_iftable_LDADD = $(NL_TEST_LIBS)

test_unit_test_ipaddr_SOURCES = test/unit/test_ipaddr.c test/unit/test_nl_util.h
test_unit_test_ipaddr_CFLAGS = $(NL_TEST_CFLAGS)
test_unit_test_ipaddr_LDADD = $(NL_TEST_LIBS)

test_unit_test_route_SOURCES = test/unit/test_route.c test/unit/test_nl_util.h
test_unit_test_route_CFLAGS = $(NL_TEST_CFLAGS)
test_unit_test_route_LDADD = $(NL_TEST_LIBS)

test_unit_test_rule_SOURCES = test/unit/test_rule.c test/unit/test_nl_util.h
test_unit_test_rule_CFLAGS = $(NL_TEST_CFLAGS)
test_unit_test_rule_LDADD = $(NL_TEST_LIBS)

test_unit_test_nl_msg_SOURCES = test/unit/test_nl_msg.c
test_unit_test_nl_msg_CFLAGS = $(NL_TEST_CFLAGS)
test_unit_test_nl_msg_LDADD = $(NL_TEST_LIBS)

test_unit_test_nl_static_SOURCES = test/unit/test_nl_static.c \
	test/unit/test_core_util.h
test_unit_test_nl_static_CFLAGS = $(NL_TEST_CFLAGS)
test_unit_test_nl_static_LDADD = $(NL_TEST_LIBS)
