/*
 * vrrp_sync.h: the rules of a vrrp_sync_group, as keepalived 2.2.7
 * applies them (observed): when a member changes state, the others
 * follow it, and the group takes the new state.
 *   - a member in FAULT puts every other member in FAULT;
 *   - a member that becomes MASTER makes the BACKUP ones MASTER;
 *   - a member that drops to BACKUP makes the MASTER ones BACKUP, and
 *     once no member has a fault of its own, the FAULT ones BACKUP.
 * A member whose own fault clears while another member still has one
 * stays in FAULT; a member that starts after the others joins the
 * group's state rather than moving the group. Pure: no clock, no
 * logging.
 */
#ifndef KA_VRRP_SYNC_H
#define KA_VRRP_SYNC_H

#include <stdbool.h>

#include "vrrp_fsm.h"

enum vrrp_sync_act {
	VRRP_SYNC_NONE,
	VRRP_SYNC_TO_FAULT,
	VRRP_SYNC_TO_MASTER,
	VRRP_SYNC_TO_BACKUP,	/* from MASTER */
	VRRP_SYNC_LEAVE_FAULT,	/* from FAULT, to BACKUP */
};

/*
 * What a member now in "other" does when another member entered "to";
 * "group_faulted": some member still has a fault of its own.
 */
enum vrrp_sync_act vrrp_sync_follow(enum vrrp_state to, enum vrrp_state other,
				    bool group_faulted);

/*
 * What a member that starts (leaves INIT for "to") does to join its
 * group, already in "group": a group of masters takes it along to
 * MASTER, a group in FAULT holds it in FAULT.
 */
enum vrrp_sync_act vrrp_sync_join(enum vrrp_state group, enum vrrp_state to);

/* Whether a member whose own fault cleared may leave FAULT now. */
bool vrrp_sync_may_leave_fault(bool group_faulted);

/* The group's state after a member entered "to" (INIT: every member
 * stopped), and whether that is a change from "now" to be notified. */
bool vrrp_sync_group_moves(enum vrrp_state now, enum vrrp_state to);

#endif
