/*
 * ipvs_record.c: the recording backend (--ipvs-record=FILE). It answers
 * as the kernel would, from an ipvs_table, and after every change
 * rewrites FILE with the whole table in the layout of "ipvsadm -Ln".
 *
 * The rewrite goes to a temporary file in FILE's directory and is then
 * renamed over FILE, so a reader (a test, an operator's watch) sees the
 * old table or the new one, never half of one. No fsync: the file
 * describes the running daemon and is worthless after a crash of the
 * machine.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipvs_backend.h"
#include "ipvs_table.h"
#include "memory.h"

struct record {
	char *path;
	struct ipvs_table *table;
	bool sync_master, sync_backup;
};

static struct record *rec_of(struct ipvs_backend *b)
{
	return b->ctx;
}

/* "dir/.name.XXXXXX" next to "dir/name". */
static char *temp_template(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;

	return mem_asprintf("%.*s.%s.XXXXXX", (int)(base - path), path, base);
}

static int write_table(const struct ipvs_table *t, int fd)
{
	FILE *f = fdopen(fd, "w");
	int r;

	if (!f) {
		r = -errno;
		close(fd);
		return r;
	}
	r = ipvs_table_format(t, f);
	if (fclose(f) != 0 && r == 0)
		r = -errno;
	return r;
}

static int rewrite(struct record *rc)
{
	char *tmp = temp_template(rc->path);
	int fd = mkstemp(tmp);
	int r = 0;

	if (fd < 0) {
		r = -errno;
		mem_free(&tmp);
		return r;
	}
	/* mkstemp() makes it private; the table is no secret. */
	if (fchmod(fd, 0644) < 0)
		r = -errno;
	if (r == 0)
		r = write_table(rc->table, fd);
	else
		close(fd);
	if (r == 0 && rename(tmp, rc->path) < 0)
		r = -errno;
	if (r < 0)
		unlink(tmp);
	mem_free(&tmp);
	return r;
}

/* Rewrites the file after a change that took effect. If the file cannot
 * be written the change stays made in memory and the error is returned
 * for the caller to log; the next change writes the whole table again. */
static int changed(struct ipvs_backend *b, int r)
{
	return r < 0 ? r : rewrite(rec_of(b));
}

static int svc_add(struct ipvs_backend *b, const struct ipvs_service *s)
{
	return changed(b, ipvs_table_svc_add(rec_of(b)->table, s));
}

static int svc_edit(struct ipvs_backend *b, const struct ipvs_service *s)
{
	return changed(b, ipvs_table_svc_edit(rec_of(b)->table, s));
}

static int svc_del(struct ipvs_backend *b, const struct ipvs_service *s)
{
	return changed(b, ipvs_table_svc_del(rec_of(b)->table, s));
}

static int dest_add(struct ipvs_backend *b, const struct ipvs_service *s,
		    const struct ipvs_dest *d)
{
	return changed(b, ipvs_table_dest_add(rec_of(b)->table, s, d));
}

static int dest_edit(struct ipvs_backend *b, const struct ipvs_service *s,
		     const struct ipvs_dest *d)
{
	return changed(b, ipvs_table_dest_edit(rec_of(b)->table, s, d));
}

static int dest_del(struct ipvs_backend *b, const struct ipvs_service *s,
		    const struct ipvs_dest *d)
{
	return changed(b, ipvs_table_dest_del(rec_of(b)->table, s, d));
}

static int flush(struct ipvs_backend *b)
{
	ipvs_table_flush(rec_of(b)->table);
	return rewrite(rec_of(b));
}

/* Nothing passes through a table on paper: the counters are zero. */
static int get_stats(struct ipvs_backend *b, const struct ipvs_service *s,
		     const struct ipvs_dest *d, struct ipvs_stats *out)
{
	const struct ipvs_table *t = rec_of(b)->table;

	if (!ipvs_table_svc_find(t, s) ||
	    (d && !ipvs_table_dest_find(t, s, d)))
		return -ENOENT;
	memset(out, 0, sizeof(*out));
	return 0;
}

/* The kernel runs one master and one backup sync thread: a second start
 * is EEXIST, a stop of none ESRCH. They do not show in "ipvsadm -Ln". */
static int sync_start(struct ipvs_backend *b,
		      const struct ipvs_sync_daemon *sd)
{
	struct record *rc = rec_of(b);
	bool *running = sd->master ? &rc->sync_master : &rc->sync_backup;

	if (*running)
		return -EEXIST;
	*running = true;
	return 0;
}

static int sync_stop(struct ipvs_backend *b, bool master)
{
	struct record *rc = rec_of(b);
	bool *running = master ? &rc->sync_master : &rc->sync_backup;

	if (!*running)
		return -ESRCH;
	*running = false;
	return 0;
}

static int svc_list(struct ipvs_backend *b, struct ipvs_service **out,
		    size_t *n)
{
	return ipvs_table_svc_list(rec_of(b)->table, out, n);
}

static int dest_list(struct ipvs_backend *b, const struct ipvs_service *s,
		     struct ipvs_dest **out, struct ipvs_dest_info **info,
		     size_t *n)
{
	int r = ipvs_table_dest_list(rec_of(b)->table, s, out, n);

	if (r == 0 && info)
		*info = mem_calloc(*n ? *n : 1, sizeof(**info));
	return r;
}

/* Connection time-outs do not show in "ipvsadm -Ln": nothing to
 * record. */
static int set_timeouts(struct ipvs_backend *b, const struct ipvs_timeouts *t)
{
	(void)b;
	(void)t;
	return 0;
}

static void record_free(struct ipvs_backend *b)
{
	struct record *rc = rec_of(b);

	ipvs_table_free(&rc->table);
	mem_free(&rc->path);
	mem_free(&rc);
	mem_free(&b);
}

static const struct ipvs_backend_ops record_ops = {
	.name = "record",
	.svc_add = svc_add,
	.svc_edit = svc_edit,
	.svc_del = svc_del,
	.dest_add = dest_add,
	.dest_edit = dest_edit,
	.dest_del = dest_del,
	.flush = flush,
	.get_stats = get_stats,
	.sync_start = sync_start,
	.sync_stop = sync_stop,
	.svc_list = svc_list,
	.dest_list = dest_list,
	.set_timeouts = set_timeouts,
	.free = record_free,
};

int ipvs_record_new(const char *path, struct ipvs_backend **out)
{
	struct ipvs_backend *b = mem_new(struct ipvs_backend);
	struct record *rc = mem_new(struct record);
	int r;

	rc->path = mem_strdup(path);
	rc->table = ipvs_table_new();
	b->ops = &record_ops;
	b->ctx = rc;
	/* The file exists from the start, showing the empty table. */
	r = rewrite(rc);
	if (r < 0) {
		record_free(b);
		return r;
	}
	*out = b;
	return 0;
}
