/*
 * vrrp_fsm.h: the VRRP state machine of RFC 3768 section 6.4 and RFC 5798
 * section 6.4, with keepalived's FAULT state and its preemption knobs.
 *
 * It is a table of (state, event) handlers that only decide; everything
 * they cause (send an advert, add or remove the addresses, gratuitous
 * ARP, arm a timer) goes through struct vrrp_fsm_ops, which the daemon
 * implements with sockets and timers and the unit tests implement by
 * recording. No clock, no socket, no logging here.
 *
 * Times are in microseconds; intervals on the wire are centiseconds.
 */
#ifndef KA_VRRP_FSM_H
#define KA_VRRP_FSM_H

#include <stdbool.h>
#include <stdint.h>

enum vrrp_state {
	VRRP_STATE_INIT,
	VRRP_STATE_BACKUP,
	VRRP_STATE_MASTER,
	VRRP_STATE_FAULT,
	VRRP_STATE_COUNT,
};

enum vrrp_event {
	VRRP_EV_STARTUP,	/* the instance is configured and can run */
	VRRP_EV_SHUTDOWN,	/* the daemon stops, or the instance goes */
	VRRP_EV_ADVERT,		/* a valid advert for our VRID arrived */
	VRRP_EV_MASTER_DOWN,	/* Master_Down_Timer expired */
	VRRP_EV_ADVER_TIMER,	/* Adver_Timer expired */
	VRRP_EV_PREEMPT_DELAY,	/* preempt_delay has elapsed */
	VRRP_EV_FAULT,		/* the interface (or a tracked object) failed */
	VRRP_EV_FAULT_CLEARED,	/* it recovered */
	VRRP_EV_COUNT,
};

/* What the daemon must do; ctx is the one given in struct vrrp_fsm. */
struct vrrp_fsm_ops {
	void (*send_advert)(void *ctx, uint8_t priority);
	/* true: add the virtual addresses and announce them (gratuitous
	 * ARP / unsolicited NA with the configured delays); false: remove */
	void (*set_addresses)(void *ctx, bool present);
	/* re-announce without changing the addresses (garp_lower_prio_*) */
	void (*announce)(void *ctx);
	/* 0 cancels the timer */
	void (*arm_adver_timer)(void *ctx, uint64_t delay_us);
	void (*arm_master_down_timer)(void *ctx, uint64_t delay_us);
	void (*arm_preempt_delay)(void *ctx, uint64_t delay_us);
	/* reason is a static string for the log line */
	void (*state_changed)(void *ctx, enum vrrp_state from,
			      enum vrrp_state to, const char *reason);
};

/* Configuration the machine needs, set before VRRP_EV_STARTUP. */
struct vrrp_fsm_conf {
	uint8_t version;		/* 2 or 3 */
	uint8_t priority;		/* 1..255; 255: the address owner */
	uint16_t adver_int_cs;		/* our Advertisement_Interval */
	/* No "start as master" here: keepalived 2.2.7 starts every
	 * non-owner in BACKUP, whatever "state" says, and lets the
	 * election decide; only the address owner starts as master. */
	bool nopreempt;
	uint64_t preempt_delay_us;
	bool higher_prio_send_advert;	/* advert once more before yielding */
	bool lower_prio_no_advert;	/* don't answer a lower advert */
	bool garp_lower_prio;		/* re-announce on a lower advert */
	/* adverts missed before the master is down (vrrp_down_timer_adverts;
	 * 0 means RFC 5798's 3) */
	unsigned down_timer_adverts;
};

/* A received advert, as the machine needs it. */
struct vrrp_fsm_advert {
	uint8_t priority;
	uint16_t adver_int_cs;
	/* sender's primary address compared with ours: >0 theirs is
	 * higher, 0 equal, <0 lower (RFC 5798 6.4.3 tie-break) */
	int addr_cmp;
};

struct vrrp_fsm {
	struct vrrp_fsm_conf conf;
	enum vrrp_state state;
	uint16_t master_adver_int_cs;	/* learned from the master (v3) */
	bool preempt_delay_running;
	bool preempt_delay_over;
	const struct vrrp_fsm_ops *ops;
	void *ctx;
};

/* Sets the machine to INIT with this configuration and these effects. */
void vrrp_fsm_init(struct vrrp_fsm *fsm, const struct vrrp_fsm_conf *conf,
		   const struct vrrp_fsm_ops *ops, void *ctx);

/* Feeds one event; "adv" is needed for VRRP_EV_ADVERT only. */
void vrrp_fsm_event(struct vrrp_fsm *fsm, enum vrrp_event ev,
		    const struct vrrp_fsm_advert *adv);

/* A vrrp_sync_group moves the instance with its group (vrrp_sync.h):
 * BACKUP to MASTER, or MASTER to BACKUP (its addresses removed). Other
 * requests are ignored. */
void vrrp_fsm_sync(struct vrrp_fsm *fsm, enum vrrp_state to);

/* The effective priority changed (tracking): the next adverts carry it,
 * and the elections from now on use it. */
void vrrp_fsm_set_priority(struct vrrp_fsm *fsm, uint8_t priority);

/* RFC 5798 6.1: Skew_Time and Master_Down_Interval, in microseconds,
 * from the master's advertisement interval as currently known. */
uint64_t vrrp_fsm_skew_us(const struct vrrp_fsm *fsm);
uint64_t vrrp_fsm_master_down_us(const struct vrrp_fsm *fsm);

/* "INIT", "BACKUP", "MASTER", "FAULT": the words keepalived logs. */
const char *vrrp_state_name(enum vrrp_state st);

#endif
