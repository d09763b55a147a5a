/*
 * test_proc.c: the pure parts of the process model: respawn back-off and
 * its tuning, which configurations start and reload, the child's
 * environment word, NOTIFY_SOCKET addresses, start/stop line texts,
 * idents, and which parts of a configuration are there.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "child.h"
#include "conf.h"
#include "core_run.h"
#include "memory.h"
#include "parent_policy.h"
#include "proc_stats.h"
#include "sd_notify.h"

#define MS 1000ULL
#define S 1000000ULL

static void test_backoff(void **state)
{
	struct parent_tuning t;
	unsigned quick = 0;
	uint64_t delay = 99;

	(void)state;
	parent_tuning_defaults(&t);
	/* a long life: at once, counter reset */
	quick = 3;
	assert_int_equal(parent_respawn_decide(&t, &quick, 0, 6 * S, &delay),
			 PARENT_RESPAWN_NOW);
	assert_int_equal(quick, 0);
	assert_int_equal(delay, 0);
	/* quick exits: 100, 200, 400, 800 ms, then give up at the 5th */
	assert_int_equal(parent_respawn_decide(&t, &quick, 10 * S,
					       10 * S + 1, &delay),
			 PARENT_RESPAWN_LATER);
	assert_int_equal(delay, 100 * MS);
	assert_int_equal(parent_respawn_decide(&t, &quick, 10 * S, 11 * S,
					       &delay), PARENT_RESPAWN_LATER);
	assert_int_equal(delay, 200 * MS);
	parent_respawn_decide(&t, &quick, 10 * S, 11 * S, &delay);
	assert_int_equal(delay, 400 * MS);
	parent_respawn_decide(&t, &quick, 10 * S, 11 * S, &delay);
	assert_int_equal(delay, 800 * MS);
	assert_int_equal(parent_respawn_decide(&t, &quick, 10 * S, 11 * S,
					       &delay),
			 PARENT_RESPAWN_GIVE_UP);
	assert_int_equal(quick, 5);
}

static void test_backoff_cap(void **state)
{
	struct parent_tuning t;
	unsigned quick = 0, i;
	uint64_t delay = 0;

	(void)state;
	parent_tuning_defaults(&t);
	t.max_quick_exits = 100;
	for (i = 0; i < 60; i++)
		assert_int_equal(parent_respawn_decide(&t, &quick, 0, 0,
						       &delay),
				 PARENT_RESPAWN_LATER);
	assert_int_equal(delay, t.backoff_max_us);
	/* a clock that went backwards counts as quick, never as long */
	assert_int_equal(parent_respawn_decide(&t, &quick, 5 * S, 1 * S,
					       &delay), PARENT_RESPAWN_LATER);
}

static const char *fake_env(const char *name, void *ctx)
{
	const char *const *kv = ctx;

	for (; kv[0]; kv += 2)
		if (!strcmp(kv[0], name))
			return kv[1];
	return NULL;
}

static void test_tuning_env(void **state)
{
	const char *good[] = {
		"KEEPALIVED_WATCHDOG_INTERVAL_MS", "250",
		"KEEPALIVED_WATCHDOG_MISSES", "2",
		"KEEPALIVED_RESPAWN_WINDOW_MS", "0",
		"KEEPALIVED_RESPAWN_LIMIT", "3", NULL,
	};
	const char *bad[] = {
		"KEEPALIVED_WATCHDOG_INTERVAL_MS", "5",
		"KEEPALIVED_WATCHDOG_MISSES", "x",
		"KEEPALIVED_RESPAWN_LIMIT", "-1", NULL,
	};
	struct parent_tuning t, d;
	const char *which = NULL;

	(void)state;
	parent_tuning_defaults(&d);
	t = d;
	assert_int_equal(parent_tuning_from_env(&t, fake_env, good, &which),
			 0);
	assert_int_equal(t.hello_interval_us, 250 * MS);
	assert_int_equal(t.max_missed, 2);
	assert_int_equal(t.quick_exit_us, 0);
	assert_int_equal(t.max_quick_exits, 3);
	t = d;
	assert_int_equal(parent_tuning_from_env(&t, fake_env, bad, &which),
			 3);
	assert_string_equal(which, "KEEPALIVED_RESPAWN_LIMIT");
	assert_memory_equal(&t, &d, sizeof(t));
}

