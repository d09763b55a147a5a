/*
 * test_check_run.c: the checker framework end to end on a fake clock:
 * a configuration built by hand, a kind of check whose answers the test
 * decides, and an IPVS backend over the in-memory table (ipvs_table.h)
 * that counts the commands it gets. Shows the schedule (retries, alpha),
 * quorum with a sorry server, inhibit_on_failure, dynamic weights, a
 * reload that changes nothing issuing no command, a weight change being
 * one edit, and stop with and without release.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "check_run.h"
#include "ipvs_table.h"
#include "memory.h"

#define S 1000000ULL
#define NRS 3

struct fake_backend {
	struct ipvs_backend b;
	struct ipvs_table *t;
	unsigned ops;			/* commands received */
	unsigned dest_dels;
	unsigned fail_dest_ops;		/* refuse this many dest commands */
};

struct conf_set {
	struct check_conf c;
	struct ck_virtual_server_conf vs;
	struct ck_real_server_conf rs[NRS], sorry;
	struct ck_checker_conf ck[NRS];
};

struct fixture {
	struct clock_fake fake;
	struct event_clock clock;
	struct event_loop *loop;
	struct fake_backend fb;
	struct check_run *run;
	struct global_data gd;
	struct conf_set a, b;
	bool server_up[NRS];		/* what the fake kind answers */
	long delta[NRS];		/* a dynamic weight, when not 0 */
};

static struct fixture *F;

/* ---- the backend ------------------------------------------------------ */

static struct fake_backend *fb_of(struct ipvs_backend *b)
{
	return container_of(b, struct fake_backend, b);
}

static int fb_svc_add(struct ipvs_backend *b, const struct ipvs_service *s)
{
	fb_of(b)->ops++;
	return ipvs_table_svc_add(fb_of(b)->t, s);
}

static int fb_svc_edit(struct ipvs_backend *b, const struct ipvs_service *s)
{
	fb_of(b)->ops++;
	return ipvs_table_svc_edit(fb_of(b)->t, s);
}

static int fb_svc_del(struct ipvs_backend *b, const struct ipvs_service *s)
{
	fb_of(b)->ops++;
	return ipvs_table_svc_del(fb_of(b)->t, s);
}

static int fb_dest_add(struct ipvs_backend *b, const struct ipvs_service *s,
		       const struct ipvs_dest *d)
{
	fb_of(b)->ops++;
	if (fb_of(b)->fail_dest_ops) {
		fb_of(b)->fail_dest_ops--;
		return -EMFILE;
	}
	return ipvs_table_dest_add(fb_of(b)->t, s, d);
}

static int fb_dest_edit(struct ipvs_backend *b, const struct ipvs_service *s,
			const struct ipvs_dest *d)
{
	fb_of(b)->ops++;
	if (fb_of(b)->fail_dest_ops) {
		fb_of(b)->fail_dest_ops--;
		return -EMFILE;
	}
	return ipvs_table_dest_edit(fb_of(b)->t, s, d);
}

static int fb_dest_del(struct ipvs_backend *b, const struct ipvs_service *s,
		       const struct ipvs_dest *d)
{
	fb_of(b)->ops++;
	if (fb_of(b)->fail_dest_ops) {
		fb_of(b)->fail_dest_ops--;
		return -EMFILE;
	}
	fb_of(b)->dest_dels++;
	return ipvs_table_dest_del(fb_of(b)->t, s, d);
}

static int fb_flush(struct ipvs_backend *b)
{
	ipvs_table_flush(fb_of(b)->t);
	return 0;
}

static int fb_dest_list(struct ipvs_backend *b, const struct ipvs_service *s,
			struct ipvs_dest **out, struct ipvs_dest_info **info,
			size_t *n)
{
	(void)info;
	return ipvs_table_dest_list(fb_of(b)->t, s, out, n);
}

