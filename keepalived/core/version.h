#ifndef KA_VERSION_H
#define KA_VERSION_H

#include <stddef.h>
#include <stdio.h>

/* Writes what "keepalived -v" shows: version, system, build options. */
void version_print(FILE *out);

/*
 * Finds the distribution's name in the text of /etc/os-release
 * (PRETTY_NAME, else NAME), unquoted, into buf. Returns 0 or -ENOENT.
 */
int version_distro(const char *os_release, char *buf, size_t len);

#endif
