/*
 * vrrp_run_view.c: the running instances as outside readers see them
 * (vrrp_run_view), and the observers told of transitions and refused
 * adverts. SNMP is the reader: it must not reach into struct vrrp_inst.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "vrrp_run_internal.h"

void vrrp_run_view_of(const struct vrrp_inst *in, struct vrrp_run_view *v)
{
	*v = (struct vrrp_run_view){
		.name = in->p.name, .ifindex = in->ifindex,
		.family = in->p.family, .vrid = in->p.vrid,
		.version = in->p.fsm.version, .state = in->fsm.state,
		.priority = in->fsm.conf.priority,
		.adver_int_cs = in->p.fsm.adver_int_cs,
		.preempt = !in->p.fsm.nopreempt, .accept = !in->p.no_accept,
		.auth_type = in->p.auth_type, .primary = &in->src,
		/* a master is its own master (RFC 5798 6.4.1) */
		.master = in->fsm.state == VRRP_STATE_MASTER ? &in->src :
			  &in->master,
		.addrs = in->adv, .naddrs = in->nadv,
		.up_since_us = in->up_since_us,
		.stats_since_us = in->stats_since_us,
		.master_reason = in->master_reason,
		.last_proto_err = in->last_proto_err, .stats = &in->stats,
	};
}

void vrrp_run_views(const struct vrrp_run *r,
		    void (*fn)(const struct vrrp_run_view *v, void *ctx),
		    void *ctx)
{
	const struct vrrp_inst *in;
	struct vrrp_run_view v;

	list_for_each_entry(in, &r->insts, node) {
		vrrp_run_view_of(in, &v);
		fn(&v, ctx);
	}
}

uint64_t vrrp_run_vrid_errors(const struct vrrp_run *r, uint64_t *since_us)
{
	if (since_us)
		*since_us = r->vrid_errors_since_us;
	return r->vrid_errors;
}

int vrrp_run_observe(struct vrrp_run *r, const struct vrrp_run_observer *o)
{
	if (r->nobservers == VRRP_RUN_OBSERVERS_MAX)
		return -ENOSPC;
	r->observers[r->nobservers++] = *o;
	return 0;
}

void vrrp_run_unobserve(struct vrrp_run *r, void *ctx)
{
	size_t i;

	for (i = 0; i < r->nobservers; i++)
		if (r->observers[i].ctx == ctx) {
			memmove(&r->observers[i], &r->observers[i + 1],
				(r->nobservers - i - 1) *
				sizeof(r->observers[0]));
			r->nobservers--;
			return;
		}
}

/* Why a transition to master happened, from the state machine's reason
 * (vrrp_fsm.c) and whether the last advert came from a lower master. */
static enum vrrp_run_master_reason master_reason(const struct vrrp_inst *in,
						 const char *reason)
{
	if (strcmp(reason, "address owner") == 0)
		return VRRP_RUN_MASTER_OWNER;
	if (strcmp(reason, "sync") == 0)
		return VRRP_RUN_MASTER_SYNC;
	return in->saw_lower ? VRRP_RUN_MASTER_PREEMPTED :
	       VRRP_RUN_MASTER_NO_RESPONSE;
}

void vrrp_run_observe_state(struct vrrp_inst *in, enum vrrp_state from,
			    enum vrrp_state to, const char *reason)
{
	struct vrrp_run *r = in->run;
	struct vrrp_run_view v;
	size_t i;

	if (to == VRRP_STATE_INIT)
		in->up_since_us = 0;
	else if (!in->up_since_us)
		in->up_since_us = event_loop_now_us(r->loop);
	in->master_reason = to == VRRP_STATE_MASTER ?
			    master_reason(in, reason) : VRRP_RUN_MASTER_NONE;
	if (from == to)
		return;
	vrrp_run_view_of(in, &v);
	for (i = 0; i < r->nobservers; i++)
		if (r->observers[i].on_state)
			r->observers[i].on_state(r->observers[i].ctx, &v,
						 from, to);
}

void vrrp_run_observe_rx_drop(struct vrrp_inst *in, const struct ka_addr *src,
			      enum vrrp_rx_counter counter)
{
	struct vrrp_run *r = in->run;
	struct vrrp_run_view v;
	size_t i;

	if (counter == VRRP_RX_TTL || counter == VRRP_RX_VERSION ||
	    counter == VRRP_RX_CHECKSUM)
		in->last_proto_err = counter;
	if (counter == VRRP_RX_NONE)
		return;
	vrrp_run_view_of(in, &v);
	for (i = 0; i < r->nobservers; i++)
		if (r->observers[i].on_rx_drop)
			r->observers[i].on_rx_drop(r->observers[i].ctx, &v,
						   src, counter);
}
