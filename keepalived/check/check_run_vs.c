/*
 * check_run_vs.c: a virtual server at run time: its IPVS services, its
 * quorum (the weight of its up real servers against quorum, with
 * hysteresis), its sorry server, and the one place that turns real
 * server states into IPVS destination commands (ck_vs_sync()).
 *
 * What IPVS holds is remembered per server (in_ipvs, ipvs_weight), so a
 * sync only issues the commands that change something: a reload that
 * changes nothing issues none.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check_ipvs.h"
#include "check_run_internal.h"
#include "log.h"
#include "memory.h"

const char *ck_proto_name(enum ck_protocol p)
{
	switch (p) {
	case CK_PROTO_UDP:
		return "udp";
	case CK_PROTO_SCTP:
		return "sctp";
	default:
		return "tcp";
	}
}

/* keepalived's form: "[10.0.0.1]:tcp:80", "FWM 5", "GROUP web". */
static void vs_name(const struct ck_virtual_server_conf *c, char *buf,
		    size_t size)
{
	char addr[ADDR_STRLEN] = "?";

	switch (c->kind) {
	case CK_VS_FWMARK:
		snprintf(buf, size, "FWM %u", c->fwmark);
		break;
	case CK_VS_GROUP:
		snprintf(buf, size, "GROUP %s", c->group ? c->group : "?");
		break;
	default:
		addr_ntop(&c->addr, addr, sizeof(addr));
		snprintf(buf, size, "[%s]:%s:%u", addr,
			 ck_proto_name(c->protocol), c->port);
	}
}

bool ck_vs_same_key(const struct ck_virtual_server_conf *a,
		    const struct ck_virtual_server_conf *b)
{
	if (a->kind != b->kind || a->protocol != b->protocol)
		return false;
	switch (a->kind) {
	case CK_VS_FWMARK:
		return a->fwmark == b->fwmark && a->family == b->family;
	case CK_VS_GROUP:
		return a->group && b->group && !strcmp(a->group, b->group);
	default:
		return addr_equal(&a->addr, &b->addr) && a->port == b->port;
	}
}

struct ck_vs_run *ck_vs_new(struct check_run *r,
			    const struct ck_virtual_server_conf *c)
{
	struct ck_vs_run *vs = mem_new(struct ck_vs_run);

	list_node_init(&vs->node);
	list_init(&vs->rss);
	vs->conf = c;
	vs->run = r;
	/* As keepalived: a virtual server starts without its quorum and
	 * gains it (quorum_up runs) at the first sync if its servers
	 * start up; the sorry server is in until then. */
	vs->quorum_up = false;
	vs_name(c, vs->name, sizeof(vs->name));
	return vs;
}

static void log_ipvs_error(const struct ck_vs_run *vs, const char *op,
			   const char *who, int err)
{
	log_warnx("IPVS: cannot %s %s%s%s: %s", op, who, vs ? " of VS " : "",
		  vs ? vs->name : "", strerror(-err));
}

/* The command for one service; an add of something present is an
 * edit, a removal of something absent is done already. */
static int dest_op(struct ck_vs_run *vs, const struct ipvs_service *s,
		    const struct ck_rs_run *rs, struct ck_want want,
		    bool was_in)
{
	struct ipvs_backend *b = vs->run->ipvs;
	struct ipvs_dest d;
	int r;

	ck_ipvs_dest(vs->conf, rs->conf, want.weight, &d);
	if (!want.present) {
		r = b->ops->dest_del(b, s, &d);
		if (r == -ENOENT)
			r = 0;
	} else if (!was_in) {
		r = b->ops->dest_add(b, s, &d);
		if (r == -EEXIST)
			r = b->ops->dest_edit(b, s, &d);
	} else {
		r = b->ops->dest_edit(b, s, &d);
		if (r == -ENOENT)
			r = b->ops->dest_add(b, s, &d);
	}
	/* Said once per change, not at every retry (a refusal that lasts
	 * would otherwise repeat at each check of each server). */
	if (r < 0 && !rs->ipvs_retry)
		log_ipvs_error(vs, want.present ? "set" : "remove", rs->name,
			       r);
	return r;
}