static void test_conf_verdicts(void **state)
{
	(void)state;
	assert_true(parent_conf_startable(CFG_OK));
	assert_true(parent_conf_startable(CFG_WARNING));
	assert_true(parent_conf_startable(CFG_ERROR));
	assert_false(parent_conf_startable(CFG_FATAL));
	assert_false(parent_conf_startable(CFG_SECURITY));
	assert_true(parent_conf_reloadable(CFG_NOTE));
	assert_true(parent_conf_reloadable(CFG_WARNING));
	assert_false(parent_conf_reloadable(CFG_ERROR));
	assert_false(parent_conf_reloadable(CFG_FATAL));
}

/* Only a child that says it cannot run here is left stopped. Wait
 * statuses are built as the kernel encodes them (status << 8, or the
 * signal number). */
static void test_exit_final(void **state)
{
	(void)state;
	assert_true(parent_exit_is_final(CORE_RUN_EXIT_NO_IPVS << 8));
	assert_false(parent_exit_is_final(0));
	assert_false(parent_exit_is_final(CORE_RUN_EXIT_FATAL << 8));
	assert_false(parent_exit_is_final(CHILD_EXIT_CONFIG << 8));
	assert_false(parent_exit_is_final(CORE_RUN_EXIT_NO_IPVS));
}

static void test_child_env(void **state)
{
	struct child_start s = { CHILD_CHECKER, 5, 1234, 7 }, out;
	char *v = child_env_format(&s);

	(void)state;
	assert_string_equal(v, "checker 5 1234 7");
	assert_int_equal(child_env_parse(v, &out), 0);
	assert_int_equal(out.role, CHILD_CHECKER);
	assert_int_equal(out.fd, 5);
	assert_int_equal(out.ppid, 1234);
	assert_int_equal(out.generation, 7);
	mem_free(&v);
	assert_int_equal(child_env_parse("vrrp 3 2 1", &out), 0);
	assert_int_equal(out.role, CHILD_VRRP);
	assert_int_equal(child_env_parse("bfd 3 2 1", &out), -EINVAL);
	assert_int_equal(child_env_parse("vrrp 2 2 1", &out), -EINVAL);
	assert_int_equal(child_env_parse("vrrp 3 1 1", &out), -EINVAL);
	assert_int_equal(child_env_parse("vrrp 3 2 0", &out), -EINVAL);
	assert_int_equal(child_env_parse("vrrp 3 2 1 x", &out), -EINVAL);
	assert_int_equal(child_env_parse("vrrp 3 2", &out), -EINVAL);
	assert_int_equal(child_env_parse("", &out), -EINVAL);
	assert_int_equal(child_env_parse(NULL, &out), -EINVAL);
}

static void test_notify_addr(void **state)
{
	struct sockaddr_un sa;
	socklen_t len = 0;
	char longp[120];

	(void)state;
	assert_int_equal(sd_notify_addr("/run/systemd/notify", &sa, &len), 0);
	assert_string_equal(sa.sun_path, "/run/systemd/notify");
	assert_int_equal(len, offsetof(struct sockaddr_un, sun_path) + 20);
	assert_int_equal(sd_notify_addr("@abc", &sa, &len), 0);
	assert_int_equal(sa.sun_path[0], '\0');
	assert_memory_equal(sa.sun_path + 1, "abc", 3);
	assert_int_equal(len, offsetof(struct sockaddr_un, sun_path) + 4);
	assert_int_equal(sd_notify_addr("rel/path", &sa, &len), -EINVAL);
	assert_int_equal(sd_notify_addr("", &sa, &len), -EINVAL);
	assert_int_equal(sd_notify_addr("@", &sa, &len), -EINVAL);
	assert_int_equal(sd_notify_addr(NULL, &sa, &len), -EINVAL);
	memset(longp, 'a', sizeof(longp) - 1);
	longp[0] = '/';
	longp[sizeof(longp) - 1] = '\0';
	assert_int_equal(sd_notify_addr(longp, &sa, &len), -ENAMETOOLONG);
	longp[108] = '\0';
	assert_int_equal(sd_notify_addr(longp, &sa, &len), -ENAMETOOLONG);
	longp[107] = '\0';
	assert_int_equal(sd_notify_addr(longp, &sa, &len), 0);
	longp[0] = '@';
	longp[107] = 'a';
	longp[108] = 'a';
	longp[109] = '\0';
	assert_int_equal(sd_notify_addr(longp, &sa, &len), -ENAMETOOLONG);
	longp[108] = '\0';
	assert_int_equal(sd_notify_addr(longp, &sa, &len), 0);
}

