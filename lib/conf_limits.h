/*
 * conf_limits.h: the bounds that keep the configuration parser finite on
 * any input. Each is far above what a real configuration needs (the
 * keepalived.conf(5) example of 65024 VRRP instances made by three nested
 * ~SEQ blocks stays well inside them) and each is reported when reached.
 */
#ifndef KA_CONF_LIMITS_H
#define KA_CONF_LIMITS_H

/* Bytes in one logical line, before or after substitution. */
#define CONF_LINE_MAX (1024 * 1024)
/* Files opened by include for one parse, and their nesting. */
#define CONF_INCLUDE_FILES_MAX 10000
#define CONF_INCLUDE_DEPTH_MAX 32
/* Alternatives one brace pattern may expand to. */
#define CONF_BRACE_ALTS_MAX 1024
/* Nesting of line expansion: multi-line parameters, ~SEQ, ~LST. */
#define CONF_EXPAND_DEPTH_MAX 64
/* Substitutions made in one line (catches $A=${A}x). */
#define CONF_SUBST_MAX 1000
/* Bytes copied while substituting one line (each replacement rewrites
 * the line), so that a long line cannot make it quadratic. */
#define CONF_SUBST_WORK_MAX (64 * 1024 * 1024)
/* Values of one ~SEQ or ~LST, and lines made by expansion in one parse. */
#define CONF_SEQ_VALUES_MAX 1000000
#define CONF_EXPANDED_LINES_MAX 4000000UL
/* Nesting of '{' blocks. */
#define CONF_BLOCK_DEPTH_MAX 256

#endif
