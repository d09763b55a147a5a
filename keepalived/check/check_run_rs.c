/*
 * check_run_rs.c: real servers and the scheduling of their checkers:
 * the first attempt after a random warm-up, then one every delay_loop,
 * retries after delay_before_retry while an up checker is in doubt. A
 * real server is up when all its checkers are; its change of state runs
 * notify_up/notify_down and asks its virtual server to bring IPVS in
 * line (ck_vs_sync()).
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_run_internal.h"
#include "log.h"
#include "memory.h"

static void on_due(struct event_loop *loop, const struct event_info *info);

static void rs_name(const struct ck_rs_run *rs, const struct ka_addr *a,
		    uint16_t port, char *buf, size_t size)
{
	char addr[ADDR_STRLEN] = "?";

	addr_ntop(a, addr, sizeof(addr));
	snprintf(buf, size, "[%s]:%s:%u", addr,
		 ck_proto_name(rs->vs->conf->protocol), port);
}

static uint16_t rs_port(const struct ck_rs_run *rs)
{
	return rs->conf->port ? rs->conf->port : rs->vs->conf->port;
}

static void checker_init(struct ck_run_checker *c, struct ck_rs_run *rs,
			 const struct ck_checker_conf *cc)
{
	struct checker *ck = &c->ck;
	const struct ck_common *co = &cc->common;

	c->rs = rs;
	ck->conf = cc;
	ck->ops = rs->vs->run->opts.ops_for(cc->type);
	ck->env = &rs->vs->run->env;
	ck->owner = c;
	ck->addr = co->connect_ip.family ? co->connect_ip : rs->conf->addr;
	ck->port = co->connect_port ? co->connect_port : rs_port(rs);
	ck->rs_weight = rs->conf->weight;
	rs_name(rs, &ck->addr, ck->port, ck->name, sizeof(ck->name));
	ck_sm_init(&c->sm, co->alpha != 1, co->retry);
}

static bool all_up(const struct ck_rs_run *rs)
{
	size_t i;

	for (i = 0; i < rs->nck; i++)
		if (!rs->checkers[i].sm.up)
			return false;
	return true;
}

struct ck_rs_run *ck_rs_new(struct ck_vs_run *vs,
			    const struct ck_real_server_conf *c, bool sorry)
{
	struct ck_rs_run *rs = mem_new(struct ck_rs_run);
	const struct ck_checker_conf *cc;
	size_t i = 0;

	list_node_init(&rs->node);
	rs->conf = c;
	rs->vs = vs;
	rs->is_sorry = sorry;
	rs_name(rs, &c->addr, rs_port(rs), rs->name, sizeof(rs->name));
	if (!sorry)
		rs->nck = list_count(&c->checkers);
	rs->checkers = mem_calloc(rs->nck ? rs->nck : 1, sizeof(*rs->checkers));
	if (rs->nck)
		list_for_each_entry(cc, &c->checkers, node)
			checker_init(&rs->checkers[i++], rs, cc);
	/* A sorry server is never checked: it stands in, it is up. */
	rs->up = all_up(rs);
	rs->weight = ck_rs_weight(rs);
	return rs;
}

static uint64_t random_u64(void)
{
	return ((uint64_t)arc4random() << 32) | arc4random();
}

static void schedule(struct ck_run_checker *c, uint64_t delay_us)
{
	struct checker *ck = &c->ck;
	int r;

	event_cancel(&c->t_next);
	r = event_add_timer(ck->env->loop, &c->t_next, delay_us, on_due, c);
	if (r < 0)
		log_warnx("%s: cannot schedule the check of %s: %s",
			  ck_type_name(ck->conf->type), ck->name, strerror(-r));
}

void ck_rs_start(struct ck_rs_run *rs)
{
	size_t i;
	struct ck_run_checker *c;

	if (rs->vs->suspended)
		return;
	for (i = 0; i < rs->nck; i++) {
		c = &rs->checkers[i];
		log_info("Activating healthchecker for service %s for VS %s",
			 c->ck.name, rs->vs->name);
		schedule(c, ck_sm_warmup_us(&c->ck.conf->common,
					    random_u64()));
	}
}

