/*
 * vrrp_fsm.c: the VRRP state machine as a table of small handlers.
 *
 * Section numbers are RFC 5798's; RFC 3768 has the same structure, minus
 * the learning of the master's interval, which version 2 does not do (an
 * interval mismatch is an error there, dropped before it reaches us).
 */
#include <stddef.h>

#include "vrrp_fsm.h"

typedef void fsm_handler(struct vrrp_fsm *f, const struct vrrp_fsm_advert *a);

static const char *const state_names[VRRP_STATE_COUNT] = {
	[VRRP_STATE_INIT] = "INIT",
	[VRRP_STATE_BACKUP] = "BACKUP",
	[VRRP_STATE_MASTER] = "MASTER",
	[VRRP_STATE_FAULT] = "FAULT",
};

const char *vrrp_state_name(enum vrrp_state st)
{
	return st < VRRP_STATE_COUNT ? state_names[st] : "UNKNOWN";
}

/* The interval the timers run on: the master's in v3, ours in v2. */
static uint64_t master_int_us(const struct vrrp_fsm *f)
{
	uint16_t cs = f->conf.version == 3 && f->master_adver_int_cs ?
			      f->master_adver_int_cs : f->conf.adver_int_cs;

	return (uint64_t)cs * 10000;
}

uint64_t vrrp_fsm_skew_us(const struct vrrp_fsm *f)
{
	uint64_t unused = 256u - f->conf.priority;

	/* v2 (RFC 3768 6.1): (256 - Priority) / 256 seconds */
	if (f->conf.version == 2)
		return unused * 1000000 / 256;
	return unused * master_int_us(f) / 256;
}

uint64_t vrrp_fsm_master_down_us(const struct vrrp_fsm *f)
{
	unsigned n = f->conf.down_timer_adverts ? f->conf.down_timer_adverts
						: 3;

	return n * master_int_us(f) + vrrp_fsm_skew_us(f);
}

static void set_state(struct vrrp_fsm *f, enum vrrp_state to,
		      const char *reason)
{
	enum vrrp_state from = f->state;

	f->state = to;
	f->ops->state_changed(f->ctx, from, to, reason);
}

/* The state change is announced first, as keepalived logs it before it
 * sets the addresses. */
static void become_master(struct vrrp_fsm *f, const char *reason)
{
	f->ops->arm_master_down_timer(f->ctx, 0);
	f->ops->arm_preempt_delay(f->ctx, 0);
	f->preempt_delay_running = false;
	set_state(f, VRRP_STATE_MASTER, reason);
	f->ops->send_advert(f->ctx, f->conf.priority);
	f->ops->set_addresses(f->ctx, true);
	f->ops->arm_adver_timer(f->ctx, (uint64_t)f->conf.adver_int_cs * 10000);
}

static void become_backup(struct vrrp_fsm *f, const char *reason)
{
	f->ops->arm_adver_timer(f->ctx, 0);
	f->ops->arm_master_down_timer(f->ctx, vrrp_fsm_master_down_us(f));
	set_state(f, VRRP_STATE_BACKUP, reason);
}

/* 6.4.1: only the address owner goes straight to master. */
static void init_startup(struct vrrp_fsm *f, const struct vrrp_fsm_advert *a)
{
	(void)a;
	f->master_adver_int_cs = f->conf.adver_int_cs;
	f->preempt_delay_over = f->conf.preempt_delay_us == 0;
	if (f->conf.priority == 255)
		become_master(f, "address owner");
	else
		become_backup(f, "init");
}

static void learn_interval(struct vrrp_fsm *f, const struct vrrp_fsm_advert *a)
{
	if (f->conf.version == 3 && a->adver_int_cs)
		f->master_adver_int_cs = a->adver_int_cs;
}

