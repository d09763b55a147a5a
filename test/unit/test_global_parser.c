/*
 * test_global_parser.c: the global_defs keyword tree: every keyword read
 * into struct global_data, bad values reported at their file and line,
 * and the dump parsing back to the same data.
 */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <errno.h>

#include "global_kw.h"
#include "global_parser.h"
#include "memory.h"
#include "test_core_util.h"

#define CONF(name) CORE_TEST_CONF_DIR "/" name

struct parsed {
	struct global_data *gd;
	struct test_diags diags;
	enum cfg_severity worst;
};

static void parse_with(struct parsed *out, const char *file, const char *text)
{
	struct cfg_parser_opts po = { .diag = test_diag_collect };
	struct cfg_parser *p;

	memset(out, 0, sizeof(*out));
	po.diag_ctx = &out->diags;
	out->gd = global_data_new();
	p = cfg_parser_new(&po);
	assert_non_null(p);
	assert_int_equal(global_parser_register(p, out->gd), 0);
	if (text)
		assert_int_equal(cfg_parse_string(p, file, text), 0);
	else
		assert_int_equal(cfg_parse_file(p, file), 0);
	out->worst = cfg_parser_worst(p);
	cfg_parser_free(&p);
	assert_null(p);
}

static void parsed_clear(struct parsed *p)
{
	global_data_free(&p->gd);
	assert_null(p->gd);
}

static void assert_top_level(const struct global_data *gd)
{
	assert_string_equal(gd->net_namespace, "blue");
	assert_true(gd->net_namespace_ipvs_set);
	assert_string_equal(gd->net_namespace_ipvs, "red");
	assert_true(gd->namespace_with_ipsets);
	assert_string_equal(gd->instance_name, "inst1");
	assert_true(gd->use_pid_dir);
	assert_true(gd->linkbeat_use_polling);
	assert_int_equal(gd->child_wait_time_s, 7);
	assert_int_equal(gd->linkbeat_if_count, 2);
	assert_string_equal(gd->linkbeat_ifs[0].name, "eth2");
	assert_null(gd->linkbeat_ifs[0].type);
	assert_string_equal(gd->linkbeat_ifs[1].name, "enp2s0");
	assert_string_equal(gd->linkbeat_ifs[1].type, "ETHTOOL");
}

static void assert_process(const struct global_data *gd)
{
	assert_string_equal(gd->tmp_config_directory, "/var/tmp");
	assert_string_equal(gd->state_dump_file, "/var/tmp/ka.data");
	assert_string_equal(gd->stats_dump_file, "/var/tmp/ka.stats");
	assert_string_equal(gd->json_dump_file, "/var/tmp/ka.json");
	assert_string_equal(gd->config_save_dir, "/var/lib/ka-save");
	assert_true(gd->process_names);
	assert_string_equal(gd->process_name, "ka_main");
	assert_string_equal(gd->vrrp_proc.process_name, "ka_vrrp");
	assert_string_equal(gd->checker_proc.process_name, "ka_check");
	assert_string_equal(gd->bfd_proc.process_name, "ka_bfd");
	assert_string_equal(gd->startup_script.path,
			    "/usr/local/bin/start.sh arg");
	assert_string_equal(gd->startup_script.user, "root");
	assert_string_equal(gd->startup_script.group, "root");
	assert_int_equal(gd->startup_script.line, 26);
	assert_int_equal(gd->startup_script_timeout_s, 20);
	assert_string_equal(gd->shutdown_script.path, "/usr/local/bin/stop.sh");
	assert_string_equal(gd->shutdown_script.user, "nobody");
	assert_null(gd->shutdown_script.group);
	assert_int_equal(gd->shutdown_script_timeout_s, 30);
	assert_int_equal(gd->max_auto_priority, 50);
	assert_int_equal(gd->min_auto_priority_delay_us, 2000);
	assert_int_equal(gd->vrrp_proc.priority, -10);
	assert_true(gd->vrrp_proc.priority_set);
	assert_int_equal(gd->checker_proc.priority, 5);
	assert_int_equal(gd->bfd_proc.priority, -20);
	assert_true(gd->vrrp_proc.no_swap && gd->checker_proc.no_swap &&
		    gd->bfd_proc.no_swap);
	assert_int_equal(gd->vrrp_proc.cpu_count, 2);
	assert_int_equal(gd->vrrp_proc.cpus[1], 1);
	assert_int_equal(gd->checker_proc.cpus[0], 1);
	assert_int_equal(gd->bfd_proc.cpus[0], 0);
	assert_int_equal(gd->vrrp_proc.rt_priority, 50);
	assert_int_equal(gd->checker_proc.rt_priority, 40);
	assert_int_equal(gd->bfd_proc.rt_priority, 30);
	assert_int_equal(gd->vrrp_proc.rlimit_rttime_us, 20000);
	assert_int_equal(gd->checker_proc.rlimit_rttime_us, 30000);
	assert_int_equal(gd->bfd_proc.rlimit_rttime_us, 40000);
	assert_true(gd->umask_set);
	assert_int_equal(gd->umask, 0023);
	assert_true(gd->random_seed_set);
	assert_int_equal(gd->random_seed, 12345);
	assert_true(gd->reload_check_config);
	assert_string_equal(gd->reload_check_config_log, "/tmp/ka-reload.log");
	assert_string_equal(gd->reload_time_file, "/run/ka.reload_time");
	assert_true(gd->reload_repeat);
	assert_true(gd->reload_file_set);
	assert_string_equal(gd->reload_file, "/run/ka.reload");
	assert_true(gd->data_use_instance);
}

