/*
 * child_dump.c: a child's dump files (USR1 data, USR2 stats, JSON).
 *
 * Each child writes its own files, named from the configured (or
 * default) name with its tag: the VRRP child writes /tmp/keepalived.data,
 * the checker /tmp/keepalived_check.data, as keepalived 2.2.7 does for
 * the state dump; likewise for .stats and .json. A dump is built in
 * memory first and written in one go by dump_file_write().
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "child_internal.h"
#include "dump_file.h"
#include "log.h"
#include "memory.h"

static void write_out(const char *base, const char *tag, const char *what,
		      const char *data, size_t len)
{
	char *path = dump_file_name(base, tag);
	int r = dump_file_write(path, data, len);

	if (r < 0) {
		errno = -r;
		log_warn("Cannot write the %s dump %s", what, path);
	} else {
		log_info("Wrote the %s dump %s", what, path);
	}
	mem_free(&path);
}

static double uptime_s(const struct child *c)
{
	return (double)(clock_monotonic_us() - c->started_us) / 1e6;
}

static void header(FILE *f, const struct child *c)
{
	fprintf(f, "------< %s (pid %ld) >------\n", c->ident,
		(long)getpid());
	fprintf(f, " Version = %s\n", PACKAGE_VERSION);
	fprintf(f, " Generation = %u\n", c->start.generation);
	fprintf(f, " Uptime = %.6f s\n", uptime_s(c));
}

/* Runs fill on a memory stream and writes the result. */
static void dump_text(struct child *c, const char *base, const char *what,
		      void (*fill)(FILE *f, struct child *c))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f) {
		log_warn("Cannot build the %s dump", what);
		return;
	}
	fill(f, c);
	if (fclose(f) != 0)
		log_warn("Cannot build the %s dump", what);
	else
		write_out(base, c->ops->dump_tag, what, buf, len);
	free(buf);
}

static void fill_data(FILE *f, struct child *c)
{
	header(f, c);
	fprintf(f, "------< Global definitions >------\n");
	global_data_dump(c->conf->global, f);
	c->ops->dump_data(f, c->conf, &c->env);
}

void child_dump_data(struct child *c)
{
	const char *base = c->conf->global->state_dump_file;

	dump_text(c, base ? base : DUMP_FILE_DATA, "state", fill_data);
}

static void fill_stats(FILE *f, struct child *c)
{
	header(f, c);
	fprintf(f, " Reloads = %u\n", c->stats.reloads);
	fprintf(f, " Reloads rejected = %u\n", c->stats.reloads_rejected);
	fprintf(f, " Watchdog hellos answered = %llu\n",
		(unsigned long long)c->stats.hellos);
	fprintf(f, " Bad messages from the parent = %llu\n",
		(unsigned long long)c->stats.bad_messages);
	c->ops->dump_stats(f, c->conf, &c->env, c->clearing);
}

void child_dump_stats(struct child *c, bool clear)
{
	const char *base = c->conf->global->stats_dump_file;

	c->clearing = clear;
	dump_text(c, base ? base : DUMP_FILE_STATS, "stats", fill_stats);
	c->clearing = false;
	if (clear) {
		memset(&c->stats, 0, sizeof(c->stats));
		log_info("Statistics cleared");
	}
}

static void json_global(struct json *j, const struct global_data *gd)
{
	json_begin_object(j, "global");
	json_string(j, "router_id", gd->router_id);
	json_string(j, "net_namespace", gd->net_namespace);
	json_string(j, "instance", gd->instance_name);
	json_uint(j, "vrrp_version", gd->vrrp_version);
	json_bool(j, "vrrp_strict", gd->vrrp_strict);
	json_bool(j, "script_security", gd->enable_script_security);
	json_end_object(j);
}

static void json_process(struct json *j, const struct child *c)
{
	json_string(j, "process", c->ops->json_name);
	json_int(j, "pid", getpid());
	json_string(j, "version", PACKAGE_VERSION);
	json_uint(j, "generation", c->start.generation);
	json_int(j, "started", (long long)c->started_at);
	json_double(j, "uptime", uptime_s(c));
	json_begin_object(j, "stats");
	json_uint(j, "reloads", c->stats.reloads);
	json_uint(j, "reloads_rejected", c->stats.reloads_rejected);
	json_uint(j, "watchdog_hellos", c->stats.hellos);
	json_uint(j, "bad_messages", c->stats.bad_messages);
	json_end_object(j);
}

void child_dump_json(struct child *c)
{
	const char *base = c->conf->global->json_dump_file;
	struct json *j = json_new();
	const char *text;
	size_t len;

	json_begin_object(j, NULL);
	json_process(j, c);
	json_global(j, c->conf->global);
	c->ops->dump_json(j, c->conf, &c->env);
	json_end_object(j);
	text = json_text(j, &len);
	if (!text)
		log_warnx("The JSON dump is malformed: not written");
	else
		write_out(base ? base : DUMP_FILE_JSON, c->ops->dump_tag,
			  "JSON", text, len);
	json_free(&j);
}
