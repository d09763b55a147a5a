# Unit tests of the checker framework's pure decisions (check_run_fsm.c).
KA_CHECKRUN_TEST_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/keepalived/core \
	-I$(top_srcdir)/keepalived/check

check_PROGRAMS += test/unit/test_check_run_fsm
TESTS += test/unit/test_check_run_fsm
test_unit_test_check_run_fsm_SOURCES = test/unit/test_check_run_fsm.c
test_unit_test_check_run_fsm_CFLAGS = $(KA_CHECKRUN_TEST_CFLAGS)
test_unit_test_check_run_fsm_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

# The framework end to end on a fake clock, with a fake kind of check and
# a backend over the in-memory IPVS table.
check_PROGRAMS += test/unit/test_check_run
TESTS += test/unit/test_check_run
test_unit_test_check_run_SOURCES = test/unit/test_check_run.c
test_unit_test_check_run_CFLAGS = $(KA_CHECKRUN_TEST_CFLAGS)
test_unit_test_check_run_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

# The descriptor limit fitted to the checks (check_fdlimit.c).
check_PROGRAMS += test/unit/test_check_fdlimit
TESTS += test/unit/test_check_fdlimit
test_unit_test_check_fdlimit_SOURCES = test/unit/test_check_fdlimit.c
test_unit_test_check_fdlimit_CFLAGS = $(KA_CHECKRUN_TEST_CFLAGS)
test_unit_test_check_fdlimit_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)
