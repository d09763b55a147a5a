/*
 * vrrp_snmp_objs.c: the blocks instances track, with their status now:
 * vrrpScriptTable (vrrp_script), vrrpFileTable (track_file) and
 * vrrpProcessTable (vrrp_track_process), numbered in configuration
 * order. A block no running instance tracks has no status: that column
 * is left out of its row.
 */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "check_data.h"
#include "vrrp_snmp_internal.h"
#include "vrrp_snmp_map.h"

/* The runner of the script of that name, if an instance tracks it. */
static const struct vrrp_script *find_script(const struct vrrp_run *r,
					     const char *name)
{
	const struct vrrp_inst *in;
	size_t i;

	list_for_each_entry(in, &r->insts, node)
		for (i = 0; i < in->p.ntrack_scripts; i++)
			if (in->scripts[i] &&
			    strcmp(vrrp_script_name(in->scripts[i]), name) == 0)
				return in->scripts[i];
	return NULL;
}

enum {
	SC_NAME = 2, SC_COMMAND, SC_INTERVAL, SC_WEIGHT, SC_RESULT,
	SC_RISE, SC_FALL, SC_WGT_REV,
};

void vrrp_snmp_fill_scripts(void *ctx, struct snmp_rows *rows)
{
	const struct vrrp_snmp *vs = ctx;
	const struct vrrp_conf *vc = vrrp_snmp_conf(vs);
	const struct vrrp_script_conf *sc;
	const struct vrrp_script *s;
	struct snmp_row *r;
	uint32_t idx = 0;

	if (!vc)
		return;
	list_for_each_entry(sc, &vc->scripts, node) {
		r = snmp_rows_add1(rows, ++idx);
		snmp_row_str(r, SC_NAME, sc->name);
		snmp_row_str(r, SC_COMMAND, sc->cmd.path);
		snmp_row_int(r, SC_INTERVAL, (int64_t)(sc->interval_us /
						       1000000));
		snmp_row_int(r, SC_WEIGHT, sc->weight);
		s = find_script(vs->run, sc->name);
		if (s)
			snmp_row_int(r, SC_RESULT, vrrp_snmp_script_result(
					     vrrp_script_status(s)));
		snmp_row_uint(r, SC_RISE, sc->rise);
		snmp_row_uint(r, SC_FALL, sc->fall);
		snmp_row_bool(r, SC_WGT_REV, sc->reverse);
	}
}

/* The watcher of that file, if an instance tracks it. */
static const struct vrrp_tfile *find_file(const struct vrrp_run *r,
					  const char *path)
{
	const struct vrrp_inst *in;
	size_t i;

	list_for_each_entry(in, &r->insts, node)
		for (i = 0; i < in->p.ntrack_files; i++)
			if (in->files[i] &&
			    strcmp(vrrp_tfile_path(in->files[i]), path) == 0)
				return in->files[i];
	return NULL;
}

void vrrp_snmp_fill_files(void *ctx, struct snmp_rows *rows)
{
	const struct vrrp_snmp *vs = ctx;
	const struct ka_conf *c = *vs->conf;
	const struct ck_track_file *tf;
	const struct vrrp_tfile *f;
	struct snmp_row *r;
	uint32_t idx = 0;

	if (!c || !c->check)
		return;
	list_for_each_entry(tf, &c->check->track_files, node) {
		r = snmp_rows_add1(rows, ++idx);
		snmp_row_str(r, 2, tf->name);
		snmp_row_str(r, 3, tf->path);
		f = tf->path ? find_file(vs->run, tf->path) : NULL;
		if (f)
			snmp_row_int(r, 4, vrrp_tfile_value(f));
		snmp_row_int(r, 5, tf->weight);
		snmp_row_bool(r, 6, tf->reverse);
	}
}

static const struct vrrp_proc *find_proc(const struct vrrp_run *r,
					 const char *name)
{
	const struct vrrp_inst *in;
	size_t i;

	list_for_each_entry(in, &r->insts, node)
		for (i = 0; i < in->p.ntrack_procs; i++)
			if (in->procs[i] &&
			    strcmp(in->p.track_procs[i].proc.name, name) == 0)
				return in->procs[i];
	return NULL;
}

enum {
	P_NAME = 2, P_PATH, P_PARAMS, P_PARAM_MATCH, P_WEIGHT, P_WGT_REV,
	P_QUORUM, P_QUORUM_MAX, P_FORK_DELAY, P_TERMINATE_DELAY,
	P_FULL_COMMAND, P_CUR_PROC, P_RESULT,
};

/* The parameters as one line, separated by spaces. */
static void proc_params(struct snmp_row *r, const struct vrrp_proc_spec *s)
{
	char line[1024] = "";
	size_t i, len = 0;
	int n;

	for (i = 0; i < s->nparams && len < sizeof(line); i++) {
		n = snprintf(line + len, sizeof(line) - len, "%s%s",
			     i ? " " : "", s->params[i]);
		if (n < 0)
			break;
		len += (size_t)n;
	}
	if (s->nparams)
		snmp_row_str(r, P_PARAMS, line);
}

static void proc_row(const struct vrrp_snmp *vs, struct snmp_row *r,
		     const struct vrrp_proc_conf *pc)
{
	const struct vrrp_proc *p = find_proc(vs->run, pc->name);

	snmp_row_str(r, P_NAME, pc->name);
	snmp_row_str(r, P_PATH, pc->spec.name);
	proc_params(r, &pc->spec);
	snmp_row_int(r, P_PARAM_MATCH, pc->spec.match);
	snmp_row_int(r, P_WEIGHT, pc->weight);
	snmp_row_bool(r, P_WGT_REV, pc->reverse);
	snmp_row_uint(r, P_QUORUM, pc->quorum);
	snmp_row_int(r, P_QUORUM_MAX, pc->quorum_max > INT32_MAX ?
		     INT32_MAX : (int64_t)pc->quorum_max);
	snmp_row_uint(r, P_FORK_DELAY, pc->fork_delay_us);
	snmp_row_uint(r, P_TERMINATE_DELAY, pc->terminate_delay_us);
	snmp_row_bool(r, P_FULL_COMMAND, pc->spec.full_command);
	if (!p)
		return;
	snmp_row_int(r, P_CUR_PROC, vrrp_proc_count(p));
	snmp_row_bool(r, P_RESULT, vrrp_proc_status(p) == VRRP_TRACK_UP);
}

void vrrp_snmp_fill_procs(void *ctx, struct snmp_rows *rows)
{
	const struct vrrp_snmp *vs = ctx;
	const struct vrrp_conf *vc = vrrp_snmp_conf(vs);
	const struct vrrp_proc_conf *pc;
	uint32_t idx = 0;

	if (!vc)
		return;
	list_for_each_entry(pc, &vc->procs, node)
		if (!pc->removed)
			proc_row(vs, snmp_rows_add1(rows, ++idx), pc);
}
