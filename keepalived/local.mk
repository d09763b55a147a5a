# keepalived/: the daemon. Each subsystem is a convenience library (with a
# sanitized copy for the unit tests); main.c alone makes the program.
noinst_LIBRARIES += keepalived/core/libcore.a keepalived/core/libcore_san.a \
	keepalived/vrrp/libvrrp.a keepalived/vrrp/libvrrp_san.a \
	keepalived/check/libcheck.a keepalived/check/libcheck_san.a

KA_CORE_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/keepalived/core

keepalived_core_libcore_a_SOURCES = $(KACORE_SOURCES)
keepalived_core_libcore_a_CPPFLAGS = $(KA_CORE_CPPFLAGS)
keepalived_core_libcore_a_CFLAGS = $(AM_CFLAGS) $(POPT_CFLAGS)
keepalived_core_libcore_san_a_SOURCES = $(KACORE_SOURCES)
keepalived_core_libcore_san_a_CPPFLAGS = $(KA_CORE_CPPFLAGS)
keepalived_core_libcore_san_a_CFLAGS = $(TEST_CFLAGS) $(POPT_CFLAGS)

KACORE_SOURCES += keepalived/core/version.c keepalived/core/version.h \
	keepalived/core/cmdline.c keepalived/core/cmdline.h \
	keepalived/core/cmdline_scan.c keepalived/core/cmdline_scan.h \
	keepalived/core/cmdline_help.c \
	keepalived/core/signum.c keepalived/core/signum.h \
	keepalived/core/global_data.c keepalived/core/global_data.h \
	keepalived/core/global_print.c \
	keepalived/core/global_parser.c keepalived/core/global_parser.h \
	keepalived/core/global_kw.h keepalived/core/global_kw_util.c \
	keepalived/core/global_kw_misc.c keepalived/core/global_kw_vrrp.c \
	keepalived/core/config_check.c keepalived/core/config_check.h \
	keepalived/core/config_check_sys.c \
	keepalived/core/conf.c keepalived/core/conf.h \
	keepalived/core/config_test.c keepalived/core/config_test.h \
	keepalived/core/pidfile.c keepalived/core/pidfile.h \
	keepalived/core/daemon.c keepalived/core/daemon.h \
	keepalived/core/core_run.c keepalived/core/core_run.h \
	keepalived/core/core_dump.c keepalived/core/core_dump.h

# The process model: watchdog parent, the children's common runtime, and
# what they share (messages, dumps, pid files, systemd, start/stop lines).
KACORE_SOURCES += keepalived/core/heartbeat.c keepalived/core/heartbeat.h \
	keepalived/core/parent.c keepalived/core/parent.h \
	keepalived/core/parent_internal.h keepalived/core/parent_child.c \
	keepalived/core/parent_setup.c \
	keepalived/core/parent_policy.c keepalived/core/parent_policy.h \
	keepalived/core/child.c keepalived/core/child.h \
	keepalived/core/child_internal.h keepalived/core/child_dump.c \
	keepalived/core/child_caps.c keepalived/core/child_caps.h \
	keepalived/core/dump_file.c keepalived/core/dump_file.h \
	keepalived/core/sd_notify.c keepalived/core/sd_notify.h \
	keepalived/core/proc_stats.c keepalived/core/proc_stats.h
# A track file's number: FILE_CHECK and VRRP's track_file read it alike.
KACORE_SOURCES += keepalived/core/track_file.c keepalived/core/track_file.h

# VRRP and checker: for now their top-level keyword tables and their
# child entry points (which use the child runtime of keepalived/core).
KAVRRP_SOURCES = keepalived/vrrp/vrrp_parser.c keepalived/include/vrrp_parser.h \
	keepalived/vrrp/vrrp_daemon.c keepalived/include/vrrp_daemon.h
keepalived_vrrp_libvrrp_a_SOURCES = $(KAVRRP_SOURCES)
keepalived_vrrp_libvrrp_a_CPPFLAGS = $(KA_CORE_CPPFLAGS)
keepalived_vrrp_libvrrp_a_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS)
keepalived_vrrp_libvrrp_san_a_SOURCES = $(KAVRRP_SOURCES)
keepalived_vrrp_libvrrp_san_a_CPPFLAGS = $(KA_CORE_CPPFLAGS)
keepalived_vrrp_libvrrp_san_a_CFLAGS = $(TEST_CFLAGS) $(LIBNL_CFLAGS)

KACHECK_SOURCES = keepalived/check/check_parser.c \
	keepalived/include/check_parser.h \
	keepalived/check/check_daemon.c keepalived/include/check_daemon.h
# (the checker's other files: keepalived/check/check.mk)
keepalived_check_libcheck_a_SOURCES = $(KACHECK_SOURCES)
keepalived_check_libcheck_a_CPPFLAGS = $(KA_CORE_CPPFLAGS)
keepalived_check_libcheck_a_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS)
keepalived_check_libcheck_san_a_SOURCES = $(KACHECK_SOURCES)
keepalived_check_libcheck_san_a_CPPFLAGS = $(KA_CORE_CPPFLAGS)
keepalived_check_libcheck_san_a_CFLAGS = $(TEST_CFLAGS) $(LIBNL_CFLAGS)

# What a program or test linking libcore needs after it. libcore comes
# again after vrrp and check: their child entry points use the child
# runtime in libcore, which uses their keyword tables.
KA_CORE_LIBS = keepalived/vrrp/libvrrp.a keepalived/check/libcheck.a \
	keepalived/core/libcore.a lib/libka.a $(POPT_LIBS) -lm
