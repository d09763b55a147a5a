/*
 * global_data.c: allocation, defaults and release of struct global_data.
 */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "global_data.h"
#include "memory.h"

void global_data_strlist_add(struct gd_strlist *l, const char *s)
{
	l->items = mem_reallocarray(l->items, l->count + 1, sizeof(char *));
	l->items[l->count++] = mem_strdup(s);
}

void global_data_strlist_clear(struct gd_strlist *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		mem_free(&l->items[i]);
	mem_free(&l->items);
	l->count = 0;
}

void global_data_script_clear(struct gd_script *s)
{
	mem_free(&s->path);
	mem_free(&s->user);
	mem_free(&s->group);
	mem_free(&s->file);
	s->line = 0;
}

static void proc_defaults(struct gd_proc *p)
{
	p->rlimit_rttime_us = 10000;
}

static void proc_clear(struct gd_proc *p)
{
	mem_free(&p->process_name);
	mem_free(&p->cpus);
	mem_free(&p->cpus_file);
	p->cpu_count = 0;
}

struct global_data *global_data_new(void)
{
	struct global_data *gd = mem_new(struct global_data);

	gd->child_wait_time_s = 5;
	gd->startup_script_timeout_s = 10;
	gd->shutdown_script_timeout_s = 10;
	gd->min_auto_priority_delay_us = 1000000;
	proc_defaults(&gd->vrrp_proc);
	proc_defaults(&gd->checker_proc);
	proc_defaults(&gd->bfd_proc);

	gd->smtp_port = 25;
	gd->smtp_connect_timeout_s = 30;
	gd->smtp_alert = GD_UNSET;
	gd->smtp_alert_vrrp = GD_UNSET;
	gd->smtp_alert_checker = GD_UNSET;

	inet_pton(AF_INET, "224.0.0.18", &gd->mcast_group4);
	inet_pton(AF_INET6, "ff02::12", &gd->mcast_group6);
	gd->garp_master_delay_s = 5;
	gd->garp_master_repeat = 5;
	gd->garp_master_refresh_repeat = 1;
	gd->down_timer_adverts = 3;
	gd->lower_prio_no_advert = GD_UNSET;
	gd->higher_prio_send_advert = GD_UNSET;
	gd->vrrp_version = 2;
	gd->rx_bufs_multiplier = 3;

	gd->nftables_priority = -1;
	gd->nftables_ipvs_priority = -1;
	gd->nftables_ipvs_start_fwmark = 1000;
	return gd;
}

static void free_strings(struct global_data *gd)
{
	char **strs[] = {
		&gd->net_namespace, &gd->net_namespace_ipvs,
		&gd->instance_name, &gd->tmp_config_directory,
		&gd->state_dump_file, &gd->stats_dump_file,
		&gd->json_dump_file,
		&gd->config_save_dir, &gd->process_name,
		&gd->reload_check_config_log, &gd->reload_time_file,
		&gd->reload_file, &gd->router_id, &gd->email_from,
		&gd->smtp_server, &gd->smtp_helo_name, &gd->script_user,
		&gd->script_group, &gd->script_user_file,
		&gd->default_interface, &gd->vmac_prefix,
		&gd->vmac_addr_prefix, &gd->nftables_table,
		&gd->nftables_ipvs_table, &gd->iptables_in,
		&gd->iptables_out, &gd->lvs_sync.interface,
		&gd->lvs_sync.vrrp_instance, &gd->lvs_sync.group,
		&gd->snmp_socket, &gd->dbus_service_name,
	};
	size_t i;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		mem_free(strs[i]);
}

static void free_fifo(struct gd_notify_fifo *f)
{
	global_data_script_clear(&f->fifo);
	global_data_script_clear(&f->script);
}

void global_data_free(struct global_data **pgd)
{
	struct global_data *gd = pgd ? *pgd : NULL;
	size_t i;

	if (!gd)
		return;
	free_strings(gd);
	for (i = 0; i < gd->linkbeat_if_count; i++) {
		mem_free(&gd->linkbeat_ifs[i].name);
		mem_free(&gd->linkbeat_ifs[i].type);
		mem_free(&gd->linkbeat_ifs[i].file);
	}
	mem_free(&gd->linkbeat_ifs);
	proc_clear(&gd->vrrp_proc);
	proc_clear(&gd->checker_proc);
	proc_clear(&gd->bfd_proc);
	global_data_script_clear(&gd->startup_script);
	global_data_script_clear(&gd->shutdown_script);
	free_fifo(&gd->notify_fifo);
	free_fifo(&gd->vrrp_notify_fifo);
	free_fifo(&gd->lvs_notify_fifo);
	global_data_strlist_clear(&gd->email);
	global_data_strlist_clear(&gd->ipsets);
	mem_free(pgd);
}
