/*
 * global_print.c: struct global_data written back as configuration, for
 * -d, the USR1 dump and the round-trip tests. Only what was configured or
 * differs from an unset value is written; the output parses again.
 */
#include "config.h"

#include <arpa/inet.h>
#include <inttypes.h>

#include "global_data.h"

#define IND "    "

static void p_str(FILE *f, const char *kw, const char *v)
{
	if (v)
		fprintf(f, IND "%s \"%s\"\n", kw, v);
}

static void p_flag(FILE *f, const char *kw, bool v)
{
	if (v)
		fprintf(f, IND "%s\n", kw);
}

static void p_uint(FILE *f, const char *kw, unsigned long v)
{
	fprintf(f, IND "%s %lu\n", kw, v);
}

static void p_tri(FILE *f, const char *kw, enum gd_tristate v)
{
	if (v != GD_UNSET)
		fprintf(f, IND "%s %s\n", kw, v == GD_ON ? "true" : "false");
}

static void p_timer(FILE *f, const char *kw, uint64_t us)
{
	if (us)
		fprintf(f, IND "%s %" PRIu64 ".%06" PRIu64 "\n", kw,
			us / 1000000, us % 1000000);
}

static void p_script(FILE *f, const char *kw, const struct gd_script *s)
{
	if (!s->path)
		return;
	fprintf(f, IND "%s \"%s\"", kw, s->path);
	if (s->user)
		fprintf(f, " %s", s->user);
	if (s->user && s->group)
		fprintf(f, " %s", s->group);
	fputc('\n', f);
}

static void p_proc(FILE *f, const char *pfx, const struct gd_proc *p)
{
	size_t i;

	if (p->process_name)
		fprintf(f, IND "%s_process_name \"%s\"\n", pfx,
			p->process_name);
	if (p->priority_set)
		fprintf(f, IND "%s_priority %d\n", pfx, p->priority);
	if (p->rt_priority)
		fprintf(f, IND "%s_rt_priority %u\n", pfx, p->rt_priority);
	fprintf(f, IND "%s_rlimit_rttime %lu\n", pfx, p->rlimit_rttime_us);
	if (p->no_swap)
		fprintf(f, IND "%s_no_swap\n", pfx);
	if (!p->cpu_count)
		return;
	fprintf(f, IND "%s_cpu_affinity", pfx);
	for (i = 0; i < p->cpu_count; i++)
		fprintf(f, " %u", p->cpus[i]);
	fputc('\n', f);
}

static void p_rcvbuf(FILE *f, const char *kw, const struct gd_rcvbuf *b)
{
	if (b->bytes)
		fprintf(f, IND "%s %lu\n", kw, b->bytes);
	if (b->force)
		fprintf(f, IND "%s_force\n", kw);
}

static void print_top(const struct global_data *gd, FILE *f)
{
	size_t i;

	if (gd->net_namespace)
		fprintf(f, "net_namespace %s\n", gd->net_namespace);
	if (gd->net_namespace_ipvs_set)
		fprintf(f, "net_namespace_ipvs %s\n",
			gd->net_namespace_ipvs ? gd->net_namespace_ipvs : "");
	if (gd->namespace_with_ipsets)
		fprintf(f, "namespace_with_ipsets\n");
	if (gd->instance_name)
		fprintf(f, "instance %s\n", gd->instance_name);
	if (gd->use_pid_dir)
		fprintf(f, "use_pid_dir\n");
	if (gd->linkbeat_use_polling)
		fprintf(f, "linkbeat_use_polling\n");
	fprintf(f, "child_wait_time %u\n", gd->child_wait_time_s);
	if (!gd->linkbeat_if_count)
		return;
	fprintf(f, "linkbeat_interfaces {\n");
	for (i = 0; i < gd->linkbeat_if_count; i++)
		fprintf(f, IND "%s%s%s\n", gd->linkbeat_ifs[i].name,
			gd->linkbeat_ifs[i].type ? " " : "",
			gd->linkbeat_ifs[i].type ? gd->linkbeat_ifs[i].type : "");
	fprintf(f, "}\n");
}

