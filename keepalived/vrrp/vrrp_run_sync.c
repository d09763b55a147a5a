/*
 * vrrp_run_sync.c: the sync groups at run time (vrrp_sync.h's rules
 * applied to the running instances), their notify scripts, and the
 * notify FIFOs every transition is written to.
 */
#include "config.h"

#include <string.h>

#include "log.h"
#include "memory.h"
#include "vrrp_run_internal.h"
#include "vrrp_sync.h"

static struct vrrp_group *find_group(const struct vrrp_run *r,
				     const char *name)
{
	struct vrrp_group *g;

	if (!name[0])
		return NULL;
	list_for_each_entry(g, &r->groups, node)
		if (!strcmp(g->p.name, name))
			return g;
	return NULL;
}

static bool is_member(const struct vrrp_inst *in, const struct vrrp_group *g)
{
	return !strcmp(in->p.sync_group, g->p.name);
}

static size_t count_members(const struct vrrp_run *r,
			    const struct vrrp_group *g)
{
	const struct vrrp_inst *in;
	size_t n = 0;

	list_for_each_entry(in, &r->insts, node)
		n += is_member(in, g);
	return n;
}

void vrrp_run_set_syncs(struct vrrp_run *r,
			const struct vrrp_run_sync_params *gp, size_t n)
{
	struct vrrp_group *g, *tmp;
	size_t i;

	list_for_each_entry(g, &r->groups, node)
		g->given = false;
	for (i = 0; i < n; i++) {
		g = find_group(r, gp[i].name);
		if (!g) {
			g = mem_new(struct vrrp_group);
			g->state = VRRP_STATE_INIT;
			list_add_tail(&r->groups, &g->node);
		}
		g->p = gp[i];
		g->given = true;
	}
	list_for_each_entry_safe(g, tmp, &r->groups, node)
		if (!g->given && !count_members(r, g)) {
			list_del(&g->node);
			mem_free(&g);
		}
}

void vrrp_run_open_fifos(struct vrrp_run *r,
			 const struct vrrp_fifo_params *fp, size_t n)
{
	size_t i;

	for (i = 0; i < n && r->nfifos < VRRP_RUN_FIFO_MAX; i++) {
		r->fifos[r->nfifos] = vrrp_fifo_open(r->loop, &fp[i]);
		if (r->fifos[r->nfifos])
			r->nfifos++;
	}
}

void vrrp_run_fifo_line(struct vrrp_run *r, bool group, const char *name,
			const char *state, unsigned priority)
{
	char line[VRRP_FIFO_LINE_MAX];
	int len;
	size_t i;

	if (!r->nfifos)
		return;
	len = vrrp_fifo_line(line, sizeof(line), group, name, state,
			     priority);
	if (len < 0)
		return;
	for (i = 0; i < r->nfifos; i++)
		vrrp_fifo_send(r->fifos[i], line, (size_t)len);
}

/* As for an instance, with "GROUP <name> <STATE> 0" for the generic
 * script (keepalived 2.2.7 passes 0 as the group's priority). */
static void notify_group(struct vrrp_run *r, struct vrrp_group *g,
			 enum vrrp_state to)
{
	enum vrrp_notify_kind kind;
	const char *kw, *word = vrrp_run_notify_word(to, true, &kind, &kw);
	const char *extra[] = { "GROUP", g->p.name, word, "0", NULL };
	char who[VRRP_RUN_NAME_MAX + 32];

	vrrp_run_fifo_line(r, true, g->p.name, word, 0);
	if (g->p.smtp_alert)
		vrrp_run_smtp(r, true, g->p.name, to);
	if (r->observer && to != VRRP_STATE_INIT)
		r->observer(r->observer_ctx, true, g->p.name, to);
	if (g->p.notify[kind].cmd) {
		snprintf(who, sizeof(who), "(%s) %s", g->p.name, kw);
		vrrp_notify_run(r->notifier, who, &g->p.notify[kind], NULL);
	}
	if (g->p.notify[VRRP_NOTIFY_ANY].cmd) {
		snprintf(who, sizeof(who), "(%s) notify", g->p.name);
		vrrp_notify_run(r->notifier, who, &g->p.notify[VRRP_NOTIFY_ANY],
				extra);
	}
}

/* Some member is in FAULT for a reason of its own. */
static bool group_faulted(const struct vrrp_run *r, const struct vrrp_group *g)
{
	const struct vrrp_inst *in;

	list_for_each_entry(in, &r->insts, node)
		if (is_member(in, g) && in->faulted)
			return true;
	return false;
}

static void follow(struct vrrp_inst *in, enum vrrp_sync_act act)
{
	switch (act) {
	case VRRP_SYNC_TO_FAULT:
		vrrp_fsm_event(&in->fsm, VRRP_EV_FAULT, NULL);
		break;
	case VRRP_SYNC_TO_MASTER:
		vrrp_fsm_sync(&in->fsm, VRRP_STATE_MASTER);
		break;
	case VRRP_SYNC_TO_BACKUP:
		vrrp_fsm_sync(&in->fsm, VRRP_STATE_BACKUP);
		break;
	case VRRP_SYNC_LEAVE_FAULT:
		vrrp_fsm_event(&in->fsm, VRRP_EV_FAULT_CLEARED, NULL);
		break;
	case VRRP_SYNC_NONE:
		break;
	}
}

