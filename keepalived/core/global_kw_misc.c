/*
 * global_kw_misc.c: global_defs keywords with more than one value to read:
 * mail, scripts, LVS, scheduling and reload settings.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "global_kw.h"
#include "memory.h"

/* An address, or a name that DNS could resolve later (looked up when
 * mail is sent, not while parsing). */
static bool host_syntax_ok(const char *s)
{
	unsigned char buf[sizeof(struct in6_addr)];
	const char *c;

	if (inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1)
		return true;
	if (!*s || strlen(s) > 253 || *s == '.' || *s == '-')
		return false;
	for (c = s; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '.')
			return false;
	return true;
}

GLOBAL_KW(global_kw_smtp_server)
{
	struct global_data *gd = GD(obj);
	unsigned long port = 25;

	if (global_kw_args(p, w, 1, 2) < 0)
		return -EINVAL;
	if (!host_syntax_ok(w->words[1])) {
		cfg_report(p, CFG_ERROR, "smtp_server: '%s' is neither an "
			   "address nor a host name", w->words[1]);
		return -EINVAL;
	}
	if (w->count > 2 && cfg_get_uint(p, w, 2, 1, 65535, &port) < 0)
		return -EINVAL;
	gd->smtp_port = (unsigned)port;
	return cfg_get_string(p, w, 1, &gd->smtp_server);
}

GLOBAL_KW(global_kw_email_line)
{
	size_t i;

	(void)p;
	for (i = 0; i < w->count; i++)
		global_data_strlist_add(&GD(obj)->email, w->words[i]);
	return 0;
}

GLOBAL_KW(global_kw_umask)
{
	struct global_data *gd = GD(obj);
	char *text = NULL;
	mode_t mask;
	int r;

	if (global_kw_args(p, w, 1, SIZE_MAX) < 0 ||
	    cfg_get_rest(p, w, 1, &text) < 0)
		return -EINVAL;
	r = global_kw_parse_umask(text, &mask);
	if (r < 0)
		cfg_report(p, CFG_ERROR, "umask: invalid value '%s'", text);
	mem_free(&text);
	if (r < 0)
		return r;
	gd->umask = mask;
	gd->umask_set = true;
	return 0;
}

/* The numeric options of lvs_sync_daemon, with their ranges. */
static unsigned *sync_number(struct gd_lvs_sync *s, const char *k,
			     unsigned long *min, unsigned long *max)
{
	*min = 1;
	if (!strcmp(k, "id")) {
		*min = 0;
		*max = 255;
		s->syncid_set = true;
		return &s->syncid;
	}
	if (!strcmp(k, "maxlen"))
		return *max = 65507, &s->maxlen;
	if (!strcmp(k, "port"))
		return *max = 65535, &s->port;
	if (!strcmp(k, "ttl"))
		return *max = 255, &s->ttl;
	return NULL;
}

/* One "name value" pair of lvs_sync_daemon. */
static int sync_option(struct cfg_parser *p, const struct cfg_words *w,
		       size_t i, struct gd_lvs_sync *s)
{
	const char *k = w->words[i];
	unsigned long min, max, v;
	unsigned *dst;

	if (i + 1 >= w->count) {
		cfg_report(p, CFG_ERROR, "lvs_sync_daemon: '%s' needs a "
			   "value", k);
		return -EINVAL;
	}
	if (!strcmp(k, "inst"))
		return cfg_get_string(p, w, i + 1, &s->vrrp_instance);
	if (!strcmp(k, "group"))
		return cfg_get_string(p, w, i + 1, &s->group);
	dst = sync_number(s, k, &min, &max);
	if (!dst) {
		cfg_report(p, CFG_ERROR, "lvs_sync_daemon: unknown option "
			   "'%s'", k);
		return -EINVAL;
	}
	if (cfg_get_uint(p, w, i + 1, min, max, &v) < 0)
		return -EINVAL;
	*dst = (unsigned)v;
	return 0;
}

