#ifndef KA_VERSION_H
#define KA_VERSION_H

#include <stdio.h>

/* Writes what "keepalived -v" shows: version, build options, system. */
void version_print(FILE *out);

#endif
