/*
 * check_run.h: the checker framework at run time. From a completed LVS
 * configuration it programs IPVS through a backend, runs every checker
 * on its schedule, keeps each real server's state (up when all its
 * checkers are up), each virtual server's quorum and sorry server, runs
 * the notify and quorum scripts and sends the e-mail alerts, suspends
 * the checks of an ha_suspend virtual server whose address is away, and
 * on reload applies only the difference between the running
 * configuration and the new one.
 *
 * Checkers report facts (ck_checker_done()); only this module issues
 * IPVS commands. Its log lines are keepalived 2.2.7's, as Debian's daemon
 * writes them ("TCP_CHECK on service [10.0.0.2]:tcp:80 failed after 1
 * retries.", "Removing service ... from VS ...", "Lost quorum 1-0=1 > 0
 * for VS ..."), plus a few of its own: the reason of a failure, and
 * "Executing [script] for ...".
 *
 * The pure decisions (a checker's state machine, quorum with hysteresis,
 * what IPVS should hold for a real server) are declared at the end so
 * that they are unit-tested without a loop or a backend.
 */
#ifndef KA_CHECK_RUN_H
#define KA_CHECK_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "check_checker.h"
#include "check_data.h"
#include "event.h"
#include "global_data.h"
#include "ipvs_backend.h"
#include "json.h"

struct check_run;
struct ck_vs_run;
struct ck_rs_run;

/* A change worth telling (the SNMP traps): a real server went up or
 * down (rs set), or a virtual server gained or lost its quorum (rs
 * NULL). The objects are the runtime's, valid during the call. */
struct check_run_change {
	const struct ck_vs_run *vs;
	const struct ck_rs_run *rs;
};

struct check_run_opts {
	bool release_on_stop;		/* false with --dont-release-ipvs */
	uint64_t script_timeout_us;	/* a hung script is killed, with its
					 * process group, after this; 0:
					 * CHECK_RUN_SCRIPT_TIMEOUT_US */
	/* The kind for a checker type; NULL: ck_checker_ops_for(). A test
	 * plugs in its own kinds here. */
	const struct ck_checker_ops *(*ops_for)(enum ck_type t);
	/* Whether an address is on this host, for ha_suspend; NULL: every
	 * address is (nothing is ever suspended). */
	bool (*addr_local)(const struct ka_addr *a, void *ctx);
	void *addr_ctx;
	/* Told of each check_run_change after its scripts and alerts;
	 * NULL: nobody listens. */
	void (*on_change)(const struct check_run_change *ch, void *ctx);
	void *change_ctx;
};

#define CHECK_RUN_SCRIPT_TIMEOUT_US (30ULL * 1000000)

/*
 * Makes the runtime. "ipvs" is borrowed (the caller frees it after
 * check_run_free()). Never NULL.
 */
struct check_run *check_run_new(struct event_loop *loop,
				struct ipvs_backend *ipvs,
				const struct check_run_opts *o);

/*
 * Runs configuration "c" (completed; the caller keeps it and "gd" alive
 * until the next apply or the free; NULL: no virtual server). The first
 * call starts everything;
 * a later one is a reload: an unchanged virtual or real server keeps its
 * state and its checkers' state and IPVS is not touched for it; new ones
 * are added, gone ones removed, a changed one edited. Returns 0, or a
 * negative errno if a virtual server could not be mapped (logged; the
 * others still run).
 */
int check_run_apply(struct check_run *r, const struct check_conf *c,
		    const struct global_data *gd);

/*
 * The host's addresses changed: a virtual server with ha_suspend runs its
 * checkers only while its address is here.
 */
void check_run_addrs_changed(struct check_run *r);

/*
 * Stops: aborts every checker, runs the omega scripts, removes from IPVS
 * what was added (unless release_on_stop is false), and waits a few
 * seconds for the scripts it started, then kills what remains. Must be
 * called outside the loop's callbacks (it runs the loop itself).
 */
void check_run_stop(struct check_run *r);

/* Frees (stopping first if check_run_stop() was not called); accepts
 * NULL and *r == NULL. */
void check_run_free(struct check_run **r);

/* The USR1 dump, the USR2 statistics (clear: zero the counters after),
 * and the members of the JSON dump. */
void check_run_dump(const struct check_run *r, FILE *f);
void check_run_dump_stats(struct check_run *r, FILE *f, bool clear);
void check_run_dump_json(const struct check_run *r, struct json *j);

/* ---- pure decisions --------------------------------------------------- */

/* A checker's state between attempts. */
struct ck_sm {
	bool up;
	long retry_left;	/* failed attempts still tolerated while up */
};

enum ck_sm_verdict {
	CK_SM_STAY,		/* no change; next attempt after delay_loop */
	CK_SM_RETRY,		/* failed while up; retry after
				 * delay_before_retry */
	CK_SM_UP,		/* went up */
	CK_SM_DOWN,		/* went down (retries used up) */
};

void ck_sm_init(struct ck_sm *s, bool up, long retry);
/* One attempt's outcome; "retry" is the checker's retry count. */
enum ck_sm_verdict ck_sm_result(struct ck_sm *s, bool ok, long retry);
/* How long until the next attempt after "v". */
uint64_t ck_sm_next_delay_us(enum ck_sm_verdict v, const struct ck_common *c);
/* The first attempt's delay: "rnd" reduced to [0, warmup]. */
uint64_t ck_sm_warmup_us(const struct ck_common *c, uint64_t rnd);

/* The quorum state after a change of the up real servers' weight sum:
 * lost below quorum - hysteresis (or at 0), gained at or above quorum +
 * hysteresis, else unchanged. */
bool ck_quorum_next(bool up, long sum, long quorum, long hysteresis);

/* What IPVS should hold for one destination. */
struct ck_want {
	bool present;
	int weight;
};

/*
 * A real server: present with its weight when up; when down (or taken
 * out because the quorum is lost and a sorry server replaces it), absent,
 * or present with weight 0 if inhibit_on_failure.
 */
struct ck_want ck_rs_want(bool up, long weight, bool inhibit,
			  bool quorum_up, bool has_sorry);
/* The sorry server: present while the quorum is lost; while it holds,
 * absent, or present with weight 0 with sorry_server_inhibit. */
struct ck_want ck_sorry_want(bool quorum_up, long weight, bool inhibit);
/* An IPVS weight from a configured weight plus dynamic deltas. */
int ck_weight_clamp(long w);

#endif
