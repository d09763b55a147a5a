/*
 * vrrp_lvs_sync_open.c: lvs_sync_daemon in the VRRP child (see
 * vrrp_lvs_sync_open.h).
 */
#include "config.h"

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

void vrrp_lvs_sync_reload(struct vrrp_lvs_sync **s,
			  const struct gd_lvs_sync *c,
			  const struct ka_options *o)
{
	if (!vrrp_lvs_sync_changed(*s, c))
		return;
	vrrp_lvs_sync_free(s);
	*s = vrrp_lvs_sync_open(c, o);
}