static int fb_set_timeouts(struct ipvs_backend *b,
			   const struct ipvs_timeouts *t)
{
	(void)b;
	(void)t;
	return 0;
}

static const struct ipvs_backend_ops fb_ops = {
	.name = "fake",
	.svc_add = fb_svc_add,
	.svc_edit = fb_svc_edit,
	.svc_del = fb_svc_del,
	.dest_add = fb_dest_add,
	.dest_edit = fb_dest_edit,
	.dest_del = fb_dest_del,
	.flush = fb_flush,
	.dest_list = fb_dest_list,
	.set_timeouts = fb_set_timeouts,
};

/* ---- the kind: answers what F->server_up says, from a queued event ---- */

struct fake_attempt {
	struct event *ev;
};

static int server_index(const struct checker *ck)
{
	return ck->port - 8000;
}

static void on_answer(struct event_loop *loop, const struct event_info *info)
{
	struct checker *ck = info->arg;
	int i = server_index(ck);

	(void)loop;
	mem_free(&ck->priv);
	if (F->delta[i])
		ck_checker_set_weight_delta(ck, F->delta[i]);
	ck_checker_done(ck, F->server_up[i], "refused by the test");
}

static int fake_start(struct checker *ck)
{
	struct fake_attempt *a = mem_new(struct fake_attempt);

	ck->priv = a;
	return event_add_queued(ck->env->loop, &a->ev, on_answer, ck, 0);
}

static void fake_abort(struct checker *ck)
{
	struct fake_attempt *a = ck->priv;

	if (a)
		event_cancel(&a->ev);
	mem_free(&ck->priv);
}

static const struct ck_checker_ops fake_ops = {
	.type = CK_TCP,
	.start = fake_start,
	.abort = fake_abort,
};

static const struct ck_checker_ops *fake_ops_for(enum ck_type t)
{
	(void)t;
	return &fake_ops;
}

/* ---- configurations --------------------------------------------------- */

static void common_init(struct ck_common *c, uint16_t port)
{
	memset(c, 0, sizeof(*c));
	c->connect_port = port;
	c->alpha = 0;
	c->connect_timeout_us = 1 * S;
	c->retry = 1;
	c->delay_before_retry_us = 1 * S;
	c->warmup_us = 0;
	c->delay_loop_us = 2 * S;
	c->log_all_failures = 0;
}

static void defaults_unset(struct ck_common *c)
{
	memset(c, 0, sizeof(*c));
	c->alpha = CK_UNSET;
	c->connect_timeout_us = CK_UNSET;
	c->retry = CK_UNSET;
	c->delay_before_retry_us = CK_UNSET;
	c->warmup_us = CK_UNSET;
	c->delay_loop_us = CK_UNSET;
	c->log_all_failures = CK_UNSET;
}

static void rs_init(struct ck_real_server_conf *rs, struct ck_checker_conf *ck,
		    int i)
{
	char addr[32];

	memset(rs, 0, sizeof(*rs));
	snprintf(addr, sizeof(addr), "10.0.0.%d", 10 + i);
	assert_int_equal(addr_parse(addr, &rs->addr), 0);
	rs->port = (uint16_t)(8000 + i);
	rs->weight = 1;
	rs->method.fwd = CK_FWD_NAT;
	rs->smtp_alert = CK_UNSET;
	rs->inhibit_on_failure = CK_UNSET;
	defaults_unset(&rs->defaults);
	list_init(&rs->checkers);
	if (!ck)
		return;
	memset(ck, 0, sizeof(*ck));
	ck->type = CK_TCP;
	common_init(&ck->common, rs->port);
	list_add_tail(&rs->checkers, &ck->node);
}

