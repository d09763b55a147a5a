# test/san/keepalived: the daemon linked from the sanitized copies of its
# libraries (AddressSanitizer, UndefinedBehaviorSanitizer, LeakSanitizer),
# for the "sanitized" suite of tools/run-tests, which runs a part of the
# integration tests with it. Not installed.
if WITH_SANITIZERS
noinst_PROGRAMS += test/san/keepalived
test_san_keepalived_SOURCES = keepalived/core/main.c
test_san_keepalived_CPPFLAGS = $(keepalived_keepalived_CPPFLAGS)
test_san_keepalived_CFLAGS = $(TEST_CFLAGS) $(POPT_CFLAGS) $(LIBNL_CFLAGS)
test_san_keepalived_LDFLAGS = $(SAN_LDFLAGS)
test_san_keepalived_LDADD = keepalived/core/libcore_san.a \
	genhash/libgenhash_san.a $(KA_CORE_SAN_LIBS) \
	$(filter-out %.a,$(keepalived_keepalived_LDADD))
endif