static void print_process(const struct global_data *gd, FILE *f)
{
	p_str(f, "tmp_config_directory", gd->tmp_config_directory);
	p_str(f, "state_dump_file", gd->state_dump_file);
	p_str(f, "stats_dump_file", gd->stats_dump_file);
	p_str(f, "json_dump_file", gd->json_dump_file);
	p_str(f, "config_save_dir", gd->config_save_dir);
	p_flag(f, "process_names", gd->process_names);
	p_str(f, "process_name", gd->process_name);
	p_proc(f, "vrrp", &gd->vrrp_proc);
	p_proc(f, "checker", &gd->checker_proc);
	p_proc(f, "bfd", &gd->bfd_proc);
	p_script(f, "startup_script", &gd->startup_script);
	p_uint(f, "startup_script_timeout", gd->startup_script_timeout_s);
	p_script(f, "shutdown_script", &gd->shutdown_script);
	p_uint(f, "shutdown_script_timeout", gd->shutdown_script_timeout_s);
	fprintf(f, IND "max_auto_priority %d\n", gd->max_auto_priority);
	p_uint(f, "min_auto_priority_delay", gd->min_auto_priority_delay_us);
	if (gd->umask_set)
		fprintf(f, IND "umask 0%03o\n", (unsigned)gd->umask);
	if (gd->random_seed_set)
		p_uint(f, "random_seed", gd->random_seed);
	if (gd->reload_check_config)
		fprintf(f, IND "reload_check_config %s\n",
			gd->reload_check_config_log ?
			gd->reload_check_config_log : "");
	p_str(f, "reload_time_file", gd->reload_time_file);
	p_flag(f, "reload_repeat", gd->reload_repeat);
	if (gd->reload_file_set)
		fprintf(f, IND "reload_file %s\n",
			gd->reload_file ? gd->reload_file : "");
	p_flag(f, "data_use_instance", gd->data_use_instance);
}

static void print_mail(const struct global_data *gd, FILE *f)
{
	size_t i;

	p_str(f, "router_id", gd->router_id);
	if (gd->email.count) {
		fprintf(f, IND "notification_email {\n");
		for (i = 0; i < gd->email.count; i++)
			fprintf(f, IND IND "\"%s\"\n", gd->email.items[i]);
		fprintf(f, IND "}\n");
	}
	p_str(f, "notification_email_from", gd->email_from);
	if (gd->smtp_server)
		fprintf(f, IND "smtp_server %s %u\n", gd->smtp_server,
			gd->smtp_port);
	p_str(f, "smtp_helo_name", gd->smtp_helo_name);
	p_uint(f, "smtp_connect_timeout", gd->smtp_connect_timeout_s);
	p_tri(f, "smtp_alert", gd->smtp_alert);
	p_tri(f, "smtp_alert_vrrp", gd->smtp_alert_vrrp);
	p_tri(f, "smtp_alert_checker", gd->smtp_alert_checker);
	p_flag(f, "checker_log_all_failures", gd->checker_log_all_failures);
	p_flag(f, "no_email_faults", gd->no_email_faults);
	p_flag(f, "no_checker_emails", gd->no_checker_emails);
	p_flag(f, "rs_init_notifies", gd->rs_init_notifies);
}

static void print_scripts(const struct global_data *gd, FILE *f)
{
	if (gd->script_user)
		fprintf(f, IND "script_user %s%s%s\n", gd->script_user,
			gd->script_group ? " " : "",
			gd->script_group ? gd->script_group : "");
	p_flag(f, "enable_script_security", gd->enable_script_security);
	p_script(f, "notify_fifo", &gd->notify_fifo.fifo);
	p_script(f, "notify_fifo_script", &gd->notify_fifo.script);
	p_script(f, "vrrp_notify_fifo", &gd->vrrp_notify_fifo.fifo);
	p_script(f, "vrrp_notify_fifo_script", &gd->vrrp_notify_fifo.script);
	p_script(f, "lvs_notify_fifo", &gd->lvs_notify_fifo.fifo);
	p_script(f, "lvs_notify_fifo_script", &gd->lvs_notify_fifo.script);
	p_flag(f, "fifo_write_vrrp_states_on_reload",
	       gd->fifo_write_vrrp_states_on_reload);
}