/* keepalived's words, as Debian's 2.2.7 logs them. */
static void log_dest_change(const struct ck_vs_run *vs,
			    const struct ck_rs_run *rs, struct ck_want want)
{
	const char *what = rs->is_sorry ? "sorry server" : "service";
	void (*say)(const char *, ...) = vs->starting && !rs->is_sorry ?
						 log_detail : log_info;

	if (!want.present)
		say("Removing %s %s from VS %s", what, rs->name, vs->name);
	else if (!rs->in_ipvs)
		say("Adding %s %s to VS %s", what, rs->name, vs->name);
	else if (!want.weight)
		say("Disabling %s %s of VS %s", what, rs->name, vs->name);
	else if (!rs->ipvs_weight)
		say("Enabling %s %s of VS %s", what, rs->name, vs->name);
	else
		say("Changing weight from %d to %d for %s %s %s of VS %s",
		    rs->ipvs_weight, want.weight,
		    rs->up ? "active" : "inactive", what, rs->name, vs->name);
}

/*
 * A change IPVS refused (EMFILE, ENOMEM, a busy kernel) is not taken as
 * done: what we remember stays as it was and the server is synced again
 * at its next check result, until IPVS takes it. Otherwise a dead server
 * whose removal failed once would stay in the pool for good. Each
 * command is idempotent (dest_op), so repeating the ones that worked is
 * harmless; the change and the refusal are said once.
 */
void ck_vs_dest_apply(struct ck_vs_run *vs, struct ck_rs_run *rs,
		      struct ck_want want)
{
	bool failed = false;
	size_t i;

	if (want.present == rs->in_ipvs &&
	    (!want.present || want.weight == rs->ipvs_weight)) {
		rs->ipvs_retry = false;
		return;
	}
	if (!rs->ipvs_retry)
		log_dest_change(vs, rs, want);
	for (i = 0; i < vs->nsvc; i++)
		if (dest_op(vs, &vs->svcs[i], rs, want, rs->in_ipvs) < 0)
			failed = true;
	rs->ipvs_retry = failed;
	if (failed)
		return;
	rs->in_ipvs = want.present;
	rs->ipvs_weight = want.present ? want.weight : 0;
}

static long weight_sum(const struct ck_vs_run *vs)
{
	const struct ck_rs_run *rs;
	long sum = 0;

	list_for_each_entry(rs, &vs->rss, node)
		if (rs->up)
			sum += ck_weight_clamp(ck_rs_weight(rs));
	return sum;
}

static void quorum_update(struct ck_vs_run *vs)
{
	const struct ck_virtual_server_conf *c = vs->conf;
	long sum = weight_sum(vs);
	bool up = ck_quorum_next(vs->quorum_up, sum, c->quorum, c->hysteresis);
	char what[CK_VS_STRLEN + 16];

	if (up == vs->quorum_up && !(vs->starting && !up))
		return;
	vs->quorum_up = up;
	if (up) {
		log_info("Gained quorum %ld+%ld=%ld <= %ld for VS %s",
			 c->quorum, c->hysteresis, c->quorum + c->hysteresis,
			 sum, vs->name);
	} else if (vs->starting) {
		log_info("Starting with quorum down %ld-%ld=%ld > %ld for VS %s",
			 c->quorum, c->hysteresis, c->quorum - c->hysteresis,
			 sum, vs->name);
	} else {
		vs->quorum_losses++;
		log_info("Lost quorum %ld-%ld=%ld > %ld for VS %s", c->quorum,
			 c->hysteresis, c->quorum - c->hysteresis, sum,
			 vs->name);
	}
	snprintf(what, sizeof(what), "for VS %s", vs->name);
	ck_script_run(vs->run, up ? &c->quorum_up : &c->quorum_down, what);
	ck_alert_vs(vs->run, vs, up);
	ck_tell_change(vs->run, vs, NULL);
}

