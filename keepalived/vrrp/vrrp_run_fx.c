/*
 * vrrp_run_fx.c: what the state machine's decisions do on the system:
 * adverts on the wire, virtual addresses through netlink, gratuitous ARP
 * and NA, timers on the loop, and the log lines operators watch for,
 * worded as keepalived words them.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ipaddr.h"
#include "log.h"
#include "nl_ops.h"
#include "smtp_alert.h"
#include "vrrp_run_internal.h"
#include "vrrp_smtp.h"
#include "vrrp_socket.h"

static void send_one(struct vrrp_inst *in, const struct vrrp_pkt_spec *spec,
		     const struct ka_addr *dst, bool unicast)
{
	uint8_t buf[VRRP_TX_MAX_LEN];
	const char *why = NULL;
	ssize_t len = vrrp_tx_build(spec, &in->src, dst, unicast, &in->tx, buf,
				    sizeof(buf), &why);
	int ret;

	if (len < 0) {
		log_warnx_limited(&in->rx_rl, "(%s) cannot build an advert: %s",
				  in->p.name, why);
		return;
	}
	ret = vrrp_socket_send(in->sock->fd, &in->src, dst, in->ifindex, buf,
			       (size_t)len);
	if (ret < 0) {
		errno = -ret;
		log_warnx_limited(&in->rx_rl, "(%s) cannot send an advert: %s",
				  in->p.name, strerror(-ret));
		return;
	}
	in->stats.advert_sent++;
}

static void fx_send_advert(void *ctx, uint8_t priority)
{
	struct vrrp_inst *in = ctx;
	struct vrrp_pkt_spec spec = {
		.version = in->p.fsm.version, .vrid = in->p.vrid,
		.priority = priority, .family = in->p.family,
		.adver_int_cs = in->p.fsm.adver_int_cs,
		.auth_type = in->p.fsm.version == 2 ? in->p.auth_type : 0,
		.auth_pass = in->p.auth_pass, .addrs = in->adv,
		.naddr = in->nadv,
	};
	struct ka_addr group = vrrp_run_group(in);
	size_t i;

	if (!in->sock)
		return;
	if (group.family)
		send_one(in, &spec, &group, false);
	for (i = 0; i < in->p.npeers; i++)
		send_one(in, &spec, &in->p.peers[i], true);
	if (priority == 0) {
		in->stats.pri_zero_sent++;
		log_detail("(%s) sent 0 priority", in->p.name);
	}
}

static void announce_now(struct vrrp_inst *in, unsigned repeat);

static void set_one(struct vrrp_inst *in, const struct ipaddr *a, bool add)
{
	char err[NL_OPS_ERR_MAX], text[PREFIX_STRLEN];

	if (nl_ops_addr(netlink_daemon_cmd(in->run->nl),
			netlink_daemon_iftable(in->run->nl), a,
			a->dev[0] ? NULL : vrrp_run_vip_ifname(in), add, err,
			sizeof(err)) == 0)
		return;
	prefix_ntop(&a->prefix, text, sizeof(text));
	log_warnx("(%s) cannot %s %s: %s", in->p.name, add ? "add" : "remove",
		  text, err);
}

static void set_list(struct vrrp_inst *in, const struct list_node *list,
		     bool add)
{
	const struct vrrp_vip *v;

	if (!list)
		return;
	list_for_each_entry(v, list, node)
		set_one(in, v->ip, add);
}

static bool listed(const struct list_node *list, const struct ipaddr *a)
{
	const struct vrrp_vip *v;

	if (!list)
		return false;
	list_for_each_entry(v, list, node)
		if (ipaddr_same(v->ip, a))
			return true;
	return false;
}

/* Adds (or removes) the addresses of "list" that neither of "others"
 * holds: the ones a reload brings (or takes away). */
static void set_diff(struct vrrp_inst *in, const struct list_node *list,
		     const struct list_node *const others[2], bool add)
{
	const struct vrrp_vip *v;

	if (!list)
		return;
	list_for_each_entry(v, list, node)
		if (!listed(others[0], v->ip) && !listed(others[1], v->ip))
			set_one(in, v->ip, add);
}

