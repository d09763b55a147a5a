/*
 * vrrp_lvs_sync.c: the IPVS sync daemon following a VRRP instance (see
 * vrrp_lvs_sync.h).
 *
 * The kernel runs at most one master and one backup thread. Going to
 * MASTER stops the backup before starting the master, and going back
 * stops the master first, so that a box never sends and receives the
 * same sync id at once (keepalived's order too).
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "log.h"
#include "memory.h"
#include "vrrp_lvs_sync.h"

struct vrrp_lvs_sync {
	struct ipvs_backend *ipvs;
	char *instance;			/* NULL: both daemons, always */
	struct ipvs_sync_daemon sd;	/* the settings; master ignored */
	bool syncid_set;
	char *group;			/* as configured, for reload */
	bool running[2];		/* [0] backup, [1] master */
};

void vrrp_lvs_sync_want(bool has_instance, enum vrrp_state st, bool *master,
			bool *backup)
{
	if (!has_instance) {
		*master = *backup = true;
		return;
	}
	*master = st == VRRP_STATE_MASTER;
	*backup = !*master;
}

static void settings_of(const struct gd_lvs_sync *c,
			struct ipvs_sync_daemon *sd)
{
	memset(sd, 0, sizeof(*sd));
	snprintf(sd->ifname, sizeof(sd->ifname), "%s", c->interface);
	sd->syncid = c->syncid;
	sd->maxlen = c->maxlen;
	sd->port = (uint16_t)c->port;
	sd->ttl = c->ttl;
	/* The parser checked the address. */
	if (c->group && addr_parse(c->group, &sd->group) < 0)
		memset(&sd->group, 0, sizeof(sd->group));
}

struct vrrp_lvs_sync *vrrp_lvs_sync_new(struct ipvs_backend *ipvs,
					const struct gd_lvs_sync *c)
{
	struct vrrp_lvs_sync *s;

	if (!c->interface) {
		ipvs_backend_free(&ipvs);
		return NULL;
	}
	s = mem_new(struct vrrp_lvs_sync);
	s->ipvs = ipvs;
	s->instance = c->vrrp_instance ? mem_strdup(c->vrrp_instance) : NULL;
	s->syncid_set = c->syncid_set;
	s->group = c->group ? mem_strdup(c->group) : NULL;
	settings_of(c, &s->sd);
	return s;
}

static const char *role(bool master)
{
	return master ? "master" : "backup";
}

static void set_one(struct vrrp_lvs_sync *s, bool master, bool on)
{
	struct ipvs_backend *b = s->ipvs;
	struct ipvs_sync_daemon sd = s->sd;
	int r;

	if (s->running[master] == on)
		return;
	if (on) {
		sd.master = master;
		r = b->ops->sync_start(b, &sd);
	} else {
		r = b->ops->sync_stop(b, master);
	}
	/* Already in the state asked for: the kernel agrees with us. */
	if (r == (on ? -EEXIST : -ESRCH))
		r = 0;
	if (r < 0) {
		log_warnx("IPVS: cannot %s the %s sync daemon on %s (id %u): "
			  "%s", on ? "start" : "stop", role(master),
			  sd.ifname, sd.syncid, strerror(-r));
		return;
	}
	log_info("%s IPVS %s sync daemon on %s, syncid %u",
		 on ? "Starting" : "Stopping", role(master), sd.ifname,
		 sd.syncid);
	s->running[master] = on;
}

/* Stops first, then starts (see the top of the file). */
static void apply(struct vrrp_lvs_sync *s, bool master, bool backup)
{
	if (!master)
		set_one(s, true, false);
	if (!backup)
		set_one(s, false, false);
	if (master)
		set_one(s, true, true);
	if (backup)
		set_one(s, false, true);
}

void vrrp_lvs_sync_start(struct vrrp_lvs_sync *s)
{
	if (s && !s->instance)
		apply(s, true, true);
}

void vrrp_lvs_sync_state(struct vrrp_lvs_sync *s, const char *name,
			 uint8_t vrid, enum vrrp_state to)
{
	bool master, backup;

	/* INIT is the instance stopping or going: the daemon stays as it
	 * is until the child stops or the instance comes back. */
	if (!s || !s->instance || strcmp(s->instance, name) ||
	    to == VRRP_STATE_INIT)
		return;
	if (!s->syncid_set)
		s->sd.syncid = vrid;
	vrrp_lvs_sync_want(true, to, &master, &backup);
	apply(s, master, backup);
}

static bool str_differs(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a && strcmp(a, b));
}

bool vrrp_lvs_sync_changed(const struct vrrp_lvs_sync *s,
			   const struct gd_lvs_sync *c)
{
	struct ipvs_sync_daemon sd;

	if (!s)
		return c->interface != NULL;
	if (!c->interface || str_differs(s->instance, c->vrrp_instance) ||
	    str_differs(s->group, c->group) || s->syncid_set != c->syncid_set)
		return true;
	settings_of(c, &sd);
	return strcmp(sd.ifname, s->sd.ifname) || sd.maxlen != s->sd.maxlen ||
	       sd.port != s->sd.port || sd.ttl != s->sd.ttl ||
	       (c->syncid_set && sd.syncid != s->sd.syncid);
}

void vrrp_lvs_sync_free(struct vrrp_lvs_sync **ps)
{
	struct vrrp_lvs_sync *s = *ps;

	if (!s)
		return;
	apply(s, false, false);
	ipvs_backend_free(&s->ipvs);
	mem_free(&s->instance);
	mem_free(&s->group);
	mem_free(ps);
}
