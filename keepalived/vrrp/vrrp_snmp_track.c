/*
 * vrrp_snmp_track.c: what each instance tracks: vrrpTrackedInterface-,
 * vrrpTrackedScript-, vrrpTrackedFile- and vrrpTrackedProcessTable, with
 * the weights the runtime applies.
 */
#include "config.h"

#include "vrrp_snmp_internal.h"

/* name (1), weight (2), reversed (3), indexed by ifIndex: an interface
 * that does not exist now has no index, so no row. */
static void if_rows(const struct vrrp_snmp *vs, uint32_t idx,
		    const struct vrrp_instance_conf *ic,
		    const struct vrrp_inst *in, struct snmp_rows *rows)
{
	const struct vrrp_run_track_if *t;
	struct snmp_row *r;
	size_t i;
	int ifindex;

	(void)ic;
	for (i = 0; i < in->p.ntrack_ifs; i++) {
		t = &in->p.track_ifs[i];
		ifindex = vrrp_snmp_ifindex(vs, t->ifname);
		if (ifindex <= 0)
			continue;
		r = snmp_rows_add2(rows, idx, (uint32_t)ifindex);
		snmp_row_str(r, 1, t->ifname);
		snmp_row_int(r, 2, t->weight);
		snmp_row_bool(r, 3, t->reverse);
	}
}

void vrrp_snmp_fill_tracked_ifs(void *ctx, struct snmp_rows *rows)
{
	vrrp_snmp_each_inst(ctx, if_rows, rows);
}

/* name (2), weight (3), reversed (4). */
static void add_tracked(struct snmp_rows *rows, uint32_t idx, uint32_t n,
			const char *name, int weight, bool reverse)
{
	struct snmp_row *r = snmp_rows_add2(rows, idx, n);

	snmp_row_str(r, 2, name);
	snmp_row_int(r, 3, weight);
	snmp_row_bool(r, 4, reverse);
}

static void script_rows(const struct vrrp_snmp *vs, uint32_t idx,
			const struct vrrp_instance_conf *ic,
			const struct vrrp_inst *in, struct snmp_rows *rows)
{
	const struct vrrp_run_track_script *t;
	size_t i;

	(void)vs;
	(void)ic;
	for (i = 0; i < in->p.ntrack_scripts; i++) {
		t = &in->p.track_scripts[i];
		add_tracked(rows, idx, (uint32_t)i + 1, t->script.name,
			    t->weight, t->reverse);
	}
}

void vrrp_snmp_fill_tracked_scripts(void *ctx, struct snmp_rows *rows)
{
	vrrp_snmp_each_inst(ctx, script_rows, rows);
}

/* The runtime holds the files' paths; their block names are in the
 * configuration's lines, taken with the runtime's own filter so that
 * the n-th line is the n-th file the instance runs with. */
static void file_rows(const struct vrrp_snmp *vs, uint32_t idx,
		      const struct vrrp_instance_conf *ic,
		      const struct vrrp_inst *in, struct snmp_rows *rows)
{
	const struct vrrp_track_conf *t;
	uint32_t n = 0;

	(void)vs;
	list_for_each_entry(t, &ic->track_files, node) {
		if (t->ignored || !t->file_path || n == in->p.ntrack_files)
			continue;
		add_tracked(rows, idx, n + 1, t->name,
			    in->p.track_files[n].weight,
			    in->p.track_files[n].reverse);
		n++;
	}
}

void vrrp_snmp_fill_tracked_files(void *ctx, struct snmp_rows *rows)
{
	vrrp_snmp_each_inst(ctx, file_rows, rows);
}

static void proc_rows(const struct vrrp_snmp *vs, uint32_t idx,
		      const struct vrrp_instance_conf *ic,
		      const struct vrrp_inst *in, struct snmp_rows *rows)
{
	const struct vrrp_run_track_proc *t;
	size_t i;

	(void)vs;
	(void)ic;
	for (i = 0; i < in->p.ntrack_procs; i++) {
		t = &in->p.track_procs[i];
		add_tracked(rows, idx, (uint32_t)i + 1, t->proc.name,
			    t->weight, t->reverse);
	}
}

void vrrp_snmp_fill_tracked_procs(void *ctx, struct snmp_rows *rows)
{
	vrrp_snmp_each_inst(ctx, proc_rows, rows);
}
