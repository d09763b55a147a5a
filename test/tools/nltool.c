/*
 * nltool: drives the netlink reflector for the integration tests.
 *
 *   nltool monitor [-a] [--rcvbuf N] [--dump-file F] [--hold-file F]
 *                  [--ready-file F]
 *       Runs the reflector on an event loop and logs to stdout what the
 *       daemon logs (-a: address changes too). SIGUSR1 writes the
 *       interface table to the dump file; SIGTERM/SIGINT write it and
 *       exit. While the hold file exists the monitor socket is not read,
 *       so that a burst of changes overruns it. The ready file is created
 *       once the table is loaded.
 *   nltool apply CONF | remove CONF
 *       Parses CONF with the daemon's parser and adds (removes) its
 *       static_ipaddress, static_routes and static_rules. Exit status 1
 *       if anything failed, 2 for a configuration error.
 *   nltool dump
 *       Prints the interface table once.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "config_test.h"
#include "event.h"
#include "log.h"
#include "netlink_daemon.h"
#include "memory.h"
#include "strutil.h"

#define HOLD_POLL_US 20000

struct tool {
	struct event_loop *loop;
	struct netlink_daemon *nd;
	struct netlink_daemon_opts o;
	const char *dump_file;
	const char *hold_file;
	const char *ready_file;
	struct event *ev_hold;
	bool held;
};

static int usage(void)
{
	fprintf(stderr, "usage: nltool monitor [-a] [--rcvbuf N] "
		"[--dump-file F] [--hold-file F] [--ready-file F]\n"
		"       nltool apply|remove CONF\n       nltool dump\n");
	return 2;
}

static void write_dump(struct tool *t)
{
	char *tmp;
	FILE *f;

	if (!t->dump_file)
		return;
	tmp = mem_asprintf("%s.tmp", t->dump_file);
	f = fopen(tmp, "we");
	if (f) {
		netlink_daemon_dump(t->nd, f);
		/* Renamed only when complete, so a reader never sees half. */
		if (fclose(f) == 0 && rename(tmp, t->dump_file) == 0)
			log_info("table written to %s", t->dump_file);
	} else {
		log_warn("cannot write %s", tmp);
	}
	mem_free(&tmp);
}

static void on_signal(struct event_loop *loop, const struct event_info *info)
{
	struct tool *t = info->arg;

	write_dump(t);
	if (info->signo != SIGUSR1)
		event_loop_stop(loop);
}

static void on_hold_timer(struct event_loop *loop,
			  const struct event_info *info)
{
	struct tool *t = info->arg;
	bool hold = access(t->hold_file, F_OK) == 0;

	if (hold != t->held) {
		nl_reflector_hold(netlink_daemon_reflector(t->nd), hold);
		t->held = hold;
		log_info("reading %s", hold ? "held" : "resumed");
	}
	event_add_timer(loop, &t->ev_hold, HOLD_POLL_US, on_hold_timer, t);
}

static int parse_monitor(struct tool *t, int argc, char **argv)
{
	unsigned long n;
	int i;

	for (i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argv[i], "-a")) {
			t->o.log_addresses = true;
			continue;
		}
		if (!v)
			return -EINVAL;
		if (!strcmp(argv[i], "--rcvbuf")) {
			if (str_to_ulong(v, 1, 1UL << 30, &n) < 0)
				return -EINVAL;
			t->o.mon_rcvbuf = n;
			t->o.mon_rcvbuf_force = true;
		} else if (!strcmp(argv[i], "--dump-file")) {
			t->dump_file = v;
		} else if (!strcmp(argv[i], "--hold-file")) {
			t->hold_file = v;
		} else if (!strcmp(argv[i], "--ready-file")) {
			t->ready_file = v;
		} else {
			return -EINVAL;
		}
		i++;
	}
	return 0;
}

static void touch(const char *path)
{
	FILE *f = fopen(path, "we");

	if (f)
		fclose(f);
}

static int monitor(struct tool *t, int argc, char **argv)
{
	if (parse_monitor(t, argc, argv) < 0)
		return usage();
	if (netlink_daemon_start(t->loop, &t->o, &t->nd) < 0)
		return 1;
	event_add_signal(t->loop, SIGUSR1, on_signal, t);
	event_add_signal(t->loop, SIGTERM, on_signal, t);
	event_add_signal(t->loop, SIGINT, on_signal, t);
	if (t->hold_file)
		event_add_timer(t->loop, &t->ev_hold, 0, on_hold_timer, t);
	write_dump(t);
	if (t->ready_file)
		touch(t->ready_file);
	log_info("monitoring");
	event_loop_run(t->loop);
	event_cancel(&t->ev_hold);
	return 0;
}

static void print_diag(const struct cfg_diag *d, void *ctx)
{
	config_test_print(ctx, d);
}

static int apply(struct tool *t, const char *path, bool add)
{
	struct conf_load_opts lo = { .diag = print_diag, .diag_ctx = stderr };
	struct ka_conf *conf = NULL;
	unsigned failed;

	if (conf_load_file(path, &lo, &conf) < 0)
		return 2;
	if (conf->worst >= CFG_WARNING) {
		conf_free(&conf);
		return 2;
	}
	if (netlink_daemon_start(t->loop, &t->o, &t->nd) < 0) {
		conf_free(&conf);
		return 1;
	}
	failed = add ? netlink_daemon_static_apply(t->nd, conf->statics,
						   conf->global->default_interface) :
		 netlink_daemon_static_remove(t->nd, conf->statics,
					      conf->global->default_interface);
	log_info("%s: %u failed", add ? "apply" : "remove", failed);
	conf_free(&conf);
	return failed ? 1 : 0;
}

static int run(struct tool *t, int argc, char **argv)
{
	if (!strcmp(argv[1], "monitor"))
		return monitor(t, argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "apply"))
		return apply(t, argv[2], true);
	if (argc == 3 && !strcmp(argv[1], "remove"))
		return apply(t, argv[2], false);
	if (argc == 2 && !strcmp(argv[1], "dump")) {
		if (netlink_daemon_start(t->loop, &t->o, &t->nd) < 0)
			return 1;
		netlink_daemon_dump(t->nd, stdout);
		return 0;
	}
	return usage();
}

int main(int argc, char **argv)
{
	struct log_opts lo = {
		.ident = "nltool", .flags = LOG_FLAG_CONSOLE, .console = stdout,
	};
	struct tool t = { 0 };
	int status;

	if (argc < 2)
		return usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	log_open(&lo);
	t.loop = event_loop_new(NULL);
	if (!t.loop) {
		perror("event_loop_new");
		return 1;
	}
	status = run(&t, argc, argv);
	netlink_daemon_stop(&t.nd);
	event_loop_free(&t.loop);
	log_close();
	return status;
}
