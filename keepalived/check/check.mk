# keepalived/check/: the health checkers and IPVS, added to the libcheck
# convenience library of keepalived/local.mk.

# The configuration: objects, keyword handlers, completion and checks.
KACHECK_SOURCES += keepalived/check/check_data.h

# The framework and the contract each kind of check implements.
KACHECK_SOURCES += keepalived/check/check_checker.h \
	keepalived/check/check_registry.c \
	keepalived/check/check_sock.c keepalived/check/check_sock.h

# The kinds of check, one file each.
KACHECK_SOURCES += keepalived/check/check_tcp.c \
	keepalived/check/check_http.c \
	keepalived/check/check_misc.c \
	keepalived/check/check_smtp.c \
	keepalived/check/check_dns.c \
	keepalived/check/check_ping.c \
	keepalived/check/check_udp.c \
	keepalived/check/check_file.c

# IPVS: the backend interface and its backends.
KACHECK_SOURCES += keepalived/check/ipvs_backend.h \
	keepalived/check/check_ipvs.h

keepalived_check_libcheck_a_CPPFLAGS += -I$(top_srcdir)/keepalived/check
keepalived_check_libcheck_san_a_CPPFLAGS += -I$(top_srcdir)/keepalived/check
keepalived_check_libcheck_a_CFLAGS += $(OPENSSL_CFLAGS) $(PCRE2_CFLAGS)
keepalived_check_libcheck_san_a_CFLAGS += $(OPENSSL_CFLAGS) $(PCRE2_CFLAGS)
# conf.c (keepalived/core) holds the LVS configuration and runs its checks.
keepalived_core_libcore_a_CPPFLAGS += -I$(top_srcdir)/keepalived/check
keepalived_core_libcore_san_a_CPPFLAGS += -I$(top_srcdir)/keepalived/check
KA_CORE_LIBS += $(PCRE2_LIBS)
KA_CORE_SAN_LIBS += $(PCRE2_LIBS)

# ---- wip-ckrun: the framework at run time (check_run*.c) ----
KACHECK_SOURCES += keepalived/check/check_run.h \
	keepalived/check/check_run_internal.h \
	keepalived/check/check_run.c keepalived/check/check_run_fsm.c \
	keepalived/check/check_run_rs.c keepalived/check/check_run_vs.c \
	keepalived/check/check_run_notify.c keepalived/check/check_run_dump.c \
	keepalived/check/check_fdlimit.c keepalived/check/check_fdlimit.h

# ---- IPVS above the kernel (wip-ckipvs): the table in memory and its
# "ipvsadm -Ln" printout, the recording backend, choosing the backend,
# and the configuration-to-IPVS mapping.
KACHECK_SOURCES += keepalived/check/ipvs_table.c keepalived/check/ipvs_table.h \
	keepalived/check/ipvs_record.c \
	keepalived/check/ipvs_backend.c keepalived/check/ipvs_open.h \
	keepalived/check/check_ipvs.c

# ---- The kernel's IPVS (wip-ipvs): the generic netlink messages and the
# setsockopt structures (pure, unit-tested), and the two kernel backends.
KACHECK_SOURCES += keepalived/check/ipvs_msg.c keepalived/check/ipvs_msg.h \
	keepalived/check/ipvs_so.c keepalived/check/ipvs_so.h \
	keepalived/check/ipvs_kernel.c keepalived/check/ipvs_kernel.h \
	keepalived/check/ipvs_sockopt.c

# ---- The LVS configuration (wip-ckparse): keyword tables and handlers,
# the objects' allocation, completion, equality and printout, and the
# validation pass.
KACHECK_SOURCES += keepalived/check/check_alloc.h \
	keepalived/check/check_data.c \
	keepalived/check/check_data_complete.c \
	keepalived/check/check_data_equal.c \
	keepalived/check/check_print.c \
	keepalived/check/check_print_name.c \
	keepalived/check/check_kw.h \
	keepalived/check/check_kw_util.c \
	keepalived/check/check_kw_common.c \
	keepalived/check/check_kw_vs.c \
	keepalived/check/check_kw_rs.c \
	keepalived/check/check_kw_checker.c \
	keepalived/check/check_kw_http.c \
	keepalived/check/check_kw_misc.c \
	keepalived/check/check_kw_udp.c \
	keepalived/check/check_kw_top.c \
	keepalived/check/check_conf_check.c \
	keepalived/check/check_conf_checker.c \
	keepalived/check/check_conf_script.c \
	keepalived/check/check_conf_check.h

# ---- DNS_CHECK's messages (pure, unit-tested).
KACHECK_SOURCES += keepalived/check/dns_packet.c keepalived/check/dns_packet.h
# ---- HTTP_GET / SSL_GET (wip-ckhttp): the pure HTTP parser, request and
# regex helpers, the TLS client layer, the fetch engine shared with
# genhash, and the kind itself (check_http.c, above).
KACHECK_SOURCES += keepalived/check/http_parse.c keepalived/check/http_parse.h \
	keepalived/check/http_req.c \
	keepalived/check/check_tls.c keepalived/check/check_tls.h \
	keepalived/check/http_fetch.c keepalived/check/http_fetch.h

# ---- MISC_CHECK, FILE_CHECK, PING_CHECK, UDP_CHECK: their pure helpers
# (ICMP echo codec, UDP reply matching, track file numbers, script exit
# statuses), unit-tested through libcheck_san.a (test/unit/ckmisc.mk).
KACHECK_SOURCES += keepalived/check/icmp_echo.c keepalived/check/icmp_echo.h \
	keepalived/check/udp_match.c keepalived/check/udp_match.h \
	keepalived/check/track_file_read.c keepalived/check/track_file_read.h \
	keepalived/check/misc_status.c keepalived/check/misc_status.h

# ---- SNMP, KEEPALIVED-MIB's check subtree (wip-snmp-check): the MIB's
# values from our words (pure, unit-tested by test/unit/checksnmp.mk).
KACHECK_SOURCES += keepalived/check/check_snmp_val.c \
	keepalived/check/check_snmp_val.h

# The tables and traps themselves, on net-snmp's agent API (SNMP_CFLAGS
# come from keepalived/local.mk).
if WITH_SNMP
KACHECK_SOURCES += keepalived/check/check_snmp.c keepalived/check/check_snmp.h \
	keepalived/check/check_snmp_internal.h \
	keepalived/check/check_snmp_set.c keepalived/check/check_snmp_vs.c \
	keepalived/check/check_snmp_rs.c \
	keepalived/check/check_snmp_trap.c
endif