static void assert_mail_scripts(const struct global_data *gd)
{
	assert_int_equal(gd->email.count, 2);
	assert_string_equal(gd->email.items[0], "admin@example.com");
	assert_string_equal(gd->email.items[1], "ops@example.com");
	assert_string_equal(gd->email_from, "ka@example.com");
	assert_string_equal(gd->smtp_server, "192.0.2.25");
	assert_int_equal(gd->smtp_port, 2525);
	assert_string_equal(gd->smtp_helo_name, "helo.example.com");
	assert_int_equal(gd->smtp_connect_timeout_s, 45);
	assert_int_equal(gd->smtp_alert, GD_OFF);
	assert_int_equal(gd->smtp_alert_vrrp, GD_ON);
	assert_int_equal(gd->smtp_alert_checker, GD_ON);
	assert_true(gd->checker_log_all_failures);
	assert_true(gd->no_email_faults);
	assert_true(gd->no_checker_emails);
	assert_true(gd->rs_init_notifies);
	assert_string_equal(gd->router_id, "LVS_TEST");
	assert_string_equal(gd->script_user, "nobody");
	assert_string_equal(gd->script_group, "nogroup");
	assert_true(gd->enable_script_security);
	assert_string_equal(gd->notify_fifo.fifo.path, "/run/ka.fifo");
	assert_string_equal(gd->notify_fifo.fifo.user, "root");
	assert_string_equal(gd->notify_fifo.script.path,
			    "/usr/local/bin/fifo.sh");
	assert_string_equal(gd->vrrp_notify_fifo.fifo.path, "/run/ka_vrrp.fifo");
	assert_string_equal(gd->vrrp_notify_fifo.script.path,
			    "/usr/local/bin/vfifo.sh");
	assert_string_equal(gd->lvs_notify_fifo.fifo.path, "/run/ka_lvs.fifo");
	assert_string_equal(gd->lvs_notify_fifo.script.path,
			    "/usr/local/bin/lfifo.sh");
	assert_true(gd->fifo_write_vrrp_states_on_reload);
}

static void assert_vrrp(const struct global_data *gd)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET, &gd->mcast_group4, a, sizeof(a));
	assert_string_equal(a, "224.0.0.19");
	inet_ntop(AF_INET6, &gd->mcast_group6, a, sizeof(a));
	assert_string_equal(a, "ff02::13");
	assert_string_equal(gd->default_interface, "eth9");
	assert_int_equal(gd->garp_master_delay_s, 10);
	assert_int_equal(gd->garp_master_repeat, 2);
	assert_int_equal(gd->garp_lower_prio_delay_s, 11);
	assert_int_equal(gd->down_timer_adverts, 4);
	assert_int_equal(gd->garp_lower_prio_repeat, 3);
	assert_int_equal(gd->garp_master_refresh_s, 60);
	assert_int_equal(gd->garp_master_refresh_repeat, 2);
	assert_int_equal(gd->garp_interval_us, 1000);
	assert_int_equal(gd->gna_interval_us, 2);
	assert_true(gd->min_garp);
	assert_true(gd->garp_extra_if_all);
	assert_int_equal(gd->garp_extra_if_s, 100);
	assert_int_equal(gd->lower_prio_no_advert, GD_OFF);
	assert_int_equal(gd->higher_prio_send_advert, GD_ON);
	assert_int_equal(gd->vrrp_version, 3);
	assert_true(gd->disable_local_igmp && gd->vrrp_check_unicast_src &&
		    gd->vrrp_skip_check_adv_addr && gd->vrrp_strict &&
		    gd->vrrp_notify_priority_changes && gd->log_unknown_vrids);
	assert_string_equal(gd->vmac_prefix, "vm");
	assert_string_equal(gd->vmac_addr_prefix, "vma");
	assert_int_equal(gd->vrrp_startup_delay_us, 5500000);
	assert_true(gd->dynamic_interfaces && gd->allow_if_changes);
	assert_int_equal(gd->rx_bufs_policy, GD_RX_BUFS_MTU);
	assert_int_equal(gd->rx_bufs_multiplier, 4);
}

