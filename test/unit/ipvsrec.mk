# Unit tests of the IPVS layer above the kernel: the table in memory and
# its "ipvsadm -Ln" printout, the recording backend, choosing a backend,
# and the configuration-to-IPVS mapping.
IPVS_TESTS = test/unit/test_ipvs_table test/unit/test_check_ipvs
check_PROGRAMS += $(IPVS_TESTS)
TESTS += $(IPVS_TESTS)
IPVS_TEST_CFLAGS = $(KA_CORE_TEST_CFLAGS) -I$(top_srcdir)/keepalived/check
IPVS_TEST_LIBS = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) $(SAN_LDFLAGS)

test_unit_test_ipvs_table_SOURCES = test/unit/test_ipvs_table.c
test_unit_test_ipvs_table_CFLAGS = $(IPVS_TEST_CFLAGS)
test_unit_test_ipvs_table_LDADD = $(IPVS_TEST_LIBS)

test_unit_test_check_ipvs_SOURCES = test/unit/test_check_ipvs.c
test_unit_test_check_ipvs_CFLAGS = $(IPVS_TEST_CFLAGS)
test_unit_test_check_ipvs_LDADD = $(IPVS_TEST_LIBS)

# The kernel's IPVS messages (wip-ipvs): generic netlink attributes and
# the setsockopt structures, built and parsed without a kernel.
check_PROGRAMS += test/unit/test_ipvs_msg
TESTS += test/unit/test_ipvs_msg
test_unit_test_ipvs_msg_SOURCES = test/unit/test_ipvs_msg.c
test_unit_test_ipvs_msg_CFLAGS = $(IPVS_TEST_CFLAGS) $(LIBNL_CFLAGS)
test_unit_test_ipvs_msg_LDADD = $(IPVS_TEST_LIBS)

# lvs_sync_daemon's follower of a VRRP instance (wip-ipvs).
check_PROGRAMS += test/unit/test_vrrp_lvs_sync
TESTS += test/unit/test_vrrp_lvs_sync
test_unit_test_vrrp_lvs_sync_SOURCES = test/unit/test_vrrp_lvs_sync.c
test_unit_test_vrrp_lvs_sync_CFLAGS = $(IPVS_TEST_CFLAGS) \
	-I$(top_srcdir)/keepalived/vrrp $(LIBNL_CFLAGS)
test_unit_test_vrrp_lvs_sync_LDADD = $(IPVS_TEST_LIBS)
