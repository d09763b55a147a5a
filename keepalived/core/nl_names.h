/*
 * nl_names.h: the names iproute2 gives to routing tables (rt_tables),
 * route protocols (rt_protos) and realms (rt_realms), so that
 * "table main", "protocol bird" and "realms PQA" mean what they mean to
 * "ip route".
 *
 * Built-in defaults (main 254, local 255, default 253, the RTPROT_* names)
 * hold when the files are missing. Files are read from /etc/iproute2 and,
 * as Debian 12's iproute2 6.1 may install them, /usr/share/iproute2, with
 * the "*.conf" fragments of their ".d" folders; a later entry for a
 * name wins.
 */
#ifndef KA_NL_NAMES_H
#define KA_NL_NAMES_H

#include <stddef.h>
#include <stdint.h>

enum nl_names_kind {
	NL_NAMES_TABLE,
	NL_NAMES_PROTO,
	NL_NAMES_REALM,
};

struct nl_names;

/* A set holding only the built-in defaults; never NULL. */
struct nl_names *nl_names_new(void);
/* Frees and NULLs *n; accepts NULL. */
void nl_names_free(struct nl_names **n);

/*
 * Adds the "number name" lines of a file's text ('#' comments, blank
 * lines); lines that do not parse are skipped, as iproute2 does. Returns
 * the number of entries added.
 */
size_t nl_names_add_text(struct nl_names *n, enum nl_names_kind kind,
			 const char *text);

/* Reads the system's files (see above). Returns the entries added. */
size_t nl_names_load_system(struct nl_names *n);
/* Same from an explicit list of directories, for tests. */
size_t nl_names_load_dirs(struct nl_names *n, const char *const *dirs,
			  size_t ndirs);

/*
 * A name or a number (decimal, or hexadecimal with 0x) to its value.
 * Tables may be up to 2^32-1; protocols 0..255; realms 0..65535.
 * Returns 0 and sets *out, or -EINVAL (unknown name) or -ERANGE.
 * "n" may be NULL: numbers only.
 */
int nl_names_lookup(const struct nl_names *n, enum nl_names_kind kind,
		    const char *word, uint32_t *out);

/*
 * "realms FROM/TO" or "realms TO" of a route or a rule, each a realm name
 * or number, into the kernel's 32-bit form (FROM << 16 | TO). Returns 0
 * and sets *out, or -EINVAL naming in *bad (a caller buffer of badlen
 * bytes) the part that is unknown.
 */
int nl_names_realms(const struct nl_names *n, const char *value,
		    uint32_t *out, char *bad, size_t badlen);

/* The name of a value, or NULL when it has none (or n is NULL). */
const char *nl_names_name(const struct nl_names *n, enum nl_names_kind kind,
			  uint32_t id);

#endif