static void test_texts(void **state)
{
	char *argv[] = { "/usr/sbin/keepalived", "-f", "it's.conf", "" };
	char *line = proc_stats_cmdline(4, argv);
	struct rusage ru = { .ru_utime = { 1, 5 }, .ru_stime = { 0, 250000 } };
	char *cpu = proc_stats_cpu_text(&ru);
	char *id;

	(void)state;
	assert_string_equal(line, "'/usr/sbin/keepalived' '-f' "
			    "'it'\\''s.conf' ''");
	assert_string_equal(cpu, "used 1.000005 user time, 0.250000 "
			    "system time");
	mem_free(&line);
	mem_free(&cpu);
	line = proc_stats_cmdline(0, argv);
	assert_string_equal(line, "");
	mem_free(&line);
	id = core_run_ident("Keepalived_vrrp", NULL, NULL);
	assert_string_equal(id, "Keepalived_vrrp");
	mem_free(&id);
	id = core_run_ident("Keepalived", "ns1", "blue");
	assert_string_equal(id, "Keepalived_ns1_blue");
	mem_free(&id);
	id = core_run_ident("Keepalived", NULL, "blue");
	assert_string_equal(id, "Keepalived_blue");
	mem_free(&id);
}

static void ignore_diag(const struct cfg_diag *d, void *ctx)
{
	(void)d;
	(void)ctx;
}

static struct ka_conf *load(const char *text)
{
	struct conf_load_opts lo = { .diag = ignore_diag };
	struct ka_conf *c = NULL;

	assert_int_equal(conf_load_string("t.conf", text, &lo, &c), 0);
	return c;
}

static void test_parts_counted(void **state)
{
	struct ka_conf *c;

	(void)state;
	c = load("global_defs {\n router_id x\n}\n");
	assert_int_equal(c->global->vrrp_instances, 0);
	assert_int_equal(c->global->virtual_servers, 0);
	assert_int_equal(c->worst, CFG_OK);
	conf_free(&c);
	c = load("vrrp_instance A {\n state MASTER\n}\n"
		 "vrrp_instance B {\n}\nvrrp_script s {\n}\n");
	assert_int_equal(c->global->vrrp_instances, 2);
	assert_int_equal(c->global->virtual_servers, 0);
	/* incomplete instances (no VRID): counted all the same */
	assert_int_equal(c->worst, CFG_ERROR);
	conf_free(&c);
	c = load("virtual_server 10.0.0.1 80 {\n real_server 10.0.0.2 80 "
		 "{\n }\n}\nvirtual_server_group g {\n}\n");
	assert_int_equal(c->global->vrrp_instances, 0);
	assert_int_equal(c->global->virtual_servers, 1);
	assert_int_equal(c->worst, CFG_WARNING);
	conf_free(&c);
	/* without a block: warned, not counted */
	c = load("vrrp_instance A\nvirtual_server 1.2.3.4 80\n");
	assert_int_equal(c->global->vrrp_instances, 0);
	assert_int_equal(c->global->virtual_servers, 0);
	assert_int_equal(c->worst, CFG_WARNING);
	conf_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backoff),
		cmocka_unit_test(test_backoff_cap),
		cmocka_unit_test(test_tuning_env),
		cmocka_unit_test(test_conf_verdicts),
		cmocka_unit_test(test_exit_final),
		cmocka_unit_test(test_child_env),
		cmocka_unit_test(test_notify_addr),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_parts_counted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
