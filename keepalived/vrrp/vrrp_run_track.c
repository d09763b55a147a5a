/*
 * vrrp_run_track.c: an instance's interface and tracked objects (its
 * track_script scripts and track_interface interfaces) turned into its
 * effective priority and FAULT, by vrrp_track.h's rules, whenever one of
 * them changes.
 */
#include "config.h"

#include <string.h>

#include "log.h"
#include "memory.h"
#include "vrrp_run_internal.h"

static void on_script(void *ctx, const struct vrrp_script *s)
{
	(void)s;
	vrrp_run_check_interface(ctx);
}

static void on_file(void *ctx, const struct vrrp_tfile *f)
{
	(void)f;
	vrrp_run_check_interface(ctx);
}

static void on_proc(void *ctx, const struct vrrp_proc *p)
{
	(void)p;
	vrrp_run_check_interface(ctx);
}

/* n items of "size" bytes, or NULL for none */
static void *items_new(size_t n, size_t size)
{
	return n ? mem_calloc(n, size) : NULL;
}

void vrrp_run_track_join(struct vrrp_inst *in)
{
	size_t i;

	in->proc_items = items_new(in->p.ntrack_procs, sizeof(*in->proc_items));
	in->procs = items_new(in->p.ntrack_procs, sizeof(*in->procs));
	in->files = items_new(in->p.ntrack_files, sizeof(*in->files));
	in->script_items = items_new(in->p.ntrack_scripts,
				     sizeof(*in->script_items));
	in->scripts = items_new(in->p.ntrack_scripts, sizeof(*in->scripts));
	in->if_items = items_new(in->p.ntrack_ifs, sizeof(*in->if_items));

	for (i = 0; i < in->p.ntrack_procs; i++) {
		const struct vrrp_run_track_proc *t = &in->p.track_procs[i];

		in->proc_items[i] = (struct vrrp_track_item){
			.weight = t->weight, .reverse = t->reverse,
			.status = VRRP_TRACK_DOWN,
		};
		in->procs[i] = vrrp_proc_join(in->run->procs, &t->proc,
					      on_proc, in);
	}

	for (i = 0; i < in->p.ntrack_files; i++)
		in->files[i] = vrrp_tfile_join(in->run->tfiles,
					       in->p.track_files[i].path,
					       on_file, in);

	for (i = 0; i < in->p.ntrack_scripts; i++) {
		const struct vrrp_run_track_script *t = &in->p.track_scripts[i];

		in->script_items[i] = (struct vrrp_track_item){
			.weight = t->weight, .reverse = t->reverse,
			.status = VRRP_TRACK_DOWN,
		};
		in->scripts[i] = vrrp_script_set_join(in->run->scripts,
						       &t->script, on_script,
						       in);
	}
	for (i = 0; i < in->p.ntrack_ifs; i++)
		in->if_items[i] = (struct vrrp_track_item){
			.weight = in->p.track_ifs[i].weight,
			.reverse = in->p.track_ifs[i].reverse,
			.status = VRRP_TRACK_DOWN,
		};
}

void vrrp_run_track_leave(struct vrrp_inst *in)
{
	size_t i;

	for (i = 0; i < in->p.ntrack_scripts; i++)
		vrrp_script_set_leave(in->run->scripts, &in->scripts[i],
				      on_script, in);
	for (i = 0; i < in->p.ntrack_files; i++)
		vrrp_tfile_leave(in->run->tfiles, &in->files[i], on_file, in);
	for (i = 0; i < in->p.ntrack_procs; i++)
		vrrp_proc_leave(in->run->procs, &in->procs[i], on_proc, in);
}

void vrrp_run_track_free(struct vrrp_inst *in)
{
	mem_free(&in->scripts);
	mem_free(&in->script_items);
	mem_free(&in->files);
	mem_free(&in->procs);
	mem_free(&in->proc_items);
	mem_free(&in->if_items);
}

bool vrrp_run_track_watches(const struct vrrp_inst *in, const char *ifname)
{
	size_t i;

	if (!strcmp(in->p.ifname, ifname))
		return true;
	for (i = 0; i < in->p.ntrack_ifs; i++)
		if (!strcmp(in->p.track_ifs[i].ifname, ifname))
			return true;
	return false;
}

static bool same_script(const struct vrrp_run_track_script *a,
			const struct vrrp_run_track_script *b)
{
	const struct vrrp_script_params *x = &a->script, *y = &b->script;

	return a->weight == b->weight && a->reverse == b->reverse &&
	       !strcmp(x->name, y->name) && !strcmp(x->cmd, y->cmd) &&
	       x->uid == y->uid && x->gid == y->gid &&
	       x->interval_us == y->interval_us &&
	       x->timeout_us == y->timeout_us && x->rise == y->rise &&
	       x->fall == y->fall && x->init_fail == y->init_fail;
}

static bool same_files(const struct vrrp_run_params *a,
		       const struct vrrp_run_params *b)
{
	size_t i;

	if (a->ntrack_files != b->ntrack_files)
		return false;
	for (i = 0; i < a->ntrack_files; i++) {
		const struct vrrp_run_track_file *x = &a->track_files[i],
						 *y = &b->track_files[i];

		if (strcmp(x->path, y->path) || x->weight != y->weight ||
		    x->reverse != y->reverse)
			return false;
	}
	return true;
}

