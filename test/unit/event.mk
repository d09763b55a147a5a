# unit tests of the event loop, its timer heap and the spawn helpers
check_PROGRAMS += test/unit/test_timer_heap test/unit/test_event \
	test/unit/test_event_io test/unit/test_event_child test/unit/test_spawn
TESTS += test/unit/test_timer_heap test/unit/test_event \
	test/unit/test_event_io test/unit/test_event_child test/unit/test_spawn

test_unit_test_timer_heap_SOURCES = test/unit/test_timer_heap.c
test_unit_test_timer_heap_CFLAGS = $(TEST_CFLAGS)
test_unit_test_timer_heap_LDADD = lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

test_unit_test_event_SOURCES = test/unit/test_event.c
test_unit_test_event_CFLAGS = $(TEST_CFLAGS)
test_unit_test_event_LDADD = lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

test_unit_test_event_io_SOURCES = test/unit/test_event_io.c
test_unit_test_event_io_CFLAGS = $(TEST_CFLAGS)
test_unit_test_event_io_LDADD = lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

test_unit_test_event_child_SOURCES = test/unit/test_event_child.c
test_unit_test_event_child_CFLAGS = $(TEST_CFLAGS)
test_unit_test_event_child_LDADD = lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)

test_unit_test_spawn_SOURCES = test/unit/test_spawn.c
test_unit_test_spawn_CFLAGS = $(TEST_CFLAGS)
test_unit_test_spawn_LDADD = lib/libka_san.a $(CMOCKA_LIBS) $(SAN_LDFLAGS)
