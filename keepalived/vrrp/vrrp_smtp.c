/*
 * vrrp_smtp.c: the words of VRRP's e-mail alerts.
 */
#include "config.h"

#include <stdio.h>

#include "vrrp_smtp.h"

bool vrrp_smtp_text(bool group, const char *name, enum vrrp_state to,
		    char *subject, size_t size, const char **body)
{
	const char *state;

	switch (to) {
	case VRRP_STATE_MASTER:
		state = "MASTER";
		break;
	case VRRP_STATE_BACKUP:
		state = "BACKUP";
		break;
	case VRRP_STATE_FAULT:
		state = "FAULT";
		break;
	default:
		return false;
	}
	snprintf(subject, size, "VRRP %s %s - Entering %s state",
		 group ? "Group" : "Instance", name, state);
	if (group) {
		*body = to == VRRP_STATE_MASTER ?
			"=> All VRRP group instances are now in MASTER state <=" :
			to == VRRP_STATE_BACKUP ?
			"=> All VRRP group instances are now in BACKUP state <=" :
			"=> All VRRP group instances are now in FAULT state <=";
		return true;
	}
	*body = to == VRRP_STATE_MASTER ?
		"=> VRRP Instance is now owning VRRP VIPs <=" :
		"=> VRRP Instance is no longer owning VRRP VIPs <=";
	return true;
}