static bool sync_keyword(const char *k)
{
	static const char *const names[] = {
		"inst", "group", "id", "maxlen", "port", "ttl", NULL
	};
	size_t i;

	for (i = 0; names[i]; i++)
		if (!strcmp(names[i], k))
			return true;
	return false;
}

GLOBAL_KW(global_kw_lvs_sync_daemon)
{
	struct gd_lvs_sync *s = &GD(obj)->lvs_sync;
	size_t i = 2;

	if (global_kw_args(p, w, 1, SIZE_MAX) < 0 ||
	    cfg_get_string(p, w, 1, &s->interface) < 0)
		return -EINVAL;
	/* The instance name may come without "inst", as in old versions. */
	if (w->count > 2 && !sync_keyword(w->words[2])) {
		if (cfg_get_string(p, w, 2, &s->vrrp_instance) < 0)
			return -EINVAL;
		i = 3;
	}
	for (; i < w->count; i += 2)
		if (sync_option(p, w, i, s) < 0)
			return -EINVAL;
	return 0;
}
GLOBAL_KW(global_kw_lvs_timeouts)
{
	struct gd_lvs_timeouts *t = &GD(obj)->lvs_timeouts;
	size_t i;

	if (w->count < 3 || w->count % 2 == 0) {
		cfg_report(p, CFG_ERROR, "lvs_timeouts needs one or more of "
			   "tcp, tcpfin or udp, each with seconds");
		return -EINVAL;
	}
	for (i = 1; i + 1 < w->count; i += 2) {
		unsigned long *dst = !strcmp(w->words[i], "tcp") ? &t->tcp :
				     !strcmp(w->words[i], "tcpfin") ? &t->tcpfin :
				     !strcmp(w->words[i], "udp") ? &t->udp : NULL;

		if (!dst) {
			cfg_report(p, CFG_ERROR, "lvs_timeouts: unknown "
				   "option '%s'", w->words[i]);
			return -EINVAL;
		}
		/* The kernel keeps these as seconds times HZ in an int. */
		if (cfg_get_uint(p, w, i + 1, 1, 86400 * 31, dst) < 0)
			return -EINVAL;
	}
	return 0;
}

GLOBAL_KW(global_kw_lvs_flush_on_stop)
{
	struct global_data *gd = GD(obj);

	if (global_kw_args(p, w, 0, 1) < 0)
		return -EINVAL;
	if (w->count == 2 && strcmp(w->words[1], "VS")) {
		cfg_report(p, CFG_ERROR, "lvs_flush_on_stop: unknown option "
			   "'%s' (only VS)", w->words[1]);
		return -EINVAL;
	}
	gd->lvs_flush_on_stop = true;
	gd->lvs_flush_on_stop_vs = w->count == 2;
	return 0;
}

/* Whether the CPUs exist is checked after the parse (config_check.c). */
static int cpu_affinity(struct cfg_parser *p, const struct cfg_words *w,
			struct gd_proc *proc)
{
	unsigned *cpus;
	size_t i;

	if (global_kw_args(p, w, 1, SIZE_MAX) < 0)
		return -EINVAL;
	cpus = mem_calloc(w->count - 1, sizeof(*cpus));
	for (i = 1; i < w->count; i++) {
		unsigned long v;

		if (cfg_get_uint(p, w, i, 0, CPU_SETSIZE - 1, &v) < 0) {
			mem_free(&cpus);
			return -EINVAL;
		}
		cpus[i - 1] = (unsigned)v;
	}
	mem_free(&proc->cpus);
	proc->cpus = cpus;
	proc->cpu_count = w->count - 1;
	mem_free(&proc->cpus_file);
	proc->cpus_file = mem_strdup(w->file ? w->file : "");
	proc->cpus_line = w->line;
	return 0;
}