static bool same_procs(const struct vrrp_run_params *a,
		       const struct vrrp_run_params *b)
{
	size_t i;

	if (a->ntrack_procs != b->ntrack_procs)
		return false;
	for (i = 0; i < a->ntrack_procs; i++) {
		const struct vrrp_run_track_proc *x = &a->track_procs[i],
						 *y = &b->track_procs[i];

		if (!vrrp_proc_params_equal(&x->proc, &y->proc) ||
		    x->weight != y->weight || x->reverse != y->reverse)
			return false;
	}
	return true;
}

bool vrrp_run_track_same(const struct vrrp_run_params *a,
			 const struct vrrp_run_params *b)
{
	size_t i;

	if (!same_procs(a, b))
		return false;

	if (a->ntrack_scripts != b->ntrack_scripts ||
	    a->ntrack_ifs != b->ntrack_ifs || !same_files(a, b))
		return false;
	for (i = 0; i < a->ntrack_scripts; i++)
		if (!same_script(&a->track_scripts[i], &b->track_scripts[i]))
			return false;
	for (i = 0; i < a->ntrack_ifs; i++) {
		const struct vrrp_run_track_if *x = &a->track_ifs[i],
					       *y = &b->track_ifs[i];

		if (strcmp(x->ifname, y->ifname) || x->weight != y->weight ||
		    x->reverse != y->reverse)
			return false;
	}
	return true;
}

/* Up: administratively up with a carrier; a missing one is down. */
static enum vrrp_track_status if_status(struct vrrp_inst *in,
					const char *ifname)
{
	const struct iface *ifp = iftable_by_name(
		netlink_daemon_iftable(in->run->nl), ifname);

	if (ifp && (ifp->link.flags & IFF_UP) &&
	    vrrp_run_carrier(in->run, ifp))
		return VRRP_TRACK_UP;
	return VRRP_TRACK_DOWN;
}

static void refresh_items(struct vrrp_inst *in)
{
	size_t i;

	for (i = 0; i < in->p.ntrack_scripts; i++)
		in->script_items[i].status = in->scripts[i] ?
			vrrp_script_status(in->scripts[i]) : VRRP_TRACK_DOWN;
	for (i = 0; i < in->p.ntrack_procs; i++)
		in->proc_items[i].status = vrrp_proc_status(in->procs[i]);
	for (i = 0; i < in->p.ntrack_ifs; i++) {
		const char *name = in->p.track_ifs[i].ifname;
		enum vrrp_track_status st = if_status(in, name);

		if (st != in->if_items[i].status && in->started)
			log_info("(%s) tracked interface %s is %s", in->p.name,
				 name, st == VRRP_TRACK_UP ? "up" : "down");
		in->if_items[i].status = st;
	}
}

static void apply_files(const struct vrrp_inst *in,
			struct vrrp_track_verdict *v)
{
	size_t i;

	for (i = 0; i < in->p.ntrack_files; i++) {
		const struct vrrp_run_track_file *t = &in->p.track_files[i];

		vrrp_track_file_apply(in->files[i] ?
				      vrrp_tfile_value(in->files[i]) : 0,
				      t->weight, t->reverse, v);
	}
}

static void evaluate(struct vrrp_inst *in, struct vrrp_track_verdict *v)
{
	struct vrrp_track_verdict vs, vi, vp;

	refresh_items(in);
	vrrp_track_eval(in->script_items, in->p.ntrack_scripts, &vs);
	vrrp_track_eval(in->if_items, in->p.ntrack_ifs, &vi);
	vrrp_track_eval(in->proc_items, in->p.ntrack_procs, &vp);
	apply_files(in, &vi);
	v->fault = vs.fault || vi.fault || vp.fault;
	v->pending = !v->fault && (vs.pending || vi.pending || vp.pending);
	v->delta = vs.delta + vi.delta + vp.delta;
}

static void apply_priority(struct vrrp_inst *in, int delta)
{
	uint8_t now = in->fsm.conf.priority;
	uint8_t want = vrrp_track_priority(in->p.fsm.priority, delta);

	if (want == now)
		return;
	log_info("(%s) Changing effective priority from %u to %u",
		 in->p.name, now, want);
	vrrp_fsm_set_priority(&in->fsm, want);
	vrrp_run_notify_priority(in);
}

static void enter_fault(struct vrrp_inst *in, const char *why)
{
	in->faulted = true;
	in->started = true;
	if (why)
		log_warnx("(%s) %s on %s", in->p.name, why, in->p.ifname);
	vrrp_fsm_event(&in->fsm, VRRP_EV_FAULT, NULL);
}

/* Moves the instance into or out of FAULT, and sets its priority, as its
 * interface and the objects it tracks allow. */
void vrrp_run_check_interface(struct vrrp_inst *in)
{
	const char *why = vrrp_run_interface_fault(in);
	struct vrrp_track_verdict v;

	evaluate(in, &v);
	apply_priority(in, v.delta);
	if ((why || v.fault) && !in->faulted) {
		enter_fault(in, why);
	} else if (!why && !v.fault && !v.pending && in->faulted) {
		in->faulted = false;
		/* another member's fault holds the whole group in FAULT */
		if (!vrrp_run_sync_may_leave_fault(in))
			return;
		log_info("(%s) leaving FAULT state", in->p.name);
		vrrp_fsm_event(&in->fsm, VRRP_EV_FAULT_CLEARED, NULL);
	} else if (!why && !v.fault && !v.pending && !in->started) {
		in->started = true;
		vrrp_fsm_event(&in->fsm, VRRP_EV_STARTUP, NULL);
	}
}
