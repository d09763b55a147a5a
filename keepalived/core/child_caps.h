/*
 * child_caps.h: the capabilities each child keeps. A child is root like
 * the parent, but only the few privileged operations of its own subsystem
 * need to work: it lowers its effective and permitted sets to those right
 * after it starts, so that a bug in it cannot use the rest. The bounding
 * set is left whole on purpose (see keepalived(8), CAPABILITIES): a script
 * that runs as root gets its capabilities from it at execve(), and a notify
 * script may need any of them (or run sudo, whose capabilities are capped
 * by it too).
 */
#ifndef KA_CHILD_CAPS_H
#define KA_CHILD_CAPS_H

#include <stddef.h>
#include <stdint.h>

#include "child.h"

/* The capabilities (bit N = capability N) a child of that role keeps. */
uint64_t child_caps_needed(enum child_role role);

/* "cap_net_admin,cap_net_raw" for a mask, in capability order; returns
 * the length snprintf() would have written. */
int child_caps_names(uint64_t mask, char *buf, size_t size);

/* Lowers the calling process's effective, permitted and inheritable sets
 * to their intersection with keep. 0 or -errno. */
int child_caps_restrict(uint64_t keep);

#endif
