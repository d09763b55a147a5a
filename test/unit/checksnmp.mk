# Unit tests of KEEPALIVED-MIB's check subtree: the pure value mapping
# (check_snmp_val.c).
CHECKSNMP_TESTS = test/unit/test_check_snmp_val
check_PROGRAMS += $(CHECKSNMP_TESTS)
TESTS += $(CHECKSNMP_TESTS)

test_unit_test_check_snmp_val_SOURCES = test/unit/test_check_snmp_val.c
test_unit_test_check_snmp_val_CFLAGS = $(TEST_CFLAGS) \
	-I$(top_srcdir)/keepalived/core -I$(top_srcdir)/keepalived/check
test_unit_test_check_snmp_val_LDADD = keepalived/check/libcheck_san.a \
	keepalived/core/libcore_san.a lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)