static bool may_preempt_now(struct vrrp_fsm *f)
{
	if (f->preempt_delay_over)
		return true;
	if (!f->preempt_delay_running) {
		f->preempt_delay_running = true;
		f->ops->arm_preempt_delay(f->ctx, f->conf.preempt_delay_us);
	}
	return false;
}

/* 6.4.2: what a backup does with an advert. */
static void backup_advert(struct vrrp_fsm *f, const struct vrrp_fsm_advert *a)
{
	if (a->priority == 0) {
		/* the master is stopping: take over after Skew_Time */
		f->ops->arm_master_down_timer(f->ctx, vrrp_fsm_skew_us(f));
		return;
	}
	if (f->conf.nopreempt || a->priority >= f->conf.priority ||
	    !may_preempt_now(f)) {
		learn_interval(f, a);
		f->ops->arm_master_down_timer(f->ctx,
					      vrrp_fsm_master_down_us(f));
	}
	/* else: a lower master we will preempt; let the timer run out */
}

static void backup_master_down(struct vrrp_fsm *f,
			       const struct vrrp_fsm_advert *a)
{
	(void)a;
	become_master(f, "advertisement timeout");
}

static void master_adver_timer(struct vrrp_fsm *f,
			       const struct vrrp_fsm_advert *a)
{
	(void)a;
	f->ops->send_advert(f->ctx, f->conf.priority);
	f->ops->arm_adver_timer(f->ctx, (uint64_t)f->conf.adver_int_cs * 10000);
}

static bool advert_wins(const struct vrrp_fsm *f,
			const struct vrrp_fsm_advert *a)
{
	return a->priority > f->conf.priority ||
	       (a->priority == f->conf.priority && a->addr_cmp > 0);
}

/* 6.4.3: what a master does with an advert. */
static void master_advert(struct vrrp_fsm *f, const struct vrrp_fsm_advert *a)
{
	if (a->priority == 0) {
		/* another master stopping: assert ourselves at once */
		master_adver_timer(f, a);
		return;
	}
	if (advert_wins(f, a)) {
		if (f->conf.higher_prio_send_advert)
			f->ops->send_advert(f->ctx, f->conf.priority);
		learn_interval(f, a);
		become_backup(f, "higher priority advert");
		f->ops->set_addresses(f->ctx, false);
		return;
	}
	/* A lower master exists: make it yield quickly (keepalived's
	 * default, unless lower_prio_no_advert), and re-announce the
	 * addresses if asked to, since it may have taken them. */
	if (!f->conf.lower_prio_no_advert)
		f->ops->send_advert(f->ctx, f->conf.priority);
	if (f->conf.garp_lower_prio)
		f->ops->announce(f->ctx);
}

static void any_shutdown(struct vrrp_fsm *f, const struct vrrp_fsm_advert *a)
{
	bool was_master = f->state == VRRP_STATE_MASTER;

	(void)a;
	f->ops->arm_adver_timer(f->ctx, 0);
	f->ops->arm_master_down_timer(f->ctx, 0);
	f->ops->arm_preempt_delay(f->ctx, 0);
	f->preempt_delay_running = false;
	if (was_master) {
		/* 6.4.3: priority 0 lets a backup take over after Skew_Time */
		f->ops->send_advert(f->ctx, 0);
		f->ops->set_addresses(f->ctx, false);
	}
	set_state(f, VRRP_STATE_INIT, "shutdown");
}

/* A master going to FAULT says so first, then tells the backups with
 * priority 0, as keepalived does, so that one takes over after its
 * Skew_Time rather than Master_Down_Interval; then it drops the VIPs. */
static void any_fault(struct vrrp_fsm *f, const struct vrrp_fsm_advert *a)
{
	bool was_master = f->state == VRRP_STATE_MASTER;

	(void)a;
	f->ops->arm_adver_timer(f->ctx, 0);
	f->ops->arm_master_down_timer(f->ctx, 0);
	f->ops->arm_preempt_delay(f->ctx, 0);
	f->preempt_delay_running = false;
	set_state(f, VRRP_STATE_FAULT, "fault");
	if (was_master) {
		f->ops->send_advert(f->ctx, 0);
		f->ops->set_addresses(f->ctx, false);
	}
}