static void print_vrrp(const struct global_data *gd, FILE *f)
{
	char a4[INET_ADDRSTRLEN], a6[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET, &gd->mcast_group4, a4, sizeof(a4));
	inet_ntop(AF_INET6, &gd->mcast_group6, a6, sizeof(a6));
	fprintf(f, IND "vrrp_mcast_group4 %s\n", a4);
	fprintf(f, IND "vrrp_mcast_group6 %s\n", a6);
	p_str(f, "default_interface", gd->default_interface);
	p_uint(f, "vrrp_garp_master_delay", gd->garp_master_delay_s);
	p_uint(f, "vrrp_garp_master_repeat", gd->garp_master_repeat);
	if (gd->garp_lower_prio_delay_set)
		p_uint(f, "vrrp_garp_lower_prio_delay",
		       gd->garp_lower_prio_delay_s);
	if (gd->garp_lower_prio_repeat_set)
		p_uint(f, "vrrp_garp_lower_prio_repeat",
		       gd->garp_lower_prio_repeat);
	p_uint(f, "vrrp_garp_master_refresh", gd->garp_master_refresh_s);
	p_uint(f, "vrrp_garp_master_refresh_repeat",
	       gd->garp_master_refresh_repeat);
	p_uint(f, "vrrp_down_timer_adverts", gd->down_timer_adverts);
	p_timer(f, "vrrp_garp_interval", gd->garp_interval_us);
	p_timer(f, "vrrp_gna_interval", gd->gna_interval_us);
	p_flag(f, "vrrp_min_garp", gd->min_garp);
	if (gd->garp_extra_if_s)
		fprintf(f, IND "vrrp_garp_extra_if %s%u\n",
			gd->garp_extra_if_all ? "all " : "",
			gd->garp_extra_if_s);
	p_tri(f, "vrrp_lower_prio_no_advert", gd->lower_prio_no_advert);
	p_tri(f, "vrrp_higher_prio_send_advert", gd->higher_prio_send_advert);
	p_uint(f, "vrrp_version", gd->vrrp_version);
	p_flag(f, "vrrp_check_unicast_src", gd->vrrp_check_unicast_src);
	p_flag(f, "vrrp_skip_check_adv_addr", gd->vrrp_skip_check_adv_addr);
	p_flag(f, "vrrp_strict", gd->vrrp_strict);
	if (gd->vrrp_notify_priority_changes)
		fprintf(f, IND "vrrp_notify_priority_changes true\n");
	p_flag(f, "disable_local_igmp", gd->disable_local_igmp);
	p_flag(f, "log_unknown_vrids", gd->log_unknown_vrids);
	p_str(f, "vmac_prefix", gd->vmac_prefix);
	p_str(f, "vmac_addr_prefix", gd->vmac_addr_prefix);
	p_timer(f, "vrrp_startup_delay", gd->vrrp_startup_delay_us);
	if (gd->dynamic_interfaces)
		fprintf(f, IND "dynamic_interfaces%s\n",
			gd->allow_if_changes ? " allow_if_changes" : "");
	if (gd->rx_bufs_policy == GD_RX_BUFS_MTU)
		fprintf(f, IND "vrrp_rx_bufs_policy MTU\n");
	else if (gd->rx_bufs_policy == GD_RX_BUFS_ADVERT)
		fprintf(f, IND "vrrp_rx_bufs_policy ADVERT\n");
	else if (gd->rx_bufs_policy == GD_RX_BUFS_SIZE)
		p_uint(f, "vrrp_rx_bufs_policy", gd->rx_bufs_size);
	p_uint(f, "vrrp_rx_bufs_multiplier", gd->rx_bufs_multiplier);
}

