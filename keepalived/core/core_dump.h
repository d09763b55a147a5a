/*
 * core_dump.h: -m and -M. A daemon that crashes in the field should leave
 * a core file for the bug report: -m lifts the core size limit (children
 * inherit it), -M also points the kernel's core_pattern somewhere for as
 * long as the daemon runs, and puts the old pattern back at exit.
 */
#ifndef KA_CORE_DUMP_H
#define KA_CORE_DUMP_H

#define CORE_PATTERN_FILE "/proc/sys/kernel/core_pattern"

/* RLIMIT_CORE soft and hard to unlimited, and the process dumpable.
 * Returns 0 or -errno. */
int core_dump_enable(void);

/*
 * Writes "pattern" (plus a newline) into the file at "path" (normally
 * CORE_PATTERN_FILE) after reading what it held into *old (without its
 * newline; the caller frees it with mem_free). Returns 0 or -errno; on
 * error *old is NULL and nothing was written.
 */
int core_pattern_swap(const char *path, const char *pattern, char **old);

#endif