static void sync_sorry(struct ck_vs_run *vs)
{
	if (vs->sorry)
		ck_vs_dest_apply(vs, vs->sorry,
				 ck_sorry_want(vs->quorum_up,
					       vs->sorry->conf->weight,
					       vs->conf->sorry_inhibit));
}

static void sync_rss(struct ck_vs_run *vs)
{
	struct ck_rs_run *rs;
	bool inhibit;

	list_for_each_entry(rs, &vs->rss, node) {
		inhibit = rs->conf->inhibit_on_failure == 1 ||
			  (rs->conf->inhibit_on_failure == CK_UNSET &&
			   vs->conf->inhibit_on_failure);
		ck_vs_dest_apply(vs, rs, ck_rs_want(rs->up, ck_rs_weight(rs),
						    inhibit, vs->quorum_up,
						    vs->sorry != NULL));
	}
}

/*
 * In keepalived's order: the real server that changed first, then the
 * quorum; on a loss the sorry server comes in before the live servers
 * leave, on a gain they come back before it leaves, so that the service
 * is never empty.
 */
void ck_vs_sync(struct ck_vs_run *vs)
{
	bool was_up = vs->quorum_up;

	if (vs->run->stopped)
		return;
	sync_rss(vs);
	quorum_update(vs);
	if (vs->quorum_up == was_up && !(vs->starting && !vs->quorum_up)) {
		sync_sorry(vs);
		return;
	}
	if (!vs->quorum_up) {
		sync_sorry(vs);
		if (vs->sorry)
			log_info("Removing alive servers from the pool for VS "
				 "%s", vs->name);
		sync_rss(vs);
		return;
	}
	if (vs->sorry && !vs->starting)
		log_info("Adding alive servers to the pool for VS %s",
			 vs->name);
	sync_rss(vs);
	sync_sorry(vs);
}

static bool same_service(const struct ipvs_service *a,
			 const struct ipvs_service *b)
{
	if (a->fwmark || b->fwmark)
		return a->fwmark == b->fwmark && a->family == b->family;
	return a->family == b->family && a->protocol == b->protocol &&
	       a->port == b->port && addr_equal(&a->addr, &b->addr);
}

static bool service_differs(const struct ipvs_service *a,
			    const struct ipvs_service *b)
{
	return strcmp(a->sched, b->sched) || a->flags != b->flags ||
	       a->timeout_s != b->timeout_s || a->netmask != b->netmask ||
	       strcmp(a->pe_name, b->pe_name);
}

static const struct ipvs_service *find_service(const struct ipvs_service *v,
					       size_t n,
					       const struct ipvs_service *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same_service(&v[i], s))
			return &v[i];
	return NULL;
}

static void service_add(struct ck_vs_run *vs, const struct ipvs_service *s)
{
	struct ipvs_backend *b = vs->run->ipvs;
	char name[IPVS_SVC_STRLEN];
	int r;

	r = b->ops->svc_add(b, s);
	if (r == -EEXIST)
		r = b->ops->svc_edit(b, s);
	if (r < 0) {
		ipvs_service_name(s, name, sizeof(name));
		log_ipvs_error(NULL, "add service", name, r);
	}
}

/* A new service gets the destinations its siblings have. */
static void service_fill(struct ck_vs_run *vs, const struct ipvs_service *s)
{
	struct ck_rs_run *rs;
	struct ck_want w;

	list_for_each_entry(rs, &vs->rss, node) {
		w = (struct ck_want){ true, rs->ipvs_weight };
		if (rs->in_ipvs)
			dest_op(vs, s, rs, w, false);
	}
	if (vs->sorry && vs->sorry->in_ipvs)
		dest_op(vs, s, vs->sorry,
			(struct ck_want){ true, vs->sorry->ipvs_weight },
			false);
}

static void service_del(struct ck_vs_run *vs, const struct ipvs_service *s)
{
	struct ipvs_backend *b = vs->run->ipvs;
	char name[IPVS_SVC_STRLEN];
	int r = b->ops->svc_del(b, s);

	if (r < 0 && r != -ENOENT) {
		ipvs_service_name(s, name, sizeof(name));
		log_ipvs_error(NULL, "remove service", name, r);
	}
}