/* One virtual server 10.0.0.1:80 with NRS real servers, quorum 1. */
static void conf_init(struct conf_set *s)
{
	struct ck_virtual_server_conf *vs = &s->vs;
	int i;

	memset(s, 0, sizeof(*s));
	list_init(&s->c.groups);
	list_init(&s->c.virtual_servers);
	list_init(&s->c.track_files);
	vs->kind = CK_VS_ADDR;
	assert_int_equal(addr_parse("10.0.0.1", &vs->addr), 0);
	vs->port = 80;
	vs->family = AF_INET;
	strcpy(vs->sched, "rr");
	vs->method.fwd = CK_FWD_NAT;
	vs->protocol = CK_PROTO_TCP;
	vs->persistence_timeout_s = 360;
	vs->smtp_alert = CK_UNSET;
	vs->quorum = 1;
	defaults_unset(&vs->defaults);
	list_init(&vs->real_servers);
	for (i = 0; i < NRS; i++) {
		rs_init(&s->rs[i], &s->ck[i], i);
		list_add_tail(&vs->real_servers, &s->rs[i].node);
	}
	list_add_tail(&s->c.virtual_servers, &vs->node);
}

static void add_sorry(struct conf_set *s)
{
	rs_init(&s->sorry, NULL, 9);
	s->vs.sorry = &s->sorry;
}

/* ---- driving ---------------------------------------------------------- */

static void run_for(uint64_t us)
{
	uint64_t end = F->fake.now_us + us;

	while (F->fake.now_us < end) {
		while (event_loop_run_once(F->loop, false) > 0)
			;
		clock_fake_advance(&F->fake, S / 10);
	}
	while (event_loop_run_once(F->loop, false) > 0)
		;
}

static const struct ipvs_service *svc(void)
{
	static struct ipvs_service key;

	memset(&key, 0, sizeof(key));
	key.family = AF_INET;
	key.protocol = CK_PROTO_TCP;
	addr_parse("10.0.0.1", &key.addr);
	key.port = 80;
	return ipvs_table_svc_find(F->fb.t, &key);
}

/* The weight of server i (9: the sorry server) in IPVS, -1 if absent. */
static int weight_of(int i)
{
	struct ipvs_dest key;
	const struct ipvs_dest *d;
	char addr[32];

	if (!svc())
		return -1;
	memset(&key, 0, sizeof(key));
	snprintf(addr, sizeof(addr), "10.0.0.%d", 10 + i);
	addr_parse(addr, &key.addr);
	key.port = (uint16_t)(8000 + i);
	d = ipvs_table_dest_find(F->fb.t, svc(), &key);
	return d ? d->weight : -1;
}

static int setup(void **state)
{
	struct fixture *f = mem_new(struct fixture);
	struct check_run_opts o = {
		.release_on_stop = true,
		.ops_for = fake_ops_for,
	};
	int i;

	F = f;
	f->clock = clock_fake_init(&f->fake, 1000 * S);
	f->loop = event_loop_new(&f->clock);
	assert_non_null(f->loop);
	f->fb.b.ops = &fb_ops;
	f->fb.t = ipvs_table_new();
	f->run = check_run_new(f->loop, &f->fb.b, &o);
	for (i = 0; i < NRS; i++)
		f->server_up[i] = true;
	conf_init(&f->a);
	conf_init(&f->b);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	check_run_free(&f->run);
	event_loop_free(&f->loop);
	ipvs_table_free(&f->fb.t);
	mem_free(&f);
	F = NULL;
	return 0;
}

static void apply(struct conf_set *s)
{
	assert_int_equal(check_run_apply(F->run, &s->c, &F->gd), 0);
}

/* ---- tests ------------------------------------------------------------ */

static void test_down_after_retry_and_back(void **state)
{
	(void)state;
	apply(&F->a);
	/* Without alpha the servers are in before any check. */
	assert_int_equal(weight_of(0), 1);
	assert_int_equal(weight_of(2), 1);
	run_for(1 * S);
	F->server_up[1] = false;
	/* Next attempt at 2 s fails, the retry at 3 s fails: down. */
	run_for(S + S / 2);
	assert_int_equal(weight_of(1), 1);
	run_for(S);
	assert_int_equal(weight_of(1), -1);
	assert_int_equal(weight_of(0), 1);
	F->server_up[1] = true;
	run_for(3 * S);
	assert_int_equal(weight_of(1), 1);
}

