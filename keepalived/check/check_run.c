/*
 * check_run.c: the runtime's life: start, reload (the difference between
 * the running configuration and the new one), stop.
 *
 * Reload matches virtual servers by their key (address, port and
 * protocol; fwmark; group name) and real servers by address and port.
 * A matched server keeps its runtime object; an equal real server only
 * has its configuration pointers moved, a changed one is made again and
 * takes over the old one's checker states and what IPVS holds for it, so
 * that the sync that follows issues an edit, not a removal and an add.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "check_ipvs.h"
#include "check_run_internal.h"
#include "check_tls.h"
#include "log.h"
#include "memory.h"

/* At stop, scripts get this long to finish before they are killed. */
#define STOP_SCRIPT_WAIT_US (5ULL * 1000000)

struct check_run *check_run_new(struct event_loop *loop,
				struct ipvs_backend *ipvs,
				const struct check_run_opts *o)
{
	struct check_run *r = mem_new(struct check_run);

	r->loop = loop;
	r->ipvs = ipvs;
	r->opts = *o;
	if (!r->opts.script_timeout_us)
		r->opts.script_timeout_us = CHECK_RUN_SCRIPT_TIMEOUT_US;
	if (!r->opts.ops_for)
		r->opts.ops_for = ck_checker_ops_for;
	r->env.loop = loop;
	list_init(&r->vss);
	list_init(&r->scripts);
	return r;
}

static struct ck_rs_run *take_rs(struct list_node *rss,
				 const struct ck_real_server_conf *c)
{
	struct ck_rs_run *rs;

	list_for_each_entry(rs, rss, node) {
		if (ck_rs_same_key(rs->conf, c)) {
			list_del(&rs->node);
			return rs;
		}
	}
	return NULL;
}

/* The real server for "c" on reload: the old one kept, or made again
 * with its state. */
static struct ck_rs_run *rs_reloaded(struct ck_vs_run *vs,
				     struct ck_rs_run *old,
				     const struct ck_real_server_conf *c,
				     bool sorry)
{
	struct ck_rs_run *rs;

	if (old && ck_real_server_conf_equal(old->conf, c)) {
		ck_rs_retarget(old, c);
		return old;
	}
	rs = ck_rs_new(vs, c, sorry);
	if (old) {
		ck_rs_inherit(rs, old);
		ck_rs_free(&old);
	}
	ck_rs_start(rs);
	return rs;
}

static void update_sorry(struct ck_vs_run *vs,
			 const struct ck_virtual_server_conf *c)
{
	struct ck_rs_run *old = vs->sorry;

	vs->sorry = NULL;
	if (old && (!c->sorry || !ck_rs_same_key(old->conf, c->sorry))) {
		ck_vs_dest_apply(vs, old, (struct ck_want){ false, 0 });
		ck_rs_free(&old);
	}
	if (c->sorry)
		vs->sorry = rs_reloaded(vs, old, c->sorry, true);
}

static void update_rss(struct ck_vs_run *vs,
		       const struct ck_virtual_server_conf *c)
{
	const struct ck_real_server_conf *rc;
	struct ck_rs_run *rs, *tmp;
	struct list_node old;

	list_init(&old);
	list_for_each_entry_safe(rs, tmp, &vs->rss, node)
		list_move_tail(&old, &rs->node);
	list_for_each_entry(rc, &c->real_servers, node) {
		rs = rs_reloaded(vs, take_rs(&old, rc), rc, false);
		list_add_tail(&vs->rss, &rs->node);
	}
	/* Gone from the configuration: out of IPVS (keepalived's words,
	 * grammar included). */
	list_for_each_entry_safe(rs, tmp, &old, node) {
		log_info("service %s no longer exist", rs->name);
		ck_vs_rs_gone(vs, rs);
		ck_rs_free(&rs);
	}
}

void ck_run_vs_update(struct ck_vs_run *vs,
		      const struct ck_virtual_server_conf *c,
		      const struct check_conf *cc)
{
	struct ipvs_service *svcs = NULL;
	size_t n = 0;
	int r;

	vs->conf = c;
	update_rss(vs, c);
	update_sorry(vs, c);
	r = ck_ipvs_services(c, cc, &svcs, &n);
	if (r < 0)
		log_warnx("VS %s: cannot map it to IPVS services: %s - keeping "
			  "the running ones", vs->name, strerror(-r));
	else
		ck_vs_set_services(vs, svcs, n);
	ck_vs_sync(vs);
}

static struct ck_vs_run *take_vs(struct list_node *vss,
				 const struct ck_virtual_server_conf *c)
{
	struct ck_vs_run *vs;

	list_for_each_entry(vs, vss, node) {
		if (ck_vs_same_key(vs->conf, c)) {
			list_del(&vs->node);
			return vs;
		}
	}
	return NULL;
}