static void checker_abort(struct ck_run_checker *c)
{
	event_cancel(&c->t_next);
	if (c->ck.running) {
		c->ck.ops->abort(&c->ck);
		c->ck.running = false;
	}
}

void ck_rs_abort(struct ck_rs_run *rs)
{
	size_t i;

	for (i = 0; i < rs->nck; i++)
		checker_abort(&rs->checkers[i]);
}

void ck_rs_free(struct ck_rs_run **prs)
{
	struct ck_rs_run *rs = *prs;

	if (!rs)
		return;
	ck_rs_abort(rs);
	if (list_is_linked(&rs->node))
		list_del(&rs->node);
	mem_free(&rs->checkers);
	mem_free(prs);
}

/*
 * An attempt running against the old configuration may hold pointers
 * into it: it is abandoned and started again at once. The state and
 * counters stay.
 */
void ck_rs_retarget(struct ck_rs_run *rs,
		    const struct ck_real_server_conf *c)
{
	const struct ck_checker_conf *cc;
	struct ck_run_checker *k;
	size_t i = 0;

	rs->conf = c;
	rs->weight = ck_rs_weight(rs);
	if (rs->is_sorry)
		return;
	list_for_each_entry(cc, &c->checkers, node) {
		if (i == rs->nck)
			break;
		k = &rs->checkers[i++];
		k->ck.conf = cc;
		if (k->ck.running) {
			checker_abort(k);
			schedule(k, 0);
		}
	}
}

void ck_rs_inherit(struct ck_rs_run *rs, const struct ck_rs_run *from)
{
	size_t i;
	struct ck_run_checker *c;

	rs->in_ipvs = from->in_ipvs;
	rs->ipvs_weight = from->ipvs_weight;
	rs->ipvs_retry = from->ipvs_retry;
	rs->n = from->n;
	for (i = 0; i < rs->nck && i < from->nck; i++) {
		c = &rs->checkers[i];
		if (c->ck.conf->type != from->checkers[i].ck.conf->type)
			continue;
		c->sm.up = from->checkers[i].sm.up;
		c->has_run = from->checkers[i].has_run;
		c->n = from->checkers[i].n;
		c->ck.has_weight = from->checkers[i].ck.has_weight;
		c->ck.weight_delta = from->checkers[i].ck.weight_delta;
	}
	rs->up = all_up(rs);
	rs->weight = ck_rs_weight(rs);
}

long ck_rs_weight(const struct ck_rs_run *rs)
{
	long w = rs->conf->weight;
	size_t i;

	for (i = 0; i < rs->nck; i++)
		if (rs->checkers[i].sm.up && rs->checkers[i].ck.has_weight)
			w += rs->checkers[i].ck.weight_delta;
	return w;
}

bool ck_rs_same_key(const struct ck_real_server_conf *a,
		    const struct ck_real_server_conf *b)
{
	return addr_equal(&a->addr, &b->addr) && a->port == b->port;
}

/* The real server's state follows its checkers'; "t" is the type of
 * the check that just reported. */
static void rs_update(struct ck_rs_run *rs, enum ck_type t)
{
	struct ck_vs_run *vs = rs->vs;
	bool up = all_up(rs);
	long weight = ck_rs_weight(rs);

	if (up != rs->up) {
		char what[CK_NAME_LEN + CK_VS_STRLEN + 32];

		rs->up = up;
		if (up)
			rs->n.ups++;
		else
			rs->n.downs++;
		snprintf(what, sizeof(what), "for service %s in VS %s",
			 rs->name, vs->name);
		ck_script_run(vs->run, up ? &rs->conf->notify_up :
			      &rs->conf->notify_down, what);
		ck_alert_rs(vs->run, rs, up, t);
		ck_tell_change(vs->run, vs, rs);
	} else if (weight == rs->weight && !rs->ipvs_retry) {
		return;
	}
	rs->weight = weight;
	ck_vs_sync(vs);
}

