/*
 * vrrp_check_proc.c: the vrrp_track_process blocks, and the instances'
 * track_process lines against them (sync group lines already copied in).
 */
#include "config.h"

#include <errno.h>

#include "vrrp_check.h"

/* "process" is required; the matching mode follows from the parameters
 * and param_match (see vrrp_proc.h). */
static int check_block(struct cfg_parser *p, struct vrrp_proc_conf *pc)
{
	struct vrrp_proc_spec *s = &pc->spec;

	if (!s->name) {
		cfg_report_at(p, CFG_ERROR, pc->file, pc->line, "track "
			      "process '%s' process name not specified",
			      pc->name);
		pc->removed = true;
		return -EINVAL;
	}
	if (s->nparams && !pc->match_set)
		s->match = VRRP_PROC_PARAMS_EXACT;
	else if (!s->nparams)
		s->match = pc->match_set ? VRRP_PROC_PARAMS_EXACT :
					   VRRP_PROC_PARAMS_NONE;
	if (pc->quorum > pc->quorum_max) {
		cfg_report_at(p, CFG_ERROR, pc->file, pc->line, "(%s) quorum "
			      "%u is more than quorum_max %u - removing",
			      pc->name, pc->quorum, pc->quorum_max);
		pc->removed = true;
		return -EINVAL;
	}
	return 0;
}

static void ignore(struct cfg_parser *p, const struct vrrp_instance_conf *ic,
		   struct vrrp_track_conf *t, const char *before,
		   const char *after)
{
	cfg_report_at(p, CFG_WARNING, t->at.file, t->at.line, "(%s) %s %s %s",
		      ic->name, before, t->name, after);
	t->ignored = true;
}

static int check_line(struct cfg_parser *p, const struct vrrp_conf *vc,
		      struct vrrp_instance_conf *ic, struct vrrp_track_conf *t)
{
	const struct vrrp_proc_conf *pc = vrrp_conf_find_proc(vc, t->name);

	if (!pc || pc->removed) {
		ignore(p, ic, t, "track process", "not found, ignoring...");
		return -EINVAL;
	}
	t->proc = pc;
	if (!t->weight_set)
		t->weight = pc->weight;
	t->weight_set = true;
	if (t->reverse == GD_UNSET)
		t->reverse = pc->reverse ? GD_ON : GD_OFF;
	if (ic->priority == VRRP_PRIO_OWNER && t->weight) {
		ignore(p, ic, t, "ignoring track process",
		       "with weight due to address_owner");
		return -EINVAL;
	}
	if (ic->sync && !ic->sync->tracking_weight && !t->from_group &&
	    t->weight) {
		ignore(p, ic, t, "ignoring track process",
		       "with weight due to SYNC group");
		return -EINVAL;
	}
	return 0;
}

int vrrp_check_procs(struct cfg_parser *p, struct vrrp_conf *vc)
{
	struct vrrp_proc_conf *pc;
	struct vrrp_instance_conf *ic;
	struct vrrp_track_conf *t;
	int bad = 0;

	list_for_each_entry(pc, &vc->procs, node)
		bad += check_block(p, pc) < 0;
	list_for_each_entry(ic, &vc->instances, node)
		list_for_each_entry(t, &ic->track_procs, node)
			if (!t->ignored)
				bad += check_line(p, vc, ic, t) < 0;
	return bad ? -EINVAL : 0;
}
