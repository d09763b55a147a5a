# genhash: digest of a URL for HTTP_GET/SSL_GET (built by the checkers work).
bin_PROGRAMS += genhash/genhash
genhash_genhash_SOURCES = genhash/main.c