KA_CORE_SAN_LIBS = keepalived/core/libcore_san.a \
	keepalived/vrrp/libvrrp_san.a keepalived/check/libcheck_san.a \
	keepalived/core/libcore_san.a lib/libka_san.a $(POPT_LIBS) -lm

sbin_PROGRAMS += keepalived/keepalived
keepalived_keepalived_SOURCES = keepalived/core/main.c
keepalived_keepalived_CPPFLAGS = $(KA_CORE_CPPFLAGS)
keepalived_keepalived_CFLAGS = $(AM_CFLAGS) $(POPT_CFLAGS) $(LIBNL_CFLAGS)
keepalived_keepalived_LDADD = keepalived/core/libcore.a $(KA_CORE_LIBS) \
	$(LIBNL_LIBS) $(OPENSSL_LIBS)

# The systemd unit: keepalived/systemd.mk.

# ---- Netlink reflector, interface table, static addresses/routes/rules
# (issue 4). The pure parts (iftable, ipaddr, route, rule, nl_names,
# nl_words, message building) are unit-tested through libcore_san.a.
KACORE_SOURCES += keepalived/core/iftable.c keepalived/core/iftable.h \
	keepalived/core/nl_names.c keepalived/core/nl_names.h \
	keepalived/core/nl_words.c keepalived/core/nl_words.h \
	keepalived/core/ipaddr.c keepalived/core/ipaddr.h \
	keepalived/core/route.c keepalived/core/route.h \
	keepalived/core/rule.c keepalived/core/rule.h \
	keepalived/core/static_data.c keepalived/core/static_data.h \
	keepalived/core/static_parser.c keepalived/core/static_parser.h \
	keepalived/core/nl_link.c keepalived/core/nl_link.h \
	keepalived/core/nl_ifaddr.c keepalived/core/nl_ifaddr.h \
	keepalived/core/nl_route.c keepalived/core/nl_route.h \
	keepalived/core/nl_rule.c keepalived/core/nl_rule.h \
	keepalived/core/nl_cmd.c keepalived/core/nl_cmd.h \
	keepalived/core/nl_ops.c keepalived/core/nl_ops.h \
	keepalived/core/nl_reflector.c keepalived/core/nl_reflector.h \
	keepalived/core/netlink_daemon.c keepalived/core/netlink_daemon.h
keepalived_core_libcore_a_CFLAGS += $(LIBNL_CFLAGS)
keepalived_core_libcore_san_a_CFLAGS += $(LIBNL_CFLAGS)
KA_CORE_LIBS += $(LIBNL_LIBS)
KA_CORE_SAN_LIBS += $(LIBNL_LIBS)
KACORE_SOURCES += keepalived/core/child_sched.c keepalived/core/child_sched.h
# The VRRP runtime (AH's HMAC) needs OpenSSL in everything that links it.
KA_CORE_LIBS += $(OPENSSL_LIBS)
KA_CORE_SAN_LIBS += $(OPENSSL_LIBS)

# ---- E-mail alerts (global_defs notification_email, smtp_server): the
# pure reply reader and message text, and the client on the event loop.
KACORE_SOURCES += keepalived/core/smtp_alert.c keepalived/core/smtp_alert.h \
	keepalived/core/smtp_session.c keepalived/core/smtp_session.h \
	keepalived/core/smtp_msg.c keepalived/core/smtp_msg.h \
	keepalived/core/smtp_reply.c keepalived/core/smtp_reply.h

# ---- SNMP (issue 9): the AgentX sub-agent on the event loop, and the MIB
# modules of each child.
if WITH_SNMP
KACORE_SOURCES += keepalived/core/snmp_agent.c keepalived/core/snmp_agent.h
keepalived_core_libcore_a_CFLAGS += $(SNMP_CFLAGS)
keepalived_core_libcore_san_a_CFLAGS += $(SNMP_CFLAGS)
keepalived_vrrp_libvrrp_a_CFLAGS += $(SNMP_CFLAGS)
keepalived_vrrp_libvrrp_san_a_CFLAGS += $(SNMP_CFLAGS)
keepalived_check_libcheck_a_CFLAGS += $(SNMP_CFLAGS)
keepalived_check_libcheck_san_a_CFLAGS += $(SNMP_CFLAGS)
KA_CORE_LIBS += $(SNMP_LIBS)
KA_CORE_SAN_LIBS += $(SNMP_LIBS)
endif

# ---- SNMP (wip-snmp-vrrp): rows of values and the `global` objects'
# values (pure), built without SNMP too (the unit tests link them); the
# tables, scalars and traps on net-snmp's agent library.
KACORE_SOURCES += keepalived/core/snmp_row.c keepalived/core/snmp_row.h \
	keepalived/core/snmp_global_fill.c keepalived/core/snmp_global.h
if WITH_SNMP
KACORE_SOURCES += keepalived/core/snmp_tab.c keepalived/core/snmp_tab.h \
	keepalived/core/snmp_global.c
KAVRRP_SOURCES += keepalived/vrrp/vrrp_snmp.c keepalived/vrrp/vrrp_snmp.h \
	keepalived/vrrp/vrrp_snmp_internal.h \
	keepalived/vrrp/vrrp_snmp_inst.c keepalived/vrrp/vrrp_snmp_track.c \
	keepalived/vrrp/vrrp_snmp_sync.c keepalived/vrrp/vrrp_snmp_objs.c \
	keepalived/vrrp/vrrp_snmp_route.c
endif
