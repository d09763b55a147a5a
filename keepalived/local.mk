# keepalived/: the daemon. Each subsystem is a convenience library (with a
# sanitized copy for the unit tests); main.c alone makes the program.
noinst_LIBRARIES += keepalived/core/libcore.a keepalived/core/libcore_san.a
keepalived_core_libcore_a_SOURCES = $(KACORE_SOURCES)
keepalived_core_libcore_san_a_SOURCES = $(KACORE_SOURCES)
keepalived_core_libcore_san_a_CFLAGS = $(TEST_CFLAGS)

KACORE_SOURCES += keepalived/core/version.c keepalived/core/version.h

sbin_PROGRAMS += keepalived/keepalived
keepalived_keepalived_SOURCES = keepalived/core/main.c
keepalived_keepalived_CFLAGS = $(AM_CFLAGS) $(POPT_CFLAGS) $(LIBNL_CFLAGS)
keepalived_keepalived_LDADD = keepalived/core/libcore.a lib/libka.a \
	$(POPT_LIBS) $(LIBNL_LIBS) $(OPENSSL_LIBS)
