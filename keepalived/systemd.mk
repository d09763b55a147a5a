# The systemd unit (Type=notify, reload by HUP), made from its template by
# make rather than by configure: configure leaves sbindir and sysconfdir
# as "${exec_prefix}/sbin" and "${prefix}/etc", which only make expands.
systemdsystemunit_DATA = keepalived/keepalived.service
EXTRA_DIST += keepalived/keepalived.service.in
CLEANFILES += keepalived/keepalived.service

keepalived/keepalived.service: keepalived/keepalived.service.in Makefile
	$(AM_V_at)$(MKDIR_P) keepalived
	$(AM_V_GEN)sed -e 's|@sbindir[@]|$(sbindir)|g' \
		-e 's|@sysconfdir[@]|$(sysconfdir)|g' \
		$(srcdir)/keepalived/keepalived.service.in >$@.tmp && mv -f $@.tmp $@
