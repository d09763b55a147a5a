/*
 * vrrp_data.c: the VRRP configuration objects: allocation, lookups, the
 * defaults filled in after the parse, and what the state machine needs.
 */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "memory.h"
#include "vrrp_data.h"
#include "vrrp_vroute.h"

struct vrrp_conf *vrrp_conf_new(void)
{
	struct vrrp_conf *c = mem_new(struct vrrp_conf);

	list_init(&c->instances);
	list_init(&c->scripts);
	list_init(&c->syncs);
	list_init(&c->procs);
	return c;
}

const char *vrrp_instance_conf_file(struct vrrp_instance_conf *ic,
				    const char *file)
{
	size_t i;

	if (!file)
		return NULL;
	for (i = 0; i < ic->nfiles; i++)
		if (!strcmp(ic->files[i], file))
			return ic->files[i];
	ic->files = mem_reallocarray(ic->files, ic->nfiles + 1,
				     sizeof(char *));
	ic->files[ic->nfiles] = mem_strdup(file);
	return ic->files[ic->nfiles++];
}

struct vrrp_instance_conf *vrrp_instance_conf_new(const char *name)
{
	struct vrrp_instance_conf *ic = mem_new(struct vrrp_instance_conf);

	list_node_init(&ic->node);
	ic->name = mem_strdup(name);
	ic->adver_int_us = VRRP_ADVER_INT_DEFAULT_US;
	list_init(&ic->vips);
	list_init(&ic->evips);
	list_init(&ic->peers);
	ic->unicast_ttl = -1;
	ic->accept = GD_UNSET;
	ic->strict_mode = GD_UNSET;
	ic->skip_check_adv_addr = GD_UNSET;
	ic->check_unicast_src = GD_UNSET;
	ic->lower_prio_no_advert = GD_UNSET;
	ic->higher_prio_send_advert = GD_UNSET;
	ic->notify.priority_changes = GD_UNSET;
	ic->notify.smtp_alert = GD_UNSET;
	list_init(&ic->track_scripts);
	list_init(&ic->track_ifs);
	list_init(&ic->track_files);
	list_init(&ic->track_procs);
	return ic;
}

struct vrrp_track_conf *vrrp_track_conf_new(const char *name)
{
	struct vrrp_track_conf *t = mem_new(struct vrrp_track_conf);

	list_node_init(&t->node);
	t->name = mem_strdup(name);
	t->reverse = GD_UNSET;
	return t;
}

static void free_tracks(struct list_node *head)
{
	struct vrrp_track_conf *t, *tmp;

	list_for_each_entry_safe(t, tmp, head, node) {
		list_del(&t->node);
		mem_free(&t->name);
		mem_free(&t);
	}
}

struct vrrp_script_conf *vrrp_script_conf_new(const char *name)
{
	struct vrrp_script_conf *sc = mem_new(struct vrrp_script_conf);

	list_node_init(&sc->node);
	sc->name = mem_strdup(name);
	sc->interval_us = 1000000;
	sc->rise = sc->fall = 1;
	return sc;
}

void vrrp_script_conf_free(struct vrrp_script_conf **psc)
{
	struct vrrp_script_conf *sc = psc ? *psc : NULL;

	if (!sc)
		return;
	list_del(&sc->node);
	global_data_script_clear(&sc->cmd);
	mem_free(&sc->name);
	mem_free(psc);
}

struct vrrp_script_conf *vrrp_conf_find_script(const struct vrrp_conf *c,
					       const char *name)
{
	struct vrrp_script_conf *sc;

	list_for_each_entry(sc, &c->scripts, node)
		if (!strcmp(sc->name, name))
			return sc;
	return NULL;
}

uint64_t vrrp_script_conf_timeout_us(const struct vrrp_script_conf *sc)
{
	return sc->timeout_us ? sc->timeout_us : sc->interval_us;
}

