/*
 * vrrp_check_tfile.c: the instances' track_file lines against the
 * track_file blocks, which the checker's table reads for both children
 * (check_parser.c). Runs after the checker's checks, which drop a block
 * without a file, so that a line naming one is "not found" here, as in
 * keepalived.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check_data.h"
#include "vrrp_check.h"

#define FILE_WEIGHT_MAX 254

static const struct ck_track_file *find(const struct list_node *files,
					const char *name)
{
	const struct ck_track_file *tf;

	list_for_each_entry(tf, files, node)
		if (!strcmp(tf->name, name))
			return tf;
	return NULL;
}

/* "(instance) <before> <file> <after>" */
static void ignore(struct cfg_parser *p, const struct vrrp_instance_conf *ic,
		   struct vrrp_track_conf *t, const char *before,
		   const char *after)
{
	cfg_report_at(p, CFG_WARNING, t->at.file, t->at.line, "(%s) %s %s %s",
		      ic->name, before, t->name, after);
	t->ignored = true;
}

/* The line's weight and reverse, else the block's (its weight may be
 * outside the line's range: keepalived clamps it). */
static void take_block(struct vrrp_track_conf *t,
		       const struct ck_track_file *tf)
{
	long wt = tf->weight;

	if (!t->weight_set) {
		if (wt > FILE_WEIGHT_MAX)
			wt = FILE_WEIGHT_MAX;
		if (wt < -FILE_WEIGHT_MAX)
			wt = -FILE_WEIGHT_MAX;
		t->weight = (int)wt;
		t->weight_set = true;
	}
	if (t->reverse == GD_UNSET)
		t->reverse = tf->reverse ? GD_ON : GD_OFF;
	t->file_path = tf->path;
	t->file_init = tf->init_file;
	t->file_init_value = tf->init_value;
	t->file_init_overwrite = tf->init_overwrite;
}

static int check_line(struct cfg_parser *p, struct vrrp_instance_conf *ic,
		      struct vrrp_track_conf *t,
		      const struct list_node *files)
{
	const struct ck_track_file *tf = find(files, t->name);

	if (!tf) {
		ignore(p, ic, t, "track file", "not found, ignoring...");
		return -EINVAL;
	}
	take_block(t, tf);
	if (ic->priority == VRRP_PRIO_OWNER && t->weight) {
		ignore(p, ic, t, "ignoring track file",
		       "with weight due to address_owner");
		return -EINVAL;
	}
	if (ic->sync && !ic->sync->tracking_weight && !t->from_group &&
	    t->weight) {
		ignore(p, ic, t, "ignoring track file",
		       "with weight due to SYNC group");
		return -EINVAL;
	}
	return 0;
}

int vrrp_check_track_files(struct cfg_parser *p, struct vrrp_conf *vc,
			   const struct list_node *files)
{
	struct vrrp_instance_conf *ic;
	struct vrrp_track_conf *t;
	int bad = 0;

	list_for_each_entry(ic, &vc->instances, node)
		list_for_each_entry(t, &ic->track_files, node)
			if (!t->ignored)
				bad += check_line(p, ic, t, files) < 0;
	return bad ? -EINVAL : 0;
}
