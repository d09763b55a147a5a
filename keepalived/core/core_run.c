/*
 * core_run.c: the daemon's single process for now.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "config_test.h"
#include "core_run.h"
#include "daemon.h"
#include "event.h"
#include "log.h"
#include "memory.h"
#include "pidfile.h"

struct core_run_state {
	const struct ka_options *opts;
	struct ka_conf *conf;
	struct event_loop *loop;
	unsigned reloads;
	unsigned reloads_rejected;
};

static void log_diag(const struct cfg_diag *d, void *ctx)
{
	char *place = NULL;

	(void)ctx;
	if (d->file && d->line)
		place = mem_asprintf("(%s: Line %u) ", d->file, d->line);
	else if (d->file)
		place = mem_asprintf("(%s) ", d->file);
	if (d->severity <= CFG_NOTE)
		log_info("%s%s", place ? place : "", d->message);
	else
		log_warnx("%s%s", place ? place : "", d->message);
	mem_free(&place);
}

static int load(const struct ka_options *o, struct ka_conf **out)
{
	struct conf_load_opts lo = {
		.config_id = o->config_id,
		.all_config = o->all_config,
		.diag = log_diag,
	};

	log_info("Configuration file %s", o->conf_file);
	return conf_load_file(o->conf_file, &lo, out);
}

/* Writes a dump without following a link someone planted in /tmp. */
static void dump_to(const char *path, const struct core_run_state *s,
		    bool stats)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
		      O_CLOEXEC, 0644);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");

	if (!f) {
		log_warn("Cannot write %s", path);
		if (fd >= 0)
			close(fd);
		return;
	}
	if (stats)
		fprintf(f, "Reloads: %u\nReloads rejected: %u\n", s->reloads,
			s->reloads_rejected);
	else
		global_data_dump(s->conf->global, f);
	if (fclose(f) != 0)
		log_warn("Cannot write %s", path);
}

static void reload(struct core_run_state *s)
{
	struct ka_conf *c = NULL;

	log_info("Reloading");
	/* A reload takes exactly what "keepalived -t" would accept. */
	if (load(s->opts, &c) < 0 ||
	    config_test_exit_status(c->worst) != CONFIG_TEST_EXIT_OK) {
		s->reloads_rejected++;
		log_warnx("Reload rejected: the new configuration has errors; "
			  "keeping the running one");
		conf_free(&c);
		return;
	}
	conf_free(&s->conf);
	s->conf = c;
	s->reloads++;
	log_info("Configuration reloaded");
}

static void on_signal(struct event_loop *loop, const struct event_info *info)
{
	struct core_run_state *s = info->arg;

	switch (info->signo) {
	case SIGTERM:
	case SIGINT:
		log_info("Stopping");
		event_loop_stop(loop);
		break;
	case SIGHUP:
		reload(s);
		break;
	case SIGUSR1:
		dump_to(CORE_RUN_DATA_FILE, s, false);
		break;
	case SIGUSR2:
		dump_to(CORE_RUN_STATS_FILE, s, true);
		break;
	}
}

static int run_loop(struct core_run_state *s)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2 };
	size_t i;
	int r;

	s->loop = event_loop_new(NULL);
	if (!s->loop) {
		log_warn("Cannot create the event loop");
		return CORE_RUN_EXIT_FATAL;
	}
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		r = event_add_signal(s->loop, sigs[i], on_signal, s);
		if (r < 0) {
			errno = -r;
			log_warn("Cannot handle signal %d", sigs[i]);
			event_loop_free(&s->loop);
			return CORE_RUN_EXIT_FATAL;
		}
	}
	r = event_loop_run(s->loop);
	event_loop_free(&s->loop);
	if (r < 0) {
		errno = -r;
		log_warn("Event loop failed");
		return CORE_RUN_EXIT_FATAL;
	}
	return 0;
}

static void open_log(const struct ka_options *o)
{
	struct log_opts lo = {
		.ident = "Keepalived",
		.facility = o->log_facility,
	};

	if (!o->no_syslog)
		lo.flags |= LOG_FLAG_SYSLOG;
	if (o->log_console)
		lo.flags |= LOG_FLAG_CONSOLE;
	if (o->log_detail)
		lo.flags |= LOG_FLAG_DETAIL;
	log_open(&lo);
}

static void warn_unavailable(const struct ka_options *o)
{
	char *list = cmdline_unavailable(o);
	char *line, *save = NULL;

	for (line = list ? strtok_r(list, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save))
		log_warnx("Option %s: not available yet in this build, "
			  "ignoring", line);
	mem_free(&list);
}

static void set_umask(const struct ka_options *o, const struct global_data *gd)
{
	if (o->umask_set)
		umask(o->umask);
	else if (gd->umask_set)
		umask(gd->umask);
	else
		umask(S_IWGRP | S_IWOTH);
}

static int start(struct core_run_state *s)
{
	const struct ka_options *o = s->opts;

	if (load(o, &s->conf) < 0)
		return CORE_RUN_EXIT_CONFIG;
	if (s->conf->worst >= CFG_FATAL) {
		log_warnx("The configuration cannot be used");
		return CORE_RUN_EXIT_CONFIG;
	}
	log_warnx("VRRP and the health checkers are not available yet in "
		  "this build: running with the global configuration only");
	set_umask(o, s->conf->global);
	if (o->dump_conf)
		global_data_dump(s->conf->global, stderr);
	if (!o->dont_fork && daemon_detach() < 0) {
		log_warn("Cannot detach from the terminal");
		return CORE_RUN_EXIT_FATAL;
	}
	return 0;
}

int core_run(const struct ka_options *o)
{
	struct core_run_state s = { .opts = o };
	bool pidfile = false;
	int status;

	open_log(o);
	log_info("Starting Keepalived v%s", PACKAGE_VERSION);
	warn_unavailable(o);
	status = start(&s);
	if (status == 0 && !o->dont_fork) {
		int r = pidfile_write(o->pid_file, getpid());

		if (r < 0) {
			errno = -r;
			log_warn("Cannot write pid file %s", o->pid_file);
		}
		pidfile = r == 0;
	}
	if (status == 0)
		status = run_loop(&s);
	if (pidfile)
		pidfile_remove(o->pid_file, getpid());
	conf_free(&s.conf);
	log_info("Stopped Keepalived v%s", PACKAGE_VERSION);
	log_close();
	return status;
}
