/*
 * vrrp_snmp_sync.c: vrrpSyncGroupTable, vrrpSyncGroupMemberTable and the
 * groups' own tracking lines (vrrpSyncTracked{Interface,Script,File,
 * Process}Table). Groups are numbered in configuration order, those the
 * validation pass removed (no member left) left out.
 */
#include "config.h"

#include <string.h>

#include "vrrp_snmp_internal.h"
#include "vrrp_snmp_map.h"

typedef void sync_fn(const struct vrrp_snmp *vs, uint32_t idx,
		     const struct vrrp_sync_conf *sc, struct snmp_rows *rows);

static void each_sync(const struct vrrp_snmp *vs, sync_fn *fn,
		      struct snmp_rows *rows)
{
	const struct vrrp_conf *vc = vrrp_snmp_conf(vs);
	const struct vrrp_sync_conf *sc;
	uint32_t idx = 0;

	if (!vc)
		return;
	list_for_each_entry(sc, &vc->syncs, node)
		if (!sc->removed)
			fn(vs, ++idx, sc, rows);
}

static const struct vrrp_group *find_group(const struct vrrp_run *r,
					   const char *name)
{
	const struct vrrp_group *g;

	list_for_each_entry(g, &r->groups, node)
		if (strcmp(g->p.name, name) == 0)
			return g;
	return NULL;
}

enum {
	S_NAME = 2, S_STATE, S_SMTP_ALERT, S_NOTIFY_EXEC, S_SCRIPT_MASTER,
	S_SCRIPT_BACKUP, S_SCRIPT_FAULT, S_SCRIPT, S_TRACKING_WEIGHT,
	S_SCRIPT_STOP,
};

static void sync_row(const struct vrrp_snmp *vs, uint32_t idx,
		     const struct vrrp_sync_conf *sc, struct snmp_rows *rows)
{
	const struct vrrp_group *g = find_group(vs->run, sc->name);
	struct snmp_row *r;
	bool any = false;
	size_t k;

	if (!g)
		return;		/* not running (vrrp_startup_delay) */
	r = snmp_rows_add1(rows, idx);
	snmp_row_str(r, S_NAME, g->p.name);
	snmp_row_int(r, S_STATE, vrrp_snmp_state(g->state));
	snmp_row_bool(r, S_SMTP_ALERT, g->p.smtp_alert);
	for (k = 0; k < VRRP_NOTIFY_COUNT; k++)
		any = any || g->p.notify[k].cmd;
	snmp_row_bool(r, S_NOTIFY_EXEC, any);
	snmp_row_str(r, S_SCRIPT_MASTER, g->p.notify[VRRP_NOTIFY_MASTER].cmd);
	snmp_row_str(r, S_SCRIPT_BACKUP, g->p.notify[VRRP_NOTIFY_BACKUP].cmd);
	snmp_row_str(r, S_SCRIPT_FAULT, g->p.notify[VRRP_NOTIFY_FAULT].cmd);
	snmp_row_str(r, S_SCRIPT, g->p.notify[VRRP_NOTIFY_ANY].cmd);
	snmp_row_bool(r, S_TRACKING_WEIGHT, sc->tracking_weight);
	snmp_row_str(r, S_SCRIPT_STOP, g->p.notify[VRRP_NOTIFY_STOP].cmd);
}

void vrrp_snmp_fill_syncs(void *ctx, struct snmp_rows *rows)
{
	each_sync(ctx, sync_row, rows);
}

static void member_rows(const struct vrrp_snmp *vs, uint32_t idx,
			const struct vrrp_sync_conf *sc,
			struct snmp_rows *rows)
{
	size_t i;

	(void)vs;
	for (i = 0; i < sc->nmembers; i++)
		snmp_row_str(snmp_rows_add2(rows, idx, (uint32_t)i + 1), 2,
			     sc->members[i]);
}

void vrrp_snmp_fill_sync_members(void *ctx, struct snmp_rows *rows)
{
	each_sync(ctx, member_rows, rows);
}

/* The group's tracking lines; the weight column is left out where the
 * line gives none and the tracked object's own is not known here. */
static void sync_ifs(const struct vrrp_snmp *vs, uint32_t idx,
		     const struct vrrp_sync_conf *sc, struct snmp_rows *rows)
{
	const struct vrrp_track_conf *t;
	struct snmp_row *r;
	int ifindex;

	if (!sc->tracking)
		return;
	list_for_each_entry(t, &sc->tracking->track_ifs, node) {
		ifindex = vrrp_snmp_ifindex(vs, t->name);
		if (ifindex <= 0)
			continue;
		r = snmp_rows_add2(rows, idx, (uint32_t)ifindex);
		snmp_row_str(r, 1, t->name);
		/* an interface's weight is 0 unless given */
		snmp_row_int(r, 2, t->weight_set ? t->weight : 0);
		snmp_row_bool(r, 3, t->reverse == GD_ON);
	}
}

void vrrp_snmp_fill_sync_ifs(void *ctx, struct snmp_rows *rows)
{
	each_sync(ctx, sync_ifs, rows);
}

static void sync_line(struct snmp_rows *rows, uint32_t idx, uint32_t n,
		      const struct vrrp_track_conf *t)
{
	struct snmp_row *r = snmp_rows_add2(rows, idx, n);
	const struct vrrp_script_conf *sc = t->script;

	snmp_row_str(r, 2, t->name);
	if (t->weight_set)
		snmp_row_int(r, 3, t->weight);
	else if (sc)
		snmp_row_int(r, 3, sc->weight);
	if (t->reverse != GD_UNSET)
		snmp_row_bool(r, 4, t->reverse == GD_ON);
	else if (sc)
		snmp_row_bool(r, 4, sc->reverse);
}

static void sync_lines(const struct list_node *lines, uint32_t idx,
		       struct snmp_rows *rows)
{
	const struct vrrp_track_conf *t;
	uint32_t n = 0;

	list_for_each_entry(t, lines, node)
		sync_line(rows, idx, ++n, t);
}

static void sync_scripts(const struct vrrp_snmp *vs, uint32_t idx,
			 const struct vrrp_sync_conf *sc,
			 struct snmp_rows *rows)
{
	(void)vs;
	if (sc->tracking)
		sync_lines(&sc->tracking->track_scripts, idx, rows);
}

static void sync_files(const struct vrrp_snmp *vs, uint32_t idx,
		       const struct vrrp_sync_conf *sc,
		       struct snmp_rows *rows)
{
	(void)vs;
	if (sc->tracking)
		sync_lines(&sc->tracking->track_files, idx, rows);
}

static void sync_procs(const struct vrrp_snmp *vs, uint32_t idx,
		       const struct vrrp_sync_conf *sc,
		       struct snmp_rows *rows)
{
	(void)vs;
	if (sc->tracking)
		sync_lines(&sc->tracking->track_procs, idx, rows);
}

void vrrp_snmp_fill_sync_scripts(void *ctx, struct snmp_rows *rows)
{
	each_sync(ctx, sync_scripts, rows);
}

void vrrp_snmp_fill_sync_files(void *ctx, struct snmp_rows *rows)
{
	each_sync(ctx, sync_files, rows);
}

void vrrp_snmp_fill_sync_procs(void *ctx, struct snmp_rows *rows)
{
	each_sync(ctx, sync_procs, rows);
}
