# genhash: the MD5 digest of a web page, for HTTP_GET/SSL_GET url blocks.
# Its code is a library so that "keepalived -T" runs the same tool; it
# fetches with the checkers' HTTP engine (libcheck).
noinst_LIBRARIES += genhash/libgenhash.a
genhash_libgenhash_a_SOURCES = genhash/genhash.h genhash/genhash.c \
	genhash/gh_opts.c genhash/gh_print.c
genhash_libgenhash_a_CPPFLAGS = $(KA_CORE_CPPFLAGS) \
	-I$(top_srcdir)/keepalived/check
genhash_libgenhash_a_CFLAGS = $(AM_CFLAGS) $(OPENSSL_CFLAGS)

bin_PROGRAMS += genhash/genhash
genhash_genhash_SOURCES = genhash/main.c
genhash_genhash_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/genhash \
	-I$(top_srcdir)/keepalived/core -I$(top_srcdir)/keepalived/check
genhash_genhash_LDADD = genhash/libgenhash.a $(KA_CORE_LIBS)

# keepalived -T: genhash's entry, linked before the libraries it uses.
keepalived_keepalived_CPPFLAGS += -I$(top_srcdir)/genhash \
	-I$(top_srcdir)/keepalived/check
keepalived_keepalived_LDADD += genhash/libgenhash.a $(KA_CORE_LIBS)

# The same library with the sanitizers, for the sanitized daemon
# (test/san/local.mk).
noinst_LIBRARIES += genhash/libgenhash_san.a
genhash_libgenhash_san_a_SOURCES = $(genhash_libgenhash_a_SOURCES)
genhash_libgenhash_san_a_CPPFLAGS = $(genhash_libgenhash_a_CPPFLAGS)
genhash_libgenhash_san_a_CFLAGS = $(TEST_CFLAGS) $(OPENSSL_CFLAGS)
