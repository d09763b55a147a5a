/*
 * vrrp_sync.c: the rules of a vrrp_sync_group (see vrrp_sync.h).
 */
#include "config.h"

#include "vrrp_sync.h"

enum vrrp_sync_act vrrp_sync_follow(enum vrrp_state to, enum vrrp_state other,
				    bool group_faulted)
{
	switch (to) {
	case VRRP_STATE_FAULT:
		return other == VRRP_STATE_FAULT ? VRRP_SYNC_NONE :
						   VRRP_SYNC_TO_FAULT;
	case VRRP_STATE_MASTER:
		return other == VRRP_STATE_BACKUP ? VRRP_SYNC_TO_MASTER :
						    VRRP_SYNC_NONE;
	case VRRP_STATE_BACKUP:
		if (other == VRRP_STATE_MASTER)
			return VRRP_SYNC_TO_BACKUP;
		if (other == VRRP_STATE_FAULT && !group_faulted)
			return VRRP_SYNC_LEAVE_FAULT;
		return VRRP_SYNC_NONE;
	default:
		return VRRP_SYNC_NONE;
	}
}

enum vrrp_sync_act vrrp_sync_join(enum vrrp_state group, enum vrrp_state to)
{
	if (group == VRRP_STATE_MASTER && to == VRRP_STATE_BACKUP)
		return VRRP_SYNC_TO_MASTER;
	if (group == VRRP_STATE_FAULT && to != VRRP_STATE_FAULT)
		return VRRP_SYNC_TO_FAULT;
	return VRRP_SYNC_NONE;
}

bool vrrp_sync_may_leave_fault(bool group_faulted)
{
	return !group_faulted;
}

bool vrrp_sync_group_moves(enum vrrp_state now, enum vrrp_state to)
{
	return now != to && to < VRRP_STATE_COUNT;
}