void vrrp_run_fx_vips_reload(struct vrrp_inst *in,
			     const struct vrrp_run_params *next)
{
	const struct list_node *old[2] = { in->p.vips, in->p.vips_excluded };
	const struct list_node *new[2] = { next->vips, next->vips_excluded };

	if (in->addresses_set) {
		vrrp_run_nft_vips(in, false);
		set_diff(in, old[0], new, false);
		set_diff(in, old[1], new, false);
		set_diff(in, new[0], old, true);
		set_diff(in, new[1], old, true);
	}
	in->p.vips = next->vips;
	in->p.vips_excluded = next->vips_excluded;
	if (!in->addresses_set)
		return;
	vrrp_run_nft_vips(in, true);
	/* the neighbours learn the new ones; the burst replaces any
	 * pending one, so it covers them all */
	announce_now(in, in->p.garp_repeat);
}

static void on_announced(void *ctx, const struct ka_addr *vip,
			 unsigned round, int err)
{
	struct vrrp_inst *in = ctx;
	char text[ADDR_STRLEN];

	(void)round;
	addr_ntop(vip, text, sizeof(text));
	if (err)
		log_warnx_limited(&in->rx_rl, "(%s) cannot announce %s on %s: "
				  "%s", in->p.name, text, in->p.ifname,
				  strerror(-err));
	else
		log_detail("Sending gratuitous %s on %s for %s",
			   vip->family == AF_INET ? "ARP" : "NA",
			   in->p.ifname, text);
}

/* All the addresses we hold, advertised or not, to announce. */
static size_t held_addresses(const struct vrrp_inst *in, struct ka_addr *out,
			     size_t max)
{
	const struct list_node *lists[2] = { in->p.vips, in->p.vips_excluded };
	const struct vrrp_vip *v;
	size_t n = 0, i;

	for (i = 0; i < 2; i++) {
		if (!lists[i])
			continue;
		list_for_each_entry(v, lists[i], node)
			if (n < max)
				out[n++] = v->ip->prefix.addr;
	}
	return n;
}

/* A burst of "repeat" messages for every address we hold. */
static void announce_now(struct vrrp_inst *in, unsigned repeat)
{
	struct vrrp_announce_params ap = {
		.repeat = repeat,
		.garp_interval_us = in->p.garp_interval_us,
		.gna_interval_us = in->p.gna_interval_us,
	};
	struct ka_addr addrs[512];
	size_t n = held_addresses(in, addrs, 512), i;
	char text[ADDR_STRLEN];

	if (!in->announce || !n)
		return;
	for (i = 0; i < n; i++) {
		addr_ntop(&addrs[i], text, sizeof(text));
		log_detail("(%s) Sending/queueing gratuitous %s on %s for %s",
			   in->p.name, addrs[i].family == AF_INET ? "ARPs" :
			   "NAs", in->p.ifname, text);
	}
	vrrp_announce_start(in->announce, addrs, n, &ap, on_announced, in);
}

static void on_second_burst(struct event_loop *loop,
			    const struct event_info *info)
{
	struct vrrp_inst *in = info->arg;

	(void)loop;
	announce_now(in, in->p.garp_repeat);
}

/* garp_master_refresh: again and again while master. */
static void on_refresh(struct event_loop *loop, const struct event_info *info)
{
	struct vrrp_inst *in = info->arg;

	announce_now(in, in->p.garp_refresh_repeat);
	event_add_timer(loop, &in->t_refresh, in->p.garp_refresh_us,
			on_refresh, in);
}

static void on_lower_prio(struct event_loop *loop,
			  const struct event_info *info)
{
	struct vrrp_inst *in = info->arg;

	(void)loop;
	announce_now(in, in->p.garp_lower_prio_repeat);
}

/* A lower priority master may have taken the addresses: re-announce
 * them after garp_lower_prio_delay (a burst already due is not pushed
 * back by further lower adverts). */
static void fx_announce(void *ctx)
{
	struct vrrp_inst *in = ctx;

	if (in->t_lower)
		return;
	if (!in->p.garp_lower_prio_delay_us) {
		announce_now(in, in->p.garp_lower_prio_repeat);
		return;
	}
	event_add_timer(in->run->loop, &in->t_lower,
			in->p.garp_lower_prio_delay_us, on_lower_prio, in);
}

