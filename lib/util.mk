# lib/ building blocks: log, rate limit, lists, addresses, number parsing.
LIBKA_SOURCES += lib/log.c lib/ratelimit.c lib/list.h lib/addr.h lib/addr.c \
	lib/strutil.h lib/strutil.c
# JSON writer (for the JSON dump).
LIBKA_SOURCES += lib/json.c lib/json.h
