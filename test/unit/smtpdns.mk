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

# The SMTP_CHECK and DNS_CHECK kinds on a real loop against scripted
# servers on 127.0.0.1. The kinds' files are compiled in (not taken from
# libcheck) because this program provides the framework's side itself.
check_PROGRAMS += test/unit/test_check_smtpdns
TESTS += test/unit/test_check_smtpdns
test_unit_test_check_smtpdns_SOURCES = test/unit/test_check_smtpdns.c \
	keepalived/check/check_smtp.c keepalived/check/check_dns.c \
	keepalived/check/check_sock.c keepalived/check/dns_packet.c
test_unit_test_check_smtpdns_CFLAGS = $(SMTPDNS_TEST_CFLAGS)
test_unit_test_check_smtpdns_LDADD = keepalived/core/libcore_san.a \
	lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

# The alert client on a real loop against a scripted SMTP server.
check_PROGRAMS += test/unit/test_smtp_client
TESTS += test/unit/test_smtp_client
test_unit_test_smtp_client_SOURCES = test/unit/test_smtp_client.c
test_unit_test_smtp_client_CFLAGS = $(SMTPDNS_TEST_CFLAGS)
test_unit_test_smtp_client_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)
