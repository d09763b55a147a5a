/*
 * check_run_internal.h: the runtime objects of the checker framework,
 * shared by check_run*.c only.
 *
 * Ownership: a struct check_run owns its virtual servers (vss), each
 * virtual server its real servers (rss) and its sorry server, each real
 * server its checkers. Configuration pointers point into the running
 * struct check_conf and are moved to the new one on reload.
 */
#ifndef KA_CHECK_RUN_INTERNAL_H
#define KA_CHECK_RUN_INTERNAL_H

#include "check_checker.h"
#include "check_run.h"
#include "list.h"
#include "smtp_alert.h"

#define CK_NAME_LEN (ADDR_PORT_STRLEN + 16)

struct ck_vs_run;

struct ck_counters {
	uint64_t attempts, failures, ups, downs;
};

struct ck_run_checker {
	struct checker ck;		/* ck.owner points here */
	struct ck_rs_run *rs;
	struct ck_sm sm;
	struct event *t_next;
	struct ck_counters n;
	bool has_run;			/* an attempt has completed */
	char why[128];			/* the last failure's reason */
};

struct ck_rs_run {
	struct list_node node;
	const struct ck_real_server_conf *conf;
	struct ck_vs_run *vs;
	struct ck_run_checker *checkers;
	size_t nck;
	bool is_sorry;
	bool up;			/* all checkers up */
	long weight;			/* ck_rs_weight() when last synced */
	bool in_ipvs;			/* what IPVS holds */
	bool ipvs_retry;		/* the last change failed: again at
					 * the next result */
	int ipvs_weight;
	struct ck_counters n;
	char name[CK_NAME_LEN];		/* "[10.0.0.2]:tcp:80" */
};

struct ck_vs_run {
	struct list_node node;
	const struct ck_virtual_server_conf *conf;
	struct check_run *run;
	struct ipvs_service *svcs;
	size_t nsvc;
	struct list_node rss;		/* struct ck_rs_run */
	struct ck_rs_run *sorry;
	bool quorum_up;
	bool suspended;			/* ha_suspend: the address is gone */
	bool starting;			/* the first sync: IPVS is filled
					 * quietly, as keepalived does */
	unsigned quorum_losses;
	char name[CK_VS_STRLEN];	/* "[10.0.0.1]:tcp:80" */
};

struct check_run {
	struct event_loop *loop;
	struct ipvs_backend *ipvs;
	struct check_run_opts opts;
	const struct global_data *gd;
	struct ck_env env;
	struct list_node vss;		/* struct ck_vs_run */
	struct list_node scripts;	/* struct ck_script_proc, running */
	struct smtp_alerter *alerter;	/* made at the first apply */
	bool started, stopped;
};

/* check_run_rs.c: real servers and their checkers. */
struct ck_rs_run *ck_rs_new(struct ck_vs_run *vs,
			    const struct ck_real_server_conf *c, bool sorry);
void ck_rs_start(struct ck_rs_run *rs);
/* Aborts its checkers and frees; accepts NULL. */
void ck_rs_free(struct ck_rs_run **rs);
/* Points rs and its checkers at an equal configuration. */
void ck_rs_retarget(struct ck_rs_run *rs,
		    const struct ck_real_server_conf *c);
/* Takes the checkers' states and the IPVS state of "from" (a changed
 * configuration of the same server). */
void ck_rs_inherit(struct ck_rs_run *rs, const struct ck_rs_run *from);
/* The weight IPVS gets while up: configured + up checkers' deltas. */
long ck_rs_weight(const struct ck_rs_run *rs);
bool ck_rs_same_key(const struct ck_real_server_conf *a,
		    const struct ck_real_server_conf *b);
void ck_rs_abort(struct ck_rs_run *rs);

/* check_run_vs.c: quorum, sorry server, IPVS programming. */
struct ck_vs_run *ck_vs_new(struct check_run *r,
			    const struct ck_virtual_server_conf *c);
int ck_vs_start(struct ck_vs_run *vs, const struct check_conf *cc);
/* Brings IPVS in line with the real servers' states and the quorum. */
void ck_vs_sync(struct ck_vs_run *vs);
/* Changes the IPVS destinations of one server to "want". */
void ck_vs_dest_apply(struct ck_vs_run *vs, struct ck_rs_run *rs,
		      struct ck_want want);
/* Adds every service; then the destinations IPVS holds for vs. */
int ck_vs_set_services(struct ck_vs_run *vs, struct ipvs_service *svcs,
		       size_t n);
/* Stop: omega scripts, then IPVS removal if "release". */
void ck_vs_shutdown(struct ck_vs_run *vs, bool release);
/* A real server gone from the configuration: out of IPVS, and
 * notify_down if it was up. */
void ck_vs_rs_gone(struct ck_vs_run *vs, struct ck_rs_run *rs);
/* ha_suspend: stops or starts the checkers as the address comes and
 * goes. */
void ck_vs_suspend_eval(struct ck_vs_run *vs);
/* Removes a virtual server gone from the configuration. */
void ck_vs_remove(struct ck_vs_run *vs);
void ck_vs_free(struct ck_vs_run **vs);
bool ck_vs_same_key(const struct ck_virtual_server_conf *a,
		    const struct ck_virtual_server_conf *b);
const char *ck_proto_name(enum ck_protocol p);

/* check_run.c */
void ck_run_vs_update(struct ck_vs_run *vs,
		      const struct ck_virtual_server_conf *c,
		      const struct check_conf *cc);

/* check_run_notify.c: scripts. "what" ends the "Executing" log line. */
void ck_script_run(struct check_run *r, const struct ck_script *s,
		   const char *what);
/* Waits for the scripts running, at most max_us, then kills the rest. */
void ck_scripts_drain(struct check_run *r, uint64_t max_us);
/* The e-mail alerts (smtp_alert) of a real server that went up or down
 * because of a check of type "t", and of a quorum gained or lost. */
void ck_alert_rs(struct check_run *r, const struct ck_rs_run *rs, bool up,
		 enum ck_type t);
void ck_alert_vs(struct check_run *r, const struct ck_vs_run *vs, bool up);
/* Tells opts.on_change, if any; rs NULL: the quorum changed. */
void ck_tell_change(struct check_run *r, const struct ck_vs_run *vs,
		    const struct ck_rs_run *rs);

#endif