static void fx_set_addresses(void *ctx, bool present)
{
	struct vrrp_inst *in = ctx;

	if (present == in->addresses_set)
		return;
	in->addresses_set = present;
	log_detail("(%s) %s VIPs.", in->p.name, present ? "setting" :
		   "removing");
	if (!present) {
		event_cancel(&in->t_garp);
		event_cancel(&in->t_refresh);
		event_cancel(&in->t_lower);
		vrrp_announce_cancel(in->announce);
		/* -V: a stopping daemon leaves them, as keepalived does */
		if (in->fsm.state == VRRP_STATE_MASTER &&
		    !in->run->opts.release_on_stop && in->run->stopping)
			return;
	}
	if (!present)
		vrrp_run_vroutes_set(in, false);
	else
		vrrp_run_nft_vips(in, true);
	set_list(in, in->p.vips, present);
	set_list(in, in->p.vips_excluded, present);
	if (!present) {
		vrrp_run_nft_vips(in, false);
		return;
	}
	vrrp_run_vroutes_set(in, true);
	announce_now(in, in->p.garp_repeat);
	if (in->p.garp_delay_us)
		event_add_timer(in->run->loop, &in->t_garp, in->p.garp_delay_us,
				on_second_burst, in);
	if (in->p.garp_refresh_us)
		event_add_timer(in->run->loop, &in->t_refresh,
				in->p.garp_refresh_us, on_refresh, in);
}

/* 0 cancels; the state machine re-arms a timer by arming it again. */
static void arm(struct vrrp_inst *in, struct event **t, uint64_t delay_us,
		event_cb *cb)
{
	event_cancel(t);
	if (delay_us)
		event_add_timer(in->run->loop, t, delay_us, cb, in);
}

static void on_adver(struct event_loop *loop, const struct event_info *info)
{
	(void)loop;
	vrrp_fsm_event(&((struct vrrp_inst *)info->arg)->fsm,
		       VRRP_EV_ADVER_TIMER, NULL);
}

static void on_down(struct event_loop *loop, const struct event_info *info)
{
	struct vrrp_inst *in = info->arg;

	(void)loop;
	log_detail("(%s) Receive advertisement timeout", in->p.name);
	vrrp_fsm_event(&in->fsm, VRRP_EV_MASTER_DOWN, NULL);
}

static void on_preempt(struct event_loop *loop, const struct event_info *info)
{
	(void)loop;
	vrrp_fsm_event(&((struct vrrp_inst *)info->arg)->fsm,
		       VRRP_EV_PREEMPT_DELAY, NULL);
}

static void fx_adver_timer(void *ctx, uint64_t us)
{
	struct vrrp_inst *in = ctx;

	arm(in, &in->t_adver, us, on_adver);
}

static void fx_master_down(void *ctx, uint64_t us)
{
	struct vrrp_inst *in = ctx;

	arm(in, &in->t_down, us, on_down);
}

static void fx_preempt(void *ctx, uint64_t us)
{
	struct vrrp_inst *in = ctx;

	arm(in, &in->t_preempt, us, on_preempt);
}

static void notify_one(struct vrrp_inst *in, enum vrrp_notify_kind k,
		       const char *kw, const char *const *extra)
{
	char who[VRRP_RUN_NAME_MAX + 32];

	if (!in->p.notify[k].cmd)
		return;
	snprintf(who, sizeof(who), "(%s) %s", in->p.name, kw);
	vrrp_notify_run(in->run->notifier, who, &in->p.notify[k], extra);
}

const char *vrrp_run_notify_word(enum vrrp_state to, bool stopping,
				 enum vrrp_notify_kind *kind,
				 const char **kw)
{
	static const struct {
		enum vrrp_notify_kind kind;
		const char *kw, *word;
	} map[VRRP_STATE_COUNT] = {
		[VRRP_STATE_INIT] = { VRRP_NOTIFY_STOP, "notify_stop", "STOP" },
		[VRRP_STATE_BACKUP] = { VRRP_NOTIFY_BACKUP, "notify_backup",
					"BACKUP" },
		[VRRP_STATE_MASTER] = { VRRP_NOTIFY_MASTER, "notify_master",
					"MASTER" },
		[VRRP_STATE_FAULT] = { VRRP_NOTIFY_FAULT, "notify_fault",
				       "FAULT" },
	};
	int m = to;

	if (to == VRRP_STATE_INIT && !stopping)
		m = VRRP_STATE_FAULT;
	*kind = map[m].kind;
	*kw = map[m].kw;
	return map[m].word;
}

/* The specific script first, then the generic one (keepalived's order);
 * INIT is the instance stopping ("STOP"), or deleted by a reload, which
 * keepalived reports as a FAULT. */