int ck_vs_set_services(struct ck_vs_run *vs, struct ipvs_service *svcs,
		       size_t n)
{
	const struct ipvs_service *old;
	struct ipvs_backend *b = vs->run->ipvs;
	size_t i;
	int r;

	for (i = 0; i < vs->nsvc; i++)
		if (!find_service(svcs, n, &vs->svcs[i]))
			service_del(vs, &vs->svcs[i]);
	for (i = 0; i < n; i++) {
		old = find_service(vs->svcs, vs->nsvc, &svcs[i]);
		if (!old) {
			service_add(vs, &svcs[i]);
			service_fill(vs, &svcs[i]);
		} else if (service_differs(old, &svcs[i])) {
			r = b->ops->svc_edit(b, &svcs[i]);
			if (r < 0)
				log_ipvs_error(vs, "edit", "the service", r);
		}
	}
	mem_free(&vs->svcs);
	vs->svcs = svcs;
	vs->nsvc = n;
	return 0;
}

/* The kernel's entry for one of our servers, if it holds one. */
static void read_back_rs(struct ck_vs_run *vs, struct ck_rs_run *rs,
			 const struct ipvs_dest *v, size_t n)
{
	struct ipvs_dest d;
	size_t i;

	if (!rs)
		return;
	ck_ipvs_dest(vs->conf, rs->conf, 0, &d);
	for (i = 0; i < n; i++) {
		if (v[i].port == d.port && addr_equal(&v[i].addr, &d.addr)) {
			rs->in_ipvs = true;
			rs->ipvs_weight = v[i].weight;
			return;
		}
	}
}

/*
 * At start the kernel may hold our destinations already (a previous run
 * stopped with --dont-release-ipvs, or an operator's ipvsadm): they are
 * taken as present, so that the first sync keeps an entry that is right
 * (with its counters), edits one that differs and removes one whose
 * server is down, instead of adding over it or leaving it behind.
 * Destinations that are not ours are left alone. Every service of a
 * virtual server gets the same destinations: the first one tells.
 */
static void read_back(struct ck_vs_run *vs)
{
	struct ipvs_backend *b = vs->run->ipvs;
	struct ipvs_dest *v = NULL;
	struct ck_rs_run *rs;
	size_t n = 0;

	if (!vs->nsvc || b->ops->dest_list(b, &vs->svcs[0], &v, NULL, &n) < 0)
		return;
	list_for_each_entry(rs, &vs->rss, node)
		read_back_rs(vs, rs, v, n);
	read_back_rs(vs, vs->sorry, v, n);
	mem_free(&v);
}

int ck_vs_start(struct ck_vs_run *vs, const struct check_conf *cc)
{
	const struct ck_real_server_conf *rc;
	struct ipvs_service *svcs = NULL;
	struct ck_rs_run *rs;
	size_t n = 0;
	int r;

	r = ck_ipvs_services(vs->conf, cc, &svcs, &n);
	if (r < 0) {
		log_warnx("VS %s: cannot map it to IPVS services: %s - "
			  "ignoring", vs->name, strerror(-r));
		return r;
	}
	ck_vs_set_services(vs, svcs, n);
	ck_vs_suspend_eval(vs);
	list_for_each_entry(rc, &vs->conf->real_servers, node) {
		rs = ck_rs_new(vs, rc, false);
		list_add_tail(&vs->rss, &rs->node);
		ck_rs_start(rs);
	}
	if (vs->conf->sorry)
		vs->sorry = ck_rs_new(vs, vs->conf->sorry, true);
	read_back(vs);
	vs->starting = true;
	ck_vs_sync(vs);
	vs->starting = false;
	return 0;
}

/* keepalived's ha_suspend is for "virtual_server IP PORT": the checks
 * of a VIP held by a VRRP backup are pointless. */
static bool vs_address_here(const struct ck_vs_run *vs)
{
	const struct check_run_opts *o = &vs->run->opts;

	if (!vs->conf->ha_suspend || vs->conf->kind != CK_VS_ADDR ||
	    !o->addr_local)
		return true;
	return o->addr_local(&vs->conf->addr, o->addr_ctx);
}