static void assert_other(const struct global_data *gd)
{
	assert_true(gd->nftables);
	assert_string_equal(gd->nftables_table, "katable");
	assert_int_equal(gd->nftables_priority, -5);
	assert_true(gd->nftables_counters && gd->nftables_ifindex);
	assert_true(gd->nftables_ipvs);
	assert_string_equal(gd->nftables_ipvs_table, "kaipvs");
	assert_int_equal(gd->nftables_ipvs_priority, 7);
	assert_int_equal(gd->nftables_ipvs_start_fwmark, 2000);
	assert_true(gd->vrrp_iptables);
	assert_string_equal(gd->iptables_in, "ka_in");
	assert_string_equal(gd->iptables_out, "ka_out");
	assert_int_equal(gd->ipsets.count, 3);
	assert_string_equal(gd->ipsets.items[2], "s3");
	assert_string_equal(gd->lvs_sync.interface, "eth1");
	assert_string_equal(gd->lvs_sync.vrrp_instance, "VI_1");
	assert_int_equal(gd->lvs_sync.syncid, 17);
	assert_int_equal(gd->lvs_sync.maxlen, 1400);
	assert_int_equal(gd->lvs_sync.port, 8849);
	assert_int_equal(gd->lvs_sync.ttl, 3);
	assert_string_equal(gd->lvs_sync.group, "224.0.0.82");
	assert_int_equal(gd->lvs_timeouts.tcp, 900);
	assert_int_equal(gd->lvs_timeouts.tcpfin, 120);
	assert_int_equal(gd->lvs_timeouts.udp, 300);
	assert_true(gd->lvs_flush && gd->lvs_flush_on_stop &&
		    gd->lvs_flush_on_stop_vs);
	assert_string_equal(gd->snmp_socket, "udp:192.0.2.1:705");
	assert_true(gd->snmp_vrrp && gd->snmp_checker && gd->snmp_rfcv2 &&
		    gd->snmp_rfcv3 && gd->snmp_traps && gd->enable_dbus);
	assert_string_equal(gd->dbus_service_name, "org.example.Ka");
	assert_int_equal(gd->vrrp_netlink_cmd.bytes, 100000);
	assert_true(gd->vrrp_netlink_cmd.force);
	assert_int_equal(gd->vrrp_netlink_monitor.bytes, 200000);
	assert_true(gd->vrrp_netlink_monitor.force);
	assert_int_equal(gd->lvs_netlink_cmd.bytes, 300000);
	assert_false(gd->lvs_netlink_cmd.force);
	assert_int_equal(gd->lvs_netlink_monitor.bytes, 400000);
	assert_true(gd->lvs_netlink_monitor.force);
	assert_int_equal(gd->process_monitor.bytes, 500000);
	assert_true(gd->process_monitor.force);
}

static void assert_all(const struct global_data *gd)
{
	assert_top_level(gd);
	assert_process(gd);
	assert_mail_scripts(gd);
	assert_vrrp(gd);
	assert_other(gd);
}

static void print_diags(const struct test_diags *t)
{
	size_t i;

	for (i = 0; i < t->count; i++)
		fprintf(stderr, "diag %d %s:%u %s\n", t->d[i].sev,
			t->d[i].file, t->d[i].line, t->d[i].msg);
}

static void test_every_keyword(void **state)
{
	struct parsed r;

	(void)state;
	parse_with(&r, CONF("global_all.conf"), NULL);
	print_diags(&r.diags);
	assert_true(r.worst <= CFG_NOTE);
	assert_all(r.gd);
	parsed_clear(&r);
}

