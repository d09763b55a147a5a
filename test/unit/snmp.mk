# Unit tests of the SNMP modules' pure side: rows of values, the global
# objects from global_defs, the VRRP encodings.
check_PROGRAMS += test/unit/test_snmp_values
TESTS += test/unit/test_snmp_values
test_unit_test_snmp_values_SOURCES = test/unit/test_snmp_values.c
test_unit_test_snmp_values_CFLAGS = $(TEST_CFLAGS) \
	-I$(top_srcdir)/keepalived/core -I$(top_srcdir)/keepalived/vrrp
test_unit_test_snmp_values_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)
