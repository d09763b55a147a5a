/*
 * vrrp_run_view.h: what outside readers (SNMP) see of a running instance,
 * and the observer they register to be told of its transitions and of
 * the adverts it refuses (vrrp_run_views(), vrrp_run_observe() in
 * vrrp_run.h). Apart so that pure code can use the types alone.
 */
#ifndef KA_VRRP_RUN_VIEW_H
#define KA_VRRP_RUN_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "vrrp_fsm.h"
#include "vrrp_rx.h"

/*
 * A running instance as an outside reader (SNMP) sees it. Pointers stay
 * valid until the runtime is next called; copy what must outlive that.
 */
enum vrrp_run_master_reason {
	VRRP_RUN_MASTER_NONE,		/* not master */
	VRRP_RUN_MASTER_OWNER,		/* priority 255 */
	VRRP_RUN_MASTER_PREEMPTED,	/* a lower priority master yielded */
	VRRP_RUN_MASTER_NO_RESPONSE,	/* Master_Down_Timer ran out */
	VRRP_RUN_MASTER_SYNC,		/* its sync group moved it */
};

struct vrrp_run_view {
	const char *name;
	int ifindex;			/* 0: the interface is not there */
	int family;
	uint8_t vrid;
	uint8_t version;
	enum vrrp_state state;
	uint8_t priority;		/* effective (tracking applied) */
	uint16_t adver_int_cs;		/* configured */
	bool preempt;
	bool accept;			/* no_accept not in effect */
	uint8_t auth_type;		/* v2: enum vrrp_auth_type */
	const struct ka_addr *primary;	/* what we send from; family 0: none */
	const struct ka_addr *master;	/* family 0: no master known */
	const struct ka_addr *addrs;	/* what the adverts list */
	size_t naddrs;
	uint64_t up_since_us;		/* left INIT (monotonic); 0: in INIT */
	uint64_t stats_since_us;	/* counters started or cleared */
	enum vrrp_run_master_reason master_reason;
	enum vrrp_rx_counter last_proto_err;	/* TTL, version, checksum */
	const struct vrrp_stats *stats;
};

/*
 * Someone told of what instances do (SNMP traps). on_state runs after
 * the transition's own effects; on_rx_drop for an advert refused with a
 * counter (not for one of another VRID). Either may be NULL.
 */
struct vrrp_run_observer {
	void (*on_state)(void *ctx, const struct vrrp_run_view *v,
			 enum vrrp_state from, enum vrrp_state to);
	void (*on_rx_drop)(void *ctx, const struct vrrp_run_view *v,
			   const struct ka_addr *src,
			   enum vrrp_rx_counter counter);
	void *ctx;
};
#endif
