# lib/: the convenience library every process and every unit test links.
# The module fragments (event.mk, util.mk, parser.mk) add to LIBKA_SOURCES.
noinst_LIBRARIES += lib/libka.a lib/libka_san.a
lib_libka_a_SOURCES = $(LIBKA_SOURCES)
lib_libka_san_a_SOURCES = $(LIBKA_SOURCES)
lib_libka_san_a_CFLAGS = $(TEST_CFLAGS)

LIBKA_SOURCES += lib/memory.c lib/memory.h lib/parser.h lib/log.h \
	lib/ratelimit.h
LIBKA_SOURCES += lib/inet_cksum.c lib/inet_cksum.h