/* keepalived's words for TCP_CHECK; the same shape for the others. */
static void log_up(const struct checker *ck)
{
	if (ck->conf->type == CK_TCP)
		log_info("TCP connection to %s success.", ck->name);
	else
		log_info("%s on service %s success.",
			 ck_type_name(ck->conf->type), ck->name);
}

static void log_failure(const struct ck_run_checker *c)
{
	const struct checker *ck = &c->ck;
	const char *sep = c->why[0] ? ": " : "";

	if (ck->conf->type == CK_TCP)
		log_info("TCP connection to %s failed%s%s.", ck->name, sep,
			 c->why);
	else
		log_info("%s on service %s failed%s%s.",
			 ck_type_name(ck->conf->type), ck->name, sep, c->why);
}

static void log_down(const struct checker *ck)
{
	long retry = ck->conf->common.retry;

	if (retry > 0)
		log_info("%s on service %s failed after %ld retries.",
			 ck_type_name(ck->conf->type), ck->name, retry);
	else
		log_info("%s on service %s failed.",
			 ck_type_name(ck->conf->type), ck->name);
}

static void log_verdict(const struct ck_run_checker *c, bool ok,
			enum ck_sm_verdict v)
{
	const struct checker *ck = &c->ck;

	/* keepalived also says the first success of a checker that started
	 * up. */
	if (v == CK_SM_UP || (ok && !c->has_run)) {
		log_up(ck);
		return;
	}
	if (ok)
		return;
	/* The failure that takes it down is always said; the others while
	 * up with log_all_failures, and only with -D otherwise. */
	if (v == CK_SM_DOWN || (v == CK_SM_RETRY &&
				ck->conf->common.log_all_failures == 1))
		log_failure(c);
	else
		log_detail("%s on service %s failed: %s",
			   ck_type_name(ck->conf->type), ck->name,
			   c->why[0] ? c->why : "no reason given");
	if (v == CK_SM_DOWN)
		log_down(ck);
}

static void checker_result(struct ck_run_checker *c, bool ok)
{
	struct checker *ck = &c->ck;
	enum ck_sm_verdict v;

	c->n.attempts++;
	if (!ok)
		c->n.failures++;
	else
		c->why[0] = '\0';
	v = ck_sm_result(&c->sm, ok, ck->conf->common.retry);
	if (v == CK_SM_UP)
		c->n.ups++;
	else if (v == CK_SM_DOWN)
		c->n.downs++;
	log_verdict(c, ok, v);
	c->has_run = true;
	schedule(c, ck_sm_next_delay_us(v, &ck->conf->common));
	rs_update(c->rs, ck->conf->type);
}

static void on_due(struct event_loop *loop, const struct event_info *info)
{
	struct ck_run_checker *c = info->arg;
	struct checker *ck = &c->ck;
	int r;

	(void)loop;
	ck->running = true;
	r = ck->ops->start(ck);
	if (r >= 0)
		return;
	ck->running = false;
	snprintf(c->why, sizeof(c->why), "cannot start: %s", strerror(-r));
	checker_result(c, false);
}

void ck_checker_done(struct checker *ck, bool ok, const char *why_fmt, ...)
{
	struct ck_run_checker *c = ck->owner;
	va_list ap;

	if (!c || !ck->running) {
		log_warnx("%s: a result for %s with no attempt running, "
			  "ignoring", ck_type_name(ck->conf->type), ck->name);
		return;
	}
	ck->running = false;
	c->why[0] = '\0';
	if (!ok && why_fmt) {
		va_start(ap, why_fmt);
		vsnprintf(c->why, sizeof(c->why), why_fmt, ap);
		va_end(ap);
	}
	checker_result(c, ok);
}

void ck_checker_set_weight_delta(struct checker *ck, long delta)
{
	ck->has_weight = true;
	ck->weight_delta = delta;
}
