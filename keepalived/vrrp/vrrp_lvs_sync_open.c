/*
 * vrrp_lvs_sync_open.c: lvs_sync_daemon in the VRRP child (see
 * vrrp_lvs_sync_open.h).
 */
#include "config.h"

#include <string.h>

#include "ipvs_open.h"
#include "log.h"
#include "vrrp_lvs_sync_open.h"

struct vrrp_lvs_sync *vrrp_lvs_sync_open(const struct gd_lvs_sync *c,
					 const struct ka_options *o)
{
	struct ipvs_backend *b = NULL;
	struct vrrp_lvs_sync *s;
	char why[256];

	if (!c->interface)
		return NULL;
	if (o->ipvs_record) {
		log_info("lvs_sync_daemon: not started: with --ipvs-record "
			 "there is no kernel IPVS to synchronise");
		return NULL;
	}
	if (ipvs_backend_open(NULL, o->ipvs_sockopt, &b, why,
			      sizeof(why)) < 0) {
		log_warnx("lvs_sync_daemon: cannot run the IPVS sync daemon: "
			  "%s", why);
		return NULL;
	}
	s = vrrp_lvs_sync_new(b, c);
	vrrp_lvs_sync_start(s);
	return s;
}

void vrrp_lvs_sync_on_state(void *ctx, const char *name, uint8_t vrid,
			    enum vrrp_state to)
{
	struct vrrp_lvs_sync **s = ctx;

	vrrp_lvs_sync_state(*s, name, vrid, to);
}

/* No state change will come for an instance that kept its state over
 * the reload: the new daemons take the role it has now. */
static void follow_running(struct vrrp_lvs_sync *s, const struct ka_conf *c,
			   const char *name, const struct vrrp_run *r)
{
	const struct vrrp_instance_conf *ic;
	enum vrrp_state st = vrrp_run_state(r, name);

	if (st == VRRP_STATE_INIT || st >= VRRP_STATE_COUNT)
		return;
	list_for_each_entry(ic, &c->vrrp->instances, node)
		if (!strcmp(ic->name, name))
			vrrp_lvs_sync_state(s, name, (uint8_t)ic->vrid, st);
}

void vrrp_lvs_sync_reload(struct vrrp_lvs_sync **s, const struct ka_conf *c,
			  const struct ka_options *o,
			  const struct vrrp_run *r)
{
	const struct gd_lvs_sync *lc = &c->global->lvs_sync;

	if (!vrrp_lvs_sync_changed(*s, lc))
		return;
	vrrp_lvs_sync_free(s);
	*s = vrrp_lvs_sync_open(lc, o);
	if (*s && lc->vrrp_instance && c->vrrp)
		follow_running(*s, c, lc->vrrp_instance, r);
}
