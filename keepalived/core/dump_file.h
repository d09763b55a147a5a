/*
 * dump_file.h: writing the USR1/USR2/JSON dump files safely.
 *
 * Dump files live in /tmp by default, where anyone can plant a symlink or
 * a file of their own at the name (keepalived had CVE-2018-19044, -19045
 * and -19046 for following them). So a dump is never opened by its name:
 * it is written to a new file made with O_EXCL beside it (mode 0600: a
 * dump may show passwords from the configuration), synced, and renamed
 * over the name. rename() replaces a planted symlink or file instead of
 * writing through it. A directory that others may write to is refused
 * unless it has the sticky bit (then only the owner of our temporary file
 * can move or delete it), and so is a directory owned by another user.
 */
#ifndef KA_DUMP_FILE_H
#define KA_DUMP_FILE_H

#include <stddef.h>

/* Defaults, as keepalived. */
#define DUMP_FILE_DATA	"/tmp/keepalived.data"
#define DUMP_FILE_STATS	"/tmp/keepalived.stats"
#define DUMP_FILE_JSON	"/tmp/keepalived.json"

/*
 * The name one process writes, from the configured base name: "tag"
 * inserted before the extension of the last component
 * ("/tmp/keepalived.data" + "_check" -> "/tmp/keepalived_check.data"),
 * or appended if it has none. Pure; caller frees.
 */
char *dump_file_name(const char *base, const char *tag);

/*
 * Replaces "path" with the len bytes of data, atomically: a reader sees
 * the old content or the new, never a part. Returns 0, -EPERM for a
 * directory refused as above, or the negative errno of the step that
 * failed (nothing is left behind).
 */
int dump_file_write(const char *path, const char *data, size_t len);

#endif
