/*
 * core_run.c: the daemon path of main(): the log, then the parent or the
 * child this process was started as.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check_daemon.h"
#include "child.h"
#include "core_run.h"
#include "log.h"
#include "memory.h"
#include "parent.h"
#include "vrrp_daemon.h"

static void log_diag(const struct cfg_diag *d, void *ctx)
{
	const bool *quiet = ctx;
	char *place = NULL;

	if (d->file && d->line)
		place = mem_asprintf("(%s: Line %u) ", d->file, d->line);
	else if (d->file)
		place = mem_asprintf("(%s) ", d->file);
	if (d->severity >= CFG_ERROR)
		log_warnx("%s%s", place ? place : "", d->message);
	else if (*quiet || d->severity <= CFG_NOTE)
		log_detail("%s%s", place ? place : "", d->message);
	else
		log_warnx("%s%s", place ? place : "", d->message);
	mem_free(&place);
}

int core_run_load(const struct ka_options *o, bool quiet,
		  struct ka_conf **out)
{
	struct conf_load_opts lo = {
		.config_id = o->config_id,
		.all_config = o->all_config,
		.diag = log_diag,
		.diag_ctx = &quiet,
	};

	if (!quiet)
		log_info("Configuration file %s", o->conf_file);
	return conf_load_file(o->conf_file, &lo, out);
}

char *core_run_ident(const char *base, const char *netns,
		     const char *instance)
{
	return mem_asprintf("%s%s%s%s%s", base, netns ? "_" : "",
			    netns ? netns : "", instance ? "_" : "",
			    instance ? instance : "");
}

/* -g for this process: the parent writes FILE itself, each child
 * FILE with its tag inserted (keepalived's names: _vrrp, _healthcheckers).
 * The file is appended to, never through a symbolic link. */
static FILE *open_log_file(const struct ka_options *o)
{
	struct child_start s;
	const char *env = getenv(CHILD_ENV);
	char *path;
	FILE *f = NULL;
	int fd;

	if (!o->log_file || !*o->log_file)
		return NULL;
	if (env && child_env_parse(env, &s) == 0)
		path = log_file_name(o->log_file, s.role == CHILD_VRRP ?
				     "vrrp" : "healthcheckers");
	else
		path = mem_strdup(o->log_file);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
		  0640);
	if (fd >= 0 && !(f = fdopen(fd, "a")))
		close(fd);
	if (!f)
		log_warn("Cannot open the log file %s", path);
	mem_free(&path);
	return f;
}

static FILE *open_log(const struct ka_options *o)
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
	if (o->flush_log_file)
		lo.flags |= LOG_FLAG_FILE_FLUSH;
	lo.file = open_log_file(o);
	log_open(&lo);
	return lo.file;
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

/* True if CHILD_ENV names a child role and our watchdog socket. */
static bool started_as_child(struct child_start *s)
{
	const char *v = getenv(CHILD_ENV);
	int type = 0;
	socklen_t len = sizeof(type);
	bool ok;

	if (!v)
		return false;
	ok = child_env_parse(v, s) == 0 &&
	     getsockopt(s->fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
	     type == SOCK_SEQPACKET;
	/* Scripts the child runs must not believe they are children. */
	unsetenv(CHILD_ENV);
	if (!ok)
		log_warnx("Ignoring %s='%s': not started by our parent",
			  CHILD_ENV, v);
	return ok;
}

int core_run(const struct ka_options *o, int argc, char **argv)
{
	struct child_start s;
	FILE *log_file;
	int status;

	log_file = open_log(o);
	if (started_as_child(&s)) {
		/* Only the parent talks to systemd. */
		unsetenv("NOTIFY_SOCKET");
		status = s.role == CHILD_VRRP ? vrrp_daemon_run(o, &s)
			 : check_daemon_run(o, &s);
	} else {
		warn_unavailable(o);
		status = parent_run(o, argc, argv);
	}
	log_close();
	if (log_file)
		fclose(log_file);
	return status;
}
