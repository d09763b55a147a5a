# lib/: the event loop (epoll), its timer heap and clock, and the helpers
# that spawn scripts without blocking.
LIBKA_SOURCES += lib/event.c lib/event.h lib/event_internal.h \
	lib/event_fd.c lib/event_run.c lib/event_signal.c lib/event_epoll.c \
	lib/event_backend.h lib/timer_heap.c lib/timer_heap.h \
	lib/clock.c lib/clock.h lib/spawn.c lib/spawn.h