/* A removal IPVS refuses is tried again at the next result, until it
 * is done: the dead server does not stay in the pool. So is an add. */
static void test_refused_change_is_retried(void **state)
{
	(void)state;
	apply(&F->a);
	run_for(1 * S);
	F->server_up[1] = false;
	F->fb.fail_dest_ops = 1;
	/* Down at 3 s, the removal refused. */
	run_for(S + S / 2);
	run_for(S);
	assert_int_equal(F->fb.fail_dest_ops, 0);
	assert_int_equal(weight_of(1), 1);
	/* The next result (delay_loop later) removes it. */
	run_for(2 * S);
	assert_int_equal(weight_of(1), -1);
	/* Back up, the add refused twice: in at the third try. */
	F->server_up[1] = true;
	F->fb.fail_dest_ops = 2;
	run_for(2 * S);
	assert_int_equal(weight_of(1), -1);
	run_for(4 * S);
	assert_int_equal(F->fb.fail_dest_ops, 0);
	assert_int_equal(weight_of(1), 1);
	assert_int_equal(weight_of(0), 1);
	assert_int_equal(weight_of(2), 1);
}

static void test_alpha_starts_out(void **state)
{
	(void)state;
	F->a.ck[0].common.alpha = 1;
	F->server_up[0] = false;
	apply(&F->a);
	assert_int_equal(weight_of(0), -1);
	assert_int_equal(weight_of(1), 1);
	run_for(5 * S);
	assert_int_equal(weight_of(0), -1);
	F->server_up[0] = true;
	run_for(3 * S);
	assert_int_equal(weight_of(0), 1);
}

/* What the kernel holds at start for our servers is taken as ours: an
 * entry that is right is kept (no command: its counters stay), one with
 * another weight is edited, one of a server that starts down (alpha) is
 * removed, and a destination the configuration does not name stays. */
static void test_start_reads_back(void **state)
{
	struct ipvs_service s;
	struct ipvs_dest d = { .fwd = IPVS_FWD_MASQ };
	int i;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.family = AF_INET;
	s.protocol = CK_PROTO_TCP;
	addr_parse("10.0.0.1", &s.addr);
	s.port = 80;
	strcpy(s.sched, "rr");
	assert_int_equal(ipvs_table_svc_add(F->fb.t, &s), 0);
	for (i = 0; i < 4; i++) {
		char a[32];

		snprintf(a, sizeof(a), "10.0.0.%d", 10 + i);
		addr_parse(a, &d.addr);
		d.port = (uint16_t)(8000 + i);
		d.weight = i == 1 ? 7 : 1;
		assert_int_equal(ipvs_table_dest_add(F->fb.t, &s, &d), 0);
	}
	F->a.ck[2].common.alpha = 1;
	F->server_up[2] = false;
	F->fb.ops = 0;
	apply(&F->a);
	assert_int_equal(weight_of(0), 1);
	assert_int_equal(weight_of(1), 1);
	assert_int_equal(weight_of(2), -1);
	assert_int_equal(weight_of(3), 1);
	/* The service add (EEXIST), its edit, one weight edit, one
	 * removal: server 0 was not touched. */
	assert_int_equal(F->fb.ops, 4);
	assert_int_equal(F->fb.dest_dels, 1);
}

static void test_inhibit_on_failure(void **state)
{
	(void)state;
	F->a.vs.inhibit_on_failure = true;
	F->a.rs[0].weight = 4;
	apply(&F->a);
	assert_int_equal(weight_of(0), 4);
	F->server_up[0] = false;
	run_for(5 * S);
	assert_int_equal(weight_of(0), 0);
	F->server_up[0] = true;
	run_for(3 * S);
	assert_int_equal(weight_of(0), 4);
}

