# Unit tests of the VRRP wire code, on captured adverts.
check_PROGRAMS += test/unit/test_vrrp_packet
TESTS += test/unit/test_vrrp_packet
test_unit_test_vrrp_packet_SOURCES = test/unit/test_vrrp_packet.c \
	test/unit/pcap_vector.c test/unit/pcap_vector.h
test_unit_test_vrrp_packet_CFLAGS = $(TEST_CFLAGS) \
	-I$(top_srcdir)/keepalived/vrrp -I$(top_srcdir)/test/unit \
	-DVECTOR_DIR='"$(abs_top_srcdir)/test/unit/vectors"'
test_unit_test_vrrp_packet_LDADD = keepalived/vrrp/libvrrp_san.a \
	lib/libka_san.a $(OPENSSL_LIBS) $(CMOCKA_LIBS) $(SAN_LDFLAGS)
EXTRA_DIST += test/unit/vectors

check_PROGRAMS += test/unit/test_vrrp_fsm
TESTS += test/unit/test_vrrp_fsm
test_unit_test_vrrp_fsm_SOURCES = test/unit/test_vrrp_fsm.c
test_unit_test_vrrp_fsm_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/keepalived/vrrp
test_unit_test_vrrp_fsm_LDADD = keepalived/vrrp/libvrrp_san.a \
	lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

check_PROGRAMS += test/unit/test_vrrp_rx
TESTS += test/unit/test_vrrp_rx
test_unit_test_vrrp_rx_SOURCES = test/unit/test_vrrp_rx.c \
	test/unit/pcap_vector.c test/unit/pcap_vector.h
test_unit_test_vrrp_rx_CFLAGS = $(test_unit_test_vrrp_packet_CFLAGS)
test_unit_test_vrrp_rx_LDADD = $(test_unit_test_vrrp_packet_LDADD)

check_PROGRAMS += test/unit/test_vrrp_announce
TESTS += test/unit/test_vrrp_announce
test_unit_test_vrrp_announce_SOURCES = test/unit/test_vrrp_announce.c \
	test/unit/pcap_vector.c test/unit/pcap_vector.h
test_unit_test_vrrp_announce_CFLAGS = $(test_unit_test_vrrp_packet_CFLAGS)
test_unit_test_vrrp_announce_LDADD = $(test_unit_test_vrrp_packet_LDADD)

# The VRRP configuration: keywords, printout, validation pass (issue 5).
KA_VRRP_CONF_TEST_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/keepalived/core \
	-I$(top_srcdir)/keepalived/vrrp -I$(top_srcdir)/test/unit \
	-DVRRP_TEST_CONF_DIR='"$(abs_top_srcdir)/test/unit/conf-vrrp"'
check_PROGRAMS += test/unit/test_vrrp_parser test/unit/test_vrrp_check
TESTS += test/unit/test_vrrp_parser test/unit/test_vrrp_check
test_unit_test_vrrp_parser_SOURCES = test/unit/test_vrrp_parser.c \
	test/unit/test_core_util.h
test_unit_test_vrrp_parser_CFLAGS = $(KA_VRRP_CONF_TEST_CFLAGS)
test_unit_test_vrrp_parser_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)
test_unit_test_vrrp_check_SOURCES = test/unit/test_vrrp_check.c \
	test/unit/test_core_util.h
test_unit_test_vrrp_check_CFLAGS = $(KA_VRRP_CONF_TEST_CFLAGS)
test_unit_test_vrrp_check_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)
EXTRA_DIST += test/unit/conf-vrrp

# The send side: whole adverts against the captures, and the schedule of
# gratuitous ARPs and NAs on a fake clock.
check_PROGRAMS += test/unit/test_vrrp_tx
TESTS += test/unit/test_vrrp_tx
test_unit_test_vrrp_tx_SOURCES = test/unit/test_vrrp_tx.c \
	test/unit/pcap_vector.c test/unit/pcap_vector.h
test_unit_test_vrrp_tx_CFLAGS = $(test_unit_test_vrrp_packet_CFLAGS)
test_unit_test_vrrp_tx_LDADD = $(test_unit_test_vrrp_packet_LDADD)

# --- vrrp_script, tracking and notify (wip-vrscript) ---
# The tracking arithmetic and the script status machine (pure), and the
# script runner on a fake clock with real processes.
check_PROGRAMS += test/unit/test_vrrp_track test/unit/test_vrrp_script
TESTS += test/unit/test_vrrp_track test/unit/test_vrrp_script
test_unit_test_vrrp_track_SOURCES = test/unit/test_vrrp_track.c
test_unit_test_vrrp_track_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/keepalived/vrrp
test_unit_test_vrrp_track_LDADD = keepalived/vrrp/libvrrp_san.a \
	lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)
