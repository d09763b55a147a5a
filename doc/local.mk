# doc/: man pages, sample configurations, the options file for the systemd
# unit, and the SNMP MIBs.
dist_man_MANS = doc/man/man8/keepalived.8 doc/man/man5/keepalived.conf.5
# genhash(1) (wip-ckhttp)
dist_man_MANS += doc/man/man1/genhash.1

# The samples go where Debian's keepalived puts its own, next to the rest
# of the documentation (/usr/share/doc/keepalived/samples): they are
# examples to read, not configurations to run. They are picked up by name
# so that a new sample needs no edit here (the install test checks that
# every one of them is installed).
samplesdir = $(docdir)/samples
dist_samples_DATA = $(wildcard $(srcdir)/doc/samples/*.conf)

# One sample under sysconfdir as well, where an administrator looks first
# (keepalived and Debian's package do the same). It is installed as
# keepalived.conf.sample and never as keepalived.conf: a daemon started on
# an installed example would announce its addresses on the real network,
# and a real keepalived.conf must not be replaced by a later install.
kaconfdir = $(sysconfdir)/keepalived
dist_kaconf_DATA = doc/keepalived.conf.sample

# MIBs where net-snmp looks for them; none yet (doc/mibs/README.md). The
# SNMP work only adds its doc/mibs/*.txt files.
mibdir = $(datadir)/snmp/mibs
dist_mib_DATA = $(wildcard $(srcdir)/doc/mibs/*.txt)
EXTRA_DIST += doc/mibs/README.md

# The options file read by the unit (KEEPALIVED_OPTIONS). Like a package's
# configuration file it belongs to the administrator once installed: an
# existing one is left as it is (with a note), and uninstall removes it only
# while it is still the file we installed, so that "make uninstall" removes
# exactly what "make install" put.
kadefaultdir = $(sysconfdir)/default
EXTRA_DIST += doc/keepalived.default
install-data-local: install-ka-default
uninstall-local: uninstall-ka-default
install-ka-default:
	@dst="$(DESTDIR)$(kadefaultdir)/keepalived"; \
	if test -e "$$dst"; then \
		echo "note: keeping the existing $$dst"; \
	else \
		$(MKDIR_P) "$(DESTDIR)$(kadefaultdir)" && \
		echo " $(INSTALL_DATA) doc/keepalived.default '$$dst'" && \
		$(INSTALL_DATA) $(srcdir)/doc/keepalived.default "$$dst"; \
	fi
uninstall-ka-default:
	@dst="$(DESTDIR)$(kadefaultdir)/keepalived"; \
	src="$(srcdir)/doc/keepalived.default"; \
	if test -e "$$dst" && ! cmp -s "$$src" "$$dst"; then \
		echo "note: keeping $$dst: it was changed after install"; \
	else \
		echo " rm -f '$$dst'"; rm -f "$$dst"; \
	fi
.PHONY: install-ka-default uninstall-ka-default