GLOBAL_KW(global_kw_vrrp_cpu_affinity)
{
	return cpu_affinity(p, w, &GD(obj)->vrrp_proc);
}

GLOBAL_KW(global_kw_checker_cpu_affinity)
{
	return cpu_affinity(p, w, &GD(obj)->checker_proc);
}

GLOBAL_KW(global_kw_bfd_cpu_affinity)
{
	return cpu_affinity(p, w, &GD(obj)->bfd_proc);
}

GLOBAL_KW(global_kw_max_auto_priority)
{
	struct global_data *gd = GD(obj);

	if (w->count == 1) {
		gd->max_auto_priority = 99;	/* omitted: the maximum */
		return 0;
	}
	return global_kw_int(p, w, -1, 99, &gd->max_auto_priority);
}

GLOBAL_KW(global_kw_script_user)
{
	struct global_data *gd = GD(obj);

	if (global_kw_args(p, w, 1, 2) < 0)
		return -EINVAL;
	mem_free(&gd->script_group);
	if (w->count > 2)
		gd->script_group = mem_strdup(w->words[2]);
	mem_free(&gd->script_user_file);
	gd->script_user_file = mem_strdup(w->file ? w->file : "");
	gd->script_user_line = w->line;
	return cfg_get_string(p, w, 1, &gd->script_user);
}

GLOBAL_KW(global_kw_reload_check_config)
{
	struct global_data *gd = GD(obj);

	if (global_kw_args(p, w, 0, 1) < 0)
		return -EINVAL;
	gd->reload_check_config = true;
	if (w->count == 2)
		return cfg_get_string(p, w, 1, &gd->reload_check_config_log);
	return 0;
}

GLOBAL_KW(global_kw_reload_file)
{
	struct global_data *gd = GD(obj);

	if (global_kw_args(p, w, 0, 1) < 0)
		return -EINVAL;
	if (w->count == 2 && global_kw_abspath(p, w, 1, &gd->reload_file) < 0)
		return -EINVAL;
	gd->reload_file_set = true;
	return 0;
}

GLOBAL_KW(global_kw_reload_time_file)
{
	if (global_kw_args(p, w, 1, 1) < 0)
		return -EINVAL;
	return global_kw_abspath(p, w, 1, &GD(obj)->reload_time_file);
}

GLOBAL_KW(global_kw_net_namespace_ipvs)
{
	struct global_data *gd = GD(obj);

	if (global_kw_args(p, w, 0, 1) < 0)
		return -EINVAL;
	gd->net_namespace_ipvs_set = true;
	if (w->count == 2)
		return cfg_get_string(p, w, 1, &gd->net_namespace_ipvs);
	return 0;
}

GLOBAL_KW(global_kw_linkbeat_line)
{
	struct global_data *gd = GD(obj);
	struct gd_linkbeat_if *l;

	if (w->count > 2) {
		cfg_report(p, CFG_ERROR, "linkbeat_interfaces: unexpected "
			   "'%s' after %s", w->words[2], w->words[0]);
		return -EINVAL;
	}
	if (w->count == 2 && strcmp(w->words[1], "MII") &&
	    strcmp(w->words[1], "ETHTOOL") && strcmp(w->words[1], "IOCTL")) {
		cfg_report(p, CFG_ERROR, "linkbeat_interfaces: unknown "
			   "polling type '%s' (MII, ETHTOOL or IOCTL)",
			   w->words[1]);
		return -EINVAL;
	}
	gd->linkbeat_ifs = mem_reallocarray(gd->linkbeat_ifs,
					    gd->linkbeat_if_count + 1,
					    sizeof(*gd->linkbeat_ifs));
	l = &gd->linkbeat_ifs[gd->linkbeat_if_count++];
	l->name = mem_strdup(w->words[0]);
	l->type = w->count == 2 ? mem_strdup(w->words[1]) : NULL;
	l->file = mem_strdup(w->file ? w->file : "");
	l->line = w->line;
	return 0;
}