/* quorum 2 of three servers of weight 1, with a sorry server: losing
 * two servers loses the quorum, the sorry server replaces them all. */
static void test_quorum_and_sorry_server(void **state)
{
	(void)state;
	F->a.vs.quorum = 2;
	add_sorry(&F->a);
	apply(&F->a);
	assert_int_equal(weight_of(9), -1);
	F->server_up[0] = false;
	run_for(5 * S);
	assert_int_equal(weight_of(0), -1);
	assert_int_equal(weight_of(1), 1);
	assert_int_equal(weight_of(9), -1);
	F->server_up[1] = false;
	run_for(5 * S);
	assert_int_equal(weight_of(9), 1);
	assert_int_equal(weight_of(2), -1);
	F->server_up[0] = true;
	run_for(5 * S);
	assert_int_equal(weight_of(9), -1);
	assert_int_equal(weight_of(0), 1);
	assert_int_equal(weight_of(2), 1);
	assert_int_equal(weight_of(1), -1);
}

static void test_sorry_inhibit(void **state)
{
	(void)state;
	add_sorry(&F->a);
	F->a.vs.sorry_inhibit = true;
	F->a.sorry.weight = 2;
	apply(&F->a);
	assert_int_equal(weight_of(9), 0);
	F->server_up[0] = F->server_up[1] = F->server_up[2] = false;
	run_for(5 * S);
	assert_int_equal(weight_of(9), 2);
}

static void test_dynamic_weight(void **state)
{
	(void)state;
	F->a.rs[2].weight = 10;
	apply(&F->a);
	assert_int_equal(weight_of(2), 10);
	F->delta[2] = 5;
	run_for(3 * S);
	assert_int_equal(weight_of(2), 15);
	F->delta[2] = -20;
	run_for(3 * S);
	assert_int_equal(weight_of(2), 0);
}

static void test_reload_unchanged_issues_nothing(void **state)
{
	(void)state;
	apply(&F->a);
	F->server_up[1] = false;
	run_for(5 * S);
	assert_int_equal(weight_of(1), -1);
	F->fb.ops = 0;
	apply(&F->b);
	assert_int_equal(F->fb.ops, 0);
	/* The state carried over: still down, still out, no flap. */
	run_for(5 * S);
	assert_int_equal(F->fb.ops, 0);
	assert_int_equal(weight_of(1), -1);
	assert_int_equal(weight_of(0), 1);
}

static void test_reload_weight_is_one_edit(void **state)
{
	(void)state;
	apply(&F->a);
	run_for(1 * S);
	F->b.rs[0].weight = 7;
	F->fb.ops = 0;
	apply(&F->b);
	assert_int_equal(F->fb.ops, 1);
	assert_int_equal(F->fb.dest_dels, 0);
	assert_int_equal(weight_of(0), 7);
}

static void test_reload_adds_and_removes(void **state)
{
	(void)state;
	apply(&F->a);
	list_del(&F->b.rs[2].node);
	F->fb.dest_dels = 0;
	apply(&F->b);
	assert_int_equal(weight_of(2), -1);
	assert_int_equal(F->fb.dest_dels, 1);
	/* Back to the first configuration: server 2 is new again. */
	apply(&F->a);
	assert_int_equal(weight_of(2), 1);
}

static void test_stop_releases(void **state)
{
	(void)state;
	apply(&F->a);
	assert_non_null(svc());
	check_run_stop(F->run);
	assert_null(svc());
	assert_int_equal(ipvs_table_svc_count(F->fb.t), 0);
}

static void test_stop_without_release(void **state)
{
	struct check_run_opts o = { .ops_for = fake_ops_for };

	(void)state;
	check_run_free(&F->run);
	F->run = check_run_new(F->loop, &F->fb.b, &o);
	apply(&F->a);
	check_run_stop(F->run);
	assert_int_equal(weight_of(0), 1);
	/* Nothing of the runtime is left on the loop. */
	check_run_free(&F->run);
	assert_int_equal(event_loop_run_once(F->loop, false), 0);
}

