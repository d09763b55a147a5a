# keepalived/check/: the health checkers and IPVS, added to the libcheck
# convenience library of keepalived/local.mk.

# The configuration: objects, keyword handlers, completion and checks.
KACHECK_SOURCES += keepalived/check/check_data.h

# The framework and the contract each kind of check implements.
KACHECK_SOURCES += keepalived/check/check_checker.h \
	keepalived/check/check_registry.c \
	keepalived/check/check_sock.c keepalived/check/check_sock.h

# The kinds of check, one file each.
KACHECK_SOURCES += keepalived/check/check_tcp.c \
	keepalived/check/check_http.c \
	keepalived/check/check_misc.c \
	keepalived/check/check_smtp.c \
	keepalived/check/check_dns.c \
	keepalived/check/check_ping.c \
	keepalived/check/check_udp.c \
	keepalived/check/check_file.c

# IPVS: the backend interface and its backends.
KACHECK_SOURCES += keepalived/check/ipvs_backend.h \
	keepalived/check/check_ipvs.h

keepalived_check_libcheck_a_CPPFLAGS += -I$(top_srcdir)/keepalived/check
keepalived_check_libcheck_san_a_CPPFLAGS += -I$(top_srcdir)/keepalived/check
keepalived_check_libcheck_a_CFLAGS += $(OPENSSL_CFLAGS) $(PCRE2_CFLAGS)
keepalived_check_libcheck_san_a_CFLAGS += $(OPENSSL_CFLAGS) $(PCRE2_CFLAGS)
# conf.c (keepalived/core) holds the LVS configuration and runs its checks.
keepalived_core_libcore_a_CPPFLAGS += -I$(top_srcdir)/keepalived/check
keepalived_core_libcore_san_a_CPPFLAGS += -I$(top_srcdir)/keepalived/check
KA_CORE_LIBS += $(PCRE2_LIBS)
KA_CORE_SAN_LIBS += $(PCRE2_LIBS)

# ---- MISC_CHECK, FILE_CHECK, PING_CHECK, UDP_CHECK: their pure helpers
# (ICMP echo codec, UDP reply matching, track file numbers, script exit
# statuses), unit-tested through libcheck_san.a (test/unit/ckmisc.mk).
KACHECK_SOURCES += keepalived/check/icmp_echo.c keepalived/check/icmp_echo.h \
	keepalived/check/udp_match.c keepalived/check/udp_match.h \
	keepalived/check/track_file_read.c keepalived/check/track_file_read.h \
	keepalived/check/misc_status.c keepalived/check/misc_status.h