static bool str_equal(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

bool vrrp_script_conf_equal(const struct vrrp_script_conf *a,
			    const struct vrrp_script_conf *b)
{
	return !strcmp(a->name, b->name) &&
	       str_equal(a->cmd.path, b->cmd.path) &&
	       str_equal(a->cmd.user, b->cmd.user) &&
	       str_equal(a->cmd.group, b->cmd.group) &&
	       a->interval_us == b->interval_us &&
	       vrrp_script_conf_timeout_us(a) ==
	       vrrp_script_conf_timeout_us(b) && a->weight == b->weight &&
	       a->reverse == b->reverse && a->rise == b->rise &&
	       a->fall == b->fall && a->init_fail == b->init_fail &&
	       a->refused == b->refused;
}

static void free_vips(struct list_node *head)
{
	struct vrrp_vip *v, *tmp;

	list_for_each_entry_safe(v, tmp, head, node) {
		list_del(&v->node);
		ipaddr_free(&v->ip);
		mem_free(&v);
	}
}

void vrrp_instance_conf_free(struct vrrp_instance_conf **pic)
{
	struct vrrp_instance_conf *ic = pic ? *pic : NULL;
	struct vrrp_peer *p, *tmp;
	size_t i;

	if (!ic)
		return;
	list_del(&ic->node);
	free_vips(&ic->vips);
	free_vips(&ic->evips);
	list_for_each_entry_safe(p, tmp, &ic->peers, node) {
		list_del(&p->node);
		mem_free(&p);
	}
	free_tracks(&ic->track_scripts);
	free_tracks(&ic->track_ifs);
	free_tracks(&ic->track_files);
	free_tracks(&ic->track_procs);
	vrrp_vroutes_free(&ic->vroutes);
	for (i = 0; i < VRRP_NOTIFY_COUNT; i++)
		global_data_script_clear(&ic->notify.script[i]);
	for (i = 0; i < ic->nfiles; i++)
		mem_free(&ic->files[i]);
	mem_free(&ic->files);
	mem_free(&ic->name);
	mem_free(pic);
}

void vrrp_conf_free(struct vrrp_conf **pc)
{
	struct vrrp_conf *c = pc ? *pc : NULL;
	struct vrrp_instance_conf *ic, *tmp;
	struct vrrp_script_conf *sc, *stmp;
	struct vrrp_sync_conf *gc, *gtmp;
	struct vrrp_proc_conf *tp, *ptmp;

	if (!c)
		return;
	list_for_each_entry_safe(tp, ptmp, &c->procs, node)
		vrrp_proc_conf_free(&tp);
	list_for_each_entry_safe(gc, gtmp, &c->syncs, node)
		vrrp_sync_conf_free(&gc);
	list_for_each_entry_safe(ic, tmp, &c->instances, node)
		vrrp_instance_conf_free(&ic);
	list_for_each_entry_safe(sc, stmp, &c->scripts, node)
		vrrp_script_conf_free(&sc);
	mem_free(pc);
}

struct vrrp_instance_conf *vrrp_conf_find(const struct vrrp_conf *c,
					  const char *name)
{
	struct vrrp_instance_conf *ic;

	list_for_each_entry(ic, &c->instances, node)
		if (!strcmp(ic->name, name))
			return ic;
	return NULL;
}

size_t vrrp_conf_count(const struct vrrp_conf *c)
{
	return list_count(&c->instances);
}

static enum gd_tristate tri_default(enum gd_tristate v, bool dflt)
{
	return v == GD_UNSET ? (dflt ? GD_ON : GD_OFF) : v;
}

static void complete_garp(struct vrrp_instance_conf *ic,
			  const struct global_data *gd)
{
	struct vrrp_garp_conf *g = &ic->garp;
	unsigned set = ic->garp_set;

	if (!(set & VRRP_GARP_MASTER_DELAY))
		g->master_delay_s = gd->garp_master_delay_s;
	if (!(set & VRRP_GARP_MASTER_REPEAT))
		g->master_repeat = gd->garp_master_repeat;
	if (!(set & VRRP_GARP_MASTER_REFRESH))
		g->master_refresh_s = gd->garp_master_refresh_s;
	if (!(set & VRRP_GARP_MASTER_REFRESH_REPEAT))
		g->master_refresh_repeat = gd->garp_master_refresh_repeat;
	/* Unset here and globally: the same as for the master. */
	if (!(set & VRRP_GARP_LOWER_PRIO_DELAY))
		g->lower_prio_delay_s = gd->garp_lower_prio_delay_set ?
			gd->garp_lower_prio_delay_s : g->master_delay_s;
	if (!(set & VRRP_GARP_LOWER_PRIO_REPEAT))
		g->lower_prio_repeat = gd->garp_lower_prio_repeat_set ?
			gd->garp_lower_prio_repeat : g->master_repeat;
}

static unsigned resolve_version(const struct vrrp_instance_conf *ic,
				const struct global_data *gd)
{
	if (ic->family == AF_INET6)
		return 3;
	if (ic->version)
		return ic->version;
	return gd->vrrp_version ? gd->vrrp_version : 2;
}

/* Centiseconds, at least 1; version 2 sends whole seconds (the check
 * pass has said so if the configuration had a fraction). */
static uint16_t interval_cs(uint64_t us, unsigned version)
{
	uint64_t cs;

	if (version == 2)
		cs = (us + 500000) / 1000000 * 100;
	else
		cs = (us + 5000) / 10000;
	if (cs < (version == 2 ? 100 : 1))
		cs = version == 2 ? 100 : 1;
	if (version == 2 && cs > 25500)
		cs = 25500;
	if (version == 3 && cs > VRRP_V3_ADVER_INT_MAX_CS)
		cs = VRRP_V3_ADVER_INT_MAX_CS;
	return (uint16_t)cs;
}

static void complete_instance(struct vrrp_instance_conf *ic,
			      const struct global_data *gd)
{
	ic->version = resolve_version(ic, gd);
	if (!ic->priority)
		ic->priority = ic->want_master ? VRRP_PRIO_OWNER
					       : VRRP_PRIO_DEFAULT;
	ic->adver_int_cs = interval_cs(ic->adver_int_us, ic->version);
	ic->strict_mode = tri_default(ic->strict_mode, gd->vrrp_strict);
	/* strict: accept only as the address owner (RFC 5798 6.4.3) */
	ic->accept = tri_default(ic->accept, ic->strict_mode == GD_OFF ||
				 ic->priority == VRRP_PRIO_OWNER);
	ic->skip_check_adv_addr = tri_default(ic->skip_check_adv_addr,
					      gd->vrrp_skip_check_adv_addr);
	ic->check_unicast_src = tri_default(ic->check_unicast_src,
					    gd->vrrp_check_unicast_src);
	ic->lower_prio_no_advert = tri_default(ic->lower_prio_no_advert,
					       gd->lower_prio_no_advert == GD_ON ||
					       ic->strict_mode == GD_ON);
	ic->higher_prio_send_advert =
		tri_default(ic->higher_prio_send_advert,
			    gd->higher_prio_send_advert == GD_ON);
	complete_garp(ic, gd);
}

void vrrp_conf_complete(struct vrrp_conf *c, const struct global_data *gd)
{
	struct vrrp_instance_conf *ic;

	list_for_each_entry(ic, &c->instances, node)
		complete_instance(ic, gd);
}

void vrrp_instance_fsm_conf(const struct vrrp_instance_conf *ic,
			    struct vrrp_fsm_conf *out)
{
	memset(out, 0, sizeof(*out));
	out->version = (uint8_t)ic->version;
	out->priority = (uint8_t)ic->priority;
	out->adver_int_cs = ic->adver_int_cs;
	out->nopreempt = ic->nopreempt;
	out->preempt_delay_us = ic->nopreempt ? 0 : ic->preempt_delay_us;
	out->higher_prio_send_advert = ic->higher_prio_send_advert == GD_ON;
	out->lower_prio_no_advert = ic->lower_prio_no_advert == GD_ON;
	out->garp_lower_prio = ic->garp.lower_prio_repeat > 0;
}

struct vrrp_sync_conf *vrrp_sync_conf_new(const char *name)
{
	struct vrrp_sync_conf *sc = mem_new(struct vrrp_sync_conf);

	sc->name = mem_strdup(name);
	list_node_init(&sc->node);
	sc->tracking = vrrp_instance_conf_new(name);
	sc->notify.priority_changes = GD_UNSET;
	sc->notify.smtp_alert = GD_UNSET;
	return sc;
}

void vrrp_sync_conf_free(struct vrrp_sync_conf **psc)
{
	struct vrrp_sync_conf *sc = psc ? *psc : NULL;
	size_t i;

	if (!sc)
		return;
	list_del(&sc->node);
	for (i = 0; i < sc->nmembers; i++)
		mem_free(&sc->members[i]);
	mem_free(&sc->members);
	vrrp_instance_conf_free(&sc->tracking);
	for (i = 0; i < VRRP_NOTIFY_COUNT; i++)
		global_data_script_clear(&sc->notify.script[i]);
	mem_free(&sc->name);
	mem_free(&sc->file);
	mem_free(psc);
}

struct vrrp_sync_conf *vrrp_conf_find_sync(const struct vrrp_conf *c,
					   const char *name)
{
	struct vrrp_sync_conf *sc;

	list_for_each_entry(sc, &c->syncs, node)
		if (!strcmp(sc->name, name))
			return sc;
	return NULL;
}

struct vrrp_proc_conf *vrrp_proc_conf_new(const char *name)
{
	struct vrrp_proc_conf *pc = mem_new(struct vrrp_proc_conf);

	list_node_init(&pc->node);
	pc->name = mem_strdup(name);
	pc->quorum = 1;
	pc->quorum_max = UINT_MAX;
	pc->weight = 1;
	return pc;
}

void vrrp_proc_conf_free(struct vrrp_proc_conf **ppc)
{
	struct vrrp_proc_conf *pc = ppc ? *ppc : NULL;
	size_t i;

	if (!pc)
		return;
	list_del(&pc->node);
	for (i = 0; i < pc->spec.nparams; i++)
		mem_free(&pc->spec.params[i]);
	mem_free(&pc->spec.params);
	mem_free(&pc->spec.name);
	mem_free(&pc->name);
	mem_free(&pc->file);
	mem_free(ppc);
}

struct vrrp_proc_conf *vrrp_conf_find_proc(const struct vrrp_conf *c,
					   const char *name)
{
	struct vrrp_proc_conf *pc;

	list_for_each_entry(pc, &c->procs, node)
		if (!strcmp(pc->name, name))
			return pc;
	return NULL;
}
