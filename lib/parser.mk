# The keepalived.conf parser: one file per concern (see lib/parser.c).
LIBKA_SOURCES += lib/parser.c lib/conf_parser.h lib/conf_limits.h \
	lib/conf_buf.c lib/conf_buf.h \
	lib/conf_reader.c lib/conf_reader.h \
	lib/conf_include.c lib/conf_include.h \
	lib/conf_cond.c lib/conf_cond.h \
	lib/conf_defs.c lib/conf_subst.c lib/conf_subst.h \
	lib/conf_seq.c lib/conf_seq.h \
	lib/conf_expand.c \
	lib/conf_lex.c lib/conf_lex.h \
	lib/conf_dispatch.c \
	lib/conf_get.c