/* The dump of everything parses back to the same values. */
static void test_dump_round_trip(void **state)
{
	struct parsed r, again;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	parse_with(&r, CONF("global_all.conf"), NULL);
	f = open_memstream(&text, &len);
	assert_non_null(f);
	global_data_dump(r.gd, f);
	fclose(f);
	parse_with(&again, "dump", text);
	print_diags(&again.diags);
	assert_true(again.worst <= CFG_NOTE);
	/* Line numbers differ in the dump; everything else must not. */
	again.gd->startup_script.line = r.gd->startup_script.line;
	assert_all(again.gd);
	free(text);
	parsed_clear(&r);
	parsed_clear(&again);
}

/* Every keyword of the table is one the sample uses, so that a keyword
 * added without a test fails here. */
static void test_table_covered_by_sample(void **state)
{
	const struct cfg_keyword *kw = global_parser_keywords();
	FILE *f = fopen(CONF("global_all.conf"), "r");
	char text[16384];
	size_t n;

	(void)state;
	assert_non_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	for (; kw->name; kw++) {
		char needle[80];

		if (!strcmp(kw->name, "enable_snmp_keepalived"))
			continue;	/* deprecated alias, tested below */
		snprintf(needle, sizeof(needle), "    %s ", kw->name);
		if (!strstr(text, needle)) {
			snprintf(needle, sizeof(needle), "    %s\n", kw->name);
			if (!strstr(text, needle))
				fail_msg("keyword %s not in the sample", kw->name);
		}
	}
}

struct bad_case {
	const char *line;
	const char *needle;
};

static const struct bad_case bad_cases[] = {
	{ "smtp_connect_timeout abc", "smtp_connect_timeout" },
	{ "smtp_connect_timeout 5000", "smtp_connect_timeout" },
	{ "startup_script_timeout 0", "startup_script_timeout" },
	{ "vrrp_garp_master_delay 4295", "vrrp_garp_master_delay" },
	{ "vrrp_garp_master_repeat 0", "vrrp_garp_master_repeat" },
	{ "vrrp_down_timer_adverts 101", "vrrp_down_timer_adverts" },
	{ "vrrp_garp_interval 5000", "vrrp_garp_interval" },
	{ "vrrp_version 4", "vrrp_version" },
	{ "vrrp_priority 20", "vrrp_priority" },
	{ "checker_priority -21", "checker_priority" },
	{ "bfd_rt_priority 100", "bfd_rt_priority" },
	{ "max_auto_priority 100", "max_auto_priority" },
	{ "min_auto_priority_delay 0", "min_auto_priority_delay" },
	{ "vrrp_mcast_group4 10.0.0.1", "vrrp_mcast_group4" },
	{ "vrrp_mcast_group6 fe80::1", "vrrp_mcast_group6" },
	{ "smtp_server 192.0.2.1 70000", "smtp_server" },
	{ "smtp_server bad_host!", "smtp_server" },
	{ "smtp_alert maybe", "smtp_alert" },
	{ "vrrp_garp_extra_if 100000", "vrrp_garp_extra_if" },
	{ "lvs_timeouts", "lvs_timeouts" },
	{ "lvs_timeouts tcp 5 foo 3", "lvs_timeouts" },
	{ "lvs_sync_daemon eth0 id 256", "lvs_sync_daemon" },
	{ "lvs_flush_on_stop ALL", "lvs_flush_on_stop" },
	{ "vrrp_rx_bufs_policy FOO", "vrrp_rx_bufs_policy" },
	{ "dynamic_interfaces bar", "dynamic_interfaces" },
	{ "router_id", "router_id" },
	{ "umask 0999", "umask" },
	{ "umask IRGRP|NOPE", "umask" },
	{ "reload_time_file relative/path", "reload_time_file" },
	{ "default_interface averyveryverylongname", "default_interface" },
	{ "nftables_priority 2147483648", "nftables_priority" },
	{ "vrrp_startup_delay 0", "vrrp_startup_delay" },
	{ "script_user", "script_user" },
};

