/*
 * track_file.h: the number in a track file (keepalived.conf(5), "Track
 * files"), shared by the checker's FILE_CHECK and VRRP's track_file.
 *
 * The number is read the way keepalived 2.2.7 reads it (observed): white
 * space before it is skipped; a sign is allowed; 0x... is hexadecimal and
 * a leading 0 octal; reading stops at the first character that is not
 * part of the number, so "12abc" is 12 and "3\n4" is 3; text with no
 * number ("", "abc", "- 4") is 0; a missing file is 0. A number outside
 * -2147483648..2147483648 is invalid, and keepalived then keeps the value
 * it had before.
 */
#ifndef KA_TRACK_FILE_H
#define KA_TRACK_FILE_H

#include <stdbool.h>
#include <stddef.h>

#define TRACK_FILE_VALUE_MIN (-2147483647L - 1)
#define TRACK_FILE_VALUE_MAX 2147483648L
/* How much of the file is looked at: far more than any number needs. */
#define TRACK_FILE_READ_MAX 4095

/*
 * Parses "len" bytes of "text" (need not be NUL-terminated; NUL bytes end
 * it). Pure. Returns 0 with *value set, or -ERANGE for a number out of
 * range (*value untouched).
 */
int track_file_parse(const char *text, size_t len, long *value);

/*
 * Reads the file at "path" without blocking (O_NONBLOCK: a FIFO with no
 * writer reads as empty). Returns 0 with *value set (0 for a missing
 * file), -ERANGE for a number out of range, or the negative errno of
 * open() or read() for a file that exists but cannot be read.
 */
int track_file_read(const char *path, long *value);

/*
 * init_file: writes "value" to "path" if the file does not exist, or
 * whatever it holds with "overwrite". Returns 0 (also when the file was
 * left alone), or the negative errno of open() or write().
 */
int track_file_write_init(const char *path, long value, bool overwrite);

#endif
