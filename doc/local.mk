# doc/: man pages and sample configurations.
EXTRA_DIST += doc/samples