test_unit_test_vrrp_script_SOURCES = test/unit/test_vrrp_script.c
test_unit_test_vrrp_script_CFLAGS = $(TEST_CFLAGS) \
	-I$(top_srcdir)/keepalived/vrrp
test_unit_test_vrrp_script_LDADD = keepalived/vrrp/libvrrp_san.a \
	lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)
# The keywords, their checks on a described system, and the printout.
check_PROGRAMS += test/unit/test_vrrp_track_conf
TESTS += test/unit/test_vrrp_track_conf
test_unit_test_vrrp_track_conf_SOURCES = test/unit/test_vrrp_track_conf.c \
	test/unit/test_core_util.h
test_unit_test_vrrp_track_conf_CFLAGS = $(KA_VRRP_CONF_TEST_CFLAGS)
test_unit_test_vrrp_track_conf_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

# --- vrrp_sync_group and the notify FIFOs (wip-syncgrp) ---
# The group's rules and the FIFO lines (pure, and one real FIFO), then
# the vrrp_sync_group block and its checks.
check_PROGRAMS += test/unit/test_vrrp_sync test/unit/test_vrrp_sync_conf
TESTS += test/unit/test_vrrp_sync test/unit/test_vrrp_sync_conf
test_unit_test_vrrp_sync_SOURCES = test/unit/test_vrrp_sync.c
test_unit_test_vrrp_sync_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/keepalived/vrrp
test_unit_test_vrrp_sync_LDADD = keepalived/vrrp/libvrrp_san.a \
	lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)
test_unit_test_vrrp_sync_conf_SOURCES = test/unit/test_vrrp_sync_conf.c \
	test/unit/test_core_util.h
test_unit_test_vrrp_sync_conf_CFLAGS = $(KA_VRRP_CONF_TEST_CFLAGS)
test_unit_test_vrrp_sync_conf_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

# --- track_process (wip-vtrack) ---
# Process matching, quorum and the connector messages (pure).
check_PROGRAMS += test/unit/test_vrrp_proc
TESTS += test/unit/test_vrrp_proc
test_unit_test_vrrp_proc_SOURCES = test/unit/test_vrrp_proc.c
test_unit_test_vrrp_proc_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/keepalived/vrrp
test_unit_test_vrrp_proc_LDADD = keepalived/vrrp/libvrrp_san.a \
	lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

# virtual_routes / virtual_rules (wip-vnet): read, printed, compared.
check_PROGRAMS += test/unit/test_vrrp_vroute
TESTS += test/unit/test_vrrp_vroute
test_unit_test_vrrp_vroute_SOURCES = test/unit/test_vrrp_vroute.c \
	test/unit/test_core_util.h
test_unit_test_vrrp_vroute_CFLAGS = $(KA_VRRP_CONF_TEST_CFLAGS)
test_unit_test_vrrp_vroute_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

# use_vmac's requests (wip-vnet), parsed back.
check_PROGRAMS += test/unit/test_vrrp_vmac
TESTS += test/unit/test_vrrp_vmac
test_unit_test_vrrp_vmac_SOURCES = test/unit/test_vrrp_vmac.c
test_unit_test_vrrp_vmac_CFLAGS = $(TEST_CFLAGS) $(LIBNL_CFLAGS) \
	-I$(top_srcdir)/keepalived/vrrp
test_unit_test_vrrp_vmac_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

# no_accept's nft commands (wip-vnet).
check_PROGRAMS += test/unit/test_vrrp_nft
TESTS += test/unit/test_vrrp_nft
test_unit_test_vrrp_nft_SOURCES = test/unit/test_vrrp_nft.c
test_unit_test_vrrp_nft_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/keepalived/vrrp
test_unit_test_vrrp_nft_LDADD = keepalived/vrrp/libvrrp_san.a \
	lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

# How instances read in VRRP-MIB and VRRPV3-MIB (pure mappings).
check_PROGRAMS += test/unit/test_vrrp_snmp_rfc
TESTS += test/unit/test_vrrp_snmp_rfc
test_unit_test_vrrp_snmp_rfc_SOURCES = test/unit/test_vrrp_snmp_rfc.c
test_unit_test_vrrp_snmp_rfc_CFLAGS = $(TEST_CFLAGS) \
	-I$(top_srcdir)/keepalived/vrrp
test_unit_test_vrrp_snmp_rfc_LDADD = keepalived/vrrp/libvrrp_san.a \
	lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)
