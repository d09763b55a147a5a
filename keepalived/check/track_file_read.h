/*
 * track_file_read.h: the number in a track file, and what it means for a
 * FILE_CHECK (keepalived.conf(5), "Track files" and FILE_CHECK).
 *
 * How the number is read: track_file.h (keepalived/core), shared with
 * VRRP tracking.
 */
#ifndef KA_TRACK_FILE_READ_H
#define KA_TRACK_FILE_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "check_data.h"
#include "track_file.h"

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