void ck_vs_suspend_eval(struct ck_vs_run *vs)
{
	bool here = vs_address_here(vs);
	struct ck_rs_run *rs;

	if (here != vs->suspended)
		return;
	vs->suspended = !here;
	log_info("%s healthcheckers of VS %s: its address is %s",
		 here ? "Resuming" : "Suspending", vs->name,
		 here ? "here" : "not here");
	list_for_each_entry(rs, &vs->rss, node) {
		if (here)
			ck_rs_start(rs);
		else
			ck_rs_abort(rs);
	}
}

static void omega(struct ck_vs_run *vs)
{
	char what[CK_NAME_LEN + CK_VS_STRLEN + 32];
	struct ck_rs_run *rs;

	list_for_each_entry(rs, &vs->rss, node) {
		if (!rs->up)
			continue;
		snprintf(what, sizeof(what), "for service %s in VS %s",
			 rs->name, vs->name);
		ck_script_run(vs->run, &rs->conf->notify_down, what);
	}
	if (vs->quorum_up) {
		snprintf(what, sizeof(what), "for VS %s", vs->name);
		ck_script_run(vs->run, &vs->conf->quorum_down, what);
	}
}

/* At stop the services are removed next, and the kernel removes their
 * destinations with them: one operation per service instead of one per
 * real server (a checker with thousands of them must be gone within
 * the parent's child_wait_time, or it is killed and leaves them all). */
static void release(struct ck_vs_run *vs, struct ck_rs_run *rs)
{
	if (!rs || !rs->in_ipvs)
		return;
	log_info("Shutting down %s %s from VS %s",
		 rs->is_sorry ? "sorry server" : "service", rs->name, vs->name);
	rs->in_ipvs = false;
}

void ck_vs_shutdown(struct ck_vs_run *vs, bool release_ipvs)
{
	struct ck_rs_run *rs;
	size_t i;

	list_for_each_entry(rs, &vs->rss, node)
		ck_rs_abort(rs);
	if (vs->conf->omega)
		omega(vs);
	if (!release_ipvs)
		return;
	list_for_each_entry(rs, &vs->rss, node)
		release(vs, rs);
	release(vs, vs->sorry);
	for (i = 0; i < vs->nsvc; i++)
		service_del(vs, &vs->svcs[i]);
	vs->nsvc = 0;
}

void ck_vs_rs_gone(struct ck_vs_run *vs, struct ck_rs_run *rs)
{
	char what[CK_NAME_LEN + CK_VS_STRLEN + 32];

	ck_rs_abort(rs);
	ck_vs_dest_apply(vs, rs, (struct ck_want){ false, 0 });
	if (!rs->up)
		return;
	snprintf(what, sizeof(what), "for service %s in VS %s", rs->name,
		 vs->name);
	ck_script_run(vs->run, &rs->conf->notify_down, what);
}

void ck_vs_remove(struct ck_vs_run *vs)
{
	struct ck_rs_run *rs;
	size_t i;

	log_info("Removing Virtual Server %s", vs->name);
	list_for_each_entry(rs, &vs->rss, node)
		ck_vs_rs_gone(vs, rs);
	if (vs->sorry)
		ck_vs_dest_apply(vs, vs->sorry, (struct ck_want){ false, 0 });
	for (i = 0; i < vs->nsvc; i++)
		service_del(vs, &vs->svcs[i]);
	vs->nsvc = 0;
}

void ck_vs_free(struct ck_vs_run **pvs)
{
	struct ck_vs_run *vs = *pvs;
	struct ck_rs_run *rs, *tmp;

	if (!vs)
		return;
	list_for_each_entry_safe(rs, tmp, &vs->rss, node)
		ck_rs_free(&rs);
	ck_rs_free(&vs->sorry);
	if (list_is_linked(&vs->node))
		list_del(&vs->node);
	mem_free(&vs->svcs);
	mem_free(pvs);
}
