/*
 * parent_policy.h: the watchdog's numbers and the respawn decision.
 * Pure, so that the back-off can be tested without processes.
 *
 * keepalived has no keywords for these; tests (and an operator who needs
 * to) override them with environment variables read at start:
 *   KEEPALIVED_WATCHDOG_INTERVAL_MS  hello period (default 2000)
 *   KEEPALIVED_WATCHDOG_MISSES       unanswered hellos before the child is
 *                                    killed and restarted (default 3)
 *   KEEPALIVED_RESPAWN_WINDOW_MS     an exit this soon after the start is
 *                                    "quick" (default 5000)
 *   KEEPALIVED_RESPAWN_LIMIT         quick exits in a row that make the
 *                                    daemon give up (default 5)
 */
#ifndef KA_PARENT_POLICY_H
#define KA_PARENT_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "parser.h"

/* A child that keeps using CPU while it does not answer (busy, not stuck)
 * may miss this many times KEEPALIVED_WATCHDOG_MISSES hellos. */
#define PARENT_BUSY_FACTOR 5

struct parent_tuning {
	uint64_t hello_interval_us;
	unsigned max_missed;
	uint64_t quick_exit_us;
	unsigned max_quick_exits;
	uint64_t backoff_base_us;	/* delay after the first quick exit */
	uint64_t backoff_max_us;	/* the delay doubles up to this */
};

void parent_tuning_defaults(struct parent_tuning *t);

/*
 * Applies the environment variables above, read through get(name, ctx)
 * (NULL: not set). A value that is not a number in range leaves the
 * default; returns the number of such values and sets *bad to the name
 * of the last one, for the caller to log.
 */
int parent_tuning_from_env(struct parent_tuning *t,
			   const char *(*get)(const char *name, void *ctx),
			   void *ctx, const char **bad);

enum parent_respawn {
	PARENT_RESPAWN_NOW,	/* it ran long enough: start it again */
	PARENT_RESPAWN_LATER,	/* quick exit: start it after *delay_us */
	PARENT_RESPAWN_GIVE_UP,	/* too many quick exits in a row */
};

/*
 * What to do about a child that started at start_us and exited at
 * now_us. *quick_exits counts the quick exits in a row (the caller keeps
 * it per child, starting at 0); it is updated here.
 */
enum parent_respawn parent_respawn_decide(const struct parent_tuning *t,
					  unsigned *quick_exits,
					  uint64_t start_us, uint64_t now_us,
					  uint64_t *delay_us);

/*
 * Whether a configuration read with this worst severity may be run: at
 * start, anything short of CFG_FATAL (keepalived runs with warnings and
 * errors it can skip); on reload, anything short of CFG_ERROR. Not the -t
 * verdict: -t fails on warnings, and every file with a keyword we do not
 * support yet (vrrp_instance, for now) has one, so a reload gated on -t
 * would refuse all of them. Unknown and unsupported keywords are
 * warnings; values that cannot be used are errors.
 */
bool parent_conf_startable(enum cfg_severity worst);
/* Whether a child that ended with this wait status must not be restarted
 * (it exited with CORE_RUN_EXIT_NO_IPVS: it cannot run here at all). */
bool parent_exit_is_final(int wait_status);
bool parent_conf_reloadable(enum cfg_severity worst);

#endif
