/*
 * check_checker.h: the contract between the checker framework
 * (check_run.c: scheduling, retries, real server state, IPVS) and each
 * kind of check (check_tcp.c, check_http.c, ...).
 *
 * A check kind is a struct ck_checker_ops. The framework calls start()
 * for one attempt when the check is due; the kind does its work on the
 * event loop without ever blocking, and reports the outcome exactly once
 * with ck_checker_done(), from one of its own event callbacks (never from
 * inside start()). The kind enforces its own time-out (connect_timeout in
 * common, misc_timeout for MISC_CHECK...). The framework may call abort()
 * at any time between start() and ck_checker_done() (reload, stop): the
 * kind then cancels its events, closes its descriptors, kills what it
 * started, frees its attempt state, and does not report.
 *
 * Retries, delay_before_retry, delay_loop, alpha and the up/down
 * decisions are the framework's: a kind only says whether one attempt
 * succeeded, and why not.
 */
#ifndef KA_CHECK_CHECKER_H
#define KA_CHECK_CHECKER_H

#include <stdbool.h>
#include <stdint.h>

#include "addr.h"
#include "check_data.h"
#include "event.h"
#include "global_data.h"

struct ck_tls;			/* check_tls.h: the shared client context */

/* What every check of the checker child shares. */
struct ck_env {
	struct event_loop *loop;
	const struct global_data *gd;
	const struct check_conf *conf;	/* for the SSL block, track files */
	struct ck_tls *tls;		/* created on first use by check_tls.c;
					 * freed with the env */
};

struct checker {
	const struct ck_checker_conf *conf;	/* completed; owned by the
						 * running configuration */
	const struct ck_checker_ops *ops;
	struct ck_env *env;

	/* Where to check: connect_ip/connect_port, else the real
	 * server's address and port. */
	struct ka_addr addr;
	uint16_t port;
	/* The real server's configured weight (for misc_dynamic). */
	long rs_weight;
	/* "[10.0.0.2]:tcp:80" as keepalived names a check in its logs. */
	char name[ADDR_PORT_STRLEN + 16];

	void *priv;		/* the kind's state for the attempt running */

	/* The framework's; kinds do not touch these. */
	void *owner;
	bool running;
	bool has_weight;
	long weight_delta;
};

struct ck_checker_ops {
	enum ck_type type;
	/*
	 * Begins one attempt. Returns 0 (ck_checker_done() will follow), or
	 * a negative errno if the attempt could not even begin (no socket,
	 * out of descriptors): the framework counts that as a failed attempt
	 * and logs the error itself.
	 */
	int (*start)(struct checker *ck);
	/* Ends the attempt in progress without a report. */
	void (*abort)(struct checker *ck);
};

/*
 * Reports the outcome of the attempt in progress. "why" is for the log
 * when ok is false, in keepalived's words where it has some (e.g.
 * "TCP connection to [10.0.0.2]:tcp:80 failed" is built by the framework
 * from the name; "why" adds the reason: "Connection refused", "timeout",
 * "HTTP status code 500", "MD5 digest mismatch"...).
 */
void ck_checker_done(struct checker *ck, bool ok, const char *why_fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * A dynamic weight (misc_dynamic, FILE_CHECK dynamic): the amount to add
 * to the real server's configured weight while this check is up. Call
 * before ck_checker_done().
 */
void ck_checker_set_weight_delta(struct checker *ck, long delta);

/* The kind for a type: check_registry.c. Never NULL for a valid type. */
const struct ck_checker_ops *ck_checker_ops_for(enum ck_type t);

/* The kinds, one per file. */
extern const struct ck_checker_ops ck_tcp_ops;
extern const struct ck_checker_ops ck_http_ops;
extern const struct ck_checker_ops ck_ssl_ops;
extern const struct ck_checker_ops ck_misc_ops;
extern const struct ck_checker_ops ck_smtp_ops;
extern const struct ck_checker_ops ck_dns_ops;
extern const struct ck_checker_ops ck_ping_ops;
extern const struct ck_checker_ops ck_udp_ops;
extern const struct ck_checker_ops ck_file_ops;

#endif
