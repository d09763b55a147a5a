# test/fuzz/: libFuzzer targets for every decoder of outside input. Built
# with clang by "make fuzz" only (not by "make" or "make check"); run by
# test/fuzz/test_fuzz.py, which the test command calls (see README.md there).
FUZZ_TARGETS = vrrp http dns smtp netlink conf
FUZZ_CC = clang
EXTRA_DIST += test/fuzz/README.md test/fuzz/fuzz.mk test/fuzz/test_fuzz.py \
	test/fuzz/make-seeds test/fuzz/corpus test/fuzz/regress \
	$(FUZZ_TARGETS:%=test/fuzz/fuzz_%.c)

fuzz: config.h
	$(AM_V_GEN)$(MAKE) -f $(top_srcdir)/test/fuzz/fuzz.mk \
		srcdir="$(top_srcdir)" out="$(top_builddir)/test/fuzz/out" \
		FUZZ_CC="$(FUZZ_CC)" FUZZ_TARGETS="$(FUZZ_TARGETS)" \
		FUZZ_SRCS="$(filter %.c,$(LIBKA_SOURCES) $(KACORE_SOURCES) \
			$(KAVRRP_SOURCES) $(KACHECK_SOURCES))" \
		FUZZ_CPPFLAGS="$(sort $(keepalived_core_libcore_a_CPPFLAGS) \
			$(keepalived_vrrp_libvrrp_a_CPPFLAGS) \
			$(keepalived_check_libcheck_a_CPPFLAGS)) \
			$(filter-out -W%,$(keepalived_core_libcore_a_CFLAGS) \
			$(keepalived_vrrp_libvrrp_a_CFLAGS) \
			$(keepalived_check_libcheck_a_CFLAGS))" \
		FUZZ_LIBS="$(filter-out %.a,$(keepalived_keepalived_LDADD))"
clean-local: fuzz-clean
fuzz-clean:
	rm -rf $(top_builddir)/test/fuzz/out
.PHONY: fuzz fuzz-clean