void vrrp_run_notify(struct vrrp_inst *in, enum vrrp_state to,
		     bool stopping)
{
	enum vrrp_notify_kind kind;
	const char *extra[5], *kw, *word;
	char prio[4];

	if (to >= VRRP_STATE_COUNT)
		return;
	word = vrrp_run_notify_word(to, stopping, &kind, &kw);
	if (to == VRRP_STATE_INIT && !stopping && in->p.notify_deleted) {
		kind = VRRP_NOTIFY_DELETED;
		kw = "notify_deleted";
		word = "DELETED";
	}
	vrrp_run_fifo_line(in->run, false, in->p.name, word,
			   in->fsm.conf.priority);
	notify_one(in, kind, kw, NULL);
	vrrp_notify_instance_args(in->p.name, word, in->fsm.conf.priority,
				  prio, extra);
	notify_one(in, VRRP_NOTIFY_ANY, "notify", extra);
}

void vrrp_run_smtp(struct vrrp_run *r, bool group, const char *name,
		   enum vrrp_state to)
{
	char subject[VRRP_RUN_NAME_MAX + 64];
	const char *body;

	if (!r->alerter ||
	    !vrrp_smtp_text(group, name, to, subject, sizeof(subject), &body))
		return;
	/* -EBUSY (too many in flight) is logged by the alerter */
	(void)smtp_alert_send(r->alerter, subject, body);
}

void vrrp_run_notify_rx_lower(struct vrrp_inst *in)
{
	if (!in->p.notify[VRRP_NOTIFY_RX_LOWER].cmd)
		return;
	vrrp_run_fifo_line(in->run, false, in->p.name, "MASTER_RX_LOWER_PRI",
			   in->fsm.conf.priority);
	notify_one(in, VRRP_NOTIFY_RX_LOWER, "notify_master_rx_lower_pri",
		   NULL);
}

void vrrp_run_notify_priority(struct vrrp_inst *in)
{
	const char *word;

	if (!in->p.notify_priority_changes)
		return;
	if (in->fsm.state == VRRP_STATE_MASTER)
		word = "MASTER_PRIORITY";
	else if (in->fsm.state == VRRP_STATE_BACKUP)
		word = "BACKUP_PRIORITY";
	else
		return;
	vrrp_run_fifo_line(in->run, false, in->p.name, word,
			   in->fsm.conf.priority);
}

static void fx_state_changed(void *ctx, enum vrrp_state from,
			     enum vrrp_state to, const char *reason)
{
	struct vrrp_inst *in = ctx;

	if (to == VRRP_STATE_MASTER)
		in->stats.become_master++;
	if (from == VRRP_STATE_MASTER)
		in->stats.release_master++;
	if (to == VRRP_STATE_INIT) {
		vrrp_run_observe_state(in, from, to, reason);
		return;		/* the caller notifies, knowing why */
	}
	if (strcmp(reason, "init") == 0)
		log_info("(%s) Entering %s STATE (init)", in->p.name,
			 vrrp_state_name(to));
	else
		log_info("(%s) Entering %s STATE", in->p.name,
			 vrrp_state_name(to));
	/* keepalived reports a starting group before its first member */
	if (from == VRRP_STATE_INIT)
		vrrp_run_sync_starts(in, to);
	vrrp_run_notify(in, to, false);
	if (in->p.smtp_alert)
		vrrp_run_smtp(in->run, false, in->p.name, to);
	if (in->run->observer)
		in->run->observer(in->run->observer_ctx, false, in->p.name,
				  to);
	vrrp_run_sync_changed(in, from, to);
	if (in->run->opts.on_state)
		in->run->opts.on_state(in->run->opts.state_ctx, in->p.name,
				       in->p.vrid, to);
	vrrp_run_observe_state(in, from, to, reason);
}

const struct vrrp_fsm_ops vrrp_run_fx_ops = {
	.send_advert = fx_send_advert,
	.set_addresses = fx_set_addresses,
	.announce = fx_announce,
	.arm_adver_timer = fx_adver_timer,
	.arm_master_down_timer = fx_master_down,
	.arm_preempt_delay = fx_preempt,
	.state_changed = fx_state_changed,
};

void vrrp_run_fx_quiet(struct vrrp_inst *in)
{
	event_cancel(&in->t_adver);
	event_cancel(&in->t_down);
	event_cancel(&in->t_preempt);
	event_cancel(&in->t_garp);
	event_cancel(&in->t_refresh);
	event_cancel(&in->t_lower);
	vrrp_announce_cancel(in->announce);
}
