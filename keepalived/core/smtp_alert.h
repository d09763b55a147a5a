/*
 * smtp_alert.h: the e-mail alerts of global_defs (notification_email,
 * notification_email_from, smtp_server, smtp_helo_name,
 * smtp_connect_timeout), sent by a non-blocking SMTP client on the event
 * loop. Used by the VRRP child (smtp_alert of instances and sync groups)
 * and the checker child (real server up/down, quorum).
 *
 * Sending never blocks and never fails loudly: a server that is down,
 * slow or rude costs one log line (rate-limited) and the alert is
 * dropped. Alerts in flight are bounded; past the bound new ones are
 * dropped with a log line.
 */
#ifndef KA_SMTP_ALERT_H
#define KA_SMTP_ALERT_H

#include "event.h"
#include "global_data.h"

struct smtp_alerter;

/*
 * Makes an alerter for the loop. "gd" is read at each send (the caller
 * keeps it alive; after a reload, call smtp_alerter_set_global()).
 * Never NULL (allocation failure exits).
 */
struct smtp_alerter *smtp_alerter_new(struct event_loop *loop,
				      const struct global_data *gd);
void smtp_alerter_set_global(struct smtp_alerter *a,
			     const struct global_data *gd);

/*
 * Queues one alert: "Subject: [router_id] subject", the body as given
 * (lines joined with CRLF, dot-stuffed), to every notification_email
 * address. Does nothing (returns 0) if no smtp_server or no address is
 * configured. Returns 0 or -EBUSY when too many are in flight.
 */
int smtp_alert_send(struct smtp_alerter *a, const char *subject,
		    const char *body);

/* Cancels what is in flight and frees; accepts NULL and *a == NULL. */
void smtp_alerter_free(struct smtp_alerter **a);

#endif
