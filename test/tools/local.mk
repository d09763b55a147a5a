# Small C programs that integration tests drive (built, not installed).

# nltool: the netlink reflector and the static_* blocks, for
# test/integration/test_netlink*.py.
noinst_PROGRAMS += test/tools/nltool
test_tools_nltool_SOURCES = test/tools/nltool.c
test_tools_nltool_CPPFLAGS = $(KA_CORE_CPPFLAGS)
test_tools_nltool_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS)
test_tools_nltool_LDADD = keepalived/core/libcore.a $(KA_CORE_LIBS)

# vrrptool: VRRP adverts, gratuitous ARP and NA with the daemon's own
# code, for test/integration/test_vrrp_wire.py.
noinst_PROGRAMS += test/tools/vrrptool
test_tools_vrrptool_SOURCES = test/tools/vrrptool.c
test_tools_vrrptool_CPPFLAGS = $(KA_CORE_CPPFLAGS) \
	-I$(top_srcdir)/keepalived/vrrp
test_tools_vrrptool_LDADD = keepalived/vrrp/libvrrp.a lib/libka.a \
	$(OPENSSL_LIBS)

# alerttool: e-mail alerts with the daemon's alerter, for
# test/integration/test_smtp_alert.py.
noinst_PROGRAMS += test/tools/alerttool
test_tools_alerttool_SOURCES = test/tools/alerttool.c
test_tools_alerttool_CPPFLAGS = $(KA_CORE_CPPFLAGS)
test_tools_alerttool_LDADD = keepalived/core/libcore.a $(KA_CORE_LIBS)

# kwlist: every keyword the configuration parser knows, with its flags,
# for test/integration/test_keyword_docs.py.
noinst_PROGRAMS += test/tools/kwlist
test_tools_kwlist_SOURCES = test/tools/kwlist.c
test_tools_kwlist_CPPFLAGS = $(KA_CORE_CPPFLAGS)
test_tools_kwlist_LDADD = keepalived/core/libcore.a $(KA_CORE_LIBS)
