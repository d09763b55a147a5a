# Unit tests of the HTTP_GET/SSL_GET pure parts: the response parser, the
# digest, the url regex and the request (keepalived/check/http_*.c).
check_PROGRAMS += test/unit/test_http_parse
TESTS += test/unit/test_http_parse

test_unit_test_http_parse_SOURCES = test/unit/test_http_parse.c
test_unit_test_http_parse_CFLAGS = $(TEST_CFLAGS) \
	-I$(top_srcdir)/keepalived/check \
	-I$(top_srcdir)/keepalived/core $(OPENSSL_CFLAGS) $(PCRE2_CFLAGS)
test_unit_test_http_parse_LDADD = $(KA_CORE_SAN_LIBS) $(PCRE2_LIBS) \
	$(OPENSSL_LIBS) $(CMOCKA_LIBS) $(SAN_LDFLAGS)

# The HTTP_GET kind end to end over the loopback, with the test standing
# in for the framework.
check_PROGRAMS += test/unit/test_check_http
TESTS += test/unit/test_check_http
test_unit_test_check_http_SOURCES = test/unit/test_check_http.c
test_unit_test_check_http_CFLAGS = $(test_unit_test_http_parse_CFLAGS)
test_unit_test_check_http_LDADD = $(test_unit_test_http_parse_LDADD)

# The SSL_GET kind over the loopback against an in-process TLS server.
check_PROGRAMS += test/unit/test_check_ssl
TESTS += test/unit/test_check_ssl
test_unit_test_check_ssl_SOURCES = test/unit/test_check_ssl.c
test_unit_test_check_ssl_CFLAGS = $(test_unit_test_http_parse_CFLAGS)
test_unit_test_check_ssl_LDADD = $(test_unit_test_http_parse_LDADD)