static void first_start(struct check_run *r)
{
	struct ipvs_backend *b = r->ipvs;
	int ret;

	r->started = true;
	if (!r->gd->lvs_flush)
		return;
	ret = b->ops->flush(b);
	if (ret < 0)
		log_warnx("IPVS: cannot flush the table: %s", strerror(-ret));
}

/* lvs_timeouts, at start and on every reload (setting the same values
 * again changes nothing). */
static void set_timeouts(struct check_run *r)
{
	const struct gd_lvs_timeouts *t = &r->gd->lvs_timeouts;
	struct ipvs_backend *b = r->ipvs;
	struct ipvs_timeouts it = {
		.tcp = (unsigned)t->tcp,
		.tcp_fin = (unsigned)t->tcpfin,
		.udp = (unsigned)t->udp,
	};
	int ret;

	if (!it.tcp && !it.tcp_fin && !it.udp)
		return;
	ret = b->ops->set_timeouts(b, &it);
	if (ret < 0)
		log_warnx("IPVS: cannot set the lvs_timeouts: %s",
			  strerror(-ret));
}

/* Each virtual server of "c": the running one with the same key,
 * updated, else a new one. What is left in "old" is gone. */
static int apply_vss(struct check_run *r, const struct check_conf *c,
		     struct list_node *old)
{
	const struct ck_virtual_server_conf *vc;
	struct ck_vs_run *vs;
	int ret = 0;

	list_for_each_entry(vc, &c->virtual_servers, node) {
		vs = take_vs(old, vc);
		if (vs) {
			list_add_tail(&r->vss, &vs->node);
			ck_run_vs_update(vs, vc, c);
			continue;
		}
		vs = ck_vs_new(r, vc);
		list_add_tail(&r->vss, &vs->node);
		if (ck_vs_start(vs, c) < 0)
			ret = -EINVAL;
	}
	return ret;
}

int check_run_apply(struct check_run *r, const struct check_conf *c,
		    const struct global_data *gd)
{
	struct ck_vs_run *vs, *tmp;
	struct list_node old;
	int ret = 0;

	if (r->stopped)
		return -ESHUTDOWN;
	r->gd = gd;
	r->env.gd = gd;
	r->env.conf = c;
	if (!r->alerter)
		r->alerter = smtp_alerter_new(r->loop, gd);
	else
		smtp_alerter_set_global(r->alerter, gd);
	if (!r->started)
		first_start(r);
	set_timeouts(r);
	list_init(&old);
	list_for_each_entry_safe(vs, tmp, &r->vss, node)
		list_move_tail(&old, &vs->node);
	if (c)
		ret = apply_vss(r, c, &old);
	check_run_addrs_changed(r);
	list_for_each_entry_safe(vs, tmp, &old, node) {
		ck_vs_remove(vs);
		ck_vs_free(&vs);
	}
	return ret;
}

void check_run_addrs_changed(struct check_run *r)
{
	struct ck_vs_run *vs;

	if (r->stopped)
		return;
	list_for_each_entry(vs, &r->vss, node)
		ck_vs_suspend_eval(vs);
}

void check_run_stop(struct check_run *r)
{
	struct ck_vs_run *vs;
	struct ipvs_backend *b = r->ipvs;
	int ret;

	if (r->stopped)
		return;
	r->stopped = true;
	list_for_each_entry(vs, &r->vss, node)
		ck_vs_shutdown(vs, r->opts.release_on_stop);
	/* "lvs_flush_on_stop VS" stops at the services we manage, which
	 * ck_vs_shutdown() has removed already; plain lvs_flush_on_stop
	 * empties the whole table. */
	if (r->gd && r->gd->lvs_flush_on_stop &&
	    !r->gd->lvs_flush_on_stop_vs && r->opts.release_on_stop) {
		ret = b->ops->flush(b);
		if (ret < 0)
			log_warnx("IPVS: cannot flush the table: %s",
				  strerror(-ret));
	}
	ck_scripts_drain(r, STOP_SCRIPT_WAIT_US);
}

void check_run_free(struct check_run **pr)
{
	struct check_run *r = *pr;
	struct ck_vs_run *vs, *tmp;

	if (!r)
		return;
	check_run_stop(r);
	list_for_each_entry_safe(vs, tmp, &r->vss, node)
		ck_vs_free(&vs);
	/* SSL_GET's shared context (check_tls.h). */
	ck_tls_free(&r->env.tls);
	smtp_alerter_free(&r->alerter);
	mem_free(pr);
}
