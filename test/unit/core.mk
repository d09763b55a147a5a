# Unit tests of keepalived/core (and the VRRP/checker keyword stubs).
KA_CORE_TEST_CFLAGS = $(TEST_CFLAGS) -I$(top_srcdir)/keepalived/core \
	-DCORE_TEST_CONF_DIR='"$(abs_top_srcdir)/test/unit/conf-core"'

check_PROGRAMS += test/unit/test_cmdline test/unit/test_signum \
	test/unit/test_global_parser test/unit/test_config_test \
	test/unit/test_core_check
TESTS += test/unit/test_cmdline test/unit/test_signum \
	test/unit/test_global_parser test/unit/test_config_test \
	test/unit/test_core_check

test_unit_test_cmdline_SOURCES = test/unit/test_cmdline.c
test_unit_test_cmdline_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_cmdline_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_signum_SOURCES = test/unit/test_signum.c
test_unit_test_signum_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_signum_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_global_parser_SOURCES = test/unit/test_global_parser.c \
	test/unit/test_core_util.h
test_unit_test_global_parser_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_global_parser_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_config_test_SOURCES = test/unit/test_config_test.c \
	test/unit/test_core_util.h
test_unit_test_config_test_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_config_test_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_core_check_SOURCES = test/unit/test_core_check.c \
	test/unit/test_core_util.h
test_unit_test_core_check_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_core_check_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

check_PROGRAMS += test/unit/test_core_dump
TESTS += test/unit/test_core_dump
test_unit_test_core_dump_SOURCES = test/unit/test_core_dump.c
test_unit_test_core_dump_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_core_dump_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

EXTRA_DIST += test/unit/conf-core

# The process model: messages, JSON writer, dump files, pid files, and
# the pure parts of the parent and children.
PROC_TESTS = test/unit/test_heartbeat test/unit/test_json \
	test/unit/test_dump_file test/unit/test_pidfile test/unit/test_proc
check_PROGRAMS += $(PROC_TESTS)
TESTS += $(PROC_TESTS)

test_unit_test_heartbeat_SOURCES = test/unit/test_heartbeat.c
test_unit_test_heartbeat_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_heartbeat_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_json_SOURCES = test/unit/test_json.c
test_unit_test_json_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_json_LDADD = lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS) -lm

test_unit_test_dump_file_SOURCES = test/unit/test_dump_file.c
test_unit_test_dump_file_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_dump_file_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_pidfile_SOURCES = test/unit/test_pidfile.c
test_unit_test_pidfile_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_pidfile_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)

test_unit_test_proc_SOURCES = test/unit/test_proc.c
test_unit_test_proc_CFLAGS = $(KA_CORE_TEST_CFLAGS)
test_unit_test_proc_LDADD = $(KA_CORE_SAN_LIBS) $(CMOCKA_LIBS) \
	$(SAN_LDFLAGS)
