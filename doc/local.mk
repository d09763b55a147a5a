# doc/: man pages and sample configurations.
dist_man_MANS = doc/man/man8/keepalived.8 doc/man/man5/keepalived.conf.5
EXTRA_DIST += doc/samples