static void print_firewall(const struct global_data *gd, FILE *f)
{
	size_t i;

	if (gd->nftables)
		fprintf(f, IND "nftables %s\n",
			gd->nftables_table ? gd->nftables_table : "");
	fprintf(f, IND "nftables_priority %ld\n", gd->nftables_priority);
	p_flag(f, "nftables_counters", gd->nftables_counters);
	p_flag(f, "nftables_ifindex", gd->nftables_ifindex);
	if (gd->nftables_ipvs)
		fprintf(f, IND "nftables_ipvs %s\n",
			gd->nftables_ipvs_table ? gd->nftables_ipvs_table : "");
	fprintf(f, IND "nftables_ipvs_priority %ld\n",
		gd->nftables_ipvs_priority);
	p_uint(f, "nftables_ipvs_start_fwmark", gd->nftables_ipvs_start_fwmark);
	if (gd->vrrp_iptables)
		fprintf(f, IND "vrrp_iptables %s %s\n",
			gd->iptables_in ? gd->iptables_in : "",
			gd->iptables_out ? gd->iptables_out : "");
	if (!gd->ipsets.count)
		return;
	fprintf(f, IND "vrrp_ipsets");
	for (i = 0; i < gd->ipsets.count; i++)
		fprintf(f, " %s", gd->ipsets.items[i]);
	fputc('\n', f);
}

static void print_lvs(const struct global_data *gd, FILE *f)
{
	const struct gd_lvs_sync *s = &gd->lvs_sync;
	const struct gd_lvs_timeouts *t = &gd->lvs_timeouts;

	if (s->interface) {
		fprintf(f, IND "lvs_sync_daemon %s", s->interface);
		if (s->vrrp_instance)
			fprintf(f, " inst %s", s->vrrp_instance);
		if (s->syncid_set)
			fprintf(f, " id %u", s->syncid);
		if (s->maxlen)
			fprintf(f, " maxlen %u", s->maxlen);
		if (s->port)
			fprintf(f, " port %u", s->port);
		if (s->ttl)
			fprintf(f, " ttl %u", s->ttl);
		if (s->group)
			fprintf(f, " group %s", s->group);
		fputc('\n', f);
	}
	if (t->tcp || t->tcpfin || t->udp) {
		fprintf(f, IND "lvs_timeouts");
		if (t->tcp)
			fprintf(f, " tcp %lu", t->tcp);
		if (t->tcpfin)
			fprintf(f, " tcpfin %lu", t->tcpfin);
		if (t->udp)
			fprintf(f, " udp %lu", t->udp);
		fputc('\n', f);
	}
	p_flag(f, "lvs_flush", gd->lvs_flush);
	if (gd->lvs_flush_on_stop)
		fprintf(f, IND "lvs_flush_on_stop%s\n",
			gd->lvs_flush_on_stop_vs ? " VS" : "");
}

static void print_snmp(const struct global_data *gd, FILE *f)
{
	p_str(f, "snmp_socket", gd->snmp_socket);
	p_flag(f, "enable_snmp_vrrp", gd->snmp_vrrp);
	p_flag(f, "enable_snmp_checker", gd->snmp_checker);
	p_flag(f, "enable_snmp_rfcv2", gd->snmp_rfcv2);
	p_flag(f, "enable_snmp_rfcv3", gd->snmp_rfcv3);
	p_flag(f, "enable_traps", gd->snmp_traps);
	p_flag(f, "enable_dbus", gd->enable_dbus);
	p_str(f, "dbus_service_name", gd->dbus_service_name);
}

void global_data_dump(const struct global_data *gd, FILE *f)
{
	print_top(gd, f);
	fprintf(f, "global_defs {\n");
	print_process(gd, f);
	print_mail(gd, f);
	print_scripts(gd, f);
	print_vrrp(gd, f);
	print_firewall(gd, f);
	print_lvs(gd, f);
	print_snmp(gd, f);
	p_rcvbuf(f, "vrrp_netlink_cmd_rcv_bufs", &gd->vrrp_netlink_cmd);
	p_rcvbuf(f, "vrrp_netlink_monitor_rcv_bufs", &gd->vrrp_netlink_monitor);
	p_rcvbuf(f, "lvs_netlink_cmd_rcv_bufs", &gd->lvs_netlink_cmd);
	p_rcvbuf(f, "lvs_netlink_monitor_rcv_bufs", &gd->lvs_netlink_monitor);
	p_rcvbuf(f, "process_monitor_rcv_bufs", &gd->process_monitor);
	fprintf(f, "}\n");
}
