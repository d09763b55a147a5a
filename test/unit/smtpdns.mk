# Unit tests of the pure parts of e-mail alerts, SMTP_CHECK and DNS_CHECK:
# the SMTP reply reader, the alert message text, the DNS messages.
SMTPDNS_TESTS = test/unit/test_smtp_reply test/unit/test_smtp_msg \
	test/unit/test_dns_packet
check_PROGRAMS += $(SMTPDNS_TESTS)
TESTS += $(SMTPDNS_TESTS)

SMTPDNS_TEST_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/keepalived/core \
	-I$(top_srcdir)/keepalived/check

test_unit_test_smtp_reply_SOURCES = test/unit/test_smtp_reply.c
test_unit_test_smtp_reply_CFLAGS = $(SMTPDNS_TEST_CFLAGS)
test_unit_test_smtp_reply_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_smtp_msg_SOURCES = test/unit/test_smtp_msg.c
test_unit_test_smtp_msg_CFLAGS = $(SMTPDNS_TEST_CFLAGS)
test_unit_test_smtp_msg_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_dns_packet_SOURCES = test/unit/test_dns_packet.c
test_unit_test_dns_packet_CFLAGS = $(SMTPDNS_TEST_CFLAGS)
test_unit_test_dns_packet_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)
