# doc/: man pages and sample configurations.
dist_man_MANS = doc/man/man8/keepalived.8 doc/man/man5/keepalived.conf.5
# genhash(1) (wip-ckhttp)
dist_man_MANS += doc/man/man1/genhash.1
EXTRA_DIST += doc/samples