static void fault_cleared(struct vrrp_fsm *f, const struct vrrp_fsm_advert *a)
{
	(void)a;
	f->master_adver_int_cs = f->conf.adver_int_cs;
	if (f->conf.priority == 255)
		become_master(f, "address owner");
	else
		become_backup(f, "fault cleared");
}

static void preempt_delay_over(struct vrrp_fsm *f,
			       const struct vrrp_fsm_advert *a)
{
	(void)a;
	f->preempt_delay_running = false;
	f->preempt_delay_over = true;
}

/* Events not listed are ignored in that state: e.g. a stray timer that
 * raced with a transition, or an advert while INIT or FAULT. */
static fsm_handler *const table[VRRP_STATE_COUNT][VRRP_EV_COUNT] = {
	[VRRP_STATE_INIT] = {
		[VRRP_EV_STARTUP] = init_startup,
		[VRRP_EV_FAULT] = any_fault,
	},
	[VRRP_STATE_BACKUP] = {
		[VRRP_EV_SHUTDOWN] = any_shutdown,
		[VRRP_EV_ADVERT] = backup_advert,
		[VRRP_EV_MASTER_DOWN] = backup_master_down,
		[VRRP_EV_PREEMPT_DELAY] = preempt_delay_over,
		[VRRP_EV_FAULT] = any_fault,
	},
	[VRRP_STATE_MASTER] = {
		[VRRP_EV_SHUTDOWN] = any_shutdown,
		[VRRP_EV_ADVERT] = master_advert,
		[VRRP_EV_ADVER_TIMER] = master_adver_timer,
		[VRRP_EV_PREEMPT_DELAY] = preempt_delay_over,
		[VRRP_EV_FAULT] = any_fault,
	},
	[VRRP_STATE_FAULT] = {
		[VRRP_EV_SHUTDOWN] = any_shutdown,
		[VRRP_EV_FAULT_CLEARED] = fault_cleared,
	},
};

void vrrp_fsm_init(struct vrrp_fsm *fsm, const struct vrrp_fsm_conf *conf,
		   const struct vrrp_fsm_ops *ops, void *ctx)
{
	*fsm = (struct vrrp_fsm){
		.conf = *conf,
		.state = VRRP_STATE_INIT,
		.master_adver_int_cs = conf->adver_int_cs,
		/* here, not at start-up: an instance may go INIT -> FAULT ->
		 * BACKUP without ever seeing VRRP_EV_STARTUP */
		.preempt_delay_over = conf->preempt_delay_us == 0,
		.ops = ops,
		.ctx = ctx,
	};
}

void vrrp_fsm_sync(struct vrrp_fsm *fsm, enum vrrp_state to)
{
	if (fsm->state == VRRP_STATE_BACKUP && to == VRRP_STATE_MASTER) {
		become_master(fsm, "sync");
	} else if (fsm->state == VRRP_STATE_MASTER &&
		   to == VRRP_STATE_BACKUP) {
		become_backup(fsm, "sync");
		fsm->ops->set_addresses(fsm->ctx, false);
	}
}

void vrrp_fsm_set_priority(struct vrrp_fsm *fsm, uint8_t priority)
{
	fsm->conf.priority = priority;
}

void vrrp_fsm_event(struct vrrp_fsm *fsm, enum vrrp_event ev,
		    const struct vrrp_fsm_advert *adv)
{
	fsm_handler *h;

	if (fsm->state >= VRRP_STATE_COUNT || ev >= VRRP_EV_COUNT)
		return;
	if (ev == VRRP_EV_ADVERT && !adv)
		return;
	h = table[fsm->state][ev];
	if (h)
		h(fsm, adv);
}
