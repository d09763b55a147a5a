/*
 * track_file_read.h: the number in a track file, and what it means for a
 * FILE_CHECK (keepalived.conf(5), "Track files" and FILE_CHECK).
 *
 * The number is read the way keepalived 2.2.7 reads it (observed): white
 * space before it is skipped; a sign is allowed; 0x... is hexadecimal and
 * a leading 0 octal; reading stops at the first character that is not
 * part of the number, so "12abc" is 12 and "3\n4" is 3; text with no
 * number ("", "abc", "- 4") is 0; a missing file is 0. A number outside
 * -2147483648..2147483648 is invalid, and keepalived then keeps the value
 * it had before.
 */
#ifndef KA_TRACK_FILE_READ_H
#define KA_TRACK_FILE_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "check_data.h"

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
 * init_file: writes tf->init_value to tf->path, if the file does not
 * exist or with init_overwrite. For whoever starts the checks (once, at
 * start-up). Returns 0 (also when nothing had to be done or init_file is
 * not set), or the negative errno of open() or write().
 */
int track_file_init(const struct ck_track_file *tf);

/* What a value means for one FILE_CHECK. */
struct track_file_outcome {
	bool ok;		/* the check succeeds */
	bool has_delta;		/* dynamic: "delta" is the weight change */
	long delta;
};

/*
 * keepalived.conf(5), "Track files": with weight 0, 0 is up and any other
 * value down. With another weight, the value times the weight (negated
 * by "reverse") is added to the real server's weight and the check is
 * up, unless that product is -2147483648 or less, which is down.
 * f->dynamic changes nothing: the FILE_CHECK text documents "dynamic" but
 * keepalived 2.2.7 does not know the keyword, and its "Track files" text
 * makes every non-zero weight adjust the real server's. Pure.
 */
void track_file_outcome(const struct ck_file *f, long value,
			struct track_file_outcome *out);

#endif