static void test_bad_values(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		struct parsed r;
		char *text = mem_asprintf("# bad value\nglobal_defs {\n"
					  "    router_id x\n    %s\n}\n",
					  bad_cases[i].line);

		parse_with(&r, "bad.conf", text);
		if (r.worst != CFG_ERROR || r.diags.count == 0)
			fail_msg("'%s': worst %d", bad_cases[i].line, r.worst);
		assert_string_equal(r.diags.d[0].file, "bad.conf");
		assert_int_equal(r.diags.d[0].line, 4);
		if (!strstr(r.diags.d[0].msg, bad_cases[i].needle))
			fail_msg("'%s': message '%s'", bad_cases[i].line,
				 r.diags.d[0].msg);
		mem_free(&text);
		parsed_clear(&r);
	}
}

/* A bad value leaves the default in place. */
static void test_bad_value_keeps_default(void **state)
{
	struct parsed r;

	(void)state;
	parse_with(&r, "d.conf", "global_defs {\n smtp_connect_timeout 9999\n"
		   " vrrp_garp_master_repeat 0\n}\n");
	assert_int_equal(r.gd->smtp_connect_timeout_s, 30);
	assert_int_equal(r.gd->garp_master_repeat, 5);
	parsed_clear(&r);
}

static void test_defaults_and_small_forms(void **state)
{
	struct parsed r;

	(void)state;
	parse_with(&r, "s.conf", "global_defs {\n max_auto_priority\n"
		   " smtp_server mail.example.com\n vrrp_strict 1\n"
		   " lvs_sync_daemon eth0 VI_2\n"
		   " enable_snmp_keepalived\n vrrp_rx_bufs_policy 65536\n}\n"
		   "net_namespace_ipvs\n");
	assert_true(r.worst <= CFG_WARNING);	/* deprecated alias */
	assert_int_equal(r.gd->max_auto_priority, 99);
	assert_string_equal(r.gd->smtp_server, "mail.example.com");
	assert_int_equal(r.gd->smtp_port, 25);
	assert_true(r.gd->vrrp_strict);
	assert_non_null(test_diag_find(&r.diags, "vrrp_strict"));
	assert_string_equal(r.gd->lvs_sync.vrrp_instance, "VI_2");
	assert_true(r.gd->snmp_vrrp);
	assert_int_equal(r.gd->rx_bufs_policy, GD_RX_BUFS_SIZE);
	assert_int_equal(r.gd->rx_bufs_size, 65536);
	assert_true(r.gd->net_namespace_ipvs_set);
	assert_null(r.gd->net_namespace_ipvs);
	assert_int_equal(r.gd->vrrp_version, 2);
	assert_int_equal(r.gd->child_wait_time_s, 5);
	parsed_clear(&r);
}

static void test_umask_parse(void **state)
{
	mode_t m = 0;

	(void)state;
	assert_int_equal(global_kw_parse_umask("022", &m), 0);
	assert_int_equal(m, 022);
	assert_int_equal(global_kw_parse_umask("0x12", &m), 0);
	assert_int_equal(m, 022);
	assert_int_equal(global_kw_parse_umask("IWGRP|IWOTH", &m), 0);
	assert_int_equal(m, 022);
	assert_int_equal(global_kw_parse_umask("IRUSR | 07", &m), 0);
	assert_int_equal(m, 0407);
	m = 01;
	assert_int_equal(global_kw_parse_umask("IWGRP|", &m), -EINVAL);
	assert_int_equal(global_kw_parse_umask("1000", &m), -EINVAL);
	assert_int_equal(global_kw_parse_umask("", &m), -EINVAL);
	assert_int_equal(m, 01);
}

/* random_seed makes ${_RANDOM} after it the same from run to run. */
static char *seeded_router_id(const char *seed)
{
	char text[256];
	struct parsed r;
	char *id;

	snprintf(text, sizeof(text), "global_defs {\n random_seed %s\n"
		 " router_id r${_RANDOM 0 1000000000}\n}\n", seed);
	parse_with(&r, "seed.conf", text);
	assert_int_equal(r.worst, CFG_OK);
	id = strdup(r.gd->router_id);
	parsed_clear(&r);
	return id;
}

static void test_random_seed(void **state)
{
	char *a = seeded_router_id("42"), *b = seeded_router_id("42");
	char *c = seeded_router_id("43");

	(void)state;
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	free(a);
	free(b);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_keyword),
		cmocka_unit_test(test_random_seed),
		cmocka_unit_test(test_dump_round_trip),
		cmocka_unit_test(test_table_covered_by_sample),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_bad_value_keeps_default),
		cmocka_unit_test(test_defaults_and_small_forms),
		cmocka_unit_test(test_umask_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
