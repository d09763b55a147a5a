# fuzz.mk: builds the libFuzzer targets with clang, outside automake
# (automake has one compiler per tree). Called by "make fuzz" (local.mk),
# which passes the sources, flags and libraries the daemon is built with:
#   srcdir out FUZZ_CC FUZZ_TARGETS FUZZ_SRCS FUZZ_CPPFLAGS FUZZ_LIBS
# Every source of the daemon is compiled with coverage instrumentation
# and the sanitizers into one archive; a target links only the objects it
# needs from it.

FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_LDFLAGS = -fsanitize=fuzzer,address,undefined

OBJS := $(patsubst %.c,$(out)/obj/%.o,$(FUZZ_SRCS))
PROGS := $(FUZZ_TARGETS:%=$(out)/fuzz_%)

all: $(PROGS)

$(out)/obj/%.o: $(srcdir)/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

$(out)/libfuzzka.a: $(OBJS)
	rm -f $@
	ar cr $@ $^

$(out)/fuzz_%: $(out)/obj/test/fuzz/fuzz_%.o $(out)/libfuzzka.a
	$(FUZZ_CC) $(FUZZ_LDFLAGS) $^ $(FUZZ_LIBS) -o $@

-include $(OBJS:.o=.d) $(FUZZ_TARGETS:%=$(out)/obj/test/fuzz/fuzz_%.d)

.PHONY: all
.SECONDARY:
