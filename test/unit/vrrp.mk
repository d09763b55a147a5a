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

# The send side: whole adverts against the captures, and the schedule of
# gratuitous ARPs and NAs on a fake clock.
check_PROGRAMS += test/unit/test_vrrp_tx
TESTS += test/unit/test_vrrp_tx
test_unit_test_vrrp_tx_SOURCES = test/unit/test_vrrp_tx.c \
	test/unit/pcap_vector.c test/unit/pcap_vector.h
test_unit_test_vrrp_tx_CFLAGS = $(test_unit_test_vrrp_packet_CFLAGS)
test_unit_test_vrrp_tx_LDADD = $(test_unit_test_vrrp_packet_LDADD)
