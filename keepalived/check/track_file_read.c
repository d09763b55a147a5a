/*
 * track_file_read.c: a track file's number judged for a FILE_CHECK.
 */
#include "config.h"

#include <stdint.h>

#include "track_file_read.h"

int track_file_init(const struct ck_track_file *tf)
{
	if (!tf->init_file || !tf->path)
		return 0;
	return track_file_write_init(tf->path, tf->init_value,
				     tf->init_overwrite);
}

void track_file_outcome(const struct ck_file *f, long value,
			struct track_file_outcome *out)
{
	int64_t product;

	out->has_delta = false;
	out->delta = 0;
	if (f->weight == 0) {
		out->ok = value == 0;
		return;
	}
	/* Both factors fit in 32 bits (plus one), so the product cannot
	 * overflow 64. */
	product = (int64_t)value * (int64_t)f->weight;
	if (f->reverse)
		product = -product;
	if (product <= TRACK_FILE_VALUE_MIN) {
		out->ok = false;
		return;
	}
	out->ok = true;
	out->has_delta = true;
	out->delta = product > INT32_MAX ? INT32_MAX : (long)product;
}