static bool fake_addr_local(const struct ka_addr *a, void *ctx)
{
	(void)a;
	return *(bool *)ctx;
}

/* ha_suspend: no check runs while the address is away. */
static void test_ha_suspend(void **state)
{
	bool here = false;
	struct check_run_opts o = {
		.release_on_stop = true,
		.ops_for = fake_ops_for,
		.addr_local = fake_addr_local,
		.addr_ctx = &here,
	};
	int i;

	(void)state;
	check_run_free(&F->run);
	F->run = check_run_new(F->loop, &F->fb.b, &o);
	F->a.vs.ha_suspend = true;
	for (i = 0; i < NRS; i++)
		F->a.ck[i].common.alpha = 1;
	apply(&F->a);
	run_for(10 * S);
	assert_int_equal(weight_of(0), -1);
	here = true;
	check_run_addrs_changed(F->run);
	run_for(1 * S);
	assert_int_equal(weight_of(0), 1);
	/* Suspended again: the checks stop, the state stays. */
	here = false;
	check_run_addrs_changed(F->run);
	F->server_up[0] = false;
	run_for(10 * S);
	assert_int_equal(weight_of(0), 1);
}

static bool gone(pid_t pid)
{
	char path[64], buf[512];
	FILE *f;
	char *p;
	bool z;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return true;
	p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
	fclose(f);
	z = p && p[1] == ' ' && p[2] == 'Z';
	return z;
}

static pid_t read_pid(const char *path)
{
	FILE *f = fopen(path, "r");
	int pid = 0;

	if (f) {
		if (fscanf(f, "%d", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	return pid;
}

/*
 * omega runs quorum_down at stop; a script that hangs is killed after
 * the script time-out with its whole process group (here a "sleep" it
 * started in the background). On the real clock.
 */
static void test_hung_script_killed_with_its_group(void **state)
{
	struct check_run_opts o = {
		.release_on_stop = true,
		.ops_for = fake_ops_for,
		/* long enough for the shell to write its child's pid on a loaded
		 * machine before it is killed */
		.script_timeout_us = 2 * S,
	};
	char dir[] = "/tmp/test_check_run.XXXXXX", pidfile[64], cmd[256];
	struct event_loop *loop;
	struct check_run *r;
	pid_t pid;
	int i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(pidfile, sizeof(pidfile), "%s/pid", dir);
	snprintf(cmd, sizeof(cmd), "/bin/sh -c 'sleep 30 & echo $! > %s; "
		 "wait'", pidfile);
	F->a.vs.omega = true;
	F->a.vs.quorum_down.cmd = cmd;
	loop = event_loop_new(NULL);
	assert_non_null(loop);
	r = check_run_new(loop, &F->fb.b, &o);
	assert_int_equal(check_run_apply(r, &F->a.c, &F->gd), 0);
	check_run_free(&r);
	pid = read_pid(pidfile);
	assert_true(pid > 0);
	for (i = 0; i < 100 && !gone(pid); i++)
		usleep(20000);
	assert_true(gone(pid));
	event_loop_free(&loop);
	unlink(pidfile);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_down_after_retry_and_back),
		T(test_alpha_starts_out),
		T(test_start_reads_back),
		T(test_inhibit_on_failure),
		T(test_refused_change_is_retried),
		T(test_quorum_and_sorry_server),
		T(test_sorry_inhibit),
		T(test_dynamic_weight),
		T(test_reload_unchanged_issues_nothing),
		T(test_reload_weight_is_one_edit),
		T(test_reload_adds_and_removes),
		T(test_stop_releases),
		T(test_stop_without_release),
		T(test_ha_suspend),
		T(test_hung_script_killed_with_its_group),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