/* The members other than "from" do what the rules say. */
static void sync_members(struct vrrp_group *g, struct vrrp_inst *from,
			 enum vrrp_state to)
{
	struct vrrp_run *r = from->run;
	bool faulted = group_faulted(r, g), logged = false;
	struct vrrp_inst *in, *tmp;
	enum vrrp_sync_act act;

	list_for_each_entry_safe(in, tmp, &r->insts, node) {
		if (in == from || !is_member(in, g))
			continue;
		act = vrrp_sync_follow(to, in->fsm.state, faulted);
		if (act == VRRP_SYNC_NONE)
			continue;
		if (!logged)
			log_info("VRRP_Group(%s) Syncing instances to %s state",
				 g->p.name, vrrp_state_name(to));
		logged = true;
		follow(in, act);
	}
}

void vrrp_run_sync_starts(struct vrrp_inst *in, enum vrrp_state to)
{
	struct vrrp_group *g = find_group(in->run, in->p.sync_group);

	if (!g || g->syncing || g->state != VRRP_STATE_INIT)
		return;
	g->state = to;
	notify_group(in->run, g, to);
}

void vrrp_run_sync_changed(struct vrrp_inst *in, enum vrrp_state from,
			   enum vrrp_state to)
{
	struct vrrp_group *g = find_group(in->run, in->p.sync_group);
	enum vrrp_sync_act join;

	if (!g || g->syncing)
		return;
	join = from == VRRP_STATE_INIT ? vrrp_sync_join(g->state, to) :
					 VRRP_SYNC_NONE;
	g->syncing = true;
	if (join != VRRP_SYNC_NONE) {
		/* a late member: it follows the group, not the reverse */
		follow(in, join);
		g->syncing = false;
		return;
	}
	sync_members(g, in, to);
	g->syncing = false;
	if (!vrrp_sync_group_moves(g->state, to))
		return;
	g->state = to;
	notify_group(in->run, g, to);
}

bool vrrp_run_sync_may_leave_fault(const struct vrrp_inst *in)
{
	const struct vrrp_group *g = find_group(in->run, in->p.sync_group);

	return !g || vrrp_sync_may_leave_fault(group_faulted(in->run, g));
}

void vrrp_run_sync_left(struct vrrp_run *r, const char *group)
{
	struct vrrp_group *g = find_group(r, group);

	if (!g || count_members(r, g) || g->state == VRRP_STATE_INIT)
		return;
	if (r->stopping)
		notify_group(r, g, VRRP_STATE_INIT);
	g->state = VRRP_STATE_INIT;
}

void vrrp_run_sync_free_all(struct vrrp_run *r)
{
	struct vrrp_group *g, *tmp;
	size_t i;

	list_for_each_entry_safe(g, tmp, &r->groups, node) {
		list_del(&g->node);
		mem_free(&g);
	}
	for (i = 0; i < r->nfifos; i++)
		vrrp_fifo_close(&r->fifos[i]);
	r->nfifos = 0;
}

enum vrrp_state vrrp_run_sync_state(const struct vrrp_run *r,
				    const char *name)
{
	const struct vrrp_group *g = find_group(r, name);

	return g ? g->state : VRRP_STATE_COUNT;
}

void vrrp_run_fifo_states(struct vrrp_run *r)
{
	const struct vrrp_group *g;
	const struct vrrp_inst *in;

	list_for_each_entry(in, &r->insts, node)
		if (in->fsm.state != VRRP_STATE_INIT)
			vrrp_run_fifo_line(r, false, in->p.name,
					   vrrp_state_name(in->fsm.state),
					   in->fsm.conf.priority);
	list_for_each_entry(g, &r->groups, node)
		if (g->state != VRRP_STATE_INIT)
			vrrp_run_fifo_line(r, true, g->p.name,
					   vrrp_state_name(g->state), 0);
}

void vrrp_run_dump_syncs(const struct vrrp_run *r, FILE *f)
{
	const struct vrrp_group *g;
	const struct vrrp_inst *in;

	list_for_each_entry(g, &r->groups, node) {
		fprintf(f, " VRRP Sync Group = %s, %s\n", g->p.name,
			vrrp_state_name(g->state));
		fprintf(f, "   VRRP member instances = %zu\n",
			count_members(r, g));
		list_for_each_entry(in, &r->insts, node)
			if (is_member(in, g))
				fprintf(f, "     %s\n", in->p.name);
	}
}

void vrrp_run_dump_syncs_json(const struct vrrp_run *r, struct json *j)
{
	const struct vrrp_group *g;
	const struct vrrp_inst *in;

	list_for_each_entry(g, &r->groups, node) {
		json_begin_object(j, NULL);
		json_string(j, "gname", g->p.name);
		json_string(j, "state", vrrp_state_name(g->state));
		json_begin_array(j, "vrrp_instances");
		list_for_each_entry(in, &r->insts, node)
			if (is_member(in, g))
				json_string(j, NULL, in->p.name);
		json_end_array(j);
		json_end_object(j);
	}
}
