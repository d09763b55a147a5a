/*
 * vrrp_smtp.h: the e-mail alerts of VRRP instances and sync groups with
 * smtp_alert, worded as keepalived 2.2.7 words them (observed with an
 * SMTP server): one per transition to MASTER, BACKUP or FAULT, none on
 * stop. The subject gets "[router_id] " from the alerter (smtp_alert.h).
 */
#ifndef KA_VRRP_SMTP_H
#define KA_VRRP_SMTP_H

#include <stdbool.h>
#include <stddef.h>

#include "vrrp_fsm.h"

/*
 * Fills subject (size bytes) and *body for an instance (group false) or
 * a group entering "to". Returns false (nothing to send) for a state
 * without an alert. Pure.
 */
bool vrrp_smtp_text(bool group, const char *name, enum vrrp_state to,
		    char *subject, size_t size, const char **body);

#endif
